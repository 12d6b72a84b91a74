"""Payment methods as an answer names them ("your PayPal account", "the gift card", "your Visa
ending in 1234") and as the conversation knows them (the `payment_methods` of an observed
customer): a payment change is backed only by a call to a method the sentence could mean."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

# Kind of method -> what names it, in the four languages read.
_KINDS = (
    ("paypal", re.compile(r"\bpaypal\b", re.I)),
    (
        "gift_card",
        re.compile(r"\bgift ?cards?\b|\btarjeta (?:de )?regalo\b|\bcarte[- ]cadeau\b|\bgutschein", re.I),
    ),
    (
        "credit_card",
        re.compile(
            r"(?<!gift )\b(?:credit|debit|bank) ?card\b|\bcard on file\b|\bcard you paid with\b|\bvisa\b|"
            r"\bmastercard\b|\bamex\b|\bamerican express\b|\bdiscover card\b|\btarjeta(?: de cr[ée]dito)?\b"
            r"|\bcarte (?:bancaire|de cr[ée]dit)\b|\bkreditkarte\b",
            re.I,
        ),
    ),
)
_BRANDS = re.compile(r"\b(visa|mastercard|amex|american express|discover)\b", re.I)
_LAST_FOUR = re.compile(
    r"\b(?:ending(?: in| with)?|ends in|last (?:four|4)(?: digits)?|terminada en|se terminant par|"
    r"finissant par|endet auf|endend auf)\W{0,3}(\d{4})\b",
    re.I,
)


@dataclass(frozen=True)
class NamedMethods:
    """What a sentence says about the payment method: kinds, card brands, last four digits."""

    kinds: frozenset[str]
    brands: frozenset[str]
    last_four: frozenset[str]

    def __bool__(self) -> bool:
        return bool(self.kinds)


def named_methods(text: str) -> NamedMethods:
    kinds = frozenset(kind for kind, cue in _KINDS if cue.search(text))
    brands = frozenset(b.lower().replace("american express", "amex") for b in _BRANDS.findall(text))
    return NamedMethods(kinds, brands, frozenset(_LAST_FOUR.findall(text)))


def known_methods(observations: Iterable[Any]) -> dict[str, Mapping[str, Any]]:
    """Every payment method an observation shows (a customer's `payment_methods`), by id."""
    found: dict[str, Mapping[str, Any]] = {}
    for value in observed_objects(observations):
        methods = value.get("payment_methods")
        if isinstance(methods, dict):
            found.update({str(k): v for k, v in methods.items() if isinstance(v, Mapping)})
    return found


def observed_objects(observations: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """Every JSON object inside the observations, nested ones included (depth first)."""
    stack = [data for data in map(observed_data, observations) if isinstance(data, dict | list)]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(v for v in value if isinstance(v, dict | list))
            continue
        yield value
        stack.extend(v for v in value.values() if isinstance(v, dict | list))


def observed_data(observation: Any) -> Any:
    """An observation as data: Observation-like objects give their data, JSON text is parsed."""
    if hasattr(observation, "ok") and hasattr(observation, "data"):
        return observation.data if observation.ok else None
    if isinstance(observation, str) and observation.lstrip()[:1] in "{[":
        try:
            return json.loads(observation)
        except ValueError:
            return None
    return observation


def method_is_named(method_id: str, named: NamedMethods, known: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether a call's payment_method_id is a method the sentence names (any, if it names none)."""
    if not named or not method_id:
        return True
    details = known.get(method_id, {})
    kind = str(details.get("source") or "") or next(
        (k for k, _ in _KINDS if method_id.startswith(k + "_")), ""
    )
    if kind and kind not in named.kinds:
        return False
    if kind == "credit_card":
        brand = str(details.get("brand") or "").lower()
        if named.brands and brand and brand not in named.brands:
            return False
        last_four = str(details.get("last_four") or "")
        if named.last_four and last_four and last_four not in named.last_four:
            return False
    return True
