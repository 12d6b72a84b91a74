"""Reads for the supervisor console: the queue, and everything a person needs to pick a chat up."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Conversation, Handoff, Message

QUEUE_LIMIT = 200
HISTORY_LIMIT = 200


def _name(user: Any) -> str | None:
    if user is None:
        return None
    return str(user.get_full_name() or user.get_username())


def handoff_as_dict(handoff: Handoff, *, now: datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    return {
        "handoff": handoff.pk,
        "conversation": handoff.conversation_id,
        "reason": handoff.reason,
        "reason_label": handoff.get_reason_display(),
        "priority": handoff.priority,
        "status": handoff.status,
        "summary": handoff.summary,
        "customer_id": (handoff.context or {}).get("customer_id"),
        "created": handoff.created_at.isoformat(),
        "waiting_seconds": max(0, int((now - handoff.created_at).total_seconds())),
        "claimed_by": _name(handoff.claimed_by),
        "claimed_by_id": handoff.claimed_by_id,
    }


def handoff_queue() -> list[dict[str, Any]]:
    """Chats with people, most urgent first: waiting ones, then those already claimed."""
    now = timezone.now()
    rows = (
        Handoff.objects.filter(
            status__in=[Handoff.Status.WAITING, Handoff.Status.CLAIMED],
            conversation__status=Conversation.Status.HANDOFF,
        )
        .select_related("claimed_by")
        .order_by("priority", "created_at", "id")[:QUEUE_LIMIT]
    )
    return [handoff_as_dict(h, now=now) for h in rows]


def message_as_dict(message: Message) -> dict[str, Any]:
    return {
        "id": message.pk,
        "role": message.role,
        "text": message.text,
        "created": message.created_at.isoformat(),
        "author": _name(message.author),
        "meta": message.meta or {},
    }


def conversation_detail(conversation_id: int) -> dict[str, Any] | None:
    """History, entities and the open handoff of one conversation: what a person taking over reads."""
    conversation = Conversation.objects.select_related("customer").filter(pk=conversation_id).first()
    if conversation is None:
        return None
    state = conversation.state or {}
    handoff = (
        Handoff.objects.filter(conversation=conversation)
        .select_related("claimed_by")
        .order_by("-created_at", "-id")
        .first()
    )
    context = handoff.context if handoff is not None else {}
    messages = list(
        Message.objects.filter(conversation=conversation)
        .select_related("author")
        .order_by("-id")[:HISTORY_LIMIT]
    )
    customer_id = conversation.customer.customer_id if conversation.customer else context.get("customer_id")
    return {
        "conversation": conversation.pk,
        "status": conversation.status,
        "handoff": handoff_as_dict(handoff) if handoff is not None else None,
        "entities": {
            "customer_id": customer_id,
            "order_ids": state.get("order_ids") or context.get("order_ids") or [],
            "intent": state.get("intent") or context.get("intent"),
            "summary": (handoff.summary if handoff else "") or state.get("summary") or context.get("summary"),
        },
        "messages": [message_as_dict(m) for m in reversed(messages)],
    }


def conversations_visible_to(user: Any) -> QuerySet[Conversation]:
    """Staff see every conversation; a customer sees the ones they had while signed in."""
    rows = Conversation.objects.select_related("customer")
    if user.is_staff:
        return rows
    return rows.filter(Q(user=user) | Q(customer__user=user)).distinct()


def messages_visible_to(user: Any, conversation: Conversation, *, after: int = 0) -> QuerySet[Message]:
    """A conversation's messages in order; internal notes (assist instructions) for staff only."""
    rows = (
        Message.objects.filter(conversation=conversation, id__gt=after)
        .select_related("author")
        .order_by("id")
    )
    if user.is_staff:
        return rows
    return rows.exclude(meta__has_key="internal")


def handoffs_for_staff(*, status: str | None = None) -> QuerySet[Handoff]:
    rows = Handoff.objects.select_related("claimed_by").order_by("priority", "created_at", "id")
    return rows.filter(status=status) if status else rows
