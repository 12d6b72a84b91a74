"""The customer's orders as a list ("what orders do I have?"), and the references customers use
for one of them once they have seen a list: "the second one", "the last one", "the first"."""

from __future__ import annotations

import re

from apps.offline import order_wording as say
from apps.offline.common import account, read_order
from apps.offline.flows import LIST_LIMIT, Flow
from apps.offline.turn import Turn

_ORDINALS = {
    "first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3,
    "fifth": 4, "5th": 4, "last": -1, "latest": -1, "most recent": -1, "newest": -1,
}  # fmt: skip
_REFERENCE = re.compile(
    r"\b(?:the |my )?(" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r")(?: one| order)\b"
    r"|\bthe (" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r")\b(?!\s+(?:thing|time|item))",
    re.IGNORECASE,
)


def ordinal_reference(text: str) -> int | None:
    """0 for "the first one", 1 for "the second one", -1 for "the last one"; None otherwise."""
    match = _REFERENCE.search(text)
    if match is None:
        return None
    return _ORDINALS[(match.group(1) or match.group(2)).lower()]


def list_orders(turn: Turn, flow: Flow) -> str:
    profile = account(turn)
    orders = [str(o) for o in profile.get("orders") or []]
    turn.end_flow()
    if not orders:
        return say.no_orders()
    listed = [read_order(turn, o, "to list the customer's orders") for o in orders[:LIST_LIMIT]]
    turn.slots["listed"] = orders
    return say.orders_list(listed, orders[LIST_LIMIT:])
