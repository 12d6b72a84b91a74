"""The precompiled patterns the guardrails read answers with: sentences and clauses, money,
durations, percentages, dates, action claims and policy statements. Fact topics and the
per-snapshot product index are in topics.py."""

from __future__ import annotations

import re
from dataclasses import dataclass

SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
CLAUSE = re.compile(
    r",\s+|;\s+|:\s+|\s+(?:and|but|while|whereas|although|though|so|plus)\s+|\s+[-\u2013\u2014]\s+"
)

MONEY = re.compile(
    r"(?:(?P<cur>US\$|\$|\bUSD\s?)\s?(?P<a>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<ac>\d{1,2}))?(?![\d,]*\d)"
    r"|(?<![\w.$])(?P<b>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<bc>\d{2}))?\s?(?:dollars?|USD|bucks)\b)",
    re.IGNORECASE,
)

_WORD_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty-five": 45,
    "forty five": 45,
    "sixty": 60,
    "ninety": 90,
}
_NUM = r"\d+|" + "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS), key=len, reverse=True))
DURATION = re.compile(
    rf"(?P<pre>\b(?:within|in|up to|after|for|about|around|under|over|only)\s+)?"
    rf"\b(?P<lo>{_NUM})(?:\s*(?:-|\u2013|to|or)\s*(?P<hi>{_NUM}))?[\s-]*"
    r"(?P<biz>business\s+|working\s+|calendar\s+|full\s+)?(?P<unit>days?|weeks?|months?|hours?)\b",
    re.IGNORECASE,
)
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "hour": 0}


def number_word(text: str) -> int | None:
    text = text.lower()
    if text.isdigit():
        return int(text)
    return _WORD_NUMBERS.get(text)


PERCENT = re.compile(r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)", re.IGNORECASE)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
DATE = re.compile(
    rf"\b(?:(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})|(?P<month>{_MONTHS})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:,?\s+(?P<year>\d{{4}}))?)\b",
    re.IGNORECASE,
)

# Words that make a figure an amount (a total, a refund, a balance) rather than a unit price.
AMOUNT_WORDS = re.compile(
    r"\b(?:total\w*|altogether|in all|refund\w*|reimburs\w*|balance|difference|charg\w*|paid|pay|"
    r"payment\w*|credit\w*|amount|sum|subtotal|owe\w*|comes? to|came to|back)\b",
    re.IGNORECASE,
)
FEE_WORDS = re.compile(
    r"\b(?:fee|fees|surcharge|charge|charged|handling|restocking|penalty|discount|off|cashback|interest"
    r"|tax)\b",
    re.IGNORECASE,
)
NEGATION = re.compile(
    r"\b(?:not|no|never|cannot|can't|can\u2019t|won't|won\u2019t|isn't|isn\u2019t|aren't|doesn't|don't|"
    r"didn't|without|free|nothing)\b",
    re.IGNORECASE,
)
# A clause that promises or proposes rather than reports: no action has to have happened.
NOT_DONE = re.compile(
    r"\b(?:will|won't|would|can|could|shall|should|may|might|must|once|if|when|whenever|after|"
    r"before|until|unless|as soon as|going to|able to|want|wants|like|need|needs|ready to|let me|"
    r"haven't|hasn't|have not|has not|not yet|not|never|no|cannot|can't|wasn't|weren't|isn't|"
    r"aren't|didn't|did not|nothing|please|confirm|whether|would you|do you|shall i|"
    r"I'll|we'll|you'll|it'll|they'll|I\u2019ll|we\u2019ll|you\u2019ll|it\u2019ll)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ActionPattern:
    family: str  # what the claim says was done
    tools: frozenset[str]  # any one successful call of these supports it
    pattern: re.Pattern[str]
    status: frozenset[str] = frozenset()  # an observed order status that also supports a passive report


# Cheap substring tests that rule a clause out before the full patterns run (most clauses).
ACTION_HINTS = {
    "cancel": ("cancel",),
    "refund": ("refund", "reimburs", "credited"),
    "return": ("return",),
    "exchange": ("exchang",),
    "address": ("address", "ship"),
    "payment": ("payment",),
    "items": ("item", "size", "colo", "option", "variant", "model", "swapped", "exchanged", "replaced"),
}
POLICY_HINTS = ("gift", "cancel", "return", "exchang", "restock", "accept", "pay", "cash", "balance")


_REFUND_TOOLS = frozenset(
    {
        "cancel_pending_order",
        "modify_pending_order_payment",
        "modify_pending_order_items",
        "exchange_delivered_order_items",
    }
)
_I = (
    r"\b(?:I|we)(?:'ve|\u2019ve| have)?(?:\s+(?:just|already|now|also|successfully|gone ahead and|"
    r"went ahead and|have gone ahead and))*\s+"
)
_BEEN = (
    r"\b(?:has|have|had)\s+(?:now\s+|just\s+|already\s+|successfully\s+)?been\s+"
    r"|\b(?:was|were|is now|are now)\s+"
)
_DONE = r"(?:successfully\s+)?"

ACTION_PATTERNS: tuple[ActionPattern, ...] = (
    ActionPattern(
        "cancel",
        frozenset({"cancel_pending_order"}),
        re.compile(
            rf"{_I}{_DONE}cancell?ed\b|(?:{_BEEN}){_DONE}cancell?ed\b|\bcancellation (?:is|has been) "
            r"(?:complete|done|confirmed|processed)|\b(?:is|are) (?:now )?cancell?ed\b",
            re.IGNORECASE,
        ),
        frozenset({"cancelled"}),
    ),
    ActionPattern(
        "refund",
        _REFUND_TOOLS,
        re.compile(
            rf"{_I}{_DONE}(?:refunded|reimbursed|credited)\b|(?:{_BEEN}){_DONE}(?:refunded|reimbursed"
            rf"|credited)\b"
            rf"|{_I}(?:issued|processed|initiated|sent|started|put through|completed) (?:a |the |your |an? )?"
            r"(?:full |partial )?refund|\brefund (?:of [^ ]+ )?(?:has been|was|is now|is being) "
            r"(?:issued|processed|initiated|sent|started|completed|put through|on its way)"
            r"|\brefund (?:is|'s) (?:on its way|underway|complete|done|through)\b",
            re.IGNORECASE,
        ),
    ),
    ActionPattern(
        "return",
        frozenset({"return_delivered_order_items"}),
        re.compile(
            rf"{_I}(?:set up|requested|started|submitted|created|processed|initiated|arranged|registered|"
            r"opened|filed|booked|logged) (?:a |the |your )?return\b|\breturn(?: request)? (?:for"
            r" [^.,;]{1,60} )?"
            rf"(?:{_BEEN})(?:set up|requested|created|submitted|processed|initiated|started|arranged|"
            r"registered|approved|accepted|opened|filed|booked|logged)\b|\breturn is (?:all )?set\b|"
            rf"{_I}{_DONE}returned\b",
            re.IGNORECASE,
        ),
        frozenset({"return requested"}),
    ),
    ActionPattern(
        "exchange",
        frozenset({"exchange_delivered_order_items"}),
        re.compile(
            rf"{_I}(?:set up|requested|started|submitted|created|processed|initiated|arranged|registered|"
            r"opened|placed|booked|logged) (?:a |the |your |an )?exchange\b|\bexchange(?: request)? "
            rf"(?:for [^.,;]{{1,60}} )?(?:{_BEEN})(?:set up|requested|created|submitted|processed|"
            r"initiated|started|arranged|registered|approved|placed|booked|logged)\b|\bexchange is "
            rf"(?:on (?:its|the) way|all set|set)\b|{_I}{_DONE}exchanged\b",
            re.IGNORECASE,
        ),
        frozenset({"exchange requested"}),
    ),
    ActionPattern(
        "address",
        frozenset({"modify_pending_order_address", "modify_user_address"}),
        re.compile(
            rf"{_I}{_DONE}(?:updated|changed|corrected|fixed|modified|replaced|switched|edited|set) "
            r"(?:the |your )?(?:order'?s? |default |shipping |delivery |home |profile |account )*address\b"
            r"|\baddress (?:on (?:the|your) (?:order|account|profile) )?(?:has|have) (?:now |just |already )?"
            r"been (?:updated|changed|corrected|modified|replaced|switched|edited)\b|\baddress (?:was|is"
            r" now) "
            r"(?:updated|changed|corrected|modified|replaced|switched)\b|\b(?:will now|now) ship(?:s)? to\b",
            re.IGNORECASE,
        ),
    ),
    ActionPattern(
        "payment",
        frozenset({"modify_pending_order_payment"}),
        re.compile(
            rf"{_I}{_DONE}(?:updated|changed|switched|moved|modified|replaced) (?:the |your )?(?:order'?s? )?"
            r"payment(?: method)?\b|\bpayment(?: method)? (?:on (?:the|your) order )?(?:has|have) "
            r"(?:now |just )?been (?:updated|changed|switched|moved|modified|replaced)\b|\bpayment(?:"
            r" method)? "
            r"(?:was|is now) (?:updated|changed|switched|moved|modified)\b",
            re.IGNORECASE,
        ),
    ),
    ActionPattern(
        "items",
        frozenset({"modify_pending_order_items", "exchange_delivered_order_items"}),
        re.compile(
            rf"{_I}{_DONE}(?:swapped|exchanged|replaced) (?:the |your |it\b)|"
            rf"{_I}{_DONE}(?:updated|changed|switched|swapped|modified|replaced|upgraded) (?:the |your )?"
            r"(?:order'?s? )?(?:items?|size|colou?r|options?|variant|model)\b|\b(?:items?|size|colou?r"
            r"|options?)"
            r" (?:on (?:the|your) order )?(?:has|have) (?:now |just )?been (?:updated|changed|switched|"
            r"swapped|modified|replaced)\b",
            re.IGNORECASE,
        ),
    ),
)


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
