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
# Plain amounts already read (the same prices recur in every observation of an order or product).
_CENTS_OF: dict[str, int] = {}
# A number with at most two decimals and at most ten digits before them, in ASCII digits.
_PLAIN_AMOUNT = re.compile(r"-?[0-9]{1,10}(?:\.[0-9]{1,2})?\Z")
# An order with more items than this is summed only over its first ones: 2^n grows fast.
_MAX_ITEMS_SUMMED = 12
_MAX_SUBSET = 5
_MAX_PRICES_DIFFED = 80
_MAX_ORDERS_SUMMED = 8  # "both orders came to $X": sums of 2-4 orders' totals, over the first ones


def cents(value: Any) -> int | None:
    """A number (or numeric string) in cents, rounded half up; None if it is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value * 100 if abs(value) <= 10**10 else None
    if isinstance(value, str):
        known = _CENTS_OF.get(value)
        if known is not None:
            return known
        if _PLAIN_AMOUNT.match(value):
            # "47.84", "-5.5", "120": what the tools' JSON holds; exact in integers, no rounding.
            whole, _, fraction = value.partition(".")
            sign = -1 if whole.startswith("-") else 1
            amount = sign * (int(whole.lstrip("-")) * 100 + int(fraction.ljust(2, "0")))
            if len(_CENTS_OF) > 65536:
                _CENTS_OF.clear()
            _CENTS_OF[value] = amount
            return amount
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
    order_statuses: dict[str, set[str]] = field(default_factory=dict)  # '#W...' -> its observed statuses
    item_products: dict[str, str] = field(default_factory=dict)  # observed item id -> product name
    texts: list[str] = field(default_factory=list)  # free-text observations, lowercased
    # Per order ('#W...'): its payment history (kind, cents, method id), its items (item id,
    # cents) and an exchange's recorded price difference; per variant item id, its price.
    # settlements.py reads them to tell what refund or charge a call made.
    order_history: dict[str, list[tuple[str, int, str]]] = field(default_factory=dict)
    order_items: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    exchange_differences: dict[str, int] = field(default_factory=dict)
    variant_prices: dict[str, int] = field(default_factory=dict)
    item_prices: dict[str, set[int]] = field(default_factory=dict)  # item id -> every price seen for it

    def order_totals(self, order: str) -> set[int]:
        """What an observed order's whole came to: its items' sum, its payments (each and all),
        its payments net of refunds. Empty when the order was never observed."""
        totals: set[int] = set()
        items = self.order_items.get(order)
        if items:
            totals.add(sum(price for _, price in items))
        history = self.order_history.get(order, [])
        paid = [amount for kind, amount, _ in history if kind == "payment"]
        refunded = sum(amount for kind, amount, _ in history if kind == "refund")
        totals.update(paid)
        if paid:
            totals.add(sum(paid))
            totals.add(sum(paid) - refunded)
        return totals

    def order_amounts(self, order: str) -> set[int]:
        """Every amount an observed order holds: its items' prices and the sums of up to five of
        them, its payment entries and its totals."""
        prices = [price for _, price in self.order_items.get(order, [])][:_MAX_ITEMS_SUMMED]
        found = set(prices) | self.order_totals(order)
        for size in range(2, min(_MAX_SUBSET, len(prices)) + 1):
            found.update(sum(group) for group in combinations(prices, size))
        found.update(amount for _, amount, _ in self.order_history.get(order, []))
        return found


def _leaf(value: Any, digest: ObservedFacts) -> None:
    """A value that holds no other: a number or numeric string counts, other text is kept."""
    if isinstance(value, str):
        stripped = value.strip()
        # Only a string that starts with a digit or a minus can be a number: skip the regex on names.
        if stripped and (stripped[0].isdigit() or stripped[0] == "-") and _NUMERIC_STRING.match(stripped):
            amount = cents(stripped)
            if amount is not None:
                digest.numbers.add(amount)
        elif stripped:
            digest.texts.append(value.lower())
    elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        amount = cents(value)
        if amount is not None:
            digest.numbers.add(amount)


def _walk(value: Any, digest: ObservedFacts, prices: list[int]) -> None:
    # Exact types first (what json.loads gives); leaves are read here, without a call per value.
    kind = type(value)
    children: Iterable[Any]
    if kind is dict or (kind is not list and isinstance(value, dict)):
        _digest_object(value, digest, prices)
        children = value.values()
    elif kind is list or isinstance(value, list | tuple):
        children = value
    else:
        _leaf(value, digest)
        return
    for item in children:
        if type(item) is str:
            stripped = item.strip()
            if stripped and (stripped[0].isdigit() or stripped[0] == "-") and _NUMERIC_STRING.match(stripped):
                amount = cents(stripped)
                if amount is not None:
                    digest.numbers.add(amount)
            elif stripped:
                digest.texts.append(item.lower())
        elif isinstance(item, dict | list | tuple):
            _walk(item, digest, prices)
        else:
            _leaf(item, digest)


def _digest_object(obj: Mapping[str, Any], digest: ObservedFacts, prices: list[int]) -> None:
    order = order_key(obj["order_id"]) if isinstance(obj.get("order_id"), str) else None
    if order:
        _digest_order(order, obj, digest)
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
        for key, variant in variants.items():
            price = cents(variant.get("price")) if isinstance(variant, dict) else None
            if price is not None:
                digest.variant_prices[str(variant.get("item_id") or key)] = price
                digest.item_prices.setdefault(str(variant.get("item_id") or key), set()).add(price)
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
        order_id = obj.get("order_id")
        if isinstance(order_id, str) and order_key(order_id):
            digest.order_statuses.setdefault(order_key(order_id) or "", set()).add(status.lower())
    if isinstance(obj.get("item_id"), str) and isinstance(obj.get("name"), str):
        digest.item_products[obj["item_id"]] = obj["name"].lower()


def _digest_order(order: str, obj: Mapping[str, Any], digest: ObservedFacts) -> None:
    """An order seen more than once (before and after a call): its history only grows, so the
    longest one is kept; items of every observation are kept (a change replaces item ids)."""
    history = obj.get("payment_history")
    if isinstance(history, list):
        entries = []
        for entry in history:
            amount = cents(entry.get("amount")) if isinstance(entry, dict) else None
            if amount is not None:
                kind = str(entry.get("transaction_type", ""))
                entries.append((kind, amount, str(entry.get("payment_method_id", ""))))
        if len(entries) >= len(digest.order_history.get(order, [])):
            digest.order_history[order] = entries
    items = obj.get("items")
    if isinstance(items, list):
        known = digest.order_items.setdefault(order, [])
        seen = list(known)
        for item in items:
            price = cents(item.get("price")) if isinstance(item, dict) else None
            if price is None:
                continue
            pair = (str(item.get("item_id", "")), price)
            digest.item_prices.setdefault(pair[0], set()).add(price)
            if pair in seen:
                seen.remove(pair)
            else:
                known.append(pair)
    difference = cents(obj.get("exchange_price_difference"))
    if difference is not None:
        digest.exchange_differences[order] = difference


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
    # Several orders' totals added up ("the two orders came to $X together").
    whole = [
        sum(amount for kind, amount, _ in history if kind == "payment")
        for history in list(digest.order_history.values())[:_MAX_ORDERS_SUMMED]
    ]
    whole = [amount for amount in whole if amount]
    for size in range(2, min(4, len(whole)) + 1):
        digest.aggregates.update(sum(group) for group in combinations(whole, size))
    return digest


# The store's write tools (the registry's kind "write"); turn.evidence_for_turn passes the
# registry's own list, this is the default for callers without a database (the benchmark).
RETAIL_WRITE_TOOLS = frozenset(
    {
        "cancel_pending_order",
        "modify_pending_order_address",
        "modify_pending_order_items",
        "modify_pending_order_payment",
        "modify_user_address",
        "return_delivered_order_items",
        "exchange_delivered_order_items",
    }
)


@dataclass(frozen=True)
class ActionRecord:
    """One tool call of the conversation, as the action checks read it."""

    name: str
    ok: bool
    arguments: Mapping[str, Any] = field(default_factory=dict)
    this_turn: bool = True
    data: Any = None
    call_id: str = ""

    @property
    def order_id(self) -> str | None:
        value = self.arguments.get("order_id")
        return order_key(value) if isinstance(value, str) else None

    @property
    def item_ids(self) -> tuple[str, ...]:
        found: list[str] = []
        for name in ("item_ids", "new_item_ids"):
            value = self.arguments.get(name)
            if isinstance(value, list):
                found.extend(str(v) for v in value)
        return tuple(found)

    @property
    def payment_method_id(self) -> str:
        value = self.arguments.get("payment_method_id")
        return str(value) if value is not None else ""


_ORDER_DIGITS = re.compile(r"\d{7}")


def order_key(text: str) -> str | None:
    """'#W1234567', 'W1234567', 'w1234567' -> '#W1234567'; None for anything else."""
    match = _ORDER_DIGITS.search(text)
    return f"#W{match.group()}" if match else None


def _record(action: Any) -> ActionRecord:
    if isinstance(action, ActionRecord):
        return action
    name, ok, *rest = action
    arguments = rest[0] if rest and isinstance(rest[0], Mapping) else {}
    return ActionRecord(str(name), bool(ok), arguments)


@dataclass(frozen=True, eq=False)
class Evidence:
    """What `guard_answer` checks an answer against.

    knowledge: the facts in force (policy terms and product prices), see knowledge_snapshot().
    observations: this turn's tool observations (str, parsed JSON, or Observation objects).
    actions: every tool call of the conversation so far: ActionRecord, or (tool name, ok[,
        arguments]) tuples, which count as this turn's.
    handoff_on_block: the admin setting; a blocked answer then also goes to a person.
    earlier_observations: what earlier turns of the conversation observed; a figure may quote it.
    write_tools: the tools that change something (a bare "all done" needs one this turn).
    declared: the claims the answer's author declared (see declared.py).
    """

    knowledge: KnowledgeSnapshot
    observations: tuple[Any, ...] = ()
    actions: tuple[Any, ...] = ()
    handoff_on_block: bool = True
    earlier_observations: tuple[Any, ...] = ()
    write_tools: frozenset[str] = RETAIL_WRITE_TOOLS
    declared: tuple[Any, ...] = ()

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
        return digest_observations((*self.observations, *self.earlier_observations))

    @cached_property
    def records(self) -> tuple[ActionRecord, ...]:
        return tuple(_record(action) for action in self.actions)

    @cached_property
    def succeeded(self) -> frozenset[str]:
        """The tools that ran successfully in this conversation."""
        return frozenset(record.name for record in self.records if record.ok)

    def writes(self, tools: frozenset[str] | None = None, *, this_turn: bool = False) -> list[ActionRecord]:
        """Successful calls of these tools (every write tool when None), this turn's only if asked."""
        wanted = self.write_tools if tools is None else tools
        return [r for r in self.records if r.ok and r.name in wanted and (r.this_turn or not this_turn)]
