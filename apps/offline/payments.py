"""Which of the customer's payment methods a message names, and how a method reads to them.

Customers say "my Visa", "the card ending 9182", "PayPal", "my gift card" or "the original
one"; the tools want the method's id. The id itself never goes back to the customer: a method
reads as "Visa ending 9182", "PayPal" or "gift card ending 8843".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

Methods = Mapping[str, Any]

_ID = re.compile(r"\b(?:gift_card|credit_card|paypal)_\d+\b", re.IGNORECASE)
_ENDING = re.compile(r"\b(?:ending|ends|last (?:four|4 digits)?)\s*(?:in|with|on|:)?\s*(\d{4})\b", re.I)
_FOUR = re.compile(r"(?<![\d#wW])(\d{4})(?!\d)")
_ORIGINAL = re.compile(
    r"\boriginal\b|\bsame (?:card|method|way|account|payment)\b|\bhow i paid\b|\bwhere it came from\b"
    r"|\bthe one i (?:paid|used)\b",
    re.IGNORECASE,
)
_GIFT = re.compile(r"\bgift\s?cards?\b|\bstore credit\b", re.IGNORECASE)
_PAYPAL = re.compile(r"\bpay\s?pal\b", re.IGNORECASE)
_CARD = re.compile(
    r"\b(?:credit|debit) card\b|\bcard\b|\bvisa\b|\bmaster\s?card\b|\bamex\b|\bdiscover\b", re.I
)
_BRANDS = ("visa", "mastercard", "amex", "discover")

ORIGINAL = "original"


def _ending(method_id: str, method: Mapping[str, Any]) -> str:
    if method.get("last_four"):
        return str(method["last_four"])
    digits = re.sub(r"\D", "", method_id)
    return digits[-4:]


def method_label(method_id: str, methods: Methods) -> str:
    """'Visa ending 9182', 'PayPal', 'gift card ending 8843': never the internal id."""
    method = methods.get(method_id) or {}
    source = str(method.get("source") or method_id.rsplit("_", 1)[0])
    ending = _ending(method_id, method)
    if source == "credit_card":
        brand = str(method.get("brand") or "credit card")
        brand = "Mastercard" if brand.lower() == "mastercard" else brand.title()
        return f"{brand} ending {ending}" if ending else brand
    if source == "paypal":
        return "PayPal"
    if source == "gift_card":
        return f"gift card ending {ending}" if ending else "gift card"
    return "the payment method on file"


def named_method(text: str, methods: Methods) -> str | None:
    """The method id the text names ('original' for the original method), or None when it names
    none or more than one of the customer's methods."""
    explicit = [m.lower() for m in _ID.findall(text)]
    for method_id in methods:
        if method_id.lower() in explicit:
            return method_id
    endings = _ENDING.findall(text) or _FOUR.findall(text)
    if endings:
        by_ending = [m for m, data in methods.items() if _ending(m, data) in endings]
        if len(by_ending) == 1:
            return by_ending[0]
    candidates: list[str] = []
    if _PAYPAL.search(text):
        candidates += [m for m, data in methods.items() if data.get("source") == "paypal"]
    if _GIFT.search(text):
        candidates += [m for m, data in methods.items() if data.get("source") == "gift_card"]
    lowered = text.lower()
    if _CARD.search(text) and not _GIFT.search(text):
        cards = [m for m, data in methods.items() if data.get("source") == "credit_card"]
        branded = [m for m in cards if str(methods[m].get("brand", "")).lower() in lowered]
        mentioned_brand = any(brand in lowered for brand in _BRANDS)
        candidates += branded if (branded or mentioned_brand) else cards
    if len(candidates) == 1:
        return candidates[0]
    if not candidates and _ORIGINAL.search(text):
        return ORIGINAL
    return None


def mentions_method(text: str) -> bool:
    return bool(
        _ID.search(text) or _PAYPAL.search(text) or _GIFT.search(text) or _CARD.search(text)
        or _ORIGINAL.search(text) or _ENDING.search(text)
    )  # fmt: skip


def balance(methods: Methods, method_id: str) -> Any:
    return (methods.get(method_id) or {}).get("balance")
