"""The customer's chat socket (/ws/chat/). See "Realtime protocol" in DESIGN.md.

Client -> server: message {text, client_id}, resume {after}, typing {typing}, read {upto}.
Server -> client: ack {client_id, id}, message {id, role, text, created, author, engine,
client_id, seq}, status {text, step[, seq]}, handoff {state, who}, queue {position,
expected_seconds}, typing {who, typing}, read {upto}, heartbeat {seq},
error {code, message[, client_id]}.

A signed-in customer's sockets also join their account's group: signing out (or the account's
deactivation) ends them with error {code: "session_ended"} and close code 4401, and the socket
ignores whatever the client still sends.

`seq` is the conversation's sequence number (one per visible message). A page that sees it
jump past what it has, or hears no heartbeat for two periods, sends `resume` at once rather
than waiting for the socket to drop.

The socket is bound to the conversation the chat page put in the visitor's session. It stores
messages through `message_post` (which queues the agent's turn after commit) and never
runs the agent. Live events are a fast path only: `resume` reads the database.
"""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import sync_to_async

from apps.conversations.events import (
    WAITING_GROUP,
    chat_user_group,
    conversation_group,
    message_payload,
    server_loop_bind,
)
from apps.conversations.handoff_selectors import handoff_standing
from apps.conversations.models import Conversation, Message, ReadMark
from apps.conversations.reading import read_mark_advance, typing_announce
from apps.conversations.services import message_post
from apps.conversations.throttles import customer_message_admit
from apps.conversations.visitors import conversation_for_session, messages_after
from apps.core.clients import client_from_scope
from apps.core.errors import InvalidRequest
from apps.core.throttles import socket_closed, socket_open_admit

from .common import PooledDatabaseConsumer, RateLimit, database_sync_to_async, frame_id, frame_parse
from .heartbeats import conversation_seqs, heartbeat_hub

logger = logging.getLogger(__name__)

# Close codes (4000-4999 are the application's): the page shows a reload prompt for these.
CLOSE_SESSION_ENDED = 4401
CLOSE_NO_CONVERSATION = 4404
CLOSE_TOO_MANY = 4429

# How often each socket hears the conversation's sequence number (the page resumes when one is
# missed, or when the number is ahead of what it has).
HEARTBEAT_SECONDS = 15.0


class ChatConsumer(PooledDatabaseConsumer):
    conversation_id: int | None = None
    user_group: str | None = None
    counted = False
    ended = False

    async def connect(self) -> None:
        server_loop_bind()
        self.client = client_from_scope(self.scope)
        if not await database_sync_to_async(socket_open_admit)(self.client):
            # Too many sockets from this address: refused before anything is read.
            await self.close(code=CLOSE_TOO_MANY)
            return
        self.counted = True
        conversation = await database_sync_to_async(conversation_for_session)(
            session=self.scope["session"], user=self.scope["user"]
        )
        if conversation is None:
            # The page binds the conversation to the session; a socket without one has
            # nothing to talk to (a stale tab after sign-out, or a client that skipped the page).
            self.counted = False
            await database_sync_to_async(socket_closed)(self.client)
            await self.close(code=CLOSE_NO_CONVERSATION)
            return
        self.conversation_id = conversation.pk
        # Typing and read frames are cheap but must not flood the other side (per socket;
        # messages are limited across sockets by customer_message_admit).
        self.signal_limit = RateLimit(limit=30, window=10.0)
        self.in_waiting_group = False
        # Join the group before any resume reads the database, so nothing falls in between.
        await self.channel_layer.group_add(conversation_group(conversation.pk), self.channel_name)
        user = self.scope.get("user")
        if user is not None and user.is_authenticated:
            self.user_group = chat_user_group(user.pk)
            await self.channel_layer.group_add(self.user_group, self.channel_name)
        await self.accept()
        # Beats of every socket of this process due at once share one query (heartbeats.py).
        self.heartbeats = heartbeat_hub(HEARTBEAT_SECONDS)
        self.heartbeats.add(self)

    async def disconnect(self, code: int) -> None:
        await self.leave()

    async def leave(self) -> None:
        """Give back the address's socket slot, stop the heartbeat and leave every group."""
        if self.counted:
            self.counted = False
            await database_sync_to_async(socket_closed)(self.client)
        heartbeats = getattr(self, "heartbeats", None)
        if heartbeats is not None:
            heartbeats.discard(self)
        if self.user_group is not None:
            await self.channel_layer.group_discard(self.user_group, self.channel_name)
            self.user_group = None
        if self.conversation_id is not None:
            await self.channel_layer.group_discard(
                conversation_group(self.conversation_id), self.channel_name
            )
            await self.follow_queue(False)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.ended:
            return  # the session ended: frames that arrive before the close lands change nothing
        try:
            frame = frame_parse(text_data)
            if frame["type"] == "message":
                await self.on_message(frame)
            elif frame["type"] == "resume":
                await self.on_resume(frame)
            elif frame["type"] == "typing":
                await self.on_typing(frame)
            elif frame["type"] == "read":
                await self.on_read(frame)
            else:
                raise InvalidRequest(f"Unknown frame type {frame['type'][:40]!r}.", code="bad_request")
        except InvalidRequest as exc:
            await self.send_error(exc.code, exc.message)

    async def on_message(self, frame: dict[str, Any]) -> None:
        client_id = frame.get("client_id")
        client_id = str(client_id)[:64] if client_id not in (None, "") else None
        try:
            message_id = await self.store(frame.get("text"), client_id)
        except InvalidRequest as exc:
            await self.send_error(exc.code, exc.message, client_id)
            return
        await self.send_json({"type": "ack", "client_id": client_id or "", "id": message_id})

    async def on_resume(self, frame: dict[str, Any]) -> None:
        after = frame_id(frame, "after", default=0)
        for payload in await self.missed(after):
            await self.send_json({"type": "message", **payload})
        standing = await database_sync_to_async(handoff_standing)(self.conversation_id)
        state = await self.handoff_state()
        if state:
            await self.send_json({"type": "handoff", "state": state, "who": standing.get("who", "")})
        await self.send_standing(standing)
        await self.send_json({"type": "heartbeat", "seq": await self.current_seq()})

    @database_sync_to_async
    def current_seq(self) -> int:
        assert self.conversation_id is not None
        return conversation_seqs([self.conversation_id]).get(self.conversation_id, 0)

    async def on_typing(self, frame: dict[str, Any]) -> None:
        if not self.signal_limit.allow():
            return  # dropped quietly: a typing hint is never worth an error
        assert self.conversation_id is not None
        await sync_to_async(typing_announce)(
            conversation_id=self.conversation_id, role="customer", typing=bool(frame.get("typing", True))
        )

    async def on_read(self, frame: dict[str, Any]) -> None:
        upto = frame_id(frame, "upto")
        if not self.signal_limit.allow():
            return
        assert self.conversation_id is not None
        await database_sync_to_async(read_mark_advance)(
            conversation_id=self.conversation_id, reader=ReadMark.CUSTOMER, upto=upto
        )

    async def send_standing(self, standing: dict[str, Any]) -> None:
        """While the chat waits for a person, keep the customer told of their place in the queue."""
        waiting = standing.get("state") == "waiting"
        await self.follow_queue(waiting)
        if waiting:
            await self.send_json(
                {
                    "type": "queue",
                    "position": standing.get("position"),
                    "expected_seconds": standing.get("expected_seconds"),
                }
            )

    async def follow_queue(self, on: bool) -> None:
        if on and not self.in_waiting_group:
            await self.channel_layer.group_add(WAITING_GROUP, self.channel_name)
        elif not on and self.in_waiting_group:
            await self.channel_layer.group_discard(WAITING_GROUP, self.channel_name)
        self.in_waiting_group = on

    @database_sync_to_async
    def store(self, text: Any, client_id: str | None) -> int:
        assert self.conversation_id is not None
        # Counted per conversation, session and address across every socket: a reconnect or a
        # second tab earns nothing. A refused message (RateLimited) is not stored.
        customer_message_admit(
            conversation_id=self.conversation_id,
            session_key=self.scope["session"].session_key,
            client=self.client,
        )
        message, _created = message_post(
            conversation=self.conversation_id,
            role=Message.Role.CUSTOMER,
            text=text,
            client_id=client_id,
            author=self.scope["user"],
            meta={"client": self.client} if self.client else None,
        )
        return message.pk

    @database_sync_to_async
    def missed(self, after: int) -> list[dict[str, Any]]:
        assert self.conversation_id is not None
        return [message_payload(m) for m in messages_after(conversation_id=self.conversation_id, after=after)]

    @database_sync_to_async
    def handoff_state(self) -> str:
        """Where the conversation stands with people, so a reconnecting page shows it right."""
        assert self.conversation_id is not None
        conversation = Conversation.objects.get(pk=self.conversation_id)
        if conversation.status == Conversation.Status.CLOSED:
            return "closed"
        if conversation.status != Conversation.Status.HANDOFF:
            return ""
        handoff = conversation.handoffs.order_by("-created_at").first()
        return handoff.status if handoff is not None else "waiting"

    async def send_error(self, code: str, message: str, client_id: str | None = None) -> None:
        event = {"type": "error", "code": code, "message": message}
        if client_id:
            event["client_id"] = client_id
        await self.send_json(event)

    # Channel-layer events for this conversation's group (and the account's, when signed in).

    async def chat_revoked(self, event: dict[str, Any]) -> None:
        """The customer signed out (or the account was deactivated): this socket ends now."""
        if self.ended:
            return
        await self.send_error("session_ended", "You signed out. Reload the page to chat again.")
        self.ended = True
        await self.close(code=CLOSE_SESSION_ENDED)
        await self.leave()

    async def send_json(self, content: Any, close: bool = False) -> None:
        # Events queued for this socket before it left its groups are not for a signed-out page.
        if not self.ended:
            await super().send_json(content, close=close)

    async def chat_status(self, event: dict[str, Any]) -> None:
        frame = {"type": "status", "text": event["text"], "step": event.get("step", 0)}
        if event.get("seq") is not None:
            frame["seq"] = event["seq"]
        await self.send_json(frame)

    async def chat_message(self, event: dict[str, Any]) -> None:
        payload = {
            k: event.get(k, "")
            for k in ("id", "role", "text", "created", "author", "engine", "client_id", "seq")
        }
        await self.send_json({"type": "message", **payload})

    async def chat_handoff(self, event: dict[str, Any]) -> None:
        await self.send_json(
            {"type": "handoff", "state": event.get("state", ""), "who": event.get("who", "")}
        )
        await self.send_standing(await database_sync_to_async(handoff_standing)(self.conversation_id))

    async def chat_queue(self, event: dict[str, Any]) -> None:
        """The queue moved: tell this customer their place again (only while waiting).

        The event carries every waiting chat's place, read once by its publisher; a chat not
        among them (claimed or closed meanwhile, or far down a very long queue) reads its own.
        """
        if not self.in_waiting_group or self.conversation_id is None:
            return
        place = (event.get("standings") or {}).get(str(self.conversation_id))
        if place is not None:
            await self.send_json({"type": "queue", "position": place[0], "expected_seconds": place[1]})
            return
        await self.send_standing(await database_sync_to_async(handoff_standing)(self.conversation_id))

    async def chat_typing(self, event: dict[str, Any]) -> None:
        if event.get("role") == "customer":
            return  # our own typing, echoed by the group
        await self.send_json(
            {"type": "typing", "who": event.get("who", ""), "typing": event.get("typing", True)}
        )

    async def chat_read(self, event: dict[str, Any]) -> None:
        if event.get("side") == "supervisor":
            await self.send_json({"type": "read", "upto": event.get("upto", 0)})
