"""Text that quotes policy facts by key: `{return_window_days}` renders the fact's current
figure ("30 days"), `{refund_time_credit_card:within}` its timing ("within 5-7 business days").
Plain Python: terms.py, the knowledge selectors (articles) and the admin all render with it,
so every text that quotes a fact says what the fact says now.

Anything else in braces (an unknown key, another format, a stray brace) is left as written, so
an admin's text never breaks the rendering. A fact that is missing (deleted, or not in force
today) is not replaced by a figure from anywhere else: the terms the code quotes say, in words,
that the policy decides ("within the time our refund policy states").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .snapshot import FactEntry

_REFUND_UNSTATED = "the time our refund policy states"
# The terms the code's own texts quote, with their wording when the fact is missing.
QUOTED_TERMS: Mapping[str, str] = {
    "refund-time-gift-card": _REFUND_UNSTATED,
    "refund-time-credit-card": _REFUND_UNSTATED,
    "refund-time-paypal": _REFUND_UNSTATED,
    "return-window-days": "the period our return policy allows",
    "exchange-window-days": "the period our exchange policy allows",
    "return-refund-destination": "the original payment method or a gift card",
}

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_-]*)(?::([a-z]+))?\}")


def quoted_keys(text: str) -> set[str]:
    """The fact keys a text quotes by placeholder, hyphenated ('return-window-days')."""
    return {match.group(1).replace("_", "-") for match in PLACEHOLDER.finditer(text or "")}


@dataclass(frozen=True)
class Term:
    """One policy term as text is written with it."""

    figure: str  # "5-7 business days", "$5.99", "immediately"; or the words for a missing fact
    is_duration: bool

    @property
    def within(self) -> str:
        return f"within {self.figure}" if self.is_duration else self.figure


@dataclass(frozen=True)
class PolicyTerms:
    """The store's policy facts in force, for text that quotes them."""

    facts: Mapping[str, FactEntry]

    def term(self, key: str) -> Term | None:
        """The term for this fact key; None when neither a fact nor a quoted term has it."""
        fact = self.facts.get(key)
        if fact is not None:
            return Term(figure=fact.figure, is_duration=fact.kind == "duration")
        unstated = QUOTED_TERMS.get(key)
        return Term(figure=unstated, is_duration=True) if unstated is not None else None

    def _quoted(self, key: str) -> Term:
        term = self.term(key)
        if term is None:
            raise KeyError(f"{key} is quoted by the code but not listed in QUOTED_TERMS")
        return term

    @property
    def return_window(self) -> str:
        return self._quoted("return-window-days").figure

    @property
    def exchange_window(self) -> str:
        return self._quoted("exchange-window-days").figure

    @property
    def refund_destination(self) -> str:
        return self._quoted("return-refund-destination").figure

    def refund_timing(self, source: str) -> str:
        """How soon a refund to a method of this source ('gift_card', 'paypal', ...) arrives."""
        if source == "gift_card":
            return self._quoted("refund-time-gift-card").within
        if source == "paypal":
            return self._quoted("refund-time-paypal").within
        return self._quoted("refund-time-credit-card").within

    def render(self, text: str) -> str:
        """`text` with every `{fact_key}` and `{fact_key:within}` filled in; the rest as written."""

        def fill(match: re.Match[str]) -> str:
            name, form = match.group(1), match.group(2)
            term = self.term(name) or self.term(name.replace("_", "-"))
            if term is None or form not in (None, "within"):
                return match.group(0)
            return term.within if form == "within" else term.figure

        return PLACEHOLDER.sub(fill, text)
