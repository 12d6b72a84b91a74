"""Conversations and their messages: every entry point (web, API, CLI) and the agent write here.

Each state change is one action, as Zulip's `do_*` actions are: `message_post` stores a message
of any role, `conversation_status_change` moves a conversation along its allowed transitions.
Each records its audit event in the same transaction and publishes after commit. The rules that
guard a write live in the action, never in a transport: a closed chat refuses a message here,
so the websocket and the REST API refuse it the same way.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from apps.accounts.principals import principal_for_user
from apps.audit.models import AuditEvent
from apps.audit.services import audit_record, audit_stream_open, conversation_stream
from apps.core.conf import product_setting
from apps.core.errors import ApplicationError, InvalidRequest

from .dispatch import turn_dispatch
from .events import RECEIVED_STATUS, message_publish_on_commit, queue_publish_on_commit, status_publish
from .leases import conversation_lease_acquire, conversation_lease_release
from .models import Conversation, Message, PendingTurn

__all__ = [  # the leases live in leases.py; callers may keep importing them from here
    "conversation_lease_acquire",
    "conversation_lease_release",
]

logger = logging.getLogger(__name__)

Role = Message.Role
Status = Conversation.Status

# Which status a conversation may move to from each status. A closed chat stays closed: the
# customer starts a new one.
CONVERSATION_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.ACTIVE: frozenset({Status.HANDOFF, Status.CLOSED}),
    Status.HANDOFF: frozenset({Status.ACTIVE, Status.CLOSED}),
    Status.CLOSED: frozenset(),
}

# People write these; their length is limited (MAX_MESSAGE_CHARS). The agent's and the
# platform's own texts are not cut.
_HUMAN_ROLES = frozenset({Role.CUSTOMER, Role.SUPERVISOR})

# One audit event per stored message; its kind says who spoke.
_AUDIT_KIND = {
    Role.CUSTOMER: AuditEvent.Kind.MESSAGE,
    Role.AGENT: AuditEvent.Kind.ANSWER,
    Role.SUPERVISOR: AuditEvent.Kind.SUPERVISOR_ACTION,
    Role.SYSTEM: AuditEvent.Kind.MESSAGE,
}


class ConversationClosed(InvalidRequest):
    """The chat has ended; it takes no more messages."""

    code = "conversation_closed"

    def __init__(self) -> None:
        super().__init__("This chat has ended. Start a new chat to write to us.", code=self.code)


class InvalidTransition(ApplicationError):
    """A status change the transition table does not allow."""

    code = "invalid_transition"


@transaction.atomic
def conversation_start(
    *, user: Any = None, channel: str = Conversation.Channel.WEB, customer: Any = None, embed_site: Any = None
) -> Conversation:
    """Open a conversation; a signed-in customer chats as themselves from the first message.

    `customer` is a customer whose identity was verified another way (the `embed_site` embedding
    the chat signed it); it counts as signed in.
    """
    if customer is None:
        customer = getattr(user, "customer", None) if user is not None and user.is_authenticated else None
    conversation = Conversation.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        customer=customer,
        channel=channel,
        embed_site=embed_site,
        state={"signed_in": customer is not None},
    )
    # Its audit stream starts here, so the first message appends as cheaply as the rest.
    audit_stream_open(stream=conversation_stream(conversation.pk))
    return conversation


def message_text_clean(text: Any, *, limited: bool = True) -> str:
    """A message's text ready to store, or InvalidRequest (empty, not text, or, when `limited`,
    longer than MAX_MESSAGE_CHARS)."""
    limit = int(product_setting("MAX_MESSAGE_CHARS")) if limited else 0
    if not isinstance(text, str):
        raise InvalidRequest("A message must be text.", code="invalid_message")
    cleaned = text.replace("\x00", "").strip()
    if not cleaned:
        raise InvalidRequest("The message is empty.", code="empty_message")
    if limit and len(cleaned) > limit:
        raise InvalidRequest(
            f"The message is {len(cleaned)} characters long; the limit is {limit}. Please shorten it.",
            code="message_too_long",
        )
    return cleaned


def _actor(conversation_id: int, customer_pk: int | None, role: str, author: Any) -> str:
    if author is not None and getattr(author, "is_authenticated", False):
        return principal_for_user(author).label
    if role == Role.CUSTOMER:
        if customer_pk is None:
            return "anonymous"
        found = Conversation.objects.filter(pk=conversation_id).values_list("customer__customer_id")
        return f"customer:{found.get()[0]}"
    return str(role)


def _conversation_lock(conversation_id: int, *, visible: bool) -> tuple[str, int | None, int]:
    """Inside the caller's transaction: lock the conversation's row for a message about to be
    stored; (status, customer pk, seq). A `visible` message takes the next sequence number.

    The sequence number moves in the statement that locks the row (`UPDATE ... RETURNING`,
    PostgreSQL and SQLite alike): one round trip instead of a locking read of the whole row
    (the agent's state included) and an update. A message refused after this (a closed chat)
    raises, and the increment is rolled back with the rest.
    """
    if not visible:
        row = (
            Conversation.objects.select_for_update()
            .filter(pk=conversation_id)
            .values_list("status", "customer_id", "seq")
            .first()
        )
    else:
        table = connection.ops.quote_name(Conversation._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET seq = seq + 1 WHERE id = %s "  # noqa: S608
                "RETURNING status, customer_id, seq",
                [conversation_id],
            )
            row = cursor.fetchone()
    if row is None:
        raise Conversation.DoesNotExist(f"Conversation {conversation_id} does not exist.")
    status, customer_pk, seq = row
    return str(status), customer_pk, int(seq)


def _message_by_client_id(conversation_id: int, client_id: str) -> Message | None:
    """The message already stored with this client_id, if any. Every customer message asks; a
    hand-written probe (a resend is rare) spares the ORM building the query each time."""
    table = connection.ops.quote_name(Message._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {table} WHERE conversation_id = %s AND client_id = %s LIMIT 1",  # noqa: S608
            [conversation_id, client_id],
        )
        found = cursor.fetchone()
    return Message.objects.get(pk=found[0]) if found is not None else None


def _pending_turn_insert(message_id: int, conversation_id: int) -> None:
    """Owe the message a turn (a PendingTurn row), written out: one per customer message."""
    now = timezone.now()
    table = connection.ops.quote_name(PendingTurn._meta.db_table)
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (message_id, conversation_id, created_at, due_at, dispatches) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, 0)",
            [message_id, conversation_id, adapt(now), adapt(now + _redispatch_after())],
        )


def message_post(
    *,
    conversation: Conversation | int,
    role: str,
    text: Any,
    author: Any = None,
    client_id: str | None = None,
    meta: dict[str, Any] | None = None,
    internal: bool = False,
    actor: str | None = None,
    audit: dict[str, Any] | None = None,
    enqueue_turn: bool = True,
    savepoint: bool = True,
) -> tuple[Message, bool]:
    """Store a message of any role once per client_id; audit it; publish it after commit.

    A customer's message in a chat the agent serves also queues the agent's turn after commit.
    `internal` messages (a supervisor's instruction to the agent) are kept for staff and never
    sent to the customer. A closed chat takes only the platform's own (system) messages.
    `audit` adds fields to the message's audit event. Returns (message, created); bad text
    raises InvalidRequest and nothing is stored. A caller whose transaction ends with any error
    from here, and that gives no client_id, may spare the savepoint (`savepoint=False`).
    """
    conversation_id = conversation if isinstance(conversation, int) else conversation.pk
    cleaned = message_text_clean(text, limited=role in _HUMAN_ROLES)
    if client_id is not None:
        client_id = str(client_id)[:64]
        existing = _message_by_client_id(conversation_id, client_id)
        if existing is not None:
            # A resend: acknowledged with what was stored. If its turn is still owed (the first
            # enqueue failed, say), the resend queues it again rather than waiting for the sweeper.
            pending_turn_nudge(message_id=existing.pk)
            return existing, False
    try:
        # The savepoint lets a client_id that raced in be caught below without failing a
        # caller's transaction.
        with transaction.atomic(savepoint=savepoint or client_id is not None):
            # Locked so a message cannot land after the chat is closed in another transaction.
            # The counter goes up by one per visible message, no gaps: the row stays locked
            # until this transaction ends.
            status, customer_pk, conversation_seq = _conversation_lock(conversation_id, visible=not internal)
            if status == Status.CLOSED and role != Role.SYSTEM:
                raise ConversationClosed()
            by = author if author is not None and getattr(author, "is_authenticated", False) else None
            seq = None if internal else conversation_seq
            message = Message.objects.create(
                conversation_id=conversation_id,
                role=role,
                text=cleaned,
                client_id=client_id,
                author=by,
                seq=seq,
                meta={**(meta or {}), **({"internal": True} if internal else {})},
            )
            audit_record(
                kind=_AUDIT_KIND[Role(role)],
                actor=actor or _actor(conversation_id, customer_pk, role, by),
                stream=conversation_stream(conversation_id),
                payload={"message": message.pk, "role": role, "text": cleaned[:2000], **(audit or {})},
            )
            if not internal:
                message_publish_on_commit(message)
            if role == Role.CUSTOMER and enqueue_turn and status == Status.ACTIVE:
                # Owed in the same transaction as the message: if the enqueue below fails or
                # the queue loses it, the sweeper still finds this row.
                _pending_turn_insert(message.pk, conversation_id)
                transaction.on_commit(lambda: _turn_announce_and_dispatch(conversation_id, message.pk, seq))
            if role == Role.CUSTOMER and status == Status.HANDOFF:
                # The console's cards quote the last message and count unread ones.
                queue_publish_on_commit(positions=False)
    except IntegrityError:
        # The same client_id raced in from another connection: that one was stored.
        return Message.objects.get(conversation_id=conversation_id, client_id=client_id), False
    if not isinstance(conversation, int):
        conversation.status, conversation.seq = status, conversation_seq
    return message, True


def conversation_status_change(
    *, conversation: Conversation, to: str, actor: str, reason: str = ""
) -> Conversation:
    """Move the conversation to status `to` if the transition table allows it; audited.

    Changing to the status it already has changes nothing and records nothing.
    """
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        before = locked.status
        if before != to:
            if to not in CONVERSATION_TRANSITIONS[before]:
                raise InvalidTransition(f"A {before} conversation cannot become {to}.")
            locked.status = to
            locked.save(update_fields=["status", "updated_at"])
            audit_record(
                kind=AuditEvent.Kind.STATUS,
                actor=actor,
                stream=conversation_stream(locked.pk),
                payload={"object": "conversation", "from": before, "to": to, "reason": reason},
            )
    conversation.status = locked.status
    return conversation


# Turns the agent owes: written with the customer's message, deleted when its turn finishes.


def _redispatch_after() -> timedelta:
    return timedelta(seconds=float(product_setting("PENDING_TURN_REDISPATCH_SECONDS")))


def _turn_announce_and_dispatch(conversation_id: int, message_id: int, seq: int | None) -> None:
    status_publish(conversation_id, RECEIVED_STATUS, 0, seq=seq)
    turn_dispatch_safely(conversation_id, message_id)


def turn_dispatch_safely(conversation_id: int, message_id: int) -> bool:
    """Queue a turn; a failed enqueue (the broker is down) is logged, not raised: the message
    is stored and its PendingTurn stays, so a resend or the sweeper queues it again."""
    try:
        turn_dispatch(conversation_id, message_id)
    except ImproperlyConfigured:
        raise  # a set-up error, not an outage
    except Exception:
        logger.warning("could not queue the turn for message %s; the sweeper will", message_id, exc_info=True)
        return False
    return True


def pending_turn_done(*, message_id: int) -> None:
    """The turn for this message finished (answered, handed off, or nothing to do)."""
    PendingTurn.objects.filter(message_id=message_id).delete()


def pending_turn_nudge(*, message_id: int) -> bool:
    """Queue again the turn for a message whose turn is still owed and has waited a while."""
    now = timezone.now()
    due = PendingTurn.objects.filter(message_id=message_id, due_at__lte=now)
    found = due.values_list("conversation_id", flat=True).first()
    if found is None:
        return False
    due.update(due_at=now + _redispatch_after(), dispatches=F("dispatches") + 1)
    return turn_dispatch_safely(found, message_id)


def pending_turns_redispatch(*, limit: int = 500) -> list[int]:
    """Queue again every owed turn that waited past its due time in a conversation nobody is
    answering (no live lease); the sweeper runs this every few seconds. Returns message ids.

    Each owed turn is pushed back before it is queued, so two sweepers never queue it twice
    in one period; backing off (up to a minute) keeps a turn that keeps failing from flooding
    the queue.
    """
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            PendingTurn.objects.select_for_update(skip_locked=True)
            .filter(due_at__lte=now)
            .exclude(conversation__turn_lease_until__gt=now)
            .order_by("due_at")[:limit]
        )
        base = _redispatch_after()
        for row in rows:
            row.dispatches += 1
            row.due_at = now + min(base * (2 ** min(row.dispatches, 6)), timedelta(seconds=60))
        PendingTurn.objects.bulk_update(rows, ["due_at", "dispatches"])
    # One dispatch per conversation: whoever takes the lease answers all its owed messages.
    first: dict[int, int] = {}
    for row in rows:
        first.setdefault(row.conversation_id, row.message_id)
    for conversation_id, message_id in first.items():
        turn_dispatch_safely(conversation_id, message_id)
    return [row.message_id for row in rows]


def pending_turns_of(conversation_id: int) -> list[int]:
    """The ids of the customer messages the agent still owes an answer, oldest first."""
    return list(
        PendingTurn.objects.filter(conversation_id=conversation_id)
        .order_by("message_id")
        .values_list("message_id", flat=True)
    )


def conversation_turn_guard(*, conversation_id: int, owner: str | None) -> str | None:
    """Inside the caller's transaction: lock the conversation and say why the agent must stop
    (a person took over, the chat closed, the lease is no longer `owner`'s), or None to go on.

    The lock holds until the caller's write or answer commits, so a claim, a hand-off or a
    close that lands meanwhile waits for it and is seen by the next check.
    """
    if connection.vendor == "postgresql":
        # Hand-written: a turn checks before every step and its answer, and the ORM spent more
        # CPU building this query than PostgreSQL spent running it.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT status, turn_lease_owner FROM {Conversation._meta.db_table} "  # noqa: S608
                "WHERE id = %s FOR UPDATE",
                [conversation_id],
            )
            locked = cursor.fetchone()
    else:
        locked = (
            Conversation.objects.select_for_update()
            .filter(pk=conversation_id)
            .values_list("status", "turn_lease_owner")
            .first()
        )
    if locked is None:
        return "gone"
    status, lease_owner = locked
    if status != Status.ACTIVE:
        return str(status)
    if owner is not None and lease_owner != owner:
        return "lease_lost"
    return None
