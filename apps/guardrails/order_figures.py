"""Figures said of an order: its whole ("#W... came to $X") must be one of its totals, and a
figure of one order must not be an amount only another order holds ("#W1 was $X and #W2 was $Y"
swapped). The part of the money checks (money.py) that binds a figure to the order its sentence
names; the sentence's figures are listed here for both."""

from __future__ import annotations

import re

from apps.guardrails import figure_relations as rel
from apps.guardrails import patterns as p
from apps.guardrails.evidence import order_key
from apps.guardrails.reader import _money
from apps.guardrails.settled_money import SettledMoneyChecks
from apps.guardrails.settlements import settlement_for

# What says a figure is an order's whole ("order #X came to $Y altogether", "the total of #X").
_WHOLE_ORDER = re.compile(
    r"\btotal\w*|\bcame to\b|\bcomes? to\b|\baltogether\b|\bin all\b|\ball (?:\d+|\w+) items\b|"
    r"\bwhole order\b|\boverall\b|\bgrand total\b|\bpaid\b|\binsgesamt\b|\ben total\b|\bau total\b",
    re.IGNORECASE,
)
# Nouns that name an amount other than the order's whole: a figure whose nearest noun is one of
# these ("its balance of $90.00 is less than the order total") is that noun's, not the total.
_OTHER_AMOUNT = re.compile(
    r"\b(?:balance|fee|price|each|per item|discount|credit|deposit|difference|remaining|left|"
    r"limit|shipping|refund\w*|saldo|solde|guthaben)\b",
    re.IGNORECASE,
)


def _called_whole(clause_text: str, at: int) -> bool:
    """Whether a word of wholeness in the clause is said of the figure at `at` (offset in the
    clause): the nearest of the clause's amount words before the figure, else, when none precedes
    it, one after it with no other amount noun right before the figure."""
    lead = clause_text[:at]
    wholes = list(_WHOLE_ORDER.finditer(lead))
    others = list(_OTHER_AMOUNT.finditer(lead))
    if wholes:
        return not others or others[-1].start() < wholes[-1].start()
    if not _WHOLE_ORDER.search(clause_text, at):
        return False
    return not _OTHER_AMOUNT.search(lead[-40:])


class OrderFigureChecks(SettledMoneyChecks):
    def _figures(self, sentence: tuple[int, int]) -> list[rel.Figure]:
        cache: dict[tuple[int, int], list[rel.Figure]] = self.__dict__.setdefault("_figure_cache", {})
        if sentence not in cache:
            cache[sentence] = rel.sentence_figures(self.answer, sentence)
        return cache[sentence]

    def _figure_index(self, sentence: tuple[int, int], start: int) -> int | None:
        return next((i for i, f in enumerate(self._figures(sentence)) if f.start == start), None)

    # --- figures bound to an order -----------------------------------------------------------

    def check_order_bound(
        self, amount: int, start: int, end: int, sentence: tuple[int, int], clause: tuple[int, int]
    ) -> bool:
        """A figure in a sentence that names one order (or, naming several, pairs one figure with
        each) is about that order: called its whole ("came to", "total", "altogether"), it must be
        one of the order's totals, not a part of it; otherwise it must not be an amount only
        another observed order holds ("#W1 was $X and #W2 was $Y" swapped). True when a
        finding was added."""
        clause_text = self.answer[clause[0] : clause[1]]
        sentence_text = self.answer[sentence[0] : sentence[1]]
        orders = {order_key(m.group()) for m in p.ORDER_REF.finditer(sentence_text)}
        orders.discard(None)
        if len(orders) > 1:
            orders = self._paired_order(sentence, start)
        if len(orders) != 1:
            return False
        order = next(iter(orders)) or ""
        observed = self.evidence.observed
        totals = observed.order_totals(order)
        if not totals:
            return False
        settled = settlement_for(self.evidence, {order}, self.index.item_cents)
        if settled is not None:
            # After a change the order's whole moves by what the change refunded or charged.
            totals = (
                totals
                | {t - r for t in totals for r in settled.refunds}
                | {t + c for t in totals for c in settled.charges}
            )
        index = self._figure_index(sentence, start)
        term = index is not None and rel.in_expression(self.answer, sentence, self._figures(sentence), index)
        called_whole = _called_whole(clause_text, start - clause[0])
        if called_whole and not term and not self._settling_words(clause_text, sentence):
            if amount in totals:
                self.add("money", start, end, True, f"the total of order {order}")
            else:
                shown = ", ".join(_money(c) for c in sorted(totals)[:4])
                fix = _money(max(totals)) if len(totals) == 1 else None
                self.add("money", start, end, False, f"order {order} came to {shown}", replacement=fix)
            return True
        if amount in observed.order_amounts(order):
            return False
        owners = [
            other
            for other in observed.order_items.keys() | observed.order_history.keys()
            if other != order and amount in observed.order_amounts(other)
        ]
        if not owners:
            return False
        if settled is not None and amount in settled.refunds | settled.charges | settled.differences:
            return False
        self.add(
            "money",
            start,
            end,
            False,
            f"{_money(amount)} is an amount of order {sorted(owners)[0]}, not {order}",
        )
        return True

    def _paired_order(self, sentence: tuple[int, int], start: int) -> set[str | None]:
        """ "#W1 cost $X and #W2 cost $Y", "$X on #W1 and $Y on #W2" (in any language): when the
        sentence's order references and figures alternate one to one, each figure is said of the
        order on the same side of it as the first figure is of the first order."""
        events = [(m.start(), order_key(m.group())) for m in p.ORDER_REF.finditer(self.answer, *sentence)]
        events += [(figure.start, "") for figure in self._figures(sentence)]
        events.sort()
        kinds = ["figure" if key == "" else "order" for _, key in events]
        index = next((i for i, (at, _) in enumerate(events) if at == start), None)
        if index is None or len(kinds) % 2:
            return set()
        if kinds == ["order", "figure"] * (len(kinds) // 2):
            return {events[index - 1][1]}
        if kinds == ["figure", "order"] * (len(kinds) // 2):  # "$X on #W1 and $Y on #W2"
            return {events[index + 1][1]}
        return set()
