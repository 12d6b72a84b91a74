"""Policy statements in English that contradict a text fact ("gift cards expire after a year")."""

from __future__ import annotations

import re
from dataclasses import dataclass

POLICY_HINTS = (
    "gift",
    "cancel",
    "return",
    "exchang",
    "swap",
    "restock",
    "accept",
    "pay",
    "cash",
    "balance",
    "expir",
    "valid",
    "back",
)


@dataclass(frozen=True)
class PolicyPattern:
    """A statement that contradicts a text fact while that fact still says `expected` (any value
    when `expected` is empty: the statement contradicts what the fact's statement says)."""

    fact: str
    expected: str
    pattern: re.Pattern[str]
    negatable: bool = True  # a negation in the clause ("cannot be cashed out") defuses it


POLICY_PATTERNS: tuple[PolicyPattern, ...] = (
    PolicyPattern(
        "gift-card-expiry",
        "never",
        # Any statement that a gift card or its balance runs out: "expires after a year", "balances
        # expire two years after purchase", "is valid for 12 months", "has an expiry date".
        re.compile(
            r"\b(?:gift ?cards?|(?:gift card |card |remaining )?balances?|store credit)\b"
            r"(?:\s+[\w']+){0,4}?\s+"
            r"(?:expire[sd]?|expiring|lapse[sd]?|run(?:s)? out after|los(?:e|es|ing|t) (?:its|their) value|"
            r"(?:is|are|gets?|will be) (?:lost|forfeit\w*|voided|void|wiped|cancell?ed|deactivated) "
            r"(?:after|if|when|once|at|in|within)|forfeit\w*|"
            r"(?:is|are|stays?|remains?) (?:only )?(?:valid|good|usable|redeemable) "
            r"(?:for|until|through|up to)|"
            r"(?:only )?lasts? (?:for )?(?:a|an|one|\d+|\w+) (?:years?|months?|days?)|"
            r"(?:must|has to|have to|needs? to) be (?:used|spent|redeemed) (?:within|by|before))\b|"
            r"\bexpir(?:y|ation)(?: date)? (?:of|on|for) (?:the |your |a )?"
            r"(?:gift ?card|balance)|\b(?:gift ?cards?|balances?) (?:has|have|carries|carry|comes? with) an? "
            r"expir",
            re.IGNORECASE,
        ),
    ),
    PolicyPattern(
        "gift-card-cash-out",
        "not possible",
        # A gift card or its balance, a verb that moves money, and cash or a bank as where it goes,
        # in any order within the clause: "we can pay your gift card balance out to your bank".
        re.compile(
            r"^(?=.*\b(?:gift ?cards?|balance)\b)"
            r"(?=.*\b(?:bank|cash\w*|checking|savings|wire|withdr[ae]w\w*)\b)"
            r"(?=.*\b(?:cash(?:ed|ing)?\s+(?:[\w']+\s+){0,4}?out|pa(?:y|ys|id|ying)\s+(?:[\w']+\s+){0,5}?out|"
            r"withdr[ae]w\w*|transfer\w*|mov(?:e|es|ed|ing)|sen(?:d|ds|t|ding)|wir(?:e|ed|ing)\b|deposit\w*|"
            r"convert\w*|exchang\w*|turn\w*\s+(?:[\w']+\s+){0,3}?into|refund\w*|get\s+(?:[\w']+\s+){0,3}?back))"
            r".*$",
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
            r"(?:processed|shipped|delivered)\b"
            # "...can cancel any time until it has been delivered": a deadline past processing.
            r"|\bcancel\w*\b[^.;]{0,60}?\b(?:until|till|before|up until|up to|as long as)\b[^.;]{0,30}?"
            r"\b(?:delivered|delivery|arrives?|arrived|reach(?:es)? you|in transit|out for delivery|"
            r"on your doorstep)\b"
            # "...can cancel even after it ships": after processing.
            r"|\bcancel\w*\b[^.;]{0,40}?\b(?:after|once|when|now that|even though)\b[^.;]{0,25}?"
            r"\b(?:ships?|shipped|processed|dispatched|delivered|arrives?|arrived|in transit)\b",
            re.IGNORECASE,
        ),
    ),
    PolicyPattern(
        "exchange-window-days",
        "",
        # An exchange is for another version of the same product, never another product.
        re.compile(
            r"\b(?:exchang|swap|switch)\w*\b[^.;]{0,40}?\b(?:for|to|into|with)\s+(?:a |an |any |some )?"
            r"(?:[\w-]+\s+){0,2}?(?:different|other|another|new) "
            r"(?:products?|items?|brands?|models? entirely)\b"
            r"|\b(?:exchang|swap)\w*\b[^.;]{0,40}?\bfor (?:anything|something) else\b",
            re.IGNORECASE,
        ),
    ),
    PolicyPattern(
        "returnable-status",
        "delivered",
        re.compile(
            r"\b(?:pending|processed|undelivered|in[- ]transit) (?:orders?|items?) can (?:also )?be "
            r"(?:returned|exchanged)\b|\breturn (?:items|it|them|an order) (?:before|even before) "
            r"(?:it|they) (?:arrive|arrives|are delivered|is delivered)\b"
            # "you can return items from an order that hasn't been delivered yet": the match stops at
            # "return", so only a denial before it ("you can't return...") defuses it.
            r"|\b(?:return\w*|exchang\w*|send(?=(?:\s+\w+){0,4}?\s+back\b))\b"
            r"(?=[^.;]{0,60}?\b(?:has|have|had|is|are)(?:n['\u2019]t| not)(?: yet)? "
            r"(?:been )?(?:yet )?(?:delivered|arrived|shipped)\b)",
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
            r"cheques?|checks?|amazon pay|zelle)\b|\byou can (?:also )?(?:pay|use|check ?out|checkout)"
            r"(?: (?:with|by|using|via))? (?:apple pay|"
            r"google pay|bitcoin|crypto\w*|bank transfer|cash|venmo|klarna|afterpay|zelle|amazon pay)\b"
            # "Apple Pay is accepted", "Klarna works at checkout"
            r"|\b(?:apple pay|google pay|bitcoin|venmo|klarna|afterpay|zelle|amazon pay|cash on delivery)\b"
            r"(?: \w+){0,2}? (?:is|are) (?:also )?(?:accepted|supported|available|fine|ok|welcome)\b"
            r"|\b(?:apple pay|google pay|venmo|klarna|afterpay|zelle|amazon pay) works\b",
            re.IGNORECASE,
        ),
    ),
)


# --- support hours -----------------------------------------------------------------------------

# A clause about when people answer: the team, agents, someone to talk to.
SUPPORT_SUBJECT = re.compile(
    r"\b(?:support|team|agents?|staff|representatives?|customer (?:service|care)|help ?desk|someone|"
    r"a person|humans?|people|(?:can|to) (?:reach|contact|call|chat with) us|our (?:office|hours)|"
    r"we(?:'re|\u2019re| are) (?:available|open|here|online|around))\b",
    re.IGNORECASE,
)
# Availability with no limit at all: every day, all hours.
ALWAYS_OPEN = re.compile(
    r"\b24\s*/\s*7\b|\b24 hours a day\b|\b(?:a)?round the clock\b|\bany ?time of (?:the )?(?:day|night)\b|"
    r"\b(?:every|any) (?:single )?day\b|\b(?:7|seven) days a week\b|\bweekends?\b|\bsundays?\b|\bholidays\b|"
    r"\ball week\b",
    re.IGNORECASE,
)
_DAY = r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
DAY_RANGE = re.compile(rf"\b{_DAY}\s*(?:-|\u2013|to|through|thru|until|till)\s*{_DAY}", re.IGNORECASE)
WEEKDAYS = re.compile(r"\b(?:on |only )?weekdays\b", re.IGNORECASE)
_TIME = r"(\d{1,2})(?:[:.](\d\d))?\s*(am|pm|a\.m\.|p\.m\.|h)?"
HOUR_RANGE = re.compile(
    rf"(?:\b(between|from|open|opens|available|staffed|online|answers?|works?)\s+)?\b{_TIME}\s*(?:-|\u2013|to|until|till|through|and)\s*{_TIME}(?!\s*(?:days?|weeks?|months?|%|business))",
    re.IGNORECASE,
)
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


# --- after an item change ------------------------------------------------------------------------

# "you can still modify or cancel the order", "feel free to change it again later".
CAN_STILL_CHANGE = re.compile(
    r"\b(?:can|may|could|able to|free to|allowed to|possible to)\s+(?:[\w']+\s+){0,2}?"
    r"(?:modify|change|edit|update|switch|swap|cancel|alter|amend|adjust)\w*\b",
    re.IGNORECASE,
)
# Items changed more than once, whatever the order's state: "swap items as often as you like".
CHANGE_AGAIN = re.compile(
    r"\b(?:modify|change|edit|switch|swap|alter|amend)\w*\s+(?:[\w']+\s+){0,6}?(?:again|more than once|"
    r"as (?:many times|often) as|multiple times|any number of times|twice|a second time)\b",
    re.IGNORECASE,
)
