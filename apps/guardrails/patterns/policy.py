"""Policy statements in English that contradict a text fact ("gift cards expire after a year")."""

from __future__ import annotations

import re
from dataclasses import dataclass

POLICY_HINTS = ("gift", "cancel", "return", "exchang", "restock", "accept", "pay", "cash", "balance")


@dataclass(frozen=True)
class PolicyPattern:
    """A statement that contradicts a text fact while that fact still says `expected`."""

    fact: str
    expected: str
    pattern: re.Pattern[str]
    negatable: bool = True  # a negation in the clause ("cannot be cashed out") defuses it


POLICY_PATTERNS: tuple[PolicyPattern, ...] = (
    PolicyPattern(
        "gift-card-expiry",
        "never",
        re.compile(
            r"\bgift cards?(?: balances?| credit)? (?:will |do |does |can )?expires? (?:after|in|within|at"
            r"|once|"
            r"if|\d)|\bgift cards?(?: balances?)? (?:are|is) (?:only )?valid (?:for|until)\b",
            re.IGNORECASE,
        ),
        negatable=False,
    ),
    PolicyPattern(
        "gift-card-cash-out",
        "not possible",
        re.compile(
            r"\b(?:cash(?:ed)? out|withdraw\w*|pay(?:ed|ing)? out|transfer\w*|mov(?:e|ed|ing)) (?:the |your "
            r"|a )?"
            r"(?:remaining )?(?:gift card )?(?:balance|gift card)\b|\bgift card balance (?:can|could|may) be "
            r"(?:paid out|cashed|withdrawn|transferred|moved)\b",
            re.IGNORECASE,
        ),
    ),
    PolicyPattern(
        "cancellable-status",
        "pending",
        re.compile(
            r"\b(?:processed|shipped|delivered|dispatched) orders? can (?:still |also )?be cancell?ed\b|"
            r"\bcan (?:still |also )?(?:be )?cancel(?:led)? (?:it |the order |your order )?(?:even )?"
            r"(?:though|although|after|now that|once) (?:it|the order|your order) (?:has|is|was) "
            r"(?:been |already )?(?:processed|shipped|delivered|dispatched)\b|\b(?:still|also) be cancell?ed "
            r"(?:even )?(?:though|although|after|now that) it (?:has|is|was) (?:been |already )?"
            r"(?:processed|shipped|delivered)\b",
            re.IGNORECASE,
        ),
    ),
    PolicyPattern(
        "returnable-status",
        "delivered",
        re.compile(
            r"\b(?:pending|processed|undelivered|in[- ]transit) (?:orders?|items?) can (?:also )?be "
            r"(?:returned|exchanged)\b|\breturn (?:items|it|them|an order) (?:before|even before) "
            r"(?:it|they) (?:arrive|arrives|are delivered|is delivered)\b",
            re.IGNORECASE,
        ),
    ),
    PolicyPattern(
        "restocking-fee",
        "0.00",
        re.compile(
            r"\b(?:there is|there's|we charge|you'll be charged|includes?|applies) an? restocking fee\b", re.I
        ),
    ),
    PolicyPattern(
        "return-shipping-fee",
        "0.00",
        re.compile(
            r"\byou(?:'ll| will)? (?:need to |have to |must )?pay (?:for )?(?:the )?return shipping\b|"
            r"\breturn shipping is (?:at your (?:own )?expense|paid by you|your responsibility)\b|"
            r"\breturn label costs?\b",
            re.IGNORECASE,
        ),
    ),
    PolicyPattern(
        "payment-methods",
        "credit card, PayPal, gift card",
        re.compile(
            r"\bwe (?:also |now |gladly )?(?:accept|take|support) (?:[\w ,]{0,40})?\b(?:apple pay|google pay|"
            r"bitcoin|crypto\w*|bank transfers?|wire transfers?|cash on delivery|cash|venmo|klarna|afterpay|"
            r"cheques?|checks?|amazon pay|zelle)\b|\byou can (?:also )?pay (?:with|by|using) (?:apple pay|"
            r"google pay|bitcoin|crypto\w*|bank transfer|cash|venmo|klarna|afterpay|zelle)\b",
            re.IGNORECASE,
        ),
    ),
)
