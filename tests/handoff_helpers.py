"""Helpers for handoff tests: the demo staff accounts and a chat waiting for a person."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from apps.accounts.services import demo_accounts_create
from apps.commerce.models import Customer
from apps.conversations.handoffs import handoff_open
from apps.conversations.models import Conversation, Handoff
from apps.conversations.services import conversation_start, message_post

OLIVIA = "olivia_ito_3591"


def staff_accounts() -> dict[str, object]:
    """supervisor1 (L1), supervisor2 (L2) and admin, as `demo_accounts_create` makes them."""
    demo_accounts_create()
    users = get_user_model().objects
    return {name: users.get(username=name) for name in ("supervisor1", "supervisor2", "admin")}


def escalated_conversation(
    customer_id: str | None = OLIVIA, *, reason: str = Handoff.Reason.BUTTON, text: str = "I want a person"
) -> tuple[Conversation, Handoff]:
    """A signed-in customer's chat that the agent handed to people."""
    user = Customer.objects.get(customer_id=customer_id).user if customer_id else None
    conversation = conversation_start(user=user)
    message_post(role="customer", conversation=conversation, text=text, enqueue_turn=False)
    handoff, _ = handoff_open(
        actor="agent",
        conversation=conversation,
        reason=reason,
        summary="The customer asked for a person.",
        context={"customer_id": customer_id, "order_ids": ["#W5866402"], "intent": "human"},
    )
    conversation.refresh_from_db()
    return conversation, handoff
