"""Conversations and their messages: every entry point (web, API, CLI) and the agent write here.

Each state change is one action, as Zulip's `do_*` actions are: `message_post` stores a message
of any role, `conversation_status_change` moves a conversation along its allowed transitions.
Each records its audit event in the same transaction and publishes after commit. The rules that
guard a write live in the action, never in a transport: a closed chat refuses a message here,
so the websocket and the REST API refuse it the same way.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from apps.accounts.principals import principal_for_user
from apps.audit.models import AuditEvent
from apps.audit.services import audit_record, conversation_stream
from apps.core.conf import product_setting
from apps.core.errors import ApplicationError, InvalidRequest

from .dispatch import turn_dispatch
from .events import message_publish_on_commit, queue_publish_on_commit
from .models import Conversation, Message

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
    return Conversation.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        customer=customer,
        channel=channel,
        embed_site=embed_site,
        state={"signed_in": customer is not None},
    )


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


def _actor(conversation: Conversation, role: str, author: Any) -> str:
    if author is not None and getattr(author, "is_authenticated", False):
        return principal_for_user(author).label
    if role == Role.CUSTOMER:
        customer = conversation.customer
        return f"customer:{customer.customer_id}" if customer is not None else "anonymous"
    return str(role)


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
) -> tuple[Message, bool]:
    """Store a message of any role once per client_id; audit it; publish it after commit.

    A customer's message in a chat the agent serves also queues the agent's turn after commit.
    `internal` messages (a supervisor's instruction to the agent) are kept for staff and never
    sent to the customer. A closed chat takes only the platform's own (system) messages.
    `audit` adds fields to the message's audit event. Returns (message, created); bad text
    raises InvalidRequest and nothing is stored.
    """
    conversation_id = conversation if isinstance(conversation, int) else conversation.pk
    cleaned = message_text_clean(text, limited=role in _HUMAN_ROLES)
    if client_id is not None:
        client_id = str(client_id)[:64]
        existing = Message.objects.filter(conversation_id=conversation_id, client_id=client_id).first()
        if existing is not None:
            return existing, False  # a resend: acknowledged with what was stored
    try:
        with transaction.atomic():
            # Locked so a message cannot land after the chat is closed in another transaction.
            locked = Conversation.objects.select_for_update().get(pk=conversation_id)
            if locked.status == Status.CLOSED and role != Role.SYSTEM:
                raise ConversationClosed()
            by = author if author is not None and getattr(author, "is_authenticated", False) else None
            message = Message.objects.create(
                conversation=locked,
                role=role,
                text=cleaned,
                client_id=client_id,
                author=by,
                meta={**(meta or {}), **({"internal": True} if internal else {})},
            )
            audit_record(
                kind=_AUDIT_KIND[Role(role)],
                actor=actor or _actor(locked, role, by),
                stream=conversation_stream(conversation_id),
                payload={"message": message.pk, "role": role, "text": cleaned[:2000], **(audit or {})},
            )
            if not internal:
                message_publish_on_commit(message)
            if role == Role.CUSTOMER and enqueue_turn and locked.status == Status.ACTIVE:
                transaction.on_commit(lambda: turn_dispatch(conversation_id, message.pk))
            if role == Role.CUSTOMER and locked.status == Status.HANDOFF:
                # The console's cards quote the last message and count unread ones.
                queue_publish_on_commit(positions=False)
    except IntegrityError:
        # The same client_id raced in from another connection: that one was stored.
        return Message.objects.get(conversation_id=conversation_id, client_id=client_id), False
    if not isinstance(conversation, int) and conversation.status != locked.status:
        conversation.status = locked.status
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
