"""The confirmation gate: a write that needs the customer's yes runs only after it.

Enforced in code, whatever the model says: a call to such a tool runs only if the
agent proposed exactly this call (same tool, same arguments) before the customer's latest
message and that message is an explicit yes. Otherwise the call is refused with an
observation telling the model to ask, and the call becomes the pending proposal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from apps.llm.context import AgentContext, PendingAction
from apps.routing.confirmations import is_explicit_yes

CONFIRMATION_REQUIRED = "confirmation_required"


def _canonical(arguments: dict[str, Any]) -> str:
    return json.dumps(arguments, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class GateDecision:
    allow: bool
    message: str = ""


def describe_action(tool: str, arguments: dict[str, Any]) -> str:
    details = ", ".join(f"{key}={value!r}" for key, value in sorted(arguments.items()))
    return f"{tool}({details})"


def confirmation_gate(context: AgentContext, *, tool: str, arguments: dict[str, Any]) -> GateDecision:
    """Decide, and update `context.pending_action` to match the decision."""
    pending = context.pending_action
    agreed = (
        pending is not None
        and pending.tool == tool
        and _canonical(pending.arguments) == _canonical(arguments)
        and pending.proposed_after_message < context.latest_customer_message_id
        and is_explicit_yes(context.latest_customer_message)
    )
    if agreed:
        context.pending_action = None
        return GateDecision(allow=True)
    context.pending_action = PendingAction(
        tool=tool, arguments=arguments, proposed_after_message=context.latest_customer_message_id
    )
    return GateDecision(
        allow=False,
        message=(
            "confirmation required: this changes the customer's data and they have not agreed "
            "to it yet. Nothing was changed. Tell the customer exactly what will happen "
            f"({describe_action(tool, arguments)}: which order, which items, amounts and payment "
            "method) and ask for an explicit yes. Call the tool again with exactly the same "
            "arguments only after they say yes."
        ),
    )
