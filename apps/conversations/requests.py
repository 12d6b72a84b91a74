"""What a customer asks of the conversation itself (rather than of the agent): a person."""

from __future__ import annotations

from django.db import transaction

from apps.core.errors import InvalidRequest

from .events import message_publish_on_commit
from .models import Conversation, Handoff, Message
from .services import handoff_open

PERSON_REQUESTED_TEXT = (
    "You asked to talk to a person. Someone from our team will join this chat shortly; "
    "you can keep writing here in the meantime."
)


@transaction.atomic
def conversation_person_request(*, conversation: Conversation) -> Handoff:
    """Queue the conversation for a person because the customer pressed 'Talk to a person'.

    Pressing twice (or in two tabs) queues it once: a conversation already with people
    returns its open hand-off.
    """
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    if conversation.status == Conversation.Status.CLOSED:
        raise InvalidRequest(
            "This chat has ended. Start a new chat to talk to us.", code="conversation_closed"
        )
    if conversation.status == Conversation.Status.HANDOFF:
        open_handoff = (
            conversation.handoffs.filter(status__in=[Handoff.Status.WAITING, Handoff.Status.CLAIMED])
            .order_by("-created_at")
            .first()
        )
        if open_handoff is not None:
            return open_handoff
    state = conversation.state or {}
    handoff = handoff_open(
        conversation=conversation,
        reason=Handoff.Reason.BUTTON,
        summary="The customer pressed 'Talk to a person'.",
        context={
            "customer_id": conversation.customer.customer_id if conversation.customer is not None else None,
            "order_ids": state.get("order_ids", []),
            "intent": state.get("intent", ""),
            "summary": state.get("summary", ""),
        },
    )
    notice = Message.objects.create(
        conversation=conversation,
        role=Message.Role.SYSTEM,
        text=PERSON_REQUESTED_TEXT,
        meta={"handoff": Handoff.Reason.BUTTON},
    )
    message_publish_on_commit(notice)
    return handoff
