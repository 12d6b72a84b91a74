"""Money claims: fees and thresholds against the facts, product prices against the
catalogue and this turn's observations, any other figure against the observations."""

from __future__ import annotations

import re

from apps.guardrails import patterns as p
from apps.guardrails import topics as t
from apps.guardrails.evidence import order_key
from apps.guardrails.patterns.words import money_in_words_cents
from apps.guardrails.price_changes import price_differences
from apps.guardrails.reader import ReaderBase, _fact_cents, _money
from apps.guardrails.settlements import settlement_for

_VARIANT_WORDS = re.compile(
    r"\b(?:version|variant|option|size|colou?r|capacity|model|instead|switch\w*|new|other|exchang\w*|swap\w*|"
    r"available|in stock|currently|now|costs|sells?|retails?|priced?)\b",
    re.IGNORECASE,
)
_PAST_PAID = re.compile(r"\b(?:paid|you were charged|cost you|was charged|bought|purchased)\b", re.IGNORECASE)
_REFUND_WORD = re.compile(r"\brefund\w*|\bmoney back\b|\bcredit(?:ed)? back\b", re.IGNORECASE)
_DIFFERENCE = re.compile(
    r"\b(?:more|less|cheaper|dearer|pricier|extra|additional|difference|on top|top[- ]up)\b", re.IGNORECASE
)
_GENERIC_SHIPPING = "standard-shipping-fee"
_SPECIFIC_SHIPPING = frozenset({"express-shipping-fee", "return-shipping-fee", "free-shipping-threshold"})
_STANDARD = re.compile(r"\bstandard\b", re.IGNORECASE)
# A figure its clause calls a refund, a price difference, or a charge for a changed item: it is
# the amount of the call the sentence reports (settlements.py), not any observed number.
_REFUND_FIGURE = re.compile(
    r"\brefund\w*|\breimburs\w*|\bcredited\b|\bmoney back\b|\bback (?:to|on|in|into) your\b|"
    r"\brembours\w*|\breembols\w*|\b(?:r[üu]ck)?erstatt\w*|\bgutgeschrieben\b|\bgutschrift\b",
    re.IGNORECASE,
)
_OTHER_MONEY = re.compile(
    r"\b(?:paid|pay|price\w*|cost\w*|total\w*|charg\w*|fees?|balance|worth|each|pagó|pagado|payé|bezahlt)\b",
    re.IGNORECASE,
)
_DIFFERENCE_WORD = re.compile(r"\bdifference\b|\bdiferencia\b|\bdifférence\b|\bdifferenz\b", re.IGNORECASE)
_CHARGE = re.compile(r"\bcharg\w*|\bextra\b|\badditional\b|\bowe\b", re.IGNORECASE)
_CHANGED_ITEM = re.compile(
    r"\bexchang\w*|\bswap\w*|\bupgrad\w*|\bnew (?:item|size|colou?r|variant|model|version)\b|\bitem change",
    re.IGNORECASE,
)
_TOTAL_WORD = re.compile(
    r"\btotal\w*|\bpaid\b|\bcharged\b|\bpayment\b|\bcame to\b|\bcomes to\b", re.IGNORECASE
)


class MoneyChecks(ReaderBase):
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

    def _total_over_products(self, sentence: tuple[int, int], start: int) -> bool:
        """ "The refund for the Kettle and the Mouse will be $X": a figure after several products and
        an amount word in the same sentence is their total, whatever its own clause says."""
        lead = self.answer[sentence[0] : start]
        names = {names for m_start, _, names in self.mentions if m_start < start}
        return len(names) > 1 and bool(p.AMOUNT_WORDS.search(lead))

    def check_money(self, match: re.Match[str], sentence: tuple[int, int], clause: tuple[int, int]) -> None:
        whole = match.group("a") or match.group("b")
        fraction = match.group("ac") or match.group("bc") or ""
        amount = int(whole.replace(",", "")) * 100 + (int(fraction.ljust(2, "0")) if fraction else 0)
        self.check_amount(amount, match.start(), match.end(), sentence, clause)

    def check_money_in_words(
        self, match: re.Match[str], sentence: tuple[int, int], clause: tuple[int, int]
    ) -> None:
        """ "thirty-five dollars", "ninety-six dollars and forty-two cents": held like "$35.00"."""
        amount = money_in_words_cents(match)
        if amount is not None:
            self.check_amount(amount, match.start(), match.end(), sentence, clause)

    def check_amount(
        self, amount: int, start: int, end: int, sentence: tuple[int, int], clause: tuple[int, int]
    ) -> None:
        clause_text = self.answer[clause[0] : clause[1]]
        before = self.answer[clause[0] : start]
        observed = self.evidence.observed
        in_observations = amount in observed.numbers or amount in observed.aggregates

        after = self.answer[end : clause[1]]
        topics = self.money_topics(clause_text, before, after)
        if not topics and self.check_settled(amount, start, end, sentence, clause):
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
        amount_context = bool(p.AMOUNT_WORDS.search(clause_text))
        amount_context = amount_context or self._total_over_products(sentence, start)
        if products:
            self.check_price(start, end, amount, products, clause_text, amount_context, in_observations)
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
        self.add(
            "money",
            start,
            end,
            False,
            "no observation or fact supports this amount",
            replacement=self._amount_fix(clause_text),
        )

    def _product_cents(self, name: str) -> set[int]:
        observed = self.evidence.observed.product_prices.get(name)
        if observed:
            return observed
        return set(self.index.catalogue_cents.get(name, ()))

    def check_price(
        self,
        start: int,
        end: int,
        amount: int,
        products: tuple[str, ...],
        clause_text: str,
        amount_context: bool,
        in_observations: bool,
    ) -> None:
        observed = self.evidence.observed
        seen = set().union(*(observed.product_prices.get(name, set()) for name in products))
        catalogue = set().union(*(self.index.catalogue_cents.get(name, frozenset()) for name in products))
        label = " / ".join(
            self.evidence.prices[n][0].product_name if n in self.evidence.prices else n for n in products
        )
        if seen and amount in seen:
            self.add("price", start, end, True, f"observed price of the {label}")
            return
        allow_catalogue = not seen or (
            _VARIANT_WORDS.search(clause_text) and not _PAST_PAID.search(clause_text)
        )
        if allow_catalogue and amount in catalogue:
            self.add("price", start, end, True, f"catalogue price of a {label} variant")
            return
        if amount_context and amount in observed.aggregates:
            self.add("money", start, end, True, "observed total this turn")
            return
        if amount_context and in_observations and amount not in self._single_prices():
            self.add("money", start, end, True, "observed this turn")
            return
        if (amount_context or _DIFFERENCE.search(clause_text)) and amount in price_differences(self.evidence):
            self.add("money", start, end, True, "the price difference of an exchange or item change made")
            return
        candidates = seen or (catalogue if len(catalogue) == 1 else set())
        fix = _money(next(iter(candidates))) if len(candidates) == 1 else None
        where = "observed" if seen else "catalogue"
        shown = ", ".join(_money(c) for c in sorted(seen or catalogue)[:6])
        self.add("price", start, end, False, f"the {label}'s {where} price is {shown}", replacement=fix)

    def _single_prices(self) -> set[int]:
        return (
            set().union(*self.evidence.observed.product_prices.values())
            if self.evidence.observed.product_prices
            else set()
        )

    def _amount_fix(self, clause_text: str) -> str | None:
        observed = self.evidence.observed
        if _REFUND_WORD.search(clause_text) and len(observed.refunds) == 1:
            return _money(next(iter(observed.refunds)))
        if _TOTAL_WORD.search(clause_text) and len(observed.payments) == 1:
            return _money(next(iter(observed.payments)))
        return None

    def check_settled(
        self, amount: int, start: int, end: int, sentence: tuple[int, int], clause: tuple[int, int]
    ) -> bool:
        """A refund, price difference or item-change charge is checked against the calls its
        sentence reports; True when it was (a finding is added)."""
        sentence_text = self.answer[sentence[0] : sentence[1]]
        clause_text = self.answer[clause[0] : clause[1]]
        refund = bool(_REFUND_FIGURE.search(clause_text)) or (
            bool(_REFUND_FIGURE.search(sentence_text)) and not _OTHER_MONEY.search(clause_text)
        )
        difference = bool(_DIFFERENCE_WORD.search(clause_text))
        charge = bool(_CHARGE.search(clause_text)) and bool(_CHANGED_ITEM.search(sentence_text))
        if not (refund or difference or charge):
            return False
        orders = {key for m in p.ORDER_REF.finditer(sentence_text) if (key := order_key(m.group()))}
        if not orders:
            # "Cancel order #W...: ... / Refund: $X": the sentence is about the order the answer
            # named last before it, not about whatever the conversation settled.
            earlier = [m.group() for m in p.ORDER_REF.finditer(self.answer, 0, sentence[0])]
            orders = {key for key in map(order_key, earlier[-1:]) if key}
        settled = settlement_for(self.evidence, orders, self.index.item_cents)
        if settled is None:
            return False
        if difference and settled.differences:
            expected, what = settled.differences, "price difference"
        elif charge and not refund and settled.charges:
            expected, what = settled.charges | settled.differences, "charge"
        elif refund and settled.refunds:
            expected, what = settled.refunds, "refund"
        else:
            return False
        if amount in expected:
            self.add("money", start, end, True, f"the {what} of the call this sentence reports")
            return True
        products = self.products_near(sentence, clause, start)
        if any(
            amount in self._product_cents(name) or amount in self.index.catalogue_cents.get(name, ())
            for name in products
        ):
            return False  # a price of the product it names ("the $47.84 Water Bottle"): checked as one
        shown = ", ".join(_money(c) for c in sorted(expected)[:4])
        self.add(
            "money",
            start,
            end,
            False,
            f"the {what} of the call this sentence reports is {shown}",
            replacement=_money(next(iter(expected))) if len(expected) == 1 else None,
        )
        return True
