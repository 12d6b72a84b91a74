"""The chat sockets' heartbeats: one database read per process per tick for every socket due.

Each chat socket hears its conversation's sequence number every HEARTBEAT_SECONDS (the page
resumes when a beat is ahead of what it has shown, or when one is missed). The number is read
from the database, not remembered from events: a heartbeat exists to catch the events this
process missed. A socket reading its own number cost a thread hop and a query per socket per
period (at 500 sockets, 33 a second); the sockets due in the same tick share one query.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref
from typing import Any, Protocol

from django.db import connection

from apps.conversations.models import Conversation

from .common import database_sync_to_async

logger = logging.getLogger(__name__)


class Beating(Protocol):
    conversation_id: int | None

    async def send_json(self, content: Any, close: bool = False) -> None: ...


def conversation_seqs(conversation_ids: list[int]) -> dict[int, int]:
    """{conversation id: its sequence number} for the ids given (missing ones are left out)."""
    if not conversation_ids:
        return {}
    table = connection.ops.quote_name(Conversation._meta.db_table)
    marks = ", ".join(["%s"] * len(conversation_ids))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, seq FROM {table} WHERE id IN ({marks})", conversation_ids)  # noqa: S608
        return {int(pk): int(seq or 0) for pk, seq in cursor.fetchall()}


class HeartbeatHub:
    """Every chat socket of one event loop, and when each is due its next beat."""

    def __init__(self, period: float) -> None:
        self.period = period
        self.due: dict[Beating, float] = {}
        self.task: asyncio.Task[None] | None = None

    def add(self, socket: Beating) -> None:
        self.due[socket] = time.monotonic() + self.period
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self.run())

    def discard(self, socket: Beating) -> None:
        self.due.pop(socket, None)

    async def run(self) -> None:
        while self.due:
            await asyncio.sleep(min(1.0, self.period))
            await self.beat_due(time.monotonic())

    async def beat_due(self, now: float) -> None:
        due = [socket for socket, at in self.due.items() if at <= now]
        if not due:
            return
        for socket in due:
            self.due[socket] = now + self.period
        ids = sorted({s.conversation_id for s in due if s.conversation_id is not None})
        try:
            seqs = await database_sync_to_async(conversation_seqs)(ids)
        except Exception:  # a database hiccup skips one beat; the pages then resume
            logger.warning("heartbeats of %d sockets failed", len(due), exc_info=True)
            return
        for socket in due:
            if socket in self.due and socket.conversation_id is not None:
                with contextlib.suppress(Exception):  # a socket closing meanwhile
                    await socket.send_json({"type": "heartbeat", "seq": seqs.get(socket.conversation_id, 0)})


# One hub per event loop (daphne has one; each test scenario its own).
_hubs: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, HeartbeatHub] = weakref.WeakKeyDictionary()


def heartbeat_hub(period: float) -> HeartbeatHub:
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None or hub.period != period:
        hub = _hubs[loop] = HeartbeatHub(period)
    return hub
