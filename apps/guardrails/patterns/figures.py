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

# A count in a duration: digits, "a"/"an", or words up to ninety-nine ("twenty-one days").
_NUM = rf"\d+|{UNDER_HUNDRED}|an|a"
DURATION = re.compile(
    rf"(?P<pre>\b(?:within|in|up to|after|for|about|around|under|over|only)\s+)?"
    rf"\b(?P<lo>{_NUM})(?:\s*(?:-|\u2013|to|or)\s*(?P<hi>{_NUM}))?[\s-]*"
    r"(?P<biz>business\s+|working\s+|calendar\s+|full\s+)?(?P<unit>days?|weeks?|months?|hours?|fortnights?)\b",
    re.IGNORECASE,
)
UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "hour": 0}


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
    r"\b(?P<noun>(?:price[- ])?difference|diferencia|diff[ée]rence|(?:preis)?differenz|preisunterschied|"
    r"aufpreis|mehrpreis|suppl[ée]ment|suplemento)\b"
    r"|\b(?:more|less|cheaper|dearer|pricier|extra|additional|on top|top[- ]up|sav(?:e|es|ing|ings))\b",
    re.IGNORECASE,
)
FEE_WORDS = re.compile(
    r"\b(?:fee|fees|surcharge|charge|charged|handling|restocking|penalty|discount|off|cashback|interest"
    r"|tax)\b",
    re.IGNORECASE,
)
