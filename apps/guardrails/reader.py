"""What every check shares: the answer, the evidence, the findings so far, and the
wording rules (regexes compiled once)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from apps.guardrails import topics as t
from apps.guardrails.evidence import Evidence, cents
from apps.guardrails.types import Claim, ClaimKind, Finding
from apps.knowledge.snapshot import FactEntry


def _spans(text: str, splitter: re.Pattern[str], start: int = 0, end: int | None = None):
    """(start, end) of the pieces of text[start:end] between splitter matches."""
    end = len(text) if end is None else end
    position = start
    for match in splitter.finditer(text, start, end):
        if match.start() > position:
            yield position, match.start()
        position = match.end()
    if position < end:
        yield position, end


def _money(amount: int) -> str:
    return f"${Decimal(amount) / 100:,.2f}"


def _fact_cents(fact: FactEntry) -> int | None:
    return cents(fact.number) if fact.number is not None else None


# A figure written rounded: a word of approximation right before a whole amount ("about $360",
# "roughly $18 more", "just over $360", "approx. USD 193").
_APPROXIMATELY = re.compile(
    r"\b(?:about|around|roughly|approximately|approx\.?|nearly|almost|close to|circa|some|"
    r"just (?:over|under|shy of|above|below)|a (?:little|bit|touch) (?:over|under|more than|less than)|"
    r"slightly (?:over|under|more than|less than)|"
    # es, fr, de: "aproximadamente 360 USD", "environ 360 $", "rund 360 USD"
    r"aproximadamente|alrededor de|cerca de|unos|unas|poco m[aá]s de|environ|[aà] peu pr[eè]s|pr[eè]s de|"
    r"un peu plus de|quelque|rund|etwa|ungef[aä]hr|knapp|gut|etwas (?:über|mehr als|weniger als))\s*$|~\s*$",
    re.IGNORECASE,
)
_WHOLE_FIGURE = re.compile(r"(?:US\$|\$|USD\s?)?\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\s?(?:dollars?|USD|\$))?")
_AMOUNT_NAMED = re.compile(r"\$(\d{1,3}(?:,\d{3})*|\d+)\.(\d{2})")


def rounded_to(answer: str, start: int, end: int, amount: int, candidates: Iterable[int]) -> int:
    """The candidate a figure written rounded stands for ("about $12" for $12.29), else `amount`."""
    figure = _WHOLE_FIGURE.fullmatch(answer[start:end].strip())
    if figure is None or not _APPROXIMATELY.search(answer[max(0, start - 30) : start]):
        return amount
    return next((value for value in sorted(candidates) if abs(value - amount) < 100), amount)


def _approximated(answer: str, start: int, end: int, replacement: str | None, evidence: str) -> str | None:
    """The evidenced amount a rounded figure stands for, when it is within a dollar of it: "about
    $360" for $360.55. The amounts are the repair's, else those the failing evidence names. None
    when the figure is not written as an approximation or no evidenced amount is that close."""
    figure = _WHOLE_FIGURE.fullmatch(answer[start:end].strip())
    if figure is None or not _APPROXIMATELY.search(answer[max(0, start - 30) : start]):
        return None
    written = int(figure.group(1).replace(",", "")) * 100
    for amount in _AMOUNT_NAMED.finditer(f"{replacement or ''} {evidence}"):
        value = int(amount.group(1).replace(",", "")) * 100 + int(amount.group(2))
        if abs(value - written) < 100:
            return amount.group()
    return None


class ReaderBase:
    """Reads one answer against one evidence; collects findings."""

    def __init__(self, answer: str, evidence: Evidence) -> None:
        self.answer = answer
        self.evidence = evidence
        self.facts = evidence.facts
        self.index = t.knowledge_index(evidence.knowledge)
        self.findings: list[Finding] = []
        self.mentions: list[tuple[int, int, tuple[str, ...]]] = []  # product mentions in the sentence
        self.language = "en"

    # --- helpers -----------------------------------------------------------------------------

    def add(
        self,
        kind: ClaimKind,
        start: int,
        end: int,
        ok: bool,
        evidence: str,
        replacement: str | None = None,
        whole_sentence: bool = False,
    ) -> None:
        if not ok and kind in ("money", "price"):
            near = _approximated(self.answer, start, end, replacement, evidence)
            if near is not None:
                ok, evidence, replacement = True, f"about {near}, written rounded to the dollar", None
        claim = Claim(self.answer[start:end], kind, ok, evidence[:300], replacement)
        self.findings.append(Finding(claim, start, end, replacement, whole_sentence))

    def products_near(self, sentence: tuple[int, int], clause: tuple[int, int], at: int) -> tuple[str, ...]:
        """The product a figure at `at` is about: the nearest mention in its clause, else the
        nearest before it in the sentence."""
        best: tuple[int, tuple[str, ...]] | None = None
        before: tuple[str, ...] = ()
        for start, end, names in self.mentions:
            if end <= at:
                before = names
            if start >= clause[0] and end <= clause[1]:
                distance = at - end if end <= at else start - at
                if best is None or distance < best[0]:
                    best = (distance, names)
        return best[1] if best is not None else before
