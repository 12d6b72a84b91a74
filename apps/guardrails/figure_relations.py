"""Arithmetic an answer states between its own money figures, read from the figures' order and
the signs and words between them, not from any particular phrasing:

- an explicit result: "2 x $94.80 = $189.60" (or the multiplication sign), "$52.03 - $52.01 =
  $0.02", "$10 + $5 equals $15": the figure after "=" must be what the expression before it computes;
- a total of the figures before it: "$3,294.38 and $390.60, so $3,684.98 across both" (a figure
  with a word of adding up near it that equals the sum of the figures before it in the sentence);
- a difference of two others: "you get $0.02 back, the difference between $52.03 and $52.01";
- an operand: the figures after "between" or "from ... to" in a difference are the two prices
  compared, not the difference.

money.py checks each operand on its own; a stated result is only as good as its operands, so an
explicit result that does not compute fails, and an implicit one passes only when nothing else
(a bound refund, an order's total) already held the figure to another amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from apps.guardrails.patterns.figures import (
    BARE_MONEY,
    BARE_MONEY_CUE,
    DIFFERENCE,
    MONEY,
    MONEY_DECIMAL_COMMA,
    bare_amount,
)
from apps.guardrails.patterns.words import MONEY_IN_WORDS, money_in_words_cents

_TOKEN = re.compile(
    r"\s+|(?P<fig>\x00(?P<i>\d+)\x00)|(?P<op>[=+*\u00d7]|(?<!\w)[x](?!\w)|[-\u2212\u2013](?=\s*[\d$\x00])"
    r"|\b(?:plus|minus|times|equals?|less)\b)|(?P<count>(?<![\w.,])\d{1,3}(?![\w.,]))|(?P<other>.)",
    re.IGNORECASE,
)
TOGETHER = re.compile(
    r"\b(?:across (?:both|all|the two|them)|together|combined|altogether|in total|in all|all told|total\w*|"
    r"sum|overall|for both|zusammen|insgesamt|gesamt|en total|au total|en tout)\b",
    re.IGNORECASE,
)
_OPERAND_BEFORE = re.compile(r"\b(?:between|from|vs\.?|versus|entre|zwischen)\s*$", re.IGNORECASE)
_OPERAND_HINT = re.compile(r"\b(?:between|from|vs|versus|entre|zwischen)\b", re.IGNORECASE)
_SECOND_OPERAND = re.compile(
    r"\b(?:between|entre|zwischen)\s*\x00\d+\x00\s*(?:and|y|et|und)\s*$|\bfrom\s*\x00\d+\x00\s*to\s*$",
    re.IGNORECASE,
)


_COMPARED_WITH = re.compile(r"\s*(?:vs\.?|versus|compared (?:to|with)|against)\s*", re.IGNORECASE)
_OPERATOR_SIGN = re.compile(r"[=+*\u00d7\u2212]|\s[x-]\s|\b(?:times|plus|minus)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    cents: int


def _cents(match: re.Match[str]) -> int | None:
    if "whole" in match.re.groupindex:
        return money_in_words_cents(match)
    whole = (match.group("a") or match.group("b")).replace(",", "").replace(".", "")
    fraction = match.group("ac") or match.group("bc") or ""
    return int(whole) * 100 + (int(fraction.ljust(2, "0")) if fraction else 0)


def sentence_figures(text: str, sentence: tuple[int, int]) -> list[Figure]:
    """The money figures of a sentence in English reading, in order (digits, decimal commas, words)."""
    found: dict[int, Figure] = {}
    patterns = [MONEY, MONEY_DECIMAL_COMMA]
    if "dollar" in text[sentence[0] : sentence[1]].lower():
        patterns.append(MONEY_IN_WORDS)
    if BARE_MONEY.search(text, *sentence) and BARE_MONEY_CUE.search(text, *sentence):
        patterns.append(BARE_MONEY)  # "new price 109.58, old 91.78, diff 17.80"
    for pattern in patterns:
        for match in pattern.finditer(text, *sentence):
            if pattern is BARE_MONEY and not bare_amount(text, match):
                continue  # "at 10.30", "ticket 12.04"
            value = _cents(match)
            if value is not None and match.start() not in found:
                found[match.start()] = Figure(match.start(), match.end(), value)
    return [found[key] for key in sorted(found)]


def _masked(text: str, sentence: tuple[int, int], figures: list[Figure], upto: int) -> str:
    """The sentence up to `upto` with each figure replaced by a marker holding its index."""
    out, position = [], sentence[0]
    for index, figure in enumerate(figures):
        if figure.start >= upto:
            break
        out.append(text[position : figure.start])
        out.append(f"\x00{index}\x00")
        position = figure.end
    out.append(text[position:upto])
    return "".join(out)


def _tokens(masked: str) -> list[tuple[str, str]]:
    tokens = []
    for match in _TOKEN.finditer(masked):
        if match.group("fig"):
            tokens.append(("fig", match.group("i")))
        elif match.group("op"):
            op = match.group("op").lower()
            op = {"x": "*", "\u00d7": "*", "times": "*", "plus": "+", "minus": "-", "less": "-"}.get(op, op)
            tokens.append(("op", "=" if op.startswith("equal") else "-" if op in "\u2212\u2013" else op))
        elif match.group("count"):
            tokens.append(("count", match.group("count")))
        elif match.group("other"):
            tokens.append(("other", match.group("other")))
    return tokens


def _label_start(tokens: list[tuple[str, str]], position: int) -> int:
    """The position before a run of at most 40 word characters ending at `position` (a term's
    label), or `position` itself when there is none."""
    start = position
    while start >= 0 and position - start < 40 and tokens[start][0] == "other":
        char = tokens[start][1]
        # Words and ids, and the marks that wrap or lead a term's figure: "Kettle ($143.72)",
        # "#W2166301 ($2,487.11)", "Mug @ $5".
        if not (char.isalnum() or char in "-'()@#"):
            break
        start -= 1
    return start if start >= 0 and tokens[start][0] != "other" else position


def explicit_result(text: str, sentence: tuple[int, int], figures: list[Figure], index: int) -> int | None:
    """What the expression before "=" computes, when the figure at `index` follows one; else None."""
    lead = text[sentence[0] : figures[index].start]
    if index == 0 or not ("=" in lead or "equal" in lead.lower()):
        return None
    tokens = _tokens(_masked(text, sentence, figures, figures[index].start))
    if not tokens or tokens[-1] != ("op", "="):
        return None
    # Read terms backwards: FIG, FIG * COUNT, COUNT * FIG, joined by + or -; a term may carry a
    # label of words before or after it ("Backpack $201.95 + Pet Bed $193.22 = $395.17").
    position, total, seen = len(tokens) - 2, 0, False
    while position >= 0:
        label_end = _label_start(tokens, position)
        if label_end < position and label_end >= 0 and tokens[label_end][0] == "fig":
            position = label_end
        kind, value = tokens[position]
        factor = 1
        if kind == "count" and position >= 2 and tokens[position - 1] == ("op", "*"):
            factor, position = int(value), position - 2
            kind, value = tokens[position]
        if kind != "fig":
            return None
        term = figures[int(value)].cents * factor
        position -= 1
        # A count before the figure, right before it or before its label: "2 x $94.80",
        # "4 x Electric Kettle @ $153.81".
        before = _label_start(tokens, position)
        if before >= 1 and tokens[before] == ("op", "*") and tokens[before - 1][0] == "count":
            term *= int(tokens[before - 1][1])
            position = before - 2
        sign = 1
        label_end = _label_start(tokens, position)
        if label_end >= 0 and tokens[label_end] in (("op", "+"), ("op", "-")):
            position = label_end
        if position >= 0 and tokens[position] in (("op", "+"), ("op", "-")):
            sign = -1 if tokens[position][1] == "-" else 1
            position -= 1
            total += sign * term
            seen = True
            continue
        total += term
        seen = True
        break
    return total if seen else None


def implicit_result(text: str, sentence: tuple[int, int], figures: list[Figure], index: int) -> bool:
    """The figure at `index` is a sum of the figures before it with a word of adding up near it,
    or the difference of two other figures of a sentence that speaks of a difference."""
    figure = figures[index]
    others = [f.cents for i, f in enumerate(figures) if i != index]
    before = [f.cents for f in figures[:index]]
    near = text[max(sentence[0], figure.start - 40) : min(sentence[1], figure.end + 40)]
    if (
        len(before) >= 2
        and TOGETHER.search(near)
        and any(sum(before[start:]) == figure.cents for start in range(len(before) - 1))
    ):
        return True
    if len(others) >= 2 and DIFFERENCE.search(text, *sentence):
        return any(abs(a - b) == figure.cents for i, a in enumerate(others) for b in others[i + 1 :])
    return False


def is_operand(text: str, sentence: tuple[int, int], figures: list[Figure], index: int) -> bool:
    """The figure at `index` is one of the two prices a difference compares ("between $A and $B",
    "($A vs $B)")."""
    following = figures[index + 1] if index + 1 < len(figures) else None
    if following is not None and _COMPARED_WITH.fullmatch(text, figures[index].end, following.start):
        return True
    if not _OPERAND_HINT.search(text, sentence[0], figures[index].start):
        return False
    masked = _masked(text, sentence, figures, figures[index].start)
    return bool(_OPERAND_BEFORE.search(masked) or _SECOND_OPERAND.search(masked))


def in_expression(text: str, sentence: tuple[int, int], figures: list[Figure], index: int) -> bool:
    """The figure is a term of arithmetic the answer writes out ("($47.84 + $488.81)")."""
    figure = figures[index]
    if not _OPERATOR_SIGN.search(text, sentence[0], sentence[1]):
        return False
    # The figure's own marker ends the masked text, so that a sign just before it reads as an
    # operator ("($193.22 - $180.93)"), then it is dropped.
    before = _tokens(_masked(text, sentence, figures, figure.start) + f"\x00{index}\x00")[:-1]
    after = _TOKEN.match(text, figure.end, sentence[1])
    following = text[figure.end : sentence[1]].lstrip()
    # "(+$15.10)", "-$12.29 back": a sign with no figure or count before it is the figure's own.
    signed = len(before) < 2 or before[-2][0] not in ("fig", "count")
    if before and before[-1][0] == "op" and before[-1][1] in "+-" and signed:
        before = before[:-1]
    return (bool(before) and before[-1][0] == "op" and before[-1][1] != "=") or bool(
        after and re.match(r"[+*\u00d7=\u2212-]|x\s|times\b|plus\b|minus\b", following, re.IGNORECASE)
    )
