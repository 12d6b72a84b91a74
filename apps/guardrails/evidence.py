"""What an answer is checked against: the facts in force, this turn's tool observations and the
conversation's tool calls. Plain Python; `turn.evidence_for_turn` builds it from the database.

The observations are digested once per Evidence (lazily, on first use): every number they hold,
the prices of the items and variants they name, and the totals an answer may fairly quote
(sums of an order's items, payments, refunds, price differences).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from itertools import combinations
from typing import Any

from apps.knowledge.snapshot import FactEntry, KnowledgeSnapshot, VariantPrice

_NUMBER_IN_TEXT = re.compile(r"(?<![\w.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])-?\d+(?:\.\d+)?")
_NUMERIC_STRING = re.compile(r"^-?\d+(?:\.\d+)?$")
# An order with more items than this is summed only over its first ones: 2^n grows fast.
_MAX_ITEMS_SUMMED = 12
_MAX_SUBSET = 5
_MAX_PRICES_DIFFED = 80


def cents(value: Any) -> int | None:
    """A number (or numeric string) in cents, rounded half up; None if it is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value * 100 if abs(value) <= 10**10 else None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or abs(number) > 10**12:
        return None
    return int((number * 100).to_integral_value(rounding="ROUND_HALF_UP"))


@dataclass
class ObservedFacts:
    """The digest of a turn's observations."""

    numbers: set[int] = field(default_factory=set)  # every number, in cents
    aggregates: set[int] = field(default_factory=set)  # totals, payments, refunds, differences
    product_prices: dict[str, set[int]] = field(default_factory=dict)  # lowercased name -> cents
    refunds: set[int] = field(default_factory=set)
    payments: set[int] = field(default_factory=set)
    statuses: set[str] = field(default_factory=set)
    texts: list[str] = field(default_factory=list)  # free-text observations, lowercased


def _walk(value: Any, digest: ObservedFacts, prices: list[int]) -> None:
    if isinstance(value, dict):
        _digest_object(value, digest, prices)
        for item in value.values():
            _walk(item, digest, prices)
    elif isinstance(value, list | tuple):
        for item in value:
            _walk(item, digest, prices)
    elif isinstance(value, str):
        if _NUMERIC_STRING.match(value.strip()):
            amount = cents(value.strip())
            if amount is not None:
                digest.numbers.add(amount)
        elif value.strip():
            digest.texts.append(value.lower())
    elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        amount = cents(value)
        if amount is not None:
            digest.numbers.add(amount)


def _digest_object(obj: Mapping[str, Any], digest: ObservedFacts, prices: list[int]) -> None:
    items = obj.get("items")
    if isinstance(items, list):
        item_prices = []
        for item in items:
            if isinstance(item, dict) and "price" in item:
                price = cents(item["price"])
                if price is None:
                    continue
                item_prices.append(price)
                if isinstance(item.get("name"), str):
                    digest.product_prices.setdefault(item["name"].lower(), set()).add(price)
        prices.extend(item_prices)
        head = item_prices[:_MAX_ITEMS_SUMMED]
        for size in range(2, min(_MAX_SUBSET, len(head)) + 1):
            digest.aggregates.update(sum(group) for group in combinations(head, size))
    variants = obj.get("variants")
    if isinstance(variants, dict) and isinstance(obj.get("name"), str):
        for variant in variants.values():
            price = cents(variant.get("price")) if isinstance(variant, dict) else None
            if price is not None:
                digest.product_prices.setdefault(obj["name"].lower(), set()).add(price)
                prices.append(price)
    history = obj.get("payment_history")
    if isinstance(history, list):
        totals: dict[str, int] = {}
        for entry in history:
            if not isinstance(entry, dict):
                continue
            amount = cents(entry.get("amount"))
            if amount is None:
                continue
            kind = str(entry.get("transaction_type", ""))
            (digest.refunds if kind == "refund" else digest.payments).add(amount)
            totals[kind] = totals.get(kind, 0) + amount
        digest.aggregates.update(totals.values())
        if "payment" in totals and "refund" in totals:
            digest.aggregates.add(totals["payment"] - totals["refund"])
    status = obj.get("status")
    if isinstance(status, str):
        digest.statuses.add(status.lower())


def _parse(observation: Any) -> Any:
    """An observation as data: Observation-like objects give their data (failed ones nothing)."""
    if hasattr(observation, "ok") and hasattr(observation, "data"):
        if not observation.ok:
            return None
        data = observation.data
        return data if data is not None else getattr(observation, "text", None)
    if isinstance(observation, str):
        text = observation.strip()
        if text[:1] in "{[":
            try:
                return json.loads(text)
            except ValueError:
                return text
        return text
    return observation


def digest_observations(observations: Iterable[Any]) -> ObservedFacts:
    digest = ObservedFacts()
    prices: list[int] = []
    for observation in observations:
        data = _parse(observation)
        if isinstance(data, str):
            digest.texts.append(data.lower())
            for match in _NUMBER_IN_TEXT.findall(data):
                amount = cents(match)
                if amount is not None:
                    digest.numbers.add(abs(amount))
            continue
        if data is not None:
            _walk(data, digest, prices)
    unique = sorted(set(prices))[:_MAX_PRICES_DIFFED]
    # Price differences (an exchange or an item change), and payments net of refunds.
    digest.aggregates.update(b - a for a, b in combinations(unique, 2))
    digest.aggregates.update(digest.payments | digest.refunds)
    digest.aggregates.update(abs(n) for n in digest.numbers if n < 0)
    return digest


@dataclass(frozen=True, eq=False)
class Evidence:
    """What `guard_answer` checks an answer against.

    knowledge: the facts in force (policy terms and product prices), see knowledge_snapshot().
    observations: this turn's tool observations (str, parsed JSON, or Observation objects).
    actions: (tool name, ok) for every tool call of the conversation so far.
    handoff_on_block: the admin setting; a blocked answer then also goes to a person.
    """

    knowledge: KnowledgeSnapshot
    observations: tuple[Any, ...] = ()
    actions: tuple[tuple[str, bool], ...] = ()
    handoff_on_block: bool = True

    @property
    def facts(self) -> Mapping[str, FactEntry]:
        return self.knowledge.facts

    @property
    def prices(self) -> Mapping[str, tuple[VariantPrice, ...]]:
        return self.knowledge.prices

    def price_of(self, product_name: str) -> set[Decimal]:
        """Every catalogue price of a product (by name, any case)."""
        return {variant.price for variant in self.knowledge.prices.get(product_name.lower(), ())}

    @cached_property
    def observed(self) -> ObservedFacts:
        return digest_observations(self.observations)

    @cached_property
    def succeeded(self) -> frozenset[str]:
        """The tools that ran successfully in this conversation."""
        return frozenset(name for name, ok in self.actions if ok)
