"""Figures in English: money, durations, percentages, dates, and the words that say what kind
of amount a figure is (a total or refund, a fee)."""

from __future__ import annotations

import re

from apps.guardrails.patterns.words import UNDER_HUNDRED, number_in_words

# Another currency's sign or code ("\u20ac47.84", "47.84 EUR") is read too: the store sells in dollars,
# so such a figure must still be a number the evidence holds, never passed unread.
MONEY = re.compile(
    # The lookahead fails fast where no figure or currency can start (most of the text).
    r"(?=[\d$\u20ac\u00a3UuEeGg])"
    r"(?:(?P<cur>US\$|\$|\bUSD\s?|\u20ac|\u00a3|\bEUR\s?|\bGBP\s?)\s?(?P<a>\d{1,3}(?:,\d{3})+|\d+)"
    r"(?:\.(?P<ac>\d{1,2}))?(?![\d,]*\d)"
    r"|(?<![\w.$,])(?P<b>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<bc>\d{2}))?\s?"
    r"(?:(?:dollars?|USD|bucks|euros?|EUR|GBP|pounds)\b|[$\u20ac\u00a3](?!\w)))",
    re.IGNORECASE,
)
# An amount written with a decimal comma ("32,36 USD", "3.684,98 USD", "$12,50"): two digits after
# the comma make it cents, never thousands. Same group names as MONEY; the whole part may hold
# dots as thousands separators.
MONEY_DECIMAL_COMMA = re.compile(
    r"(?:(?:US\$|\$|\bUSD\s?)\s?(?P<a>\d{1,3}(?:\.\d{3})+|\d+),(?P<ac>\d{2})(?![\d,.]*\d)"
    r"|(?<![\w.$,])(?P<b>\d{1,3}(?:\.\d{3})+|\d+),(?P<bc>\d{2})\s?(?:dollars?|USD|US\$|\$)(?!\w))",
    re.IGNORECASE,
)

# An amount with no currency, as ticket notes and texts write it ("refund amt 360.55 -> PayPal",
# "diff +17.80", "std 5.99"): exactly two decimals, no unit of measure or currency after it (MONEY
# reads those), and read only in a sentence with a word of money (BARE_MONEY_CUE). Same group
# names as MONEY.
BARE_MONEY = re.compile(
    r"(?<![\w.,$\u20ac\u00a3#/:])(?<![$\u20ac\u00a3] )(?<!usd )(?<!eur )(?<!gbp )"
    # A number named as another quantity: "version 2.10", "rated 4.50", "size 10.50".
    r"(?P<a>\d{1,3}(?:,\d{3})+|\d{1,6})\.(?P<ac>\d{2})(?![\d.,]*\d)"
    r"(?![a-z%$\u20ac\u00a3]|\s(?:%|[$\u20ac\u00a3]|(?:dollars?|usd|bucks|euros?|eur|gbp|pounds|ml|l|kg|g|lbs?|oz|cm|mm|m|in"
    r"|inch\w*|ft|feet|lit(?:er|re)s?|hours?|days?|stars?|percent|x|mb|gb|tb|mph|kwh|w|v|am|pm|h|uhr)\b))",
    re.IGNORECASE,
)
# Before a bare number that is not an amount: a label ("version 2.10", "ticket 12.04", "rated
# 4.50") or, for a time of day ("at 10.30", "between 9.00 and 17.00"), a word of time.
_BARE_LABEL = re.compile(
    r"\b(?:version|release|ticket|case|ref|reference|section|clause|article|no|number|id|rated|rating|"
    r"size|weighs|weight)\.?\s*#?\s*$",
    re.IGNORECASE,
)
_CLOCK_BEFORE = re.compile(
    r"(?<!priced )(?<!price )\b(?:at|between|from|until|till|before|after|and|to|by)\s+$", re.I
)


def bare_amount(text: str, match: re.Match[str]) -> bool:
    """Whether a BARE_MONEY match is an amount: not a label's number, nor a time of day."""
    lead = text[max(0, match.start() - 20) : match.start()]
    if _BARE_LABEL.search(lead):
        return False
    hour, minutes = int(match.group("a").replace(",", "")), int(match.group("ac"))
    return not (hour <= 24 and minutes < 60 and _CLOCK_BEFORE.search(lead))


BARE_MONEY_CUE = re.compile(
    r"refund|reimburs|price|cost|\bdiff|charg|paid|\bpd\b|\bpay|total|\bamt\b|amount|\bfee|extra|"
    r"\bship|\bstd\b|\bexp\b|balance|credit|debit|\bback\b|\bowe",
    re.IGNORECASE,
)

# A count in a duration: digits, "a"/"an", or words up to ninety-nine ("twenty-one days"); a
# legal text's digits in brackets after the words ("ten (10) days", "five (5) to seven (7)").
_NUM = rf"\d+|{UNDER_HUNDRED}|an|a"
_ECHO = r"(?:\s*\(\d+\))?"
DURATION = re.compile(
    rf"(?P<pre>\b(?:within|in|up to|after|for|about|around|under|over|only)\s+)?"
    rf"\b(?P<lo>{_NUM}){_ECHO}(?:\s*(?:-|\u2013|to|or)\s*(?P<hi>{_NUM}){_ECHO})?[\s-]*"
    r"(?P<biz>business\s+|working\s+|calendar\s+|full\s+|biz\s+)?"
    r"(?P<unit>days?|weeks?|months?|hours?|fortnights?"
    # Shorthand of notes and texts: "5-7 bd", "30d", "48h", "2 wks", "3 hrs", "6 mos".
    r"|bds?|(?<=\d)(?-i:[dh])|hrs?|wks?|mos?)\b",
    re.IGNORECASE,
)
UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "hour": 0}
_SHORT_UNITS = {"bd": "day", "d": "day", "h": "hour", "hr": "hour", "wk": "week", "mo": "month"}


def unit_scale(unit: str) -> int:
    """Days per unit of a DURATION match's unit (0 for hours), shorthand included."""
    unit = unit.lower().rstrip("s") or "day"  # "bds" -> "bd"; "s" alone never matches
    return UNIT_DAYS[_SHORT_UNITS.get(unit, unit)]


def number_word(text: str) -> int | None:
    text = text.lower()
    if text.isdigit():
        return int(text)
    return number_in_words(text)


PERCENT = re.compile(r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)", re.IGNORECASE)
MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
DATE = re.compile(
    rf"\b(?:(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})|(?P<month>{MONTHS})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:,?\s+(?P<year>\d{{4}}))?)\b",
    re.IGNORECASE,
)

# Words that make a figure an amount (a total, a refund, a balance) rather than a unit price.
AMOUNT_WORDS = re.compile(
    r"\b(?:total\w*|altogether|in all|refund\w*|reimburs\w*|balance|difference|charg\w*|paid|pay|"
    r"payment\w*|credit\w*|amount|sum|subtotal|owe\w*|comes? to|came to|back)\b",
    re.IGNORECASE,
)
# What says a figure is a price difference: the noun in the four languages (group "noun") or a
# comparative. money.py reads it both to allow an exchange's difference as a figure and to bind a
# figure to the change its sentence reports.
DIFFERENCE = re.compile(
    r"\b(?P<noun>(?:price[- ])?diff(?:erence)?|(?:price[- ])?gap|diferencia|diff[ée]rence|"
    r"(?:preis)?differenz|preisunterschied|aufpreis|mehrpreis|suppl[ée]ment|suplemento)\b"
    r"|\b(?:more|less|cheaper|dearer|pricier|extra|additional|on top|top[- ]up|sav(?:e|es|ing|ings))\b",
    re.IGNORECASE,
)
FEE_WORDS = re.compile(
    r"\b(?:fee|fees|surcharge|charge|charged|handling|restocking|penalty|discount|off|cashback|interest"
    r"|tax)\b",
    re.IGNORECASE,
)
