"""Reads for the supervisor console: the queue, and everything a person needs to pick a chat up."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from statistics import median
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from .models import CannedReply, Conversation, Handoff, Message, QueueSettings, ReadMark

QUEUE_LIMIT = 200
HISTORY_LIMIT = 200
LAST_MESSAGE_CHARS = 140
# Recent claims tell how fast the queue moves: the last CLAIM_SAMPLE within CLAIM_WINDOW.
CLAIM_SAMPLE = 20
CLAIM_WINDOW = timedelta(hours=8)
# Stored priority 2 is the default ("no opinion"); 1 marks a chat urgent whatever its wait.
DEFAULT_PRIORITY = 2


def _name(user: Any) -> str | None:
    if user is None:
        return None
    return str(user.get_full_name() or user.get_username())


def customer_display_name(conversation: Conversation) -> str:
    """How staff see the customer: their name once known, never a bare username."""
    customer = conversation.customer
    if customer is not None:
        return f"{customer.first_name} {customer.last_name}".strip() or customer.customer_id
    user = conversation.user
    if user is not None and (user.first_name or user.last_name):
        return f"{user.first_name} {user.last_name}".strip()
    return "Visitor (not identified)"


def priority_for_wait(*, waited_seconds: float, sla_seconds: float, stored: int) -> int:
    """1 (most urgent) to 3: overdue against the SLA is 1, past half of it 2, fresher 3.

    A stored priority below the default (set by the SLA task or by hand) keeps the chat at least
    that urgent.
    """
    if waited_seconds >= sla_seconds:
        level = 1
    elif waited_seconds >= sla_seconds / 2:
        level = 2
    else:
        level = 3
    return min(level, stored) if stored < DEFAULT_PRIORITY else level


def handoff_as_dict(
    handoff: Handoff, *, now: datetime | None = None, sla_seconds: float | None = None
) -> dict[str, Any]:
    now = now or timezone.now()
    if sla_seconds is None:
        sla_seconds = QueueSettings.current().sla_minutes * 60
    waited = max(0, int((now - handoff.created_at).total_seconds()))
    priority = (
        priority_for_wait(waited_seconds=waited, sla_seconds=sla_seconds, stored=handoff.priority)
        if handoff.status == Handoff.Status.WAITING
        else handoff.priority
    )
    return {
        "handoff": handoff.pk,
        "conversation": handoff.conversation_id,
        "reason": handoff.reason,
        "reason_label": handoff.get_reason_display(),
        "priority": priority,
        "stored_priority": handoff.priority,
        "sla_seconds": int(sla_seconds),
        "status": handoff.status,
        "summary": handoff.summary,
        "customer_id": (handoff.context or {}).get("customer_id"),
        "created": handoff.created_at.isoformat(),
        "waiting_seconds": waited,
        "claimed_by": _name(handoff.claimed_by),
        "claimed_by_id": handoff.claimed_by_id,
    }


def handoff_queue(*, reader_id: int | None = None) -> list[dict[str, Any]]:
    """Chats with people, most urgent first: waiting ones, then those already claimed.

    Each item names the customer and quotes their last message; with `reader_id` (a supervisor)
    it also counts the customer's messages that supervisor has not read.
    """
    now = timezone.now()
    sla_seconds = QueueSettings.current().sla_minutes * 60
    last_customer = Message.objects.filter(
        conversation_id=OuterRef("conversation_id"), role=Message.Role.CUSTOMER
    ).order_by("-id")
    rows = list(
        Handoff.objects.filter(
            status__in=[Handoff.Status.WAITING, Handoff.Status.CLAIMED],
            conversation__status=Conversation.Status.HANDOFF,
        )
        .select_related("claimed_by", "conversation__customer", "conversation__user")
        .annotate(
            last_text=Subquery(last_customer.values("text")[:1]),
            last_at=Subquery(last_customer.values("created_at")[:1]),
        )
        .order_by("priority", "created_at", "id")[:QUEUE_LIMIT]
    )
    unread = _unread_counts([h.conversation_id for h in rows], reader_id) if reader_id else {}
    items = []
    for handoff in rows:
        item = handoff_as_dict(handoff, now=now, sla_seconds=sla_seconds)
        text = handoff.last_text or ""
        item["customer_name"] = customer_display_name(handoff.conversation)
        item["last_message"] = (
            text if len(text) <= LAST_MESSAGE_CHARS else text[: LAST_MESSAGE_CHARS - 1] + "…"
        )
        last_at = handoff.last_at
        item["last_message_at"] = last_at.isoformat() if last_at else None
        item["unread"] = unread.get(handoff.conversation_id, 0)
        items.append(item)
    # Waiting chats first, most urgent (then longest waiting) first; claimed ones after.
    items.sort(key=lambda i: (i["status"] != Handoff.Status.WAITING, i["priority"], i["created"]))
    return items


def _unread_counts(conversation_ids: list[int], reader_id: int) -> dict[int, int]:
    """Customer messages above the reader's mark, per conversation."""
    marks = dict(
        ReadMark.objects.filter(
            conversation_id__in=conversation_ids, reader=ReadMark.staff_reader(reader_id)
        ).values_list("conversation_id", "last_read_id")
    )
    condition = Q()
    for conversation_id in conversation_ids:
        condition |= Q(conversation_id=conversation_id, id__gt=marks.get(conversation_id, 0))
    if not conversation_ids:
        return {}
    rows = (
        Message.objects.filter(condition, role=Message.Role.CUSTOMER)
        .values("conversation_id")
        .annotate(n=Count("id"))
        .values_list("conversation_id", "n")
    )
    return dict(rows)


def handoff_queue_position(conversation_id: int, *, now: datetime | None = None) -> dict[str, Any] | None:
    """Where a waiting chat stands: its place in the queue and the expected wait, or None.

    The expected wait comes from how fast chats were claimed recently: with several recent
    claims, the typical gap between two claims times the place in the queue; with fewer, the
    typical time a chat waited before its claim. With no recent claims it is unknown (None).
    """
    now = now or timezone.now()
    handoff = (
        Handoff.objects.filter(conversation_id=conversation_id, status=Handoff.Status.WAITING)
        .order_by("-created_at", "-id")
        .first()
    )
    if handoff is None:
        return None
    ahead = (
        Handoff.objects.filter(
            status=Handoff.Status.WAITING, conversation__status=Conversation.Status.HANDOFF
        )
        .filter(
            Q(priority__lt=handoff.priority)
            | Q(priority=handoff.priority, created_at__lt=handoff.created_at)
            | Q(priority=handoff.priority, created_at=handoff.created_at, id__lt=handoff.pk)
        )
        .count()
    )
    position = ahead + 1
    return {
        "handoff": handoff.pk,
        "position": position,
        "expected_seconds": _expected_wait(position, now=now),
    }


def _claim_pace(*, now: datetime) -> float | None:
    """Seconds per chat the queue moves at, from recent claims; None with no recent claim."""
    claims: list[tuple[datetime, datetime]] = [
        (created, claimed)
        for created, claimed in Handoff.objects.filter(
            claimed_at__isnull=False, claimed_at__gte=now - CLAIM_WINDOW
        )
        .order_by("-claimed_at")
        .values_list("created_at", "claimed_at")[:CLAIM_SAMPLE]
        if claimed is not None
    ]
    if not claims:
        return None
    if len(claims) >= 3:
        times = sorted(claimed for _, claimed in claims)
        gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(times)]
        return float(median(gaps))
    return float(median((claimed - created).total_seconds() for created, claimed in claims))


def _wait_at(position: int, per_chat: float | None) -> int | None:
    return None if per_chat is None else max(30, int(per_chat * position))


def _expected_wait(position: int, *, now: datetime) -> int | None:
    return _wait_at(position, _claim_pace(now=now))


# How many waiting chats a queue change tells their place directly; any further down the queue
# read their own place when it moves (rare: a queue that long has bigger problems).
STANDINGS_LIMIT = 1000


def handoff_waiting_standings(*, now: datetime | None = None) -> dict[int, tuple[int, int | None]]:
    """Every waiting chat's place in the queue and expected wait, {conversation id: (position,
    expected_seconds)}, as `handoff_queue_position` gives them one by one, in two queries."""
    now = now or timezone.now()
    waiting = (
        Handoff.objects.filter(
            status=Handoff.Status.WAITING, conversation__status=Conversation.Status.HANDOFF
        )
        .order_by("priority", "created_at", "id")
        .values_list("conversation_id", "created_at", "id")[:STANDINGS_LIMIT]
    )
    per_chat = _claim_pace(now=now)
    # A chat's place is that of its newest waiting hand-off (there is at most one in practice).
    newest: dict[int, tuple[Any, int, int]] = {}
    for position, (conversation_id, created_at, handoff_id) in enumerate(waiting, start=1):
        mark = (created_at, handoff_id, position)
        if conversation_id not in newest or mark[:2] > newest[conversation_id][:2]:
            newest[conversation_id] = mark
    return {cid: (mark[2], _wait_at(mark[2], per_chat)) for cid, mark in newest.items()}


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
    conversation = Conversation.objects.select_related("customer", "user").filter(pk=conversation_id).first()
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
        "customer_name": customer_display_name(conversation),
        "customer_read": ReadMark.objects.filter(conversation=conversation, reader=ReadMark.CUSTOMER)
        .values_list("last_read_id", flat=True)
        .first()
        or 0,
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


HISTORY_SEARCH_LIMIT = 30


def closed_conversations_search(
    query: str = "", *, limit: int = HISTORY_SEARCH_LIMIT
) -> list[dict[str, Any]]:
    """Closed chats that people handled, newest first; `query` matches the customer (name, id,
    email), the conversation's number or any message's text."""
    query = (query or "").strip()[:200]
    rows = Conversation.objects.filter(status=Conversation.Status.CLOSED, handoffs__isnull=False)
    if query:
        condition = (
            Q(customer__first_name__icontains=query)
            | Q(customer__last_name__icontains=query)
            | Q(customer__customer_id__icontains=query)
            | Q(customer__email__icontains=query)
            | Q(messages__text__icontains=query)
        )
        if query.lstrip("#").isdigit() and len(query) < 19:
            condition |= Q(pk=int(query.lstrip("#")))
        rows = rows.filter(condition)
    ids = list(rows.order_by("-updated_at").values_list("pk", flat=True).distinct()[: limit * 4])
    # distinct() with an order on a joined column can repeat ids; keep the first of each.
    ordered = list(dict.fromkeys(ids))[:limit]
    conversations = Conversation.objects.select_related("customer", "user").in_bulk(ordered)
    handoffs: dict[int, Handoff] = {}
    for row in (
        Handoff.objects.filter(conversation_id__in=ordered)
        .select_related("claimed_by")
        .order_by("created_at")
    ):
        handoffs[row.conversation_id] = row  # the latest wins
    results = []
    for conversation_id in ordered:
        conversation = conversations[conversation_id]
        handoff = handoffs.get(conversation_id)
        last = (
            Message.objects.filter(conversation_id=conversation_id, role=Message.Role.CUSTOMER)
            .order_by("-id")
            .values_list("text", flat=True)
            .first()
        )
        results.append(
            {
                "conversation": conversation_id,
                "customer_name": customer_display_name(conversation),
                "customer_id": conversation.customer.customer_id if conversation.customer else None,
                "closed": (
                    handoff.resolved_at if handoff and handoff.resolved_at else conversation.updated_at
                ).isoformat(),
                "reason_label": handoff.get_reason_display() if handoff else "",
                "closed_by": _name(handoff.claimed_by) if handoff else None,
                "last_message": (last or "")[:LAST_MESSAGE_CHARS],
            }
        )
    return results


def handoff_standing(conversation_id: int) -> dict[str, Any]:
    """Where the chat stands with people, as the customer is told: `state` is "agent" (no
    person involved), "waiting" (with `position` and `expected_seconds`), "claimed" (with
    `who`, a first name) or "closed"."""
    conversation = Conversation.objects.filter(pk=conversation_id).only("status").first()
    if conversation is None or conversation.status == Conversation.Status.CLOSED:
        return {"state": "closed"}
    if conversation.status != Conversation.Status.HANDOFF:
        return {"state": "agent"}
    handoff = (
        Handoff.objects.filter(conversation_id=conversation_id, status__in=OPEN_STATUSES)
        .select_related("claimed_by")
        .order_by("-created_at", "-id")
        .first()
    )
    if handoff is not None and handoff.status == Handoff.Status.CLAIMED:
        user = handoff.claimed_by
        return {"state": "claimed", "who": (user.first_name if user else "") or "Support"}
    place = handoff_queue_position(conversation_id) or {"position": 1, "expected_seconds": None}
    return {"state": "waiting", "position": place["position"], "expected_seconds": place["expected_seconds"]}


OPEN_STATUSES = (Handoff.Status.WAITING, Handoff.Status.CLAIMED)


def conversation_read_by_staff(conversation_id: int) -> int:
    """The last message id any member of staff has read in the conversation (0 for none)."""
    marks = ReadMark.objects.filter(conversation_id=conversation_id).exclude(reader=ReadMark.CUSTOMER)
    return max(marks.values_list("last_read_id", flat=True), default=0)


def canned_replies_active() -> list[dict[str, str]]:
    """The saved replies supervisors can insert, by title."""
    rows = CannedReply.objects.filter(active=True).order_by("title")
    return [{"title": r.title, "shortcut": r.shortcut, "text": r.text} for r in rows]
