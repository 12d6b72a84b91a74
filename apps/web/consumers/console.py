"""The supervisor console's socket: the live queue, and the chat a supervisor has open.

Staff only. Each console joins the "console" group (queue changes), its user's own group
(outcomes of their assist requests) and, while a chat is open, that conversation's group (its
messages, status lines and handoff changes). Every action calls one service; the agent never
runs here (assist is queued).

Client: queue {} | open {conversation} | claim {handoff} | reply {conversation, text, client_id}
        | release {handoff} | resolve {handoff} | assist {conversation, instruction}
        | typing {conversation, typing} | read {conversation, upto} | history {query}
Server: queue {items, now} | conversation {...} | claimed {handoff, conversation}
        | claim_failed {handoff, code, message} | ack {client_id, id} | message {conversation, ...}
        | status {conversation, text, step} | handoff {conversation, state, who}
        | assist_queued {conversation} | notice {kind, conversation, ok, refused, text}
        | typing {conversation, typing} | read {conversation, upto} | history {query, items}
        | error {code, message}
"""

from __future__ import annotations

from typing import Any

from asgiref.sync import sync_to_async
from django.utils import timezone

from apps.agent.dispatch import assist_request
from apps.agent.selectors import console_queue, conversation_for_console
from apps.conversations import handoffs
from apps.conversations.events import CONSOLE_GROUP, console_user_group, conversation_group, server_loop_bind
from apps.conversations.handoff_selectors import closed_conversations_search
from apps.conversations.handoffs import staff_active
from apps.conversations.models import ReadMark
from apps.conversations.reading import read_mark_advance, typing_announce
from apps.core.errors import ApplicationError, InvalidRequest, NotFound

from .common import PooledDatabaseConsumer, RateLimit, database_sync_to_async, frame_id, frame_parse

FORBIDDEN = 4403
SESSION_ENDED = "Your session has ended. Sign in again."


def _id(content: dict[str, Any], key: str) -> int:
    return frame_id(content, key)


class ConsoleConsumer(PooledDatabaseConsumer):
    async def connect(self) -> None:
        server_loop_bind()
        user = self.scope.get("user")
        if (
            user is None
            or not user.is_authenticated
            or not await database_sync_to_async(staff_active)(user.pk)
        ):
            await self.close(code=FORBIDDEN)
            return
        self.user = user
        self.watching: int | None = None
        self.signal_limit = RateLimit(limit=30, window=10.0)
        self.groups_joined = [CONSOLE_GROUP, console_user_group(user.pk)]
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        await self.send_queue()

    async def disconnect(self, code: int) -> None:
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)
        await self._watch(None)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        # Parsed here rather than by the base class, so a malformed frame (bad JSON, nesting
        # thousands deep, not an object) gets an error event and the socket stays open.
        try:
            content = frame_parse(text_data)
        except InvalidRequest as exc:
            await self.send_json({"type": "error", "code": exc.code, "message": exc.message})
            return
        await self.receive_json(content)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        action = content.get("type")
        if not await database_sync_to_async(staff_active)(self.user.pk):
            # Deactivated, or no longer staff, since this socket opened: it ends here.
            await self.send_json(
                {
                    "type": "error",
                    "code": "session_ended",
                    "message": "Your session has ended. Sign in again.",
                }
            )
            await self.close(code=FORBIDDEN)
            return
        handler = getattr(self, f"do_{action}", None) if action.isidentifier() else None
        if handler is None:
            await self.send_json(
                {"type": "error", "code": "unknown_action", "message": f"Unknown action {action[:40]!r}."}
            )
            return
        try:
            await handler(content)
        except ApplicationError as exc:
            await self.send_json(
                {"type": "error", "action": action, "code": exc.code, "message": exc.message}
            )

    # Client actions ------------------------------------------------------------------------

    async def do_queue(self, content: dict[str, Any]) -> None:
        await self.send_queue()

    async def do_open(self, content: dict[str, Any]) -> None:
        conversation_id = _id(content, "conversation")
        detail = await database_sync_to_async(conversation_for_console)(conversation_id)
        if detail is None:
            raise NotFound(f"There is no conversation {conversation_id}.")
        await self._watch(conversation_id)
        await self.send_json({"type": "conversation", **detail})
        if detail["messages"]:
            # Opening a chat reads it: the unread count clears and the customer sees "Read".
            await self._read(conversation_id, detail["messages"][-1]["id"])

    async def do_claim(self, content: dict[str, Any]) -> None:
        handoff_id = _id(content, "handoff")
        try:
            handoff = await database_sync_to_async(handoffs.handoff_claim)(
                handoff_id=handoff_id, user=self.user
            )
        except handoffs.HandoffConflict as exc:
            await self.send_json(
                {"type": "claim_failed", "handoff": handoff_id, "code": exc.code, "message": exc.message}
            )
            return
        await self.send_json(
            {"type": "claimed", "handoff": handoff.pk, "conversation": handoff.conversation_id}
        )
        await self.do_open({"conversation": handoff.conversation_id})

    async def do_reply(self, content: dict[str, Any]) -> None:
        message, _ = await database_sync_to_async(handoffs.supervisor_reply)(
            conversation_id=_id(content, "conversation"),
            user=self.user,
            text=content.get("text"),
            client_id=content.get("client_id"),
        )
        await self.send_json({"type": "ack", "client_id": content.get("client_id"), "id": message.pk})

    async def do_release(self, content: dict[str, Any]) -> None:
        await database_sync_to_async(handoffs.handoff_release)(
            handoff_id=_id(content, "handoff"), user=self.user
        )

    async def do_resolve(self, content: dict[str, Any]) -> None:
        await database_sync_to_async(handoffs.handoff_resolve)(
            handoff_id=_id(content, "handoff"), user=self.user
        )

    async def do_assist(self, content: dict[str, Any]) -> None:
        conversation_id = _id(content, "conversation")
        await database_sync_to_async(assist_request)(
            conversation_id=conversation_id, user=self.user, instruction=content.get("instruction")
        )
        # The outcome follows as a `notice` (and, if done, as a message to the customer).
        await self.send_json({"type": "assist_queued", "conversation": conversation_id})

    async def do_typing(self, content: dict[str, Any]) -> None:
        conversation_id = _id(content, "conversation")
        if not self.signal_limit.allow():
            return
        # Only the person in charge of the chat is shown to the customer as typing.
        await database_sync_to_async(handoffs.handoff_assert_may_act)(
            conversation_id=conversation_id, user=self.user
        )
        await sync_to_async(typing_announce)(
            conversation_id=conversation_id,
            role="supervisor",
            who=handoffs.customer_facing_name(self.user),
            typing=bool(content.get("typing", True)),
        )

    async def do_read(self, content: dict[str, Any]) -> None:
        conversation_id = _id(content, "conversation")
        upto = _id(content, "upto")
        if self.signal_limit.allow():
            await self._read(conversation_id, upto)

    async def do_history(self, content: dict[str, Any]) -> None:
        query = content.get("query") or ""
        if not isinstance(query, str):
            raise InvalidRequest("'query' must be text.", code="bad_request")
        items = await database_sync_to_async(closed_conversations_search)(query)
        await self.send_json({"type": "history", "query": query[:200], "items": items})

    # Group events --------------------------------------------------------------------------

    async def console_queue(self, event: dict[str, Any]) -> None:
        await self.send_queue()

    async def console_revoked(self, event: dict[str, Any]) -> None:
        await self.send_json({"type": "error", "code": "session_ended", "message": SESSION_ENDED})
        await self.close(code=FORBIDDEN)

    async def console_notice(self, event: dict[str, Any]) -> None:
        await self.send_json({**event, "type": "notice"})

    async def chat_message(self, event: dict[str, Any]) -> None:
        await self.send_json({**event, "type": "message", "conversation": self.watching})

    async def chat_status(self, event: dict[str, Any]) -> None:
        await self.send_json({**event, "type": "status", "conversation": self.watching})

    async def chat_handoff(self, event: dict[str, Any]) -> None:
        await self.send_json({**event, "type": "handoff", "conversation": self.watching})

    async def chat_typing(self, event: dict[str, Any]) -> None:
        if event.get("role") == "customer":
            await self.send_json(
                {"type": "typing", "conversation": self.watching, "typing": event.get("typing", True)}
            )

    async def chat_read(self, event: dict[str, Any]) -> None:
        if event.get("side") == "customer":
            await self.send_json(
                {"type": "read", "conversation": self.watching, "upto": event.get("upto", 0)}
            )

    # Helpers -------------------------------------------------------------------------------

    async def send_queue(self) -> None:
        items = await database_sync_to_async(console_queue)(reader_id=self.user.pk)
        await self.send_json({"type": "queue", "items": items, "now": timezone.now().isoformat()})

    async def _read(self, conversation_id: int, upto: int) -> None:
        await database_sync_to_async(read_mark_advance)(
            conversation_id=conversation_id, reader=ReadMark.staff_reader(self.user.pk), upto=upto
        )

    async def _watch(self, conversation_id: int | None) -> None:
        if getattr(self, "watching", None) == conversation_id:
            return
        watching = getattr(self, "watching", None)
        if watching is not None:
            await self.channel_layer.group_discard(conversation_group(watching), self.channel_name)
        self.watching = conversation_id
        if conversation_id is not None:
            await self.channel_layer.group_add(conversation_group(conversation_id), self.channel_name)
