"""Money claims: fees and thresholds against the facts, any other figure against the
observations. Product prices (against the catalogue and this turn's observations) are read in
product_prices.py; figures bound to a settled call (refunds, differences, charges, new
variants' prices) in settled_money.py, figures said of an order in order_figures.py, the
variant a phrase names (and a product's cheapest, dearest, range and bounds) in variants.py."""

from __future__ import annotations

import re

from apps.guardrails import figure_relations as rel
from apps.guardrails import patterns as p
from apps.guardrails import topics as t
from apps.guardrails.patterns.figures import MONEY_DECIMAL_COMMA
from apps.guardrails.patterns.words import money_in_words_cents
from apps.guardrails.product_prices import ProductPriceChecks
from apps.guardrails.reader import _fact_cents, _money, _spans, rounded_to

_REFUND_WORD = re.compile(r"\brefund\w*|\bmoney back\b|\bcredit(?:ed)? back\b", re.IGNORECASE)
_GENERIC_SHIPPING = "standard-shipping-fee"
_SPECIFIC_SHIPPING = frozenset({"express-shipping-fee", "return-shipping-fee", "free-shipping-threshold"})
_STANDARD = re.compile(r"\bstandard\b", re.IGNORECASE)
_TOTAL_WORD = re.compile(
    r"\btotal\w*|\bpaid\b|\bcharged\b|\bpayment\b|\bcame to\b|\bcomes to\b", re.IGNORECASE
)
_LETTER = re.compile(r"[^\W\d_]")
# A figure, then "for/on the" and the product's name: "$47.84 for the bottle", "47,84 USD for your Kettle".
_FOR_PRODUCT = re.compile(
    r"\S+(?:\s?(?:USD|dollars?|\$))?\s+(?:for|on)\s+(?:the|your|a|an|each|one)\s+(?:new\s+|old\s+)?\Z",
    re.IGNORECASE,
)
_SET_OFF = (",", "\u2013", "\u2014", "-")


class MoneyChecks(ProductPriceChecks):
    # --- money -------------------------------------------------------------------------------

    def money_topics(self, context: str, before: str, after: str) -> list[str]:
        """The money facts a figure may be about, most plainly named first."""
        found = []
        threshold = t.THRESHOLD_BEFORE.search(before[-40:]) or t.THRESHOLD_AFTER.search(after[:20])
        if threshold and (t.FREE.search(context) or t.SHIPPING_WORDS.search(context)):
            found.append("free-shipping-threshold")
        for key, cue in t.MONEY_TOPICS:
            if cue.search(context):
                found.append(key)
        for key, cues in self.index.fact_cues.items():
            if self.facts[key].kind == "money" and all(cue.search(context) for cue in cues):
                found.append(key)
        if _GENERIC_SHIPPING in found and set(found) & _SPECIFIC_SHIPPING and not _STANDARD.search(context):
            # "express shipping costs...", "return shipping costs...": the word "shipping" names the
            # standard fee only when no more specific shipping topic is named.
            found.remove(_GENERIC_SHIPPING)
        return [key for key in found if key in self.facts]

    def products_near(self, sentence: tuple[int, int], clause: tuple[int, int], at: int) -> tuple[str, ...]:
        """ "$47.84 for the bottle": a product named right after its figure with "for/on the" is the
        one the figure is about, even when another is nearer before it ("$488.81 for the chair +
        $47.84 for the bottle"); else the nearest in the clause (reader.py)."""
        for start, _, names in self.mentions:
            if at < start <= at + 40 and _FOR_PRODUCT.match(self.answer, at, start):
                return names
        return super().products_near(sentence, clause, at)

    def _total_over_products(self, sentence: tuple[int, int], start: int) -> bool:
        """ "The refund for the Kettle and the Mouse will be $X", "the Kettle and the Mouse together
        cost $X": a figure after several products and an amount word or a word of adding up in the
        same sentence is their total, whatever its own clause says."""
        lead = self.answer[sentence[0] : start]
        names = {names for m_start, _, names in self.mentions if m_start < start}
        return len(names) > 1 and bool(p.AMOUNT_WORDS.search(lead) or rel.TOGETHER.search(lead))

    def check_money(self, match: re.Match[str], sentence: tuple[int, int], clause: tuple[int, int]) -> None:
        whole = (match.group("a") or match.group("b")).replace(",", "").replace(".", "")
        fraction = match.group("ac") or match.group("bc") or ""
        amount = int(whole) * 100 + (int(fraction.ljust(2, "0")) if fraction else 0)
        self.check_amount(amount, match.start(), match.end(), sentence, clause)

    def check_money_in_words(
        self, match: re.Match[str], sentence: tuple[int, int], clause: tuple[int, int]
    ) -> None:
        """ "thirty-five dollars", "ninety-six dollars and forty-two cents": held like "$35.00"."""
        amount = money_in_words_cents(match)
        if amount is not None:
            self.check_amount(amount, match.start(), match.end(), sentence, clause)

    def _labelled(self, clause: tuple[int, int], sentence: tuple[int, int], start: int) -> tuple[int, int]:
        """ "Net difference: $6.02", "Aufpreis: 32,36 USD", "Skateboard: $195.15 -> $180.10": a
        figure in a clause of figures and signs after a colon belongs with the label before it."""
        lead = self.answer[clause[0] : start]
        if lead.strip() and _LETTER.search(MONEY_DECIMAL_COMMA.sub("", p.MONEY.sub("", lead))):
            return clause  # words before the figure: the clause has its own subject
        lead = self.answer[sentence[0] : clause[0]].rstrip()
        if not lead.endswith(":"):
            return self._apposition(clause, sentence)
        label_start = max(lead.rfind(mark) for mark in (",", ";", "\u2014", "\u2013", "\n")) + 1
        return (max(sentence[0], label_start if label_start > 0 else sentence[0]), clause[1])

    def _apposition(self, clause: tuple[int, int], sentence: tuple[int, int]) -> tuple[int, int]:
        """ "The price difference, $15.10, was charged to your Visa": a clause that is a bare figure
        set off by commas or dashes is said of the clauses on either side of it."""
        if _LETTER.search(MONEY_DECIMAL_COMMA.sub("", p.MONEY.sub("", self.answer[clause[0] : clause[1]]))):
            return clause
        before = self.answer[sentence[0] : clause[0]].rstrip()
        after = self.answer[clause[1] : sentence[1]].lstrip()
        if not (before.endswith(_SET_OFF) and after.startswith(_SET_OFF)):
            return clause
        spans = list(_spans(self.answer, p.CLAUSE, *sentence))
        at = next((i for i, span in enumerate(spans) if span[0] == clause[0]), None)
        if at is None or at == 0 or at + 1 >= len(spans):
            return clause
        return spans[at - 1][0], spans[at + 1][1]

    def check_amount(
        self, amount: int, start: int, end: int, sentence: tuple[int, int], clause: tuple[int, int]
    ) -> None:
        if self.said_by_customer("money", start, end, sentence):
            return
        clause = self._labelled(clause, sentence, start)
        observed = self.evidence.observed
        # "just over $360" for the $360.55 observed: a rounded figure is read as the amount it rounds.
        amount = rounded_to(self.answer, start, end, amount, observed.aggregates | observed.numbers)
        if end > clause[1]:
            # "forty-two dollars and ten cents back": a figure in words can span a clause break.
            following = p.CLAUSE.search(self.answer, end, sentence[1])
            clause = (clause[0], following.start() if following else sentence[1])
        clause_text = self.answer[clause[0] : clause[1]]
        before = self.answer[clause[0] : start]
        in_observations = amount in observed.numbers or amount in observed.aggregates
        index = self._figure_index(sentence, start)
        figures = self._figures(sentence)
        if index is not None:
            computed = rel.explicit_result(self.answer, sentence, figures, index)
            if computed is not None:
                ok = computed == amount
                # A result that computes is still the figure the sentence reports: "Refund:
                # $A + $B = $C" must also be the refund the call made.
                if ok and self.check_settled(amount, start, end, sentence, clause):
                    return
                why = (
                    "the arithmetic stated before it"
                    if ok
                    else f"the figures before it make {_money(computed)}"
                )
                self.add("money", start, end, ok, why, replacement=None if ok else _money(computed))
                return
        # A term of a difference or of written-out arithmetic ("$148.95 - $147.05 = $1.90") is an
        # operand, not the settled figure: the result is held to the call, the terms to the records.
        operand = index is not None and (
            rel.is_operand(self.answer, sentence, figures, index)
            or rel.in_expression(self.answer, sentence, figures, index)
        )

        if operand and self._listed_operand(amount, start, end, sentence, figures, index):
            return

        after = self.answer[end : clause[1]]
        topics = self.money_topics(clause_text, before, after)
        if not topics and not operand and self.check_settled(amount, start, end, sentence, clause):
            return
        if not topics and not self.products_near(sentence, clause, start):
            topics = self.money_topics(self.answer[sentence[0] : sentence[1]], before, after)
        if topics:
            for key in topics:
                if _fact_cents(self.facts[key]) == amount:
                    self.add("money", start, end, True, f"fact {key}: {self.facts[key].statement}")
                    return
            topic = topics[0]
            fact = self.facts[topic]
            expected = _fact_cents(fact)
            products = self.products_near(sentence, clause, start)
            if in_observations or any(amount in self._product_cents(name) for name in products):
                self.add("money", start, end, True, "observed this turn")
                return
            if expected is None:
                self.add("money", start, end, False, f"contradicts fact {topic}: {fact.statement}")
            elif expected == 0:
                self.add(
                    "money",
                    start,
                    end,
                    False,
                    f"contradicts fact {topic}: {fact.statement}",
                    replacement=fact.statement,
                    whole_sentence=True,
                )
            else:
                self.add(
                    "money",
                    start,
                    end,
                    False,
                    f"contradicts fact {topic}: {fact.statement}",
                    replacement=_money(expected),
                )
            return

        products = self.products_near(sentence, clause, start)
        if not products and not operand and self.check_order_bound(amount, start, end, sentence, clause):
            return
        amount_context = bool(p.AMOUNT_WORDS.search(clause_text) or rel.TOGETHER.search(clause_text))
        amount_context = amount_context or self._total_over_products(sentence, start)
        if products:
            self.check_price(
                start, end, amount, products, clause_text, amount_context, in_observations, sentence
            )
            return
        if in_observations:
            self.add("money", start, end, True, "observed this turn")
            return
        fact_key = self.index.money_fact_cents.get(amount)
        # A figure the sentence calls a refund, a charge or a total is about this conversation's
        # money, not a policy figure that happens to be equal ("Refund issued: $50.00").
        sentence_text = self.answer[sentence[0] : sentence[1]]
        if fact_key is not None and not p.AMOUNT_WORDS.search(sentence_text):
            self.add("money", start, end, True, f"fact {fact_key}: {self.facts[fact_key].statement}")
            return
        if self._stated(sentence, index):
            return
        self.add(
            "money",
            start,
            end,
            False,
            "no observation or fact supports this amount",
            replacement=self._amount_fix(clause_text),
        )

    def _listed_operand(
        self,
        amount: int,
        start: int,
        end: int,
        sentence: tuple[int, int],
        figures: list[rel.Figure],
        index: int | None,
    ) -> bool:
        """ "The Kettle and the Mouse on #W...: $A + $B = $C", "the blue Kettle vs yours: $A minus
        $B": terms of written-out arithmetic that follow the products they are about, with no
        product named among the terms, are the listed products' prices in some order. Each is held
        to the prices observed for those products (any of them), not to the product named last;
        a term beside its own product ("Kettle $A + Mouse $B") keeps its own binding."""
        if index is None:
            return False
        previous = figures[index - 1].end if index > 0 else None
        names: set[str] = set()
        for m_start, m_end, found in self.mentions:
            if m_end > start:
                break
            if previous is not None and m_start >= previous:
                return False  # a product named among the terms: each term has its own
            names.update(found)
        # What was paid for those products on the observed orders (a catalogue price is held to
        # the variant the sentence names, as before).
        observed = self.evidence.observed
        ordered = {
            price
            for items in observed.order_items.values()
            for item_id, price in items
            if observed.item_products.get(item_id, "").lower() in names
        }
        if amount not in ordered:
            return False
        self.add(
            "price", start, end, True, "a term of the arithmetic: the price of a product listed before it"
        )
        return True

    def _amount_fix(self, clause_text: str) -> str | None:
        observed = self.evidence.observed
        if _REFUND_WORD.search(clause_text) and len(observed.refunds) == 1:
            return _money(next(iter(observed.refunds)))
        if _TOTAL_WORD.search(clause_text) and len(observed.payments) == 1:
            return _money(next(iter(observed.payments)))
        return None
