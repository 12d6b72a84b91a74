"""The handoff queue: chats go to people, supervisors claim, answer, hand back and close them.

Every entry point (the console socket, the REST API, the agent, the beat task) writes through
here. A hand-off's status changes only in `handoff_status_change`, along the transitions in
HANDOFF_TRANSITIONS; the conversation follows (CONVERSATION_STATUS_FOR) through
`conversation_status_change`. Each change locks the handoff row, is audited in the same
transaction, and is published to the conversation and to every console only after commit.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from apps.accounts.principals import principal_for_user
from apps.audit.models import AuditEvent
from apps.audit.services import audit_record, conversation_stream
from apps.core.errors import ApplicationError, NotFound, PermissionDenied

from .events import handoff_publish_on_commit, queue_publish_on_commit
from .models import Conversation, Handoff, Message, QueueSettings
from .services import ConversationClosed, InvalidTransition, conversation_status_change, message_post

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Status = Handoff.Status

# Which status a hand-off may move to from each status. A released chat (handed back to the
# agent) can be claimed again; a resolved one is over.
HANDOFF_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.WAITING: frozenset({Status.CLAIMED, Status.RESOLVED}),
    Status.CLAIMED: frozenset({Status.RELEASED, Status.RESOLVED}),
    Status.RELEASED: frozenset({Status.CLAIMED}),
    Status.RESOLVED: frozenset(),
}
# Where the conversation stands once its hand-off is in each status.
CONVERSATION_STATUS_FOR: dict[str, str] = {
    Status.WAITING: Conversation.Status.HANDOFF,
    Status.CLAIMED: Conversation.Status.HANDOFF,
    Status.RELEASED: Conversation.Status.ACTIVE,
    Status.RESOLVED: Conversation.Status.CLOSED,
}
OPEN = (Status.WAITING, Status.CLAIMED)


class HandoffConflict(ApplicationError):
    """The handoff is not in a state that allows this (someone else got there first)."""

    code = "conflict"


def person_name(user: Any) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def customer_facing_name(user: Any) -> str:
    """How a supervisor is shown to customers: first name only, never a username."""
    return str(getattr(user, "first_name", "") or "Support")


def _require_staff(user: User) -> None:
    if user is None or not user.is_authenticated or not user.is_staff:
        raise PermissionDenied("Only support staff can work the handoff queue.")


def _locked(handoff_id: int) -> Handoff:
    # No select_related: FOR UPDATE may not reach the nullable side of an outer join.
    handoff = Handoff.objects.select_for_update().filter(pk=handoff_id).first()
    if handoff is None:
        raise NotFound(f"There is no handoff {handoff_id}.")
    return handoff


def _may_act(handoff: Handoff, user: User) -> None:
    """Only the supervisor who claimed the chat, or an admin, may answer, hand back or close it."""
    if user.is_superuser or (handoff.status == Status.CLAIMED and handoff.claimed_by_id == user.pk):
        return
    if handoff.status == Status.CLAIMED:
        raise PermissionDenied(f"This chat is claimed by {person_name(handoff.claimed_by)}.")
    raise PermissionDenied("Claim this chat first.")


def handoff_open_current(conversation_id: int) -> Handoff | None:
    """The conversation's open handoff (claimed or waiting), newest first."""
    return (
        Handoff.objects.filter(conversation_id=conversation_id, status__in=OPEN)
        .select_related("claimed_by")
        .order_by("-created_at", "-id")
        .first()
    )


@transaction.atomic
def handoff_open(
    *,
    conversation: Conversation,
    reason: str,
    summary: str,
    context: dict[str, Any],
    actor: str,
    priority: int = 2,
) -> tuple[Handoff, bool]:
    """Put the conversation in the people's queue; the agent stops answering it.

    A conversation has at most one open hand-off: asking again returns the open one. A closed
    conversation cannot be handed off. Returns (handoff, created).
    """
    locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
    if locked.status == Conversation.Status.CLOSED:
        raise ConversationClosed()
    current = handoff_open_current(locked.pk)
    if current is not None:
        return current, False
    handoff = Handoff.objects.create(
        conversation=locked, reason=reason, summary=summary[:4000], context=context, priority=priority
    )
    audit_record(
        kind=AuditEvent.Kind.HANDOFF,
        actor=actor,
        stream=conversation_stream(locked.pk),
        payload={"handoff": handoff.pk, "reason": reason, "priority": priority, "summary": summary[:500]},
    )
    conversation_status_change(
        conversation=conversation, to=Conversation.Status.HANDOFF, actor=actor, reason=reason
    )
    handoff_publish_on_commit(locked.pk, Status.WAITING)
    return handoff, True


def handoff_status_change(*, handoff: Handoff, to: str, user: User, action: str) -> Handoff:
    """Move a locked hand-off to `to` if HANDOFF_TRANSITIONS allows it, and its conversation
    with it; audited as the supervisor's `action`, published after commit."""
    before = handoff.status
    if to not in HANDOFF_TRANSITIONS[before]:
        raise InvalidTransition(f"A {before} hand-off cannot become {to}.")
    now = timezone.now()
    handoff.status = to
    fields = ["status", "updated_at"]
    if to == Status.CLAIMED:
        handoff.claimed_by, handoff.claimed_at = user, now
        fields += ["claimed_by", "claimed_at"]
    elif to == Status.RESOLVED:
        handoff.resolved_at = now
        fields.append("resolved_at")
    handoff.save(update_fields=fields)
    actor = principal_for_user(user).label
    audit_record(
        kind=AuditEvent.Kind.SUPERVISOR_ACTION,
        actor=actor,
        stream=conversation_stream(handoff.conversation_id),
        payload={
            "action": action,
            "by": user.get_username(),
            "handoff": handoff.pk,
            "from": before,
            "to": to,
        },
    )
    conversation_status_change(
        conversation=handoff.conversation, to=CONVERSATION_STATUS_FOR[to], actor=actor, reason=f"handoff {to}"
    )
    # The customer reads this event too: people are named by first name only (never a username).
    handoff_publish_on_commit(handoff.conversation_id, to, customer_facing_name(user))
    notice = _customer_notice(to, customer_facing_name(user))
    if notice:
        message_post(
            conversation=handoff.conversation_id,
            role=Message.Role.SYSTEM,
            text=notice,
            meta={"handoff_event": to, "author_name": customer_facing_name(user)},
        )
    return handoff


def _customer_notice(to: str, first_name: str) -> str:
    """What the customer reads in the chat when a person joins or hands it back (kept in history)."""
    if to == Status.CLAIMED:
        return f"{first_name} from our support team joined the chat."
    if to == Status.RELEASED:
        return (
            f"{first_name} handed this chat back to our assistant, "
            "who will answer your next message. Press “Talk to a person” any time to get a person again."
        )
    return ""


@transaction.atomic
def handoff_claim(*, handoff_id: int, user: User) -> Handoff:
    """Take a waiting (or handed-back) chat. Of two supervisors claiming at once, exactly one wins."""
    _require_staff(user)
    handoff = _locked(handoff_id)
    if handoff.status == Status.CLAIMED:
        if handoff.claimed_by_id == user.pk:
            return handoff  # a double click: already yours
        raise HandoffConflict(
            f"Already claimed by {person_name(handoff.claimed_by) or 'someone else'}.", code="already_claimed"
        )
    if handoff.status == Status.RESOLVED:
        raise HandoffConflict("This chat is already closed.", code="already_resolved")
    return handoff_status_change(handoff=handoff, to=Status.CLAIMED, user=user, action="claim")


@transaction.atomic
def handoff_release(*, handoff_id: int, user: User) -> Handoff:
    """Hand the chat back to the agent: it answers the customer's next message."""
    _require_staff(user)
    handoff = _locked(handoff_id)
    if handoff.status != Status.CLAIMED:
        raise HandoffConflict(f"Only a claimed chat can be handed back; this one is {handoff.status}.")
    _may_act(handoff, user)
    return handoff_status_change(handoff=handoff, to=Status.RELEASED, user=user, action="release")


@transaction.atomic
def handoff_resolve(*, handoff_id: int, user: User) -> Handoff:
    """Close the chat. The claimer closes a claimed chat; an admin may also close a waiting one."""
    _require_staff(user)
    handoff = _locked(handoff_id)
    if handoff.status in (Status.RESOLVED, Status.RELEASED):
        raise HandoffConflict(f"This chat is already {handoff.status}.")
    _may_act(handoff, user)
    return handoff_status_change(handoff=handoff, to=Status.RESOLVED, user=user, action="resolve")


def handoff_assert_may_act(*, conversation_id: int, user: User) -> Handoff:
    """The conversation's handoff, if this user may speak or act in the chat; otherwise raise."""
    _require_staff(user)
    handoff = handoff_open_current(conversation_id)
    if handoff is None:
        raise HandoffConflict("This chat is not with a person; claim it from the queue first.")
    _may_act(handoff, user)
    return handoff


def supervisor_reply(
    *, conversation_id: int, user: User, text: str, client_id: str | None = None
) -> tuple[Message, bool]:
    """Send the customer a message from the supervisor; once per client_id. Returns (message, created)."""
    handoff_assert_may_act(conversation_id=conversation_id, user=user)
    return message_post(
        conversation=conversation_id,
        role=Message.Role.SUPERVISOR,
        text=text,
        author=user,
        client_id=client_id,
        meta={"author_name": customer_facing_name(user)},
        audit={"action": "reply", "by": user.get_username()},
    )


def handoff_priority_escalate_overdue(*, now: datetime | None = None) -> list[int]:
    """Raise by one the priority of every chat waiting longer than the SLA; once per SLA period.

    Idempotent: a handoff raised at time t is raised again only after another full period.
    """
    now = now or timezone.now()
    sla = timedelta(minutes=QueueSettings.current().sla_minutes)
    overdue = (
        Handoff.objects.filter(status=Status.WAITING, priority__gt=1)
        .annotate(since=Coalesce(F("escalated_at"), F("created_at")))
        .filter(since__lte=now - sla)
        .values_list("pk", flat=True)
    )
    raised: list[int] = []
    for handoff_id in list(overdue):
        with transaction.atomic():
            handoff = _locked(handoff_id)
            since = handoff.escalated_at or handoff.created_at
            # Re-checked under the lock: a claim or a concurrent run may have got here first.
            if handoff.status != Status.WAITING or handoff.priority <= 1 or since > now - sla:
                continue
            handoff.priority -= 1
            handoff.escalated_at = now
            handoff.save(update_fields=["priority", "escalated_at", "updated_at"])
            audit_record(
                kind=AuditEvent.Kind.SUPERVISOR_ACTION,
                actor="system:sla",
                stream=conversation_stream(handoff.conversation_id),
                payload={
                    "action": "priority_raised",
                    "handoff": handoff.pk,
                    "priority": handoff.priority,
                    "sla_minutes": int(sla.total_seconds() // 60),
                },
            )
            raised.append(handoff.pk)
    if raised:
        with transaction.atomic():
            queue_publish_on_commit()
    return raised
