"""The price differences of the exchanges and item changes made in a conversation, as
settlements.py works them out for each successful call (new variants less old items, the
exchange's recorded difference, the entry the change added to the order's payments). "The new
Laptop costs $183.45 more" quotes one; money.py allows it for a figure called a difference or a
total that names no call, and a new variant's price as a price of its product."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from weakref import WeakKeyDictionary

from apps.guardrails.evidence import Evidence
from apps.guardrails.settlements import DIFFERENCE_TOOLS, Settlement, settled_by

_CACHE: WeakKeyDictionary[Evidence, Settlement] = WeakKeyDictionary()


def _changes(evidence: Evidence, catalogue: Mapping[str, int]) -> Settlement:
    cached = _CACHE.get(evidence)
    if cached is None:
        cached = settled_by(evidence, evidence.writes(DIFFERENCE_TOOLS), catalogue)
        _CACHE[evidence] = cached
    return cached


def price_differences(evidence: Evidence, catalogue: Mapping[str, int]) -> frozenset[int]:
    """Every |new - old| of the conversation's successful exchanges and item changes, in cents."""
    return frozenset(_changes(evidence, catalogue).differences)


def new_variant_prices(evidence: Evidence, catalogue: Mapping[str, int]) -> Mapping[str, int]:
    """The new variants of the conversation's successful changes: item id -> price, in cents."""
    return _changes(evidence, catalogue).new_prices


def changes_settled(evidence: Evidence, catalogue: Mapping[str, int]) -> Settlement:
    """What the conversation's exchanges and item changes refunded and charged, for the direction
    of a difference quoted without its call ("$12.29 extra" when the exchange refunded it)."""
    return _changes(evidence, catalogue)


def change_percentages(evidence: Evidence, catalogue: Mapping[str, int]) -> frozenset[Decimal]:
    """How much the conversation's changes moved a price, in percent: each difference over the
    new variants' total and over the old one ("the new kettle is 19% dearer" for $17.80 on $91.78)."""
    settled = _changes(evidence, catalogue)
    new_total = sum(settled.new_prices.values())
    rates = set()
    for difference in settled.differences:
        for base in {new_total, new_total - difference, new_total + difference}:
            if base > 0:
                rates.add(Decimal(difference * 100) / base)
    return frozenset(rates)
