"""Product prices: a figure said of a product is one of its prices (observed this turn, else the
catalogue's), of the variant its phrase names, of the cheapest or dearest when it says so, and
in Spanish, French and German too; a figure said of a comparison is the gap between two
products' prices. The part of the money checks (money.py) that binds a figure to a product."""

from __future__ import annotations

import re

from apps.guardrails import figure_relations as rel
from apps.guardrails.evidence import cents
from apps.guardrails.order_figures import OrderFigureChecks
from apps.guardrails.patterns.figures import DIFFERENCE
from apps.guardrails.price_changes import changes_settled, new_variant_prices, price_differences
from apps.guardrails.reader import _money
from apps.guardrails.variants import bound_kind, extreme_prices, named_values, range_end, variant_values

_VARIANT_WORDS = re.compile(
    r"\b(?:version|variant|option|size|colou?r|capacity|model|instead|switch\w*|new|other|exchang\w*|swap\w*|"
    r"available|in stock|currently|now|costs|sells?|retails?|priced?)\b",
    re.IGNORECASE,
)
_PAST_PAID = re.compile(r"\b(?:paid|you were charged|cost you|was charged|bought|purchased)\b", re.IGNORECASE)
# A price word joining a figure to a product in Spanish, French or German, and words that make a
# figure an amount of something else (a total, a refund, a difference).
_FOREIGN_PRICE = re.compile(
    r"\b(?:kost\w*|cost[oóa]\w*|cuesta\w*|cuestan|co[ûu]t\w*|vale|valen|precio|preis|prix)\b", re.I
)
_FOREIGN_AMOUNT = re.compile(
    r"\b(?:total\w*|insgesamt|gesamt\w*|zusammen|juntos|ensemble|reembols\w*|rembours\w*|erstatt\w*|"
    r"diferencia|diff[ée]rence|differenz|aufpreis|suppl[ée]ment|suplemento|pag\w*|pay[ée]\w*|bezahlt)\b",
    re.I,
)


class ProductPriceChecks(OrderFigureChecks):
    def _stated(self, sentence: tuple[int, int], index: int | None) -> bool:
        """A sum or difference of the sentence's other figures, each checked on its own."""
        if index is None or not rel.implicit_result(self.answer, sentence, self._figures(sentence), index):
            return False
        figure = self._figures(sentence)[index]
        self.add("money", figure.start, figure.end, True, "a sum or difference of the figures beside it")
        return True

    def _products_compared(
        self, amount: int, products: tuple[str, ...], sentence: tuple[int, int], start: int
    ) -> bool:
        """ "The Backpack costs $8.73 more than the Pet Bed": a figure said of a comparison between
        two products of the sentence is the gap between a price of each (observed, else the
        catalogue's)."""

        def prices(names: tuple[str, ...]) -> set[int]:
            seen = set().union(*(self.evidence.observed.product_prices.get(n, set()) for n in names))
            return seen or set().union(*(self.index.catalogue_cents.get(n, frozenset()) for n in names))

        own = prices(products)
        for _, m_end, names in self.mentions:
            if set(names) & set(products) or not sentence[0] <= m_end <= sentence[1]:
                continue
            others = prices(names)
            if len(own) * len(others) <= 2500 and any(abs(a - b) == amount for a in own for b in others):
                return True
        return False

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
        if named and amount in named:
            # "Tea Kettle (ceramic, 2 liters, gas): 101.12 USD" after another Tea Kettle was observed.
            self.add("price", start, end, True, f"the price of the {label} variant named")
            return
        extreme = self._extreme_prices(products, sentence, start)
        if extreme is not None and amount in seen | catalogue and amount not in extreme[1]:
            shown = ", ".join(_money(c) for c in sorted(extreme[1])[:2])
            self.add("price", start, end, False, f"the {extreme[0]} {label} costs {shown}")
            return
        bound = bound_kind(self.answer[max(sentence[0], start - 20) : start])
        if bound is not None and (catalogue or seen):
            # "Every Pet Bed is under $220": true of the catalogue's prices, or of those observed.
            holds = [group for group in (catalogue, seen) if group]
            ok = any(max(g) <= amount if bound == "upper" else min(g) >= amount for g in holds)
            self.add("price", start, end, ok, f"an {bound} bound of the {label}'s prices")
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
            settled = changes_settled(self.evidence, self.index.item_cents)
            wrong_way = self._wrong_direction(amount, settled, clause_text, False, False)
            if wrong_way:  # "pays $12.29 extra" when the exchange refunded it
                self.add("money", start, end, False, f"the change made {wrong_way} this amount")
                return
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
        if DIFFERENCE.search(clause_text) and self._products_compared(amount, products, sentence, start):
            self.add("money", start, end, True, f"the gap between the {label}'s price and another's")
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
        variants, values, every = variant_values(self.evidence.knowledge, products)
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
        named = named_values(self.answer[lead:start], every)
        if not named:
            return None
        item_prices = self.evidence.observed.item_prices
        prices: set[int] = set()
        for variant, own in zip(variants, values, strict=True):
            if named <= own:
                prices |= item_prices.get(variant.item_id) or {cents(variant.price) or 0}
        return prices or None

    def _extreme_prices(
        self, products: tuple[str, ...], sentence: tuple[int, int], start: int
    ) -> tuple[str, set[int]] | None:
        """ "The cheapest Pet Bed is $X": the product's lowest or highest price, when the words
        around its name (the last mention before the figure) call the figure that."""
        mention = max((m for m in self.mentions if m[2] == products and m[1] <= start), default=None)
        if mention is None:
            return None
        index = self._figure_index(sentence, start)
        end = index is not None and range_end(self.answer, sentence[0], self._figures(sentence), index)
        if end and not named_values(
            self.answer[sentence[0] : sentence[1]], variant_values(self.evidence.knowledge, products)[2]
        ):
            # "Pet Beds: $180.93-$214.33", "from $A to $B": a range's ends are the lowest and highest.
            return extreme_prices(
                ("cheapest " if end == "low" else "most expensive ", "", ""),
                products,
                self.index,
                self.evidence,
            )
        before = self.answer[max(sentence[0], mention[0] - 60) : mention[0]]
        between = self.answer[mention[1] : start]
        text = (before, between, self.answer[sentence[0] : sentence[1]])
        return extreme_prices(text, products, self.index, self.evidence)

    def check_foreign_price(
        self, amount: int, start: int, end: int, sentence: tuple[int, int], clause: tuple[int, int]
    ) -> bool:
        """A figure in Spanish, French or German priced against a product it names: when the
        phrase names a variant by its option values, the figure must be that variant's price;
        when a price word joins it to the product, it must not be only another product's price.
        True when a finding was added; the looser rule (any observed amount) reads the rest."""
        products = self.products_near(sentence, clause, start)
        if not products:
            return False
        own = set().union(
            *(self._product_cents(name) | self.index.catalogue_cents.get(name, set()) for name in products)
        )
        named = self._named_variant_prices(products, sentence, start, end)
        label = " / ".join(products)
        if named is not None and amount in own:
            ok = amount in named
            shown = ", ".join(_money(c) for c in sorted(named)[:4])
            self.add("price", start, end, ok, f"the {label} variant named costs {shown}")
            return True
        clause_text = self.answer[clause[0] : clause[1]]
        if not _FOREIGN_PRICE.search(clause_text) or _FOREIGN_AMOUNT.search(clause_text):
            return False
        if amount in own:
            self.add("price", start, end, True, f"a price of the {label}")
            return True
        observed = self.evidence.observed.product_prices
        others = [name for name, prices in observed.items() if name not in products and amount in prices]
        if not others:
            return False
        self.add(
            "price", start, end, False, f"{_money(amount)} is the price of the {others[0]}, not the {label}"
        )
        return True

    def _single_prices(self) -> set[int]:
        return (
            set().union(*self.evidence.observed.product_prices.values())
            if self.evidence.observed.product_prices
            else set()
        )
