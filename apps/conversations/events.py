"""Realtime events for a conversation's websocket group.

Status lines are ephemeral and go out at once; events about stored rows (messages,
hand-offs) go out only after the transaction that stored them commits. The database stays
the source of truth: a client that missed an event catches up with `resume`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from typing import Any

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


# Everywhere else (a Celery worker, a management command) events go out through one event
# loop per process that lives as long as the process, so the channel layer's Redis connection
# pool (kept per loop) is reused; `async_to_sync` would build a loop and a pool per event.
_publisher_loop: asyncio.AbstractEventLoop | None = None
_publisher_pid = 0  # a forked child (a prefork pool process) starts its own
_publisher_lock = threading.Lock()
PUBLISH_TIMEOUT = 5.0


def _publisher() -> asyncio.AbstractEventLoop:
    global _publisher_loop, _publisher_pid
    with _publisher_lock:
        if _publisher_loop is None or _publisher_pid != os.getpid() or not _publisher_loop.is_running():
            loop = asyncio.new_event_loop()
            started = threading.Event()

            def run() -> None:
                asyncio.set_event_loop(loop)
                loop.call_soon(started.set)
                loop.run_forever()

            threading.Thread(target=run, name="event-publisher", daemon=True).start()
            started.wait(5)
            _publisher_loop, _publisher_pid = loop, os.getpid()
        return _publisher_loop


def _group_send(group: str, event: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        server = _server_loop
        if isinstance(layer, InMemoryChannelLayer) and server is not None and server.is_running():
            # The in-memory layer's queues belong to the server's loop.
            loop = server
        else:
            loop = _publisher()
        if running is loop:
            # Called on that loop itself (from async code): schedule, never block it.
            loop.create_task(layer.group_send(group, event))
            return
        # Waiting keeps one turn's events in order (each send finishes before the next).
        asyncio.run_coroutine_threadsafe(layer.group_send(group, event), loop).result(timeout=PUBLISH_TIMEOUT)
    except Exception:  # the fast path must never break a turn
        logger.warning("could not publish %s to %s", event.get("type"), group, exc_info=True)


def _send(conversation_id: int, event: dict[str, Any]) -> None:
    _group_send(conversation_group(conversation_id), event)


# The first status line of every turn. It goes out as soon as the customer's message is stored
# and its turn queued (message_post), not when a worker picks the turn up: the customer sees at
# once that the message arrived, whatever the queue's length.
RECEIVED_STATUS = "Reading your message..."


def status_publish(conversation_id: int, text: str, step: int, *, seq: int | None = None) -> None:
    """Tell the customer what the agent is doing right now. `seq` is the conversation's sequence
    number as the sender knows it: a page that has seen less knows it missed a message."""
    event: dict[str, Any] = {"type": "chat.status", "text": text, "step": step}
    if seq is not None:
        event["seq"] = seq
    _send(conversation_id, event)


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
        "seq": message.seq,
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


def handoff_publish_on_commit(
    conversation_id: int, state: str, who: str = "", *, seq: int | None = None
) -> None:
    """Tell the conversation and every supervisor console that a handoff changed."""
    event: dict[str, Any] = {"type": "chat.handoff", "state": state, "who": who}
    if seq is not None:
        event["seq"] = seq
    transaction.on_commit(lambda: _send(conversation_id, event))
    queue_publish_on_commit()


def queue_publish_on_commit(*, positions: bool = True) -> None:
    """Tell every open console that the queue changed; each re-reads it from the database.

    With `positions`, waiting customers are told too (their place may have moved). Their places
    are read here, once, and go with the event: every waiting customer's socket reading its own
    (five queries each) made each change cost a query set per waiting chat in every daphne.
    """

    def publish() -> None:
        _group_send(CONSOLE_GROUP, {"type": "console.queue"})
        if positions:
            _group_send(WAITING_GROUP, {"type": "chat.queue", "standings": _waiting_standings()})

    transaction.on_commit(publish)


def _waiting_standings() -> dict[str, list[int | None]]:
    """{conversation id: [position, expected_seconds]} of the waiting chats (string keys: the
    channel layer's msgpack takes no others); empty if the read fails (sockets then read their own)."""
    from .handoff_selectors import handoff_waiting_standings

    try:
        return {
            str(cid): [position, expected]
            for cid, (position, expected) in handoff_waiting_standings().items()
        }
    except Exception:
        logger.warning("could not read the queue's places; waiting sockets read their own", exc_info=True)
        return {}


def console_user_group(user_id: int) -> str:
    """One supervisor's own consoles (every tab they have open)."""
    return f"console.user.{user_id}"


def console_user_publish(user_id: int, event: dict[str, Any]) -> None:
    """Tell one supervisor something only they need (the outcome of their assist request)."""
    _group_send(console_user_group(user_id), {**event, "type": "console.notice"})


def chat_user_group(user_id: int) -> str:
    """Every chat socket a signed-in customer has open (every tab)."""
    return f"chat.user.{user_id}"


def console_sockets_close(user_id: int) -> None:
    """Close every console socket this account has open (it lost its staff standing)."""
    _group_send(console_user_group(user_id), {"type": "console.revoked"})


def user_sockets_close(user_id: int) -> None:
    """Close every socket this account has open, console and chat (sign-out, deactivation)."""
    console_sockets_close(user_id)
    _group_send(chat_user_group(user_id), {"type": "chat.revoked"})


def typing_publish(conversation_id: int, *, role: str, who: str, typing: bool) -> None:
    """Someone in the chat is writing (ephemeral: goes out at once, never stored)."""
    _send(conversation_id, {"type": "chat.typing", "role": role, "who": who, "typing": typing})


def read_publish_on_commit(conversation_id: int, side: str, upto: int) -> None:
    """One side of the chat has read up to message `upto`."""
    transaction.on_commit(lambda: _send(conversation_id, {"type": "chat.read", "side": side, "upto": upto}))
