"""Money claims: fees and thresholds against the facts, product prices against the
catalogue and this turn's observations, any other figure against the observations."""

from __future__ import annotations

import re
from weakref import WeakKeyDictionary

from apps.guardrails import figure_relations as rel
from apps.guardrails import patterns as p
from apps.guardrails import topics as t
from apps.guardrails.evidence import cents, order_key
from apps.guardrails.patterns.figures import DIFFERENCE, MONEY_DECIMAL_COMMA
from apps.guardrails.patterns.words import money_in_words_cents
from apps.guardrails.price_changes import new_variant_prices, price_differences
from apps.guardrails.reader import ReaderBase, _fact_cents, _money
from apps.guardrails.settlements import SETTLING_TOOLS, Settlement, settlement_for
from apps.knowledge.snapshot import KnowledgeSnapshot, VariantPrice

_VARIANT_WORDS = re.compile(
    r"\b(?:version|variant|option|size|colou?r|capacity|model|instead|switch\w*|new|other|exchang\w*|swap\w*|"
    r"available|in stock|currently|now|costs|sells?|retails?|priced?)\b",
    re.IGNORECASE,
)
_PAST_PAID = re.compile(r"\b(?:paid|you were charged|cost you|was charged|bought|purchased)\b", re.IGNORECASE)
_REFUND_WORD = re.compile(r"\brefund\w*|\bmoney back\b|\bcredit(?:ed)? back\b", re.IGNORECASE)
_GENERIC_SHIPPING = "standard-shipping-fee"
_SPECIFIC_SHIPPING = frozenset({"express-shipping-fee", "return-shipping-fee", "free-shipping-threshold"})
_STANDARD = re.compile(r"\bstandard\b", re.IGNORECASE)
# A figure its clause calls a refund, a price difference, or a charge for a changed item: it is
# the amount of the call the sentence reports (settlements.py), not any observed number.
_REFUND_NOUNS = (
    r"\brefund\w*|\breimburs\w*|\bcredited\b|\bmoney back\b|"
    r"\brembours\w*|\breembols\w*|\bdevolv\w*|\bdevuel\w*|\b(?:r[üu]ck)?erstatt\w*|"
    r"\bgutgeschrieben\b|\bgutschrift\b"
)
# "back" makes a figure a refund only in its own clause ("$X back"): in the sentence it is as
# often the goods going back ("send it back").
_REFUND_FIGURE = re.compile(_REFUND_NOUNS + r"|\bback\b(?![- ]?order)|\bzur[üu]ck\w*", re.IGNORECASE)
_REFUND_SENTENCE = re.compile(_REFUND_NOUNS, re.IGNORECASE)
# Money sent to one of the customer's payment methods: a refund, when nothing in its clause says
# it was paid or charged ("$X goes to your gift card", "$X will be returned to your Visa",
# "expect $X on your card").
_METHOD = (
    r"(?:your|the)\s+(?:\w+\s+){0,3}?(?:card|account|paypal|visa|mastercard|amex|payment method|wallet)\b"
)
_TO_METHOD = re.compile(
    rf"\b(?:to|onto|into)\s+{_METHOD}|"
    # "expect $X on your card", "$X should show up on your Visa": arriving there
    rf"\b(?:expect\w*|see|show\w* up|appear\w*|land\w*|arriv\w*|receiv\w*|reach\w*)\b.*\bon\s+{_METHOD}",
    re.IGNORECASE,
)
_OTHER_MONEY = re.compile(
    r"\b(?:paid|pay|price\w*|cost\w*|total\w*|charg\w*|fees?|balance|worth|each|pagó|pagado|payé|bezahlt)\b",
    re.IGNORECASE,
)
_CHARGE = re.compile(r"\bcharg\w*|\bextra\b|\badditional\b|\bowe\b", re.IGNORECASE)
_CHANGED_ITEM = re.compile(
    r"\bexchang\w*|\bswap\w*|\bupgrad\w*|\bnew (?:item|size|colou?r|variant|model|version)\b|\bitem change",
    re.IGNORECASE,
)
_TOTAL_WORD = re.compile(
    r"\btotal\w*|\bpaid\b|\bcharged\b|\bpayment\b|\bcame to\b|\bcomes to\b", re.IGNORECASE
)
# Which way a change's money went, as a comparative says it.
_TOWARD_CUSTOMER = re.compile(r"\b(?:cheaper|less|lower|sav(?:e|es|ing|ings))\b", re.IGNORECASE)
_TOWARD_STORE = re.compile(
    r"\b(?:more|dearer|pricier|extra|additional|on top|top[- ]up|higher|owe)\b", re.IGNORECASE
)
# What says a figure is an order's whole ("order #X came to $Y altogether", "the total of #X").
_WHOLE_ORDER = re.compile(
    r"\btotal\w*|\bcame to\b|\bcomes? to\b|\baltogether\b|\bin all\b|\ball (?:\d+|\w+) items\b|"
    r"\bwhole order\b|\boverall\b|\bgrand total\b|\bpaid\b|\binsgesamt\b|\ben total\b|\bau total\b",
    re.IGNORECASE,
)
# The new variant of a change named as such ("the new variant costs", "die neue Variante kostet").
_NEW_ITEM = re.compile(
    r"\b(?:new|replacement|neue[nrs]?|nuev[oa]s?|nouvel(?:le)?s?|nouveaux?)\s+(?:\w+\s+){0,2}?"
    r"(?:variant\w*|version|item|one|model\w*|artikel|art[ií]culo|article|size|colou?r|gr[öo](?:ß|ss)e|farbe|"
    r"talla|taille|couleur)\b",
    re.IGNORECASE,
)
_NEW_BEFORE = re.compile(
    r"\b(?:new|replacement|neue[nrs]?|nuev[oa]s?|nouvel(?:le)?s?|nouveaux?)\s+$", re.IGNORECASE
)
_LETTER = re.compile(r"[^\W\d_]")
_NEW_BEFORE_HINT = re.compile(r"\b(?:new|replacement|neu|nuev|nouv|now)|\u2192|->", re.IGNORECASE)
# Between a product and its figure: the figure is what the product is now ("is now", "-> $X").
_NOW_BETWEEN = re.compile(
    r"^\s*(?:is|costs?|comes to)\s+now\b|\bnow\s+(?:is|costs?)\b|(?:\u2192|->)\s*$", re.IGNORECASE
)
# A price written against a product's name: "the Water Bottle ($47.84)", "Water Bottle: $47.84",
# "the Water Bottle at $47.84", "the $47.84 Water Bottle", "$54.85 for the new Water Bottle".
_ATTACHED_AFTER = re.compile(
    r"^[\s(:,\u2013\u2014-]*(?:(?:at|for|costs?|priced at|is|was|are|were|now|@|\u2192|->)[\s(:]*)*$",
    re.IGNORECASE,
)
_ATTACHED_BEFORE = re.compile(
    r"^\s*(?:(?:for|on)\s+)?(?:(?:the|a|an|your)\s+)?(?:(?:new|old|replacement)\s+)?$", re.IGNORECASE
)
# Option values too common to name a variant on their own.
_GENERIC_VALUES = frozenset({"yes", "no", "none", "other", "standard", "regular", "n/a"})
_VALUE_PUNCTUATION = re.compile(r"[,;:()\[\]!?]|\.(?=\s|$)|\s+")


_VARIANT_VALUES: WeakKeyDictionary[KnowledgeSnapshot, dict[tuple[str, ...], tuple]] = WeakKeyDictionary()


def _variant_values(
    knowledge: KnowledgeSnapshot, products: tuple[str, ...]
) -> tuple[list[VariantPrice], list[frozenset[str]], frozenset[str]]:
    """The products' variants, each one's option values that can name it in a sentence (lowercased,
    punctuation as spaces, no generic ones), and all of them; once per snapshot and products."""
    cache = _VARIANT_VALUES.setdefault(knowledge, {})
    if products not in cache:
        variants = [variant for name in products for variant in knowledge.prices.get(name, ())]
        values = []
        for variant in variants:
            own = {_VALUE_PUNCTUATION.sub(" ", str(v).lower()).strip() for v in variant.options.values()}
            values.append(frozenset(v for v in own if len(v) > 2 and v not in _GENERIC_VALUES))
        cache[products] = (variants, values, frozenset().union(*values))
    return cache[products]


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

    def _figures(self, sentence: tuple[int, int]) -> list[rel.Figure]:
        cache: dict[tuple[int, int], list[rel.Figure]] = self.__dict__.setdefault("_figure_cache", {})
        if sentence not in cache:
            cache[sentence] = rel.sentence_figures(self.answer, sentence)
        return cache[sentence]

    def _figure_index(self, sentence: tuple[int, int], start: int) -> int | None:
        return next((i for i, f in enumerate(self._figures(sentence)) if f.start == start), None)

    def _labelled(self, clause: tuple[int, int], sentence: tuple[int, int], start: int) -> tuple[int, int]:
        """ "Net difference: $6.02", "Aufpreis: 32,36 USD", "Skateboard: $195.15 -> $180.10": a
        figure in a clause of figures and signs after a colon belongs with the label before it."""
        lead = self.answer[clause[0] : start]
        if lead.strip() and _LETTER.search(MONEY_DECIMAL_COMMA.sub("", p.MONEY.sub("", lead))):
            return clause  # words before the figure: the clause has its own subject
        lead = self.answer[sentence[0] : clause[0]].rstrip()
        if not lead.endswith(":"):
            return clause
        label_start = max(lead.rfind(mark) for mark in (",", ";", "\u2014", "\u2013", "\n")) + 1
        return (max(sentence[0], label_start if label_start > 0 else sentence[0]), clause[1])

    def check_amount(
        self, amount: int, start: int, end: int, sentence: tuple[int, int], clause: tuple[int, int]
    ) -> None:
        clause = self._labelled(clause, sentence, start)
        if end > clause[1]:
            # "forty-two dollars and ten cents back": a figure in words can span a clause break.
            following = p.CLAUSE.search(self.answer, end, sentence[1])
            clause = (clause[0], following.start() if following else sentence[1])
        clause_text = self.answer[clause[0] : clause[1]]
        before = self.answer[clause[0] : start]
        observed = self.evidence.observed
        in_observations = amount in observed.numbers or amount in observed.aggregates
        index = self._figure_index(sentence, start)
        figures = self._figures(sentence)
        if index is not None:
            computed = rel.explicit_result(self.answer, sentence, figures, index)
            if computed is not None:
                ok = computed == amount
                why = (
                    "the arithmetic stated before it"
                    if ok
                    else f"the figures before it make {_money(computed)}"
                )
                self.add("money", start, end, ok, why, replacement=None if ok else _money(computed))
                return
        operand = index is not None and rel.is_operand(self.answer, sentence, figures, index)

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

    def _stated(self, sentence: tuple[int, int], index: int | None) -> bool:
        """A sum or difference of the sentence's other figures, each checked on its own."""
        if index is None or not rel.implicit_result(self.answer, sentence, self._figures(sentence), index):
            return False
        figure = self._figures(sentence)[index]
        self.add("money", figure.start, figure.end, True, "a sum or difference of the figures beside it")
        return True

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
        sentence: tuple[int, int],
    ) -> None:
        observed = self.evidence.observed
        seen = set().union(*(observed.product_prices.get(name, set()) for name in products))
        catalogue = set().union(*(self.index.catalogue_cents.get(name, frozenset()) for name in products))
        label = " / ".join(
            self.evidence.prices[n][0].product_name if n in self.evidence.prices else n for n in products
        )
        named = self._named_variant_prices(products, sentence, start, end)
        if named is not None and amount not in named and amount in seen | catalogue:
            shown = ", ".join(_money(c) for c in sorted(named)[:4])
            fix = _money(next(iter(named))) if len(named) == 1 else None
            self.add("price", start, end, False, f"the {label} variant named costs {shown}", replacement=fix)
            return
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
        if (amount_context or DIFFERENCE.search(clause_text)) and amount in price_differences(
            self.evidence, self.index.item_cents
        ):
            self.add("money", start, end, True, "the price difference of an exchange or item change made")
            return
        new_variants = new_variant_prices(self.evidence, self.index.item_cents)
        if any(
            price == amount and self.index.item_product.get(item) in products
            for item, price in new_variants.items()
        ):
            self.add("price", start, end, True, f"the price of the new {label} variant of a change made")
            return
        if self._stated(sentence, self._figure_index(sentence, start)):
            return
        candidates = seen or (catalogue if len(catalogue) == 1 else set())
        fix = _money(next(iter(candidates))) if len(candidates) == 1 else None
        where = "observed" if seen else "catalogue"
        shown = ", ".join(_money(c) for c in sorted(seen or catalogue)[:6])
        self.add("price", start, end, False, f"the {label}'s {where} price is {shown}", replacement=fix)

    def _named_variant_prices(
        self, products: tuple[str, ...], sentence: tuple[int, int], start: int, end: int
    ) -> set[int] | None:
        """ "The Pet Bed in large, polyester, brown costs $X": when the product's phrase before the
        figure names option values that pick out variants of it, the prices of those variants (as
        observed, else the catalogue's); None when it names none, or values no one variant has
        together."""
        variants, values, every = _variant_values(self.evidence.knowledge, products)
        if not variants:
            return None
        # The words of this product's phrase: from the figure or other product before it up to the figure.
        lead = max(
            [sentence[0]]
            + [f.end for f in self._figures(sentence) if f.end <= start]
            + [m_end for _, m_end, names in self.mentions if m_end <= start and names != products]
        )
        if not any(lead <= m_start < start and names == products for m_start, _, names in self.mentions):
            return None  # the product is named after its figure ("$193.22 for the Pet Bed"): no phrase
        text = self.answer[lead:start]
        padded = " " + _VALUE_PUNCTUATION.sub(" ", text.lower()) + " "
        named = {value for value in every if f" {value} " in padded}
        if not named:
            return None
        item_prices = self.evidence.observed.item_prices
        prices: set[int] = set()
        for variant, own in zip(variants, values, strict=True):
            if named <= own:
                prices |= item_prices.get(variant.item_id) or {cents(variant.price) or 0}
        return prices or None

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
        if _WHOLE_ORDER.search(clause_text) and not term and not self._settling_words(clause_text, sentence):
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

    # --- figures bound to the call the sentence reports --------------------------------------

    def _settling_words(self, clause_text: str, sentence: tuple[int, int]) -> bool:
        sentence_text = self.answer[sentence[0] : sentence[1]]
        return bool(
            _REFUND_FIGURE.search(clause_text)
            or (DIFFERENCE.search(clause_text) and (_CHANGED_ITEM.search(sentence_text)))
            or (_CHARGE.search(clause_text) and _CHANGED_ITEM.search(sentence_text))
        )

    def _attached_to_product(self, amount: int, start: int, end: int) -> bool:
        """The figure is written against a product's name and is a price of it ("the Water Bottle
        ($47.84)"): a price, not an amount of its own."""
        for m_start, m_end, names in self.mentions:
            attached = (m_end <= start and _ATTACHED_AFTER.match(self.answer[m_end:start])) or (
                m_start >= end and _ATTACHED_BEFORE.match(self.answer[end:m_start])
            )
            if attached and any(
                amount in self._product_cents(name) or amount in self.index.catalogue_cents.get(name, ())
                for name in names
            ):
                return True
        return False

    def check_settled(
        self, amount: int, start: int, end: int, sentence: tuple[int, int], clause: tuple[int, int]
    ) -> bool:
        """A refund, price difference, item-change charge or new variant's price is checked against
        the calls its sentence reports; True when it was (a finding is added)."""
        if not self.evidence.writes(SETTLING_TOOLS):
            return False  # nothing settled in this conversation: no call to bind a figure to
        sentence_text = self.answer[sentence[0] : sentence[1]]
        clause_text = self.answer[clause[0] : clause[1]]
        other_money = bool(_OTHER_MONEY.search(clause_text) or _CHARGE.search(clause_text))
        refund_said = bool(_REFUND_FIGURE.search(clause_text))  # in the figure's own clause
        # "the rest of the order ($488.81)": a figure in brackets is the value of the noun before it,
        # not of the sentence's refund.
        bracketed = self.answer[:start].rstrip().endswith("(") and self.answer[end:].lstrip().startswith(")")
        refund = refund_said or (
            bool(_REFUND_SENTENCE.search(sentence_text) or _TO_METHOD.search(clause_text))
            and not other_money
            and not bracketed
        )
        new_products = self._new_products_named(clause, start)
        changed = bool(_CHANGED_ITEM.search(sentence_text) or _NEW_ITEM.search(sentence_text) or new_products)
        compared = DIFFERENCE.search(clause_text)
        difference = bool(compared and (compared.group("noun") or changed))
        charge = bool(_CHARGE.search(clause_text)) and changed
        new_item = bool(_NEW_ITEM.search(clause_text) or new_products) and not (
            refund_said or difference or charge
        )
        refund = refund and not new_item
        if not (refund or difference or charge or new_item):
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
        new_prices = self._new_prices(settled, new_products) if new_item else set()
        found = self._expected(settled, refund, difference, charge, new_prices)
        if found is None:
            return False
        expected, what = found
        wrong_way = self._wrong_direction(amount, settled, clause_text, refund, charge)
        if wrong_way:
            self.add("money", start, end, False, f"the call this sentence reports {wrong_way} this amount")
            return True
        if amount in expected:
            self.add("money", start, end, True, f"the {what} of the call this sentence reports")
            return True
        if what != "new variant's price" and self._attached_to_product(amount, start, end):
            return False  # a price of the product it names ("the $47.84 Water Bottle"): checked as one
        if not expected:
            self.add("money", start, end, False, f"the call this sentence reports made no {what}")
            return True
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

    @staticmethod
    def _wrong_direction(
        amount: int, settled: Settlement, clause_text: str, refund: bool, charge: bool
    ) -> str | None:
        """ "You'll get $X back" when the change charged $X, "$X extra" when it refunded $X: what the
        call really did with the amount, when the clause says it went the other way."""
        if p.NEGATION.search(clause_text):
            return None
        to_customer = refund or bool(_TOWARD_CUSTOMER.search(clause_text))
        to_store = charge or bool(_TOWARD_STORE.search(clause_text))
        if to_customer and not to_store and amount in settled.charges - settled.refunds:
            return "charged, not refunded,"
        if to_store and not to_customer and amount in settled.refunds - settled.charges:
            return "refunded, not charged,"
        return None

    def _new_products_named(self, clause: tuple[int, int], start: int) -> set[str]:
        """The products the clause names as new: "the new Pet Bed", "the replacement Kettle", "the
        Skateboard is now $X", "Skateboard: $A -> $X" (the figure after the arrow)."""
        found: set[str] = set()
        if not _NEW_BEFORE_HINT.search(self.answer, *clause):
            return found
        for m_start, m_end, names in self.mentions:
            if not (clause[0] <= m_start and m_end <= clause[1]):
                continue
            between = self.answer[m_end:start] if m_end <= start else ""
            if _NEW_BEFORE.search(self.answer, clause[0], m_start) or _NOW_BETWEEN.search(between):
                found.update(names)
        return found

    def _new_prices(self, settled: Settlement, products: set[str]) -> set[int]:
        """The prices of the change's new variants, of the products named when the clause names some."""
        item_product = self.index.item_product
        return {
            price
            for item, price in settled.new_prices.items()
            if not products or item_product.get(item) in products
        }

    @staticmethod
    def _expected(
        settled: Settlement, refund: bool, difference: bool, charge: bool, new_prices: set[int]
    ) -> tuple[set[int], str] | None:
        """What the figure is held to, and what it is called; None when the calls settled nothing of
        that kind."""
        if difference and settled.differences:
            return settled.differences, "price difference"
        if charge and not refund and settled.charges:
            return settled.charges | settled.differences, "charge"
        if charge and not refund and settled.refunds:
            return set(), "charge"  # the change refunded: nothing was charged
        if refund and settled.refunds:
            return settled.refunds, "refund"
        if refund and settled.charges:
            return set(), "refund"  # the change charged: nothing was refunded
        if new_prices:
            return new_prices, "new variant's price"
        return None
