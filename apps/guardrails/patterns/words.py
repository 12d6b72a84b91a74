"""English figures written in words: "thirty-five dollars", "five hundred and ninety-six dollars
and eighty-seven cents", "twenty percent", "twenty-one days". The grammar is the ordinary one
(units, teens, tens, hundred, thousand, million); `number_in_words` reads it."""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0,
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
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}

_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_TEN = "|".join(_TENS)
# 1-99 in words: "seven", "seventeen", "seventy", "seventy-seven", "seventy seven".
UNDER_HUNDRED = rf"(?:(?:{_TEN})(?:[- ](?:{_UNIT}))?|{_UNIT})"
# Any number in words up to the millions: "three thousand eight hundred and nineteen".
NUMBER = (
    rf"(?:(?:a|an|{UNDER_HUNDRED})\s+(?:hundred|thousand|million)"
    rf"(?:(?:\s+|\s*,\s*|\s+and\s+)(?:{UNDER_HUNDRED}|hundred|thousand|million))*|{UNDER_HUNDRED})"
)
_WORD = re.compile(r"[a-z]+")


def number_in_words(text: str) -> int | None:
    """The value of a number written in words ("five hundred and ninety-six" -> 596), else None."""
    total, current, seen = 0, 0, False
    for word in _WORD.findall(text.lower()):
        if word == "and":
            continue
        if word in ("a", "an"):
            current = max(current, 1)
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


MONEY_IN_WORDS = re.compile(
    rf"\b(?P<whole>{NUMBER})\s+(?:us\s+)?dollars?\b"
    rf"(?:\s*(?:,|and)?\s*(?P<cents>{UNDER_HUNDRED})\s+cents?\b)?",
    re.IGNORECASE,
)
PERCENT_IN_WORDS = re.compile(rf"\b(?P<n>{NUMBER})\s+(?:percent|per cent)\b", re.IGNORECASE)


def money_in_words_cents(match: re.Match[str]) -> int | None:
    whole = number_in_words(match.group("whole"))
    cents = number_in_words(match.group("cents")) if match.group("cents") else 0
    if whole is None or cents is None or cents > 99:
        return None
    return whole * 100 + cents
