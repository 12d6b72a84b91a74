"""The price differences of the exchanges and item changes made in a conversation, as
settlements.py works them out for each successful call (new variants less old items, the
exchange's recorded difference, the entry the change added to the order's payments). "The new
Laptop costs $183.45 more" quotes one; money.py allows it for a figure called a difference or a
total that names no call."""

from __future__ import annotations

from collections.abc import Mapping
from weakref import WeakKeyDictionary

from apps.guardrails.evidence import Evidence
from apps.guardrails.settlements import DIFFERENCE_TOOLS, settled_by

_CACHE: WeakKeyDictionary[Evidence, frozenset[int]] = WeakKeyDictionary()


def price_differences(evidence: Evidence, catalogue: Mapping[str, int]) -> frozenset[int]:
    """Every |new - old| of the conversation's successful exchanges and item changes, in cents."""
    cached = _CACHE.get(evidence)
    if cached is None:
        cached = frozenset(settled_by(evidence, evidence.writes(DIFFERENCE_TOOLS), catalogue).differences)
        _CACHE[evidence] = cached
    return cached
