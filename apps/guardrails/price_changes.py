"""The price difference of the exchanges and item changes made in a conversation: for each
successful call, what the new items cost (catalogue or observed) less what the old ones cost
(as the order observed them, else the catalogue). "The new Laptop costs $183.45 more" quotes it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from weakref import WeakKeyDictionary

from apps.guardrails.evidence import Evidence, cents
from apps.guardrails.methods import observed_objects

_CHANGE_TOOLS = frozenset({"exchange_delivered_order_items", "modify_pending_order_items"})
_CACHE: WeakKeyDictionary[Evidence, frozenset[int]] = WeakKeyDictionary()


def _observed_item_prices(observations: Iterable[Any]) -> dict[str, int]:
    """Item or variant id -> price, from every observed object that has both."""
    found: dict[str, int] = {}
    for value in observed_objects(observations):
        item_id, price = value.get("item_id"), cents(value.get("price"))
        if isinstance(item_id, str) and price is not None:
            found.setdefault(item_id, price)
    return found


def price_differences(evidence: Evidence) -> frozenset[int]:
    """Every |new - old| of the conversation's successful exchanges and item changes, in cents."""
    cached = _CACHE.get(evidence)
    if cached is not None:
        return cached
    calls = [r for r in evidence.records if r.ok and r.name in _CHANGE_TOOLS]
    found: set[int] = set()
    if calls:
        observed = _observed_item_prices((*evidence.observations, *evidence.earlier_observations))
        catalogue = {
            variant.item_id: cents(variant.price)
            for variants in evidence.prices.values()
            for variant in variants
        }
        for call in calls:
            old_ids = call.arguments.get("item_ids") or []
            new_ids = call.arguments.get("new_item_ids") or []
            old = [observed.get(str(i)) or catalogue.get(str(i)) for i in old_ids]
            new = [catalogue.get(str(i)) or observed.get(str(i)) for i in new_ids]
            if old and new and None not in old and None not in new:
                found.add(abs(sum(n for n in new if n is not None) - sum(o for o in old if o is not None)))
    result = frozenset(found)
    _CACHE[evidence] = result
    return result
