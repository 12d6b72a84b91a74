"""Conversations, messages and hand-offs: every entry point (web, API, CLI) writes through here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.audit.services import audit_record, conversation_stream
from apps.core.conf import product_setting
from apps.core.errors import InvalidRequest

from .events import handoff_publish_on_commit, message_publish_on_commit
from .models import Conversation, Handoff, Message


@transaction.atomic
def conversation_start(*, user: Any = None, channel: str = Conversation.Channel.WEB) -> Conversation:
    """Open a conversation; a signed-in customer chats as themselves from the first message."""
    customer = getattr(user, "customer", None) if user is not None and user.is_authenticated else None
    return Conversation.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        customer=customer,
        channel=channel,
        state={"signed_in": customer is not None},
    )


def message_text_clean(text: str) -> str:
    """A message's text ready to store, or InvalidRequest (empty, not text, or over the limit)."""
    limit = int(product_setting("MAX_MESSAGE_CHARS"))
    if not isinstance(text, str):
        raise InvalidRequest("A message must be text.", code="invalid_message")
    cleaned = text.replace("\x00", "").strip()
    if not cleaned:
        raise InvalidRequest("The message is empty.", code="empty_message")
    if len(cleaned) > limit:
        raise InvalidRequest(
            f"The message is {len(cleaned)} characters long; the limit is {limit}. Please shorten it.",
            code="message_too_long",
        )
    return cleaned


def message_receive(
    *,
    conversation: Conversation,
    text: str,
    client_id: str | None = None,
    author: Any = None,
    enqueue_turn: bool = True,
) -> tuple[Message, bool]:
    """Store a customer's message once per client_id and queue the agent's turn after commit.

    Returns (message, created). An oversized or empty message raises InvalidRequest and
    nothing is stored.
    """
    cleaned = message_text_clean(text)

    def create(client_ref: str | None) -> Message:
        message = Message.objects.create(
            conversation=conversation,
            role=Message.Role.CUSTOMER,
            text=cleaned,
            client_id=client_ref,
            author=author if author is not None and getattr(author, "is_authenticated", False) else None,
        )
        message_publish_on_commit(message)
        if enqueue_turn and conversation.status == Conversation.Status.ACTIVE:
            transaction.on_commit(lambda: _enqueue_turn(conversation.pk, message.pk))
        return message

    return message_store_once(conversation_id=conversation.pk, client_id=client_id, create=create)


def message_store_once(
    *, conversation_id: int, client_id: str | None, create: Callable[[str | None], Message]
) -> tuple[Message, bool]:
    """Store a message once per (conversation, client_id); a resend gets the stored one back.

    `create` stores the message (given the normalised client id) in a transaction of its own.
    Returns (message, created).
    """
    if client_id is not None:
        client_id = str(client_id)[:64]
        existing = Message.objects.filter(conversation_id=conversation_id, client_id=client_id).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            return create(client_id), True
    except IntegrityError:
        # The same client_id raced in from another connection: that one was stored.
        return Message.objects.get(conversation_id=conversation_id, client_id=client_id), False


def _enqueue_turn(conversation_id: int, message_id: int) -> None:
    from apps.agent.dispatch import turn_enqueue

    turn_enqueue(conversation_id, message_id)


def agent_message_post(*, conversation: Conversation, text: str, meta: dict[str, Any]) -> Message:
    message = Message.objects.create(conversation=conversation, role=Message.Role.AGENT, text=text, meta=meta)
    message_publish_on_commit(message)
    return message


def handoff_open(
    *,
    conversation: Conversation,
    reason: str,
    summary: str,
    context: dict[str, Any],
    priority: int = 2,
) -> Handoff:
    """Put the conversation in the people's queue; the agent stops answering it."""
    handoff = Handoff.objects.create(
        conversation=conversation, reason=reason, summary=summary[:4000], context=context, priority=priority
    )
    conversation.status = Conversation.Status.HANDOFF
    conversation.save(update_fields=["status", "updated_at"])
    audit_record(
        kind=AuditEvent.Kind.HANDOFF,
        actor="agent",
        stream=conversation_stream(conversation.pk),
        payload={"handoff": handoff.pk, "reason": reason, "priority": priority, "summary": summary[:500]},
    )
    handoff_publish_on_commit(conversation.pk, "waiting")
    return handoff


def conversation_lease_acquire(*, conversation_id: int, owner: str, seconds: int = 300) -> bool:
    """Take the conversation's turn lease unless someone else holds a live one."""
    now = timezone.now()
    taken = (
        Conversation.objects.filter(pk=conversation_id)
        .filter(Q(turn_lease_until__isnull=True) | Q(turn_lease_until__lt=now) | Q(turn_lease_owner=owner))
        .update(turn_lease_owner=owner, turn_lease_until=now + timedelta(seconds=seconds))
    )
    return taken == 1


def conversation_lease_release(*, conversation_id: int, owner: str) -> None:
    Conversation.objects.filter(pk=conversation_id, turn_lease_owner=owner).update(
        turn_lease_owner="", turn_lease_until=None
    )
