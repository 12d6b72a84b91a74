"""The claims an offline answer declares (issue 9): every write this turn made successfully,
bound to the order or account it changed. The guardrails verify them against the tool calls
and still read the answer's text for anything undeclared."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from apps.guardrails.evidence import RETAIL_WRITE_TOOLS


def declared_writes(observed: Iterable[Any]) -> tuple[dict[str, str], ...]:
    """{"kind": "action", "object", "value", "tool_call"} for each successful write observed."""
    return tuple(
        {
            "kind": "action",
            "object": str(o.arguments.get("order_id") or o.arguments.get("user_id") or ""),
            "value": o.tool,
            "tool_call": "",
        }
        for o in observed
        if o.tool in RETAIL_WRITE_TOOLS and o.ok
    )
