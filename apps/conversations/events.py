"""Realtime events for a conversation's websocket group.

Status lines are ephemeral and go out at once; events about stored rows (messages,
hand-offs) go out only after the transaction that stored them commits. The database stays
the source of truth: a client that missed an event catches up with `resume`.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


# Every open supervisor console listens here for changes to the handoff queue.
CONSOLE_GROUP = "console"
# Customers whose chat waits in the queue listen here; each re-reads its own place on a change.
WAITING_GROUP = "queue.waiting"


def conversation_group(conversation_id: int) -> str:
    return f"conversation.{conversation_id}"


# The server's event loop, for the embedded default: the in-memory channel layer's queues
# belong to that loop, so events from the turn thread must be handed to it rather than sent
# from a loop of their own (they would sit unseen until the consumer next woke up).
_server_loop: asyncio.AbstractEventLoop | None = None


def server_loop_bind() -> None:
    """Called by consumers when they connect (on the server's loop)."""
    global _server_loop
    _server_loop = asyncio.get_running_loop()


def _group_send(group: str, event: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        loop = _server_loop
        if isinstance(layer, InMemoryChannelLayer) and loop is not None and loop.is_running():
            try:
                on_server_loop = asyncio.get_running_loop() is loop
            except RuntimeError:
                on_server_loop = False
            if not on_server_loop:
                asyncio.run_coroutine_threadsafe(layer.group_send(group, event), loop).result(timeout=5)
                return
        async_to_sync(layer.group_send)(group, event)
    except Exception:  # the fast path must never break a turn
        logger.warning("could not publish %s to %s", event.get("type"), group, exc_info=True)


def _send(conversation_id: int, event: dict[str, Any]) -> None:
    _group_send(conversation_group(conversation_id), event)


def status_publish(conversation_id: int, text: str, step: int) -> None:
    """Tell the customer what the agent is doing right now."""
    _send(conversation_id, {"type": "chat.status", "text": text, "step": step})


def message_payload(message: Any) -> dict[str, Any]:
    """A stored message as clients see it, live or on resume: the same shape either way."""
    meta = message.meta or {}
    author = ""
    if message.role == "supervisor":
        # People are shown by first name only; the customer never sees a username or email.
        user = message.author
        author = meta.get("author_name") or (user.first_name or user.username if user else "") or "Support"
    return {
        "id": message.pk,
        "role": message.role,
        "text": message.text,
        "created": message.created_at.isoformat(),
        "author": author,
        "engine": meta.get("engine", ""),
        "client_id": message.client_id or "",
    }


def message_publish_on_commit(message: Any) -> None:
    """Broadcast a stored message once its transaction commits."""
    payload = {
        "type": "chat.message",
        **message_payload(message),
        "meta": {k: v for k, v in (message.meta or {}).items() if k in {"author_name", "engine"}},
    }
    conversation_id = message.conversation_id
    transaction.on_commit(lambda: _send(conversation_id, payload))


def handoff_publish_on_commit(conversation_id: int, state: str, who: str = "") -> None:
    """Tell the conversation and every supervisor console that a handoff changed."""
    transaction.on_commit(
        lambda: _send(conversation_id, {"type": "chat.handoff", "state": state, "who": who})
    )
    queue_publish_on_commit()


def queue_publish_on_commit(*, positions: bool = True) -> None:
    """Tell every open console that the queue changed; each re-reads it from the database.

    With `positions`, waiting customers are told too (their place may have moved).
    """

    def publish() -> None:
        _group_send(CONSOLE_GROUP, {"type": "console.queue"})
        if positions:
            _group_send(WAITING_GROUP, {"type": "chat.queue"})

    transaction.on_commit(publish)


def console_user_group(user_id: int) -> str:
    """One supervisor's own consoles (every tab they have open)."""
    return f"console.user.{user_id}"


def console_user_publish(user_id: int, event: dict[str, Any]) -> None:
    """Tell one supervisor something only they need (the outcome of their assist request)."""
    _group_send(console_user_group(user_id), {**event, "type": "console.notice"})


def typing_publish(conversation_id: int, *, role: str, who: str, typing: bool) -> None:
    """Someone in the chat is writing (ephemeral: goes out at once, never stored)."""
    _send(conversation_id, {"type": "chat.typing", "role": role, "who": who, "typing": typing})


def read_publish_on_commit(conversation_id: int, side: str, upto: int) -> None:
    """One side of the chat has read up to message `upto`."""
    transaction.on_commit(lambda: _send(conversation_id, {"type": "chat.read", "side": side, "upto": upto}))
