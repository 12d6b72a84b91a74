"""What every tier is told about the conversation, so a tier switch never loses the thread.

Plain Python (no Django): built by the turn service from the stored conversation state and
rendered into the system prompt as a JSON block the models (and the offline engine) read.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

CONTEXT_MARKER = "CONVERSATION_CONTEXT_JSON:"


@dataclass
class PendingAction:
    """A change the agent proposed and the customer has not yet agreed to."""

    tool: str
    arguments: dict[str, Any]
    proposed_after_message: int  # id of the last customer message when it was proposed


@dataclass
class AgentContext:
    conversation_id: int | None = None
    # The customer the conversation acts for, once authenticated (by sign-in or by the agent).
    customer_id: str | None = None
    signed_in: bool = False
    # Identified (customer_id set) is not verified: personal data and writes need this.
    verified: bool = False
    order_ids: list[str] = field(default_factory=list)
    intent: str | None = None  # the router's label for the current request
    summary: str = ""
    tier: str = "fast"
    transaction_open: bool = False
    pending_action: PendingAction | None = None
    latest_customer_message: str = ""
    latest_customer_message_id: int = 0
    offline: bool = False  # the offline engine is serving this turn
    # Free-form slots the offline engine keeps between turns (e.g. which question it asked).
    slots: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AgentContext:
        data = dict(data)
        pending = data.pop("pending_action", None)
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        context = cls(**known)
        context.pending_action = PendingAction(**pending) if pending else None
        return context

    def render(self) -> str:
        """The context as the line that ends every system prompt."""
        visible = {
            "customer_id": self.customer_id,
            "identified": self.customer_id is not None,
            "verified": self.verified,
            "signed_in": self.signed_in,
            "order_ids": self.order_ids,
            "intent": self.intent,
            "summary": self.summary,
            "transaction_open": self.transaction_open,
            "awaiting_confirmation_for": (
                {"tool": self.pending_action.tool, "arguments": self.pending_action.arguments}
                if self.pending_action
                else None
            ),
        }
        return CONTEXT_MARKER + json.dumps(visible, sort_keys=True)


def context_from_messages(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """The rendered context found in the system prompt, or {} (for engines that read messages)."""
    for message in messages:
        if message.get("role") == "system":
            content = message.get("content") or ""
            index = content.rfind(CONTEXT_MARKER)
            if index >= 0:
                return json.loads(content[index + len(CONTEXT_MARKER) :].strip().splitlines()[0])
    return {}
