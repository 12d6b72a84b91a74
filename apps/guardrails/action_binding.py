"""Binding an action claim to the successful writes that back it: the orders and products the
claim is about, how many orders it counts, and whether a write of its kind on those objects (its
items, its payment method) or an observed state supports it. ActionChecks (action_checks.py)
reads the text and calls add_action for each claim it finds."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod

from apps.guardrails import patterns as p
from apps.guardrails.evidence import ActionRecord, order_key
from apps.guardrails.methods import evidence_methods, method_is_named, named_methods
from apps.guardrails.reader import ReaderBase

_ORDER_REF = p.ORDER_REF

_SHIPPED = frozenset({"processed", "delivered"})
_ORDER_WORD = re.compile(r"(?<!\bin )\border\b", re.IGNORECASE)  # "your order is on its way", not "in order"
_ITEM_FAMILIES = frozenset({"return", "exchange", "items"})
_ITEM_CHANGE = frozenset({"modify_pending_order_items"})
_ITEM_TOOLS = frozenset(
    {"modify_pending_order_items", "exchange_delivered_order_items", "return_delivered_order_items"}
)
_PAYMENT_CHANGE = {"modify_pending_order_payment"}
_STATE_OF_ORDER = re.compile(r"^(?:it|that|this)\b.*\b(?:processed|delivered)$", re.IGNORECASE)
_SWAP = re.compile(r"\bswap|\breplacement", re.IGNORECASE)
# A number of orders the claim counts ("both orders", "your two orders", "los dos pedidos", "les
# deux commandes", "beide Bestellungen"): that many orders must have had the write.
_COUNTS = {
    "both": 2,
    "two": 2,
    "2": 2,
    "ambos": 2,
    "ambas": 2,
    "dos": 2,
    "deux": 2,
    "beide": 2,
    "beiden": 2,
    "zwei": 2,
    "three": 3,
    "3": 3,
    "tres": 3,
    "trois": 3,
    "drei": 3,
}
_COUNTED_ORDERS = re.compile(
    rf"\b(?P<count>{'|'.join(_COUNTS)})\b(?:\s+(?:of\s+)?[\w'-]+){{0,3}}?\s+"
    r"(?:orders|pedidos|commandes|bestellungen)\b"
    r"|\b(?:orders|pedidos|commandes|bestellungen)\b[^.;:]{0,24}?\b(?:both|beide|tous\s+les\s+deux|"
    r"toutes\s+les\s+deux|ambos|los\s+dos)\b",
    re.IGNORECASE,
)
# "Both of them", "the two of them": a count of the orders an order-level claim is about.
_COUNTED_PRONOUN = re.compile(
    r"\b(?:both|(?:the|all)\s+two|(?:los|las)\s+dos|toutes?\s+(?:les\s+)?deux|alle\s+beide)\s+(?:of\s+)?"
    r"(?:them|these|those|ellos|ellas)\b|\b(?:les|toutes)\s+deux\b|\bbeide\b(?!\s+\w+(?:en|n)\b)",
    re.IGNORECASE,
)
_ORDER_LEVEL = frozenset({"cancel", "address", "payment"})
_EVERY_ORDER = re.compile(
    r"\b(?:all|every|each)(?:\s+one)?\s+(?:of\s+)?(?:your|the)\s+(?:(?P<status>pending|open|delivered)\s+)?orders\b"
    r"|\beverything\s+(?:you\s+(?:had|have)\s+)?(?P<status2>pending|open)\b",
    re.IGNORECASE,
)
# Every item of the orders a return, exchange or item change names: "all items on #W...", "tous les
# articles" (a bare "everything's done" is a completion about the writes, not a count of items).
_ALL_ITEMS = re.compile(
    r"\b(?:all|every|each|both)\s+(?:of\s+)?(?:the\s+|your\s+)?(?:items?|products?|things)\b|"
    r"\beverything\s+(?:on|in|from)\s+(?:(?:the|your|that)\s+)?(?:order\s+)?(?:#?\s?W\d{7}|order\b)|"
    r"\btod[oa]s\s+los\s+(?:art[íi]culos|productos)\b|\btous\s+les\s+(?:articles|produits)\b|"
    r"\balle\s+(?:Artikel|Produkte)\b",
    re.IGNORECASE,
)
# The customer's own address, not an order's: "your default address", "the address on your profile".
_PROFILE_ADDRESS = re.compile(
    r"\b(?:default|profile|account|saved|primary)\s+(?:(?:shipping|delivery|mailing)\s+)?address"
    r"|\baddress\s+(?:on|in|of)\s+(?:your\s+|the\s+)?(?:profile|account|file)\b",
    re.IGNORECASE,
)
# A clause that opens with its own subject, an order, and its own finite verb: "... and #W... ships
# to 9 Quay Lane", "... while your other order stays pending".
OWN_SUBJECT = re.compile(
    r"\W*(?:(?:and|but|while|whereas|so|y|et|und)\s+)?(?:#?\s?W\d{7}|(?:the|your|its|their)\s+(?:other\s+)?"
    r"(?:[\w-]+\s+){0,2}?order)\s+(?:is|are|was|were|has|have|had|will|stays?|remains?|keeps?|ships?|goes|"
    r"gets?|still|now)\b",
    re.IGNORECASE,
)
_OTHER_ORDER = re.compile(
    r"\W*(?:(?:and|but|while|whereas|so)\s+)?(?:the|your)\s+other\s+(?:[\w-]+\s+)?order\b", re.IGNORECASE
)
# An order named by the one product it holds: "the chair order", "the order for the lamp".
_ORDER_AFTER = re.compile(r"\s+orders?\b", re.IGNORECASE)
_ORDER_BEFORE = re.compile(r"\border\s+(?:for|with)\s+(?:the|your)\s+$", re.IGNORECASE)


class ActionBinding(ReaderBase, ABC):
    """Binds one answer's action claims to the writes of its conversation."""

    # Supplied by the reader of the text (ActionChecks): which clauses a claim spans, and which
    # later clauses it sets aside.
    @abstractmethod
    def _claim_spans(
        self, start: int, sentence: tuple[int, int], clauses: list[tuple[int, int]]
    ) -> list[tuple[int, int]]: ...

    @abstractmethod
    def _aside(self, start: int, clauses: list[tuple[int, int]]) -> set[tuple[int, int]]: ...

    def _orders_claimed(
        self, start: int, sentence: tuple[int, int], clauses: list[tuple[int, int]]
    ) -> set[str]:
        """The orders an action claim at `start` is about: those named in its clauses (see
        _claim_spans), else in its sentence ("Order #W1234567: cancelled." names it first)."""
        found: set[str] = set()
        for clause in self._claim_spans(start, sentence, clauses):
            text = self.answer[clause[0] : clause[1]]
            found.update(order_key(m.group()) or "" for m in _ORDER_REF.finditer(text))
        own = next((c for c in clauses if c[0] <= start < c[1]), None)
        if not found and not (own and _OTHER_ORDER.match(self.answer, *own)):
            # Named before the claim ("Order #W1234567: cancelled."), never in a clause set aside,
            # nor when the claim's clause is about the order not named ("..., and your other
            # order now goes to 9 Quay Lane").
            aside = self._aside(start, clauses)
            for clause in [c for c in clauses if c not in aside] or [sentence]:
                text = self.answer[clause[0] : clause[1]]
                found.update(order_key(m.group()) or "" for m in _ORDER_REF.finditer(text))
        if not found:
            found.update(self._orders_by_product(start, sentence, clauses))
        found.discard("")
        return found

    def _orders_by_product(
        self, start: int, sentence: tuple[int, int], clauses: list[tuple[int, int]]
    ) -> set[str]:
        """An order the claim names by its product ("the chair order", "the order for the lamp"):
        the one observed order that holds that product; none when several do."""
        if not self.mentions:
            return set()
        spans = self._claim_spans(start, sentence, clauses)
        found: set[str] = set()
        for m_start, m_end, names in self.mentions:
            if not any(a <= m_start < b for a, b in spans):
                continue
            if not (
                _ORDER_AFTER.match(self.answer, m_end, sentence[1])
                or _ORDER_BEFORE.search(self.answer[max(sentence[0], m_start - 24) : m_start])
            ):
                continue
            observed = self.evidence.observed  # digested only when an order is named by its product
            holding = {
                order
                for order, items in observed.order_items.items()
                if any(observed.item_products.get(item) in names for item, _ in items)
            }
            if len(holding) == 1:
                found |= holding
        return found

    def _orders_counted(
        self, start: int, sentence: tuple[int, int], clauses: list[tuple[int, int]], family: str
    ) -> int:
        """How many orders the claim counts ("both orders", "beide Bestellungen"); 0 if none."""
        count = 0
        for a, b in self._claim_spans(start, sentence, clauses):
            for match in _COUNTED_ORDERS.finditer(self.answer, a, b):
                word = (match.group("count") or "both").lower()
                count = max(count, _COUNTS.get(word, 2))
            if family in _ORDER_LEVEL and _COUNTED_PRONOUN.search(self.answer, a, b):
                count = max(count, 2)
            every = _EVERY_ORDER.search(self.answer, a, b) if family in _ORDER_LEVEL else None
            if every is not None:
                # "all your pending orders", "everything you had pending": every observed order
                # (of that status) must have had the write.
                status = (
                    (every.group("status") or every.group("status2") or "").lower().replace("open", "pending")
                )
                statuses = self.evidence.observed.order_statuses
                count = max(count, sum(1 for seen in statuses.values() if not status or status in seen))
        return count

    def _products_claimed(
        self, start: int, sentence: tuple[int, int], clauses: list[tuple[int, int]]
    ) -> set[str]:
        """The products an action claim at `start` names, found like its orders."""
        spans = self._claim_spans(start, sentence, clauses)
        inside = {n for s, _, names in self.mentions for n in names if any(a <= s < b for a, b in spans)}
        return inside or {n for _, _, names in self.mentions for n in names}

    def _says_profile_address(
        self, start: int, sentence: tuple[int, int], clauses: list[tuple[int, int]]
    ) -> bool:
        """Whether the clauses of an address claim name the profile's address ("your default
        address", "the address on your account")."""
        return any(
            _PROFILE_ADDRESS.search(self.answer, a, b) for a, b in self._claim_spans(start, sentence, clauses)
        )

    def _products_of(self, record: ActionRecord) -> set[str]:
        products = set()
        for item_id in record.item_ids:
            name = self.index.item_product.get(item_id) or self.evidence.observed.item_products.get(item_id)
            if name:
                products.add(name)
        return products

    def add_action(
        self,
        rule: p.ActionPattern,
        match: re.Match[str],
        sentence: tuple[int, int],
        clauses: list[tuple[int, int]],
        offset: int = 0,
    ) -> None:
        start, end = offset + match.start(), offset + match.end()
        what = (
            "a write" if rule.family == "completion" else ", ".join(sorted(rule.tools)) or "tool doing this"
        )
        if rule.family == "completion":
            candidates = self.evidence.writes(this_turn=True)
        elif rule.family == "exchange" and _SWAP.search(match.group()):
            # A "swap" or "replacement" is an item change too (the same act on a pending order).
            candidates = self.evidence.writes(rule.tools | _ITEM_CHANGE)
        else:
            candidates = self.evidence.writes(rule.tools)
        orders = self._orders_claimed(start, sentence, clauses)
        if orders and candidates:
            bound = [c for c in candidates if c.order_id in orders]
            covered = {c.order_id for c in bound}
            # A call whose arguments name no order cannot be told apart: it counts for any order,
            # unless it names a customer instead (a profile change, "the default address"): that
            # never changed an order.
            unbound = [c for c in candidates if c.order_id is None and "user_id" not in c.arguments]
            if not orders <= covered and not unbound:
                missing = ", ".join(sorted(orders - covered))
                self.add(
                    "action", start, end, False, f"no successful {what} on {missing} in this conversation"
                )
                return
            candidates = bound + unbound
        counted = (
            self._orders_counted(start, sentence, clauses, rule.family) if rule.family != "completion" else 0
        )
        if counted > len(orders) and candidates:
            done_on = {c.order_id for c in candidates if c.order_id is not None}
            if len(done_on) < counted and not any(c.order_id is None for c in candidates):
                self.add(
                    "action",
                    start,
                    end,
                    False,
                    f"the claim counts {counted} orders; a successful {what} on {len(done_on)}",
                )
                return
        # A bare "done" is held to what this turn's writes did: their items, their method.
        kinds = {c.name for c in candidates}
        completion = rule.family == "completion" and bool(kinds)
        if candidates and (rule.family in _ITEM_FAMILIES or (completion and kinds <= _ITEM_TOOLS)):
            # Every product the claim names must be one a call touched (by its variant ids); a
            # call that names no items cannot be told apart and counts for any.
            named = self._products_claimed(start, sentence, clauses)
            if (
                rule.family in _ITEM_FAMILIES
                and orders
                and any(
                    _ALL_ITEMS.search(self.answer, a, b)
                    for a, b in self._claim_spans(start, sentence, clauses)
                )
            ):
                observed = self.evidence.observed
                named |= {
                    observed.item_products[item]
                    for order in orders
                    for item, _ in observed.order_items.get(order, [])
                    if item in observed.item_products
                }
            touched = [c for c in candidates if not c.item_ids or not named or self._products_of(c) & named]
            covered = set().union(*(self._products_of(c) for c in touched))
            if named and not any(not c.item_ids for c in touched) and not named <= covered:
                touched = []
                named -= covered
            if not touched:
                shown = " / ".join(sorted(named))
                self.add(
                    "action", start, end, False, f"no successful {what} of the {shown} in this conversation"
                )
                return
            candidates = touched
        if candidates and rule.family == "address" and self._says_profile_address(start, sentence, clauses):
            # The default address (the profile's) is changed by modify_user_address only.
            candidates = [c for c in candidates if c.name == "modify_user_address"]
            if not candidates:
                self.add(
                    "action", start, end, False, "no successful modify_user_address in this conversation"
                )
                return
        if candidates and (rule.family == "payment" or (completion and kinds == _PAYMENT_CHANGE)):
            # The method the sentence names (kind, card brand, last four digits) must be the call's.
            methods = named_methods(self.answer[sentence[0] : sentence[1]])
            known = evidence_methods(self.evidence)
            if not any(method_is_named(c.payment_method_id, methods, known) for c in candidates):
                self.add("action", start, end, False, f"no successful {what} to that payment method")
                return
        if candidates:
            self.add(
                "action", start, end, True, f"successful {candidates[-1].name} call in this conversation"
            )
            return
        passive = not re.match(r"\s*(?:I|we)\b", match.group(), re.IGNORECASE)
        observed = self.evidence.observed
        statuses = (
            set().union(*(observed.order_statuses.get(order, set()) for order in orders))
            if orders
            else observed.statuses
        )
        supporting = rule.status & statuses
        if rule.family == "completion" and (
            _ORDER_WORD.search(match.group()) or (orders and _STATE_OF_ORDER.search(match.group()))
        ):
            # "your order is processed", or "it's delivered" in a sentence naming the order: the
            # order's state, true when observed so.
            supporting = _SHIPPED & statuses
        if passive and supporting:
            status = sorted(supporting)[0]
            self.add("action", start, end, True, f"the order's observed status is {status!r}")
            return
        refunded = {
            order
            for order, history in observed.order_history.items()
            if any(e[0] == "refund" for e in history)
        }
        if passive and rule.family == "refund" and observed.refunds and orders <= refunded:
            # "A refund was issued for #W... on May 3": quoted from that order's payment history.
            self.add("action", start, end, True, "a refund appears in the observed payment history")
            return
        where = f" on {', '.join(sorted(orders))}" if orders else ""
        when = " this turn" if rule.family == "completion" else " in this conversation"
        self.add("action", start, end, False, f"no successful {what}{where}{when}")
