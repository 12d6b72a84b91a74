"""What a customer asks of the conversation itself (rather than of the agent): a person."""

from __future__ import annotations

from django.db import transaction

from .handoffs import handoff_open
from .models import Conversation, Handoff, Message
from .services import message_post

PERSON_REQUESTED_TEXT = (
    "You asked to talk to a person. Someone from our team will join this chat shortly; "
    "you can keep writing here in the meantime."
)


@transaction.atomic
def conversation_person_request(*, conversation: Conversation) -> tuple[Handoff, bool]:
    """Queue the conversation for a person because the customer pressed 'Talk to a person'.

    Pressing twice (or in two tabs) queues it once: a conversation already with people
    returns its open hand-off. A closed chat raises ConversationClosed. Returns (handoff, created).
    """
    state = conversation.state or {}
    customer = conversation.customer
    actor = f"customer:{customer.customer_id}" if customer is not None else "anonymous"
    handoff, created = handoff_open(
        conversation=conversation,
        reason=Handoff.Reason.BUTTON,
        summary="The customer pressed 'Talk to a person'.",
        context={
            "customer_id": conversation.customer.customer_id if conversation.customer is not None else None,
            "order_ids": state.get("order_ids", []),
            "intent": state.get("intent", ""),
            "summary": state.get("summary", ""),
        },
        actor=actor,
    )
    if created:
        message_post(
            conversation=conversation,
            role=Message.Role.SYSTEM,
            text=PERSON_REQUESTED_TEXT,
            meta={"handoff": Handoff.Reason.BUTTON},
        )
    return handoff, created
