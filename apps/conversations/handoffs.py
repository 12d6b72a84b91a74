"""The handoff queue: supervisors claim, answer, hand back and close chats; the SLA raises priorities.

Every entry point (the console socket, the REST API, the beat task) writes through here. Each
service locks the handoff row, records a `supervisor_action` audit event in the same
transaction, and publishes to the conversation and to every console only after commit.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from apps.accounts.principals import principal_for_user
from apps.audit.models import AuditEvent
from apps.audit.services import audit_record, conversation_stream
from apps.core.conf import product_setting
from apps.core.errors import ApplicationError, NotFound, PermissionDenied

from .events import (
    console_user_publish,
    handoff_publish_on_commit,
    message_publish_on_commit,
    queue_publish_on_commit,
)
from .models import Conversation, Handoff, Message, QueueSettings
from .services import message_store_once, message_text_clean

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)
_assist_executor: ThreadPoolExecutor | None = None


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


def _audit(user: User, conversation_id: int, action: str, **payload: Any) -> None:
    audit_record(
        kind=AuditEvent.Kind.SUPERVISOR_ACTION,
        actor=principal_for_user(user).label,
        stream=conversation_stream(conversation_id),
        payload={"action": action, "by": user.get_username(), **payload},
    )


def _locked(handoff_id: int) -> Handoff:
    # No select_related: FOR UPDATE may not reach the nullable side of an outer join.
    handoff = Handoff.objects.select_for_update().filter(pk=handoff_id).first()
    if handoff is None:
        raise NotFound(f"There is no handoff {handoff_id}.")
    return handoff


def _may_act(handoff: Handoff, user: User) -> None:
    """Only the supervisor who claimed the chat, or an admin, may answer, hand back or close it."""
    if user.is_superuser or (handoff.status == Handoff.Status.CLAIMED and handoff.claimed_by_id == user.pk):
        return
    if handoff.status == Handoff.Status.CLAIMED:
        raise PermissionDenied(f"This chat is claimed by {person_name(handoff.claimed_by)}.")
    raise PermissionDenied("Claim this chat first.")


@transaction.atomic
def handoff_claim(*, handoff_id: int, user: User) -> Handoff:
    """Take a waiting (or handed-back) chat. Of two supervisors claiming at once, exactly one wins."""
    _require_staff(user)
    handoff = _locked(handoff_id)
    if handoff.status == Handoff.Status.CLAIMED:
        if handoff.claimed_by_id == user.pk:
            return handoff  # a double click: already yours
        raise HandoffConflict(
            f"Already claimed by {person_name(handoff.claimed_by) or 'someone else'}.", code="already_claimed"
        )
    if handoff.status == Handoff.Status.RESOLVED:
        raise HandoffConflict("This chat is already closed.", code="already_resolved")
    handoff.status = Handoff.Status.CLAIMED
    handoff.claimed_by = user
    handoff.claimed_at = timezone.now()
    handoff.save(update_fields=["status", "claimed_by", "claimed_at", "updated_at"])
    # A chat handed back to the agent goes to people again when someone claims it.
    Conversation.objects.filter(pk=handoff.conversation_id).update(
        status=Conversation.Status.HANDOFF, updated_at=timezone.now()
    )
    _audit(user, handoff.conversation_id, "claim", handoff=handoff.pk)
    handoff_publish_on_commit(handoff.conversation_id, "claimed", person_name(user))
    return handoff


@transaction.atomic
def handoff_release(*, handoff_id: int, user: User) -> Handoff:
    """Hand the chat back to the agent: it answers the customer's next message."""
    _require_staff(user)
    handoff = _locked(handoff_id)
    if handoff.status != Handoff.Status.CLAIMED:
        raise HandoffConflict(f"Only a claimed chat can be handed back; this one is {handoff.status}.")
    _may_act(handoff, user)
    handoff.status = Handoff.Status.RELEASED
    handoff.save(update_fields=["status", "updated_at"])
    Conversation.objects.filter(pk=handoff.conversation_id).update(
        status=Conversation.Status.ACTIVE, updated_at=timezone.now()
    )
    _audit(user, handoff.conversation_id, "release", handoff=handoff.pk)
    handoff_publish_on_commit(handoff.conversation_id, "released", person_name(user))
    return handoff


@transaction.atomic
def handoff_resolve(*, handoff_id: int, user: User) -> Handoff:
    """Close the chat. The claimer closes a claimed chat; an admin may also close a waiting one."""
    _require_staff(user)
    handoff = _locked(handoff_id)
    if handoff.status in (Handoff.Status.RESOLVED, Handoff.Status.RELEASED):
        raise HandoffConflict(f"This chat is already {handoff.status}.")
    _may_act(handoff, user)
    handoff.status = Handoff.Status.RESOLVED
    handoff.resolved_at = timezone.now()
    handoff.save(update_fields=["status", "resolved_at", "updated_at"])
    Conversation.objects.filter(pk=handoff.conversation_id).update(
        status=Conversation.Status.CLOSED, updated_at=timezone.now()
    )
    _audit(user, handoff.conversation_id, "resolve", handoff=handoff.pk)
    handoff_publish_on_commit(handoff.conversation_id, "resolved", person_name(user))
    return handoff


def handoff_current(conversation_id: int) -> Handoff | None:
    """The conversation's open handoff (claimed or waiting), newest first."""
    return (
        Handoff.objects.filter(
            conversation_id=conversation_id, status__in=[Handoff.Status.CLAIMED, Handoff.Status.WAITING]
        )
        .select_related("claimed_by")
        .order_by("-created_at", "-id")
        .first()
    )


def handoff_assert_may_act(*, conversation_id: int, user: User) -> Handoff:
    """The conversation's handoff, if this user may speak or act in the chat; otherwise raise."""
    _require_staff(user)
    handoff = handoff_current(conversation_id)
    if handoff is None:
        raise HandoffConflict("This chat is not with a person; claim it from the queue first.")
    _may_act(handoff, user)
    return handoff


def supervisor_reply(
    *, conversation_id: int, user: User, text: str, client_id: str | None = None
) -> tuple[Message, bool]:
    """Send the customer a message from the supervisor; once per client_id. Returns (message, created)."""
    cleaned = message_text_clean(text)
    handoff_assert_may_act(conversation_id=conversation_id, user=user)

    def create(client_ref: str | None) -> Message:
        message = Message.objects.create(
            conversation_id=conversation_id,
            role=Message.Role.SUPERVISOR,
            text=cleaned,
            client_id=client_ref,
            author=user,
            meta={"author_name": customer_facing_name(user)},
        )
        _audit(user, conversation_id, "reply", message=message.pk)
        message_publish_on_commit(message)
        return message

    return message_store_once(conversation_id=conversation_id, client_id=client_id, create=create)


def handoff_priority_escalate_overdue(*, now: datetime | None = None) -> list[int]:
    """Raise by one the priority of every chat waiting longer than the SLA; once per SLA period.

    Idempotent: a handoff raised at time t is raised again only after another full period.
    """
    now = now or timezone.now()
    sla = timedelta(minutes=QueueSettings.current().sla_minutes)
    overdue = (
        Handoff.objects.filter(status=Handoff.Status.WAITING, priority__gt=1)
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
            if handoff.status != Handoff.Status.WAITING or handoff.priority <= 1 or since > now - sla:
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


def handoff_assist_request(*, conversation_id: int, user: User, instruction: str) -> None:
    """Queue the agent to act on the supervisor's instruction, with the supervisor's permissions.

    The agent never runs in the caller (a websocket handler or a request): a Celery worker runs
    it, or, on the embedded default, a background thread. The outcome reaches the supervisor's
    consoles as a `notice`, and the customer as a message from the supervisor.
    """
    message_text_clean(instruction)
    handoff_assert_may_act(conversation_id=conversation_id, user=user)
    mode = product_setting("TURN_DISPATCH")
    if mode == "celery":
        from .tasks import handoff_assist_run

        handoff_assist_run.delay(conversation_id, user.pk, instruction)
    elif mode == "inline":
        assist_run(conversation_id=conversation_id, supervisor_id=user.pk, instruction=instruction)
    else:
        global _assist_executor
        if _assist_executor is None:
            _assist_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="assist")
        _assist_executor.submit(_assist_in_thread, conversation_id, user.pk, instruction)


def _assist_in_thread(conversation_id: int, supervisor_id: int, instruction: str) -> None:
    from django.db import close_old_connections

    close_old_connections()
    try:
        assist_run(conversation_id=conversation_id, supervisor_id=supervisor_id, instruction=instruction)
    except Exception:
        logger.exception("assist in conversation %s failed", conversation_id)
    finally:
        close_old_connections()


def assist_run(*, conversation_id: int, supervisor_id: int, instruction: str) -> dict[str, Any]:
    """Run one assist and tell the supervisor's consoles how it went; returns that notice."""
    from apps.agent.assist import supervisor_assist

    supervisor = get_user_model().objects.get(pk=supervisor_id)
    try:
        result = supervisor_assist(
            conversation_id=conversation_id, supervisor=supervisor, instruction=instruction
        )
    except ApplicationError as exc:
        notice = {"kind": "assist", "conversation": conversation_id, "ok": False, "refused": False}
        notice["text"] = exc.message
    else:
        notice = {
            "kind": "assist",
            "conversation": conversation_id,
            "ok": result.ok,
            "refused": result.refused,
            "text": result.text,
            "message": result.message.pk if result.message is not None else None,
        }
    console_user_publish(supervisor_id, notice)
    return notice
