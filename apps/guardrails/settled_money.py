"""Money bound to a call: a refund, a price difference, a charge for a changed item or a new
variant's price is held to what the call its sentence reports settled (settlements.py), and
written in the right direction; a figure written against a product's name is that product's
price. The part of the money checks (money.py) that reads figures against settled calls."""

from __future__ import annotations

import re

from apps.guardrails import patterns as p
from apps.guardrails.evidence import order_key
from apps.guardrails.patterns.figures import DIFFERENCE
from apps.guardrails.reader import _money, rounded_to
from apps.guardrails.reported import CustomerWords
from apps.guardrails.settlements import DIFFERENCE_TOOLS, SETTLING_TOOLS, Settlement, settlement_for

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
# Money taken from the customer, in the four languages ("charged", "billed", "cobrado", "débité",
# "belastet"); "debit card" is a method, not a charge.
_CHARGE = re.compile(
    r"\bcharg\w*|\bextra\b|\badditional\b|\bowe\b|\bbill(?:ed|ing)\b|\bbills?\s+you\b|\bdebited\b|"
    r"\bcobra(?:do|da|mos|remos|r[aáé]?)\b|\bcargad[oa]\b|\bd[ée]bit[ée]e?s?\b|\bfactur[ée]e?s?\b|"
    r"\bpr[ée]lev[ée]e?s?\b|\bbelast\w*|\babgebucht\b|\bberechnet\b|\bnachberechnet\b",
    re.IGNORECASE,
)
# A verb that takes money from the customer (not "extra", "additional": those also name items).
_CHARGE_VERB = re.compile(
    r"\bcharg(?:e|es|ed|ing)\b|\bbill(?:s|ed|ing)?\s+(?:you|your|it|the)\b|\bbill(?:s|ed)\b|\bdebited\b|"
    r"\bbelast\w*|\bcobra\w*|"
    r"\bd[ée]bit[ée]e?s?\b",
    re.IGNORECASE,
)
_CHANGED_ITEM = re.compile(
    r"\bexchang\w*|\bswap\w*|\bupgrad\w*|\bnew (?:item|size|colou?r|variant|model|version)\b|\bitem change",
    re.IGNORECASE,
)
# A price compared, in the four languages: "$X cheaper", "$X more", "günstiger", "moins cher".
_COMPARATIVE = re.compile(
    r"\b(?:cheaper|dearer|pricier|more expensive|less expensive|m[aá]s (?:caro|barato)|moins cher|plus cher|"
    r"g[üu]nstiger|teurer)\b",
    re.IGNORECASE,
)
_SIGNED = re.compile(r"(?:^|[\s(])[+\u2212-]\s?$")
_LEADING_SIGN = re.compile(r"^\s*\(?\s*[+\u2212]\s?$")
# Which way a change's money went, as a comparative says it.
_TOWARD_CUSTOMER = re.compile(
    r"\b(?:cheaper|less|lower|sav(?:e|es|ing|ings)|receiv\w*|recib\w*|recevr\w*|recevez|erhalten|bekommen)\b",
    re.IGNORECASE,
)
_TOWARD_STORE = re.compile(
    r"\b(?:more|dearer|pricier|extra|additional|on top|top[- ]up|higher|owe|pagar[áa]?|abonar[áa]?|"
    r"paierez|payerez|(?:be|nach|zu)?zahlen|aufpreis|mehrpreis|suppl[ée]ment|suplemento)\b",
    re.IGNORECASE,
)
# The new variant of a change named as such ("the new variant costs", "die neue Variante kostet").
_NEW_ITEM = re.compile(
    r"\b(?:new|replacement|neue[nrs]?|nuev[oa]s?|nouvel(?:le)?s?|nouveaux?)\s+(?:\w+[\s-]+){0,2}?"
    r"(?:variant\w*|version|item|one|model\w*|artikel|art[ií]culo|article|size|colou?r|gr[öo](?:ß|ss)e|farbe|"
    r"talla|taille|couleur|price|prices|cost|precio|prix|preis)\b",
    re.IGNORECASE,
)
_NEW_BEFORE = re.compile(
    r"\b(?:new|replacement|neue[nrs]?|nuev[oa]s?|nouvel(?:le)?s?|nouveaux?)\s+$", re.IGNORECASE
)
_NEW_BEFORE_HINT = re.compile(r"\b(?:new|replacement|neu|nuev|nouv|now)|\u2192|->", re.IGNORECASE)
# Between a product and its figure: the figure is what the product is now ("is now", "-> $X").
_NOW_BETWEEN = re.compile(
    r"^\s*(?:is|costs?|comes to)\s+now\b|\bnow\s+(?:is|costs?)\b|(?:\u2192|->)\s*$", re.IGNORECASE
)
# A price written against a product's name: "the Water Bottle ($47.84)", "Water Bottle: $47.84",
# "the Water Bottle at $47.84", "the $47.84 Water Bottle", "$54.85 for the new Water Bottle".
# "The Wristwatch alone was $X", "$X is the Wristwatch", "$X of it is for the Wristwatch".
_ATTACHED_AFTER = re.compile(
    # The product's options may come between: "Pet Bed (large, beige) $180.93", "Pet Bed
    # large/memory foam/beige $180.93".
    r"^(?:\s*\([^()]{0,80}\)|\s+[\w-]+(?: [\w-]+)?(?:\s?/\s?[\w-]+(?: [\w-]+)?)+)?"
    r"[\s(:,\u2013\u2014-]*(?:(?:alone|itself|by itself|on its own|only)\s+)?"
    r"(?:(?:at|for|costs?|priced at|is|was|are|were|now|@|\u2192|->)[\s(:]*)*$",
    re.IGNORECASE,
)
_ATTACHED_BEFORE = re.compile(
    r"^\s*(?:(?:of (?:it|that|this) )?(?:is|was|are|were)\s+(?:(?:for|from)\s+)?|(?:for|on)\s+)?"
    r"(?:(?:the|a|an|your)\s+)?(?:(?:new|old|replacement)\s+)?$",
    re.IGNORECASE,
)


class SettledMoneyChecks(CustomerWords):
    def _product_cents(self, name: str) -> set[int]:
        observed = self.evidence.observed.product_prices.get(name)
        if observed:
            return observed
        return set(self.index.catalogue_cents.get(name, ()))

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
        the calls its sentence reports; True when it was (a finding is added). A figure in the
        customer's own words is checked here too (the first check every money figure meets)."""
        if self.said_by_customer("money", start, end, sentence):
            return True
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
        if not changed and (_CHARGE_VERB.search(clause_text) or _COMPARATIVE.search(clause_text)):
            # "Exchange placed. ... so we'll bill you $X", "the new bed is $X cheaper": when this
            # turn's settling calls are all changes of items, money charged or a price compared is
            # their difference, whichever sentence names them.
            settling = [c for c in self.evidence.writes(SETTLING_TOOLS) if c.this_turn]
            changed = bool(settling) and all(c.name in DIFFERENCE_TOOLS for c in settling)
        compared = DIFFERENCE.search(clause_text)
        # "(+$15.10)", "-$12.29": a signed figure after a change is its difference.
        signed = bool(_SIGNED.search(self.answer[max(clause[0], start - 3) : start]))
        if signed and not changed and _LEADING_SIGN.search(self.answer[clause[0] : start]):
            # "kettle chg done, +17.80 on paypal": when this turn's settling calls are all changes
            # of items, a figure whose clause opens with its sign is their difference (not a term
            # of arithmetic: "$A - $B").
            settling = [c for c in self.evidence.writes(SETTLING_TOOLS) if c.this_turn]
            changed = bool(settling) and all(c.name in DIFFERENCE_TOOLS for c in settling)
        signed = signed and changed
        difference = bool(compared and (compared.group("noun") or changed)) or signed
        # "the price difference of $X was charged to your card": a difference names a change too,
        # and the verb says which way its money went.
        charge = bool(_CHARGE.search(clause_text)) and (changed or difference)
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
        # "About $12 extra" for the $12.29 the change refunded: the rounded figure is that amount.
        amount = rounded_to(self.answer, start, end, amount, expected | settled.refunds | settled.charges)
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
