"""Small pieces both websocket consumers share: frame parsing, a per-connection rate limit, and
where their database calls run."""

from __future__ import annotations

import json
import os
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from channels.consumer import get_handler_name
from channels.db import DatabaseSyncToAsync
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings

from apps.core.conf import product_setting
from apps.core.errors import InvalidRequest

# Channels' own `database_sync_to_async` runs every consumer's database work on one thread per
# process (thread-sensitive mode), so 500 sockets queue behind each other. The consumers keep
# no thread-bound state, so on PostgreSQL theirs runs on a pool of threads; each call borrows a
# connection (from the pool in settings when DATABASE_POOL_MAX_SIZE is set) and gives it back.
# SQLite (the embedded default) serialises writes anyway and locks whole tables across threads
# of one in-memory database, so there the single thread stays.
_SHARED_THREAD = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
_database_threads = ThreadPoolExecutor(
    max_workers=int(os.environ.get("SUPPORTAGENT_CONSUMER_DB_THREADS", "16")),
    thread_name_prefix="consumer-db",
)


def database_sync_to_async(func: Callable[..., Any]) -> Any:
    """Channels' `database_sync_to_async`, on the consumers' thread pool (PostgreSQL)."""
    if _SHARED_THREAD:
        return DatabaseSyncToAsync(func)
    return DatabaseSyncToAsync(func, thread_sensitive=False, executor=_database_threads)


class PooledDatabaseConsumer(AsyncJsonWebsocketConsumer):
    """A JSON websocket consumer whose database work all runs through `database_sync_to_async`.

    Channels' `dispatch` first hops to its shared sync thread to close that thread's stale
    database connections, for every frame and every channel-layer event (status lines,
    messages): at hundreds of sockets that hop was a tenth of daphne's CPU, and it queued every
    event behind one thread. These consumers never use that thread's connection: each database
    call runs through `database_sync_to_async`, which closes stale connections around the call
    in the thread that makes it. So events are handled without the hop.
    """

    async def dispatch(self, message: dict[str, Any]) -> None:
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']!r}")
        await handler(message)


def frame_limit() -> int:
    """The largest frame worth parsing: a maximal message, even if every character is escaped."""
    return int(product_setting("MAX_MESSAGE_CHARS")) * 6 + 1024


def frame_parse(text_data: str | None) -> dict[str, Any]:
    """The client's JSON object, or InvalidRequest (oversized frames are refused unread)."""
    if text_data is None:
        raise InvalidRequest("Send JSON text frames.", code="bad_request")
    if len(text_data) > frame_limit():
        limit = int(product_setting("MAX_MESSAGE_CHARS"))
        raise InvalidRequest(
            f"The message is too long; the limit is {limit} characters. Please shorten it.",
            code="message_too_long",
        )
    try:
        frame = json.loads(text_data)
    except (ValueError, RecursionError):
        # RecursionError: nesting thousands deep; it is no frame of ours either.
        raise InvalidRequest("That was not valid JSON.", code="bad_request") from None
    if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
        raise InvalidRequest("Each frame is a JSON object with a type.", code="bad_request")
    return frame


class RateLimit:
    """At most `limit` events in any `window` seconds (a sliding window, one connection)."""

    def __init__(self, limit: int = 10, window: float = 10.0) -> None:
        self.limit, self.window = limit, window
        self._times: deque[float] = deque()

    def allow(self) -> bool:
        now = time.monotonic()
        while self._times and now - self._times[0] >= self.window:
            self._times.popleft()
        if len(self._times) >= self.limit:
            return False
        self._times.append(now)
        return True


# Ids are database keys: positive and within a 64-bit signed integer.
_MAX_ID = 2**63 - 1


def frame_id(frame: dict[str, Any], key: str, *, default: int | None = None) -> int:
    """A non-negative integer id from the frame (a number or a string of digits), or InvalidRequest.

    Floats (1e400 is infinity in JSON), booleans, negative and out-of-range numbers are refused.
    """
    value = frame.get(key, default)
    if isinstance(value, str) and value.isdigit() and len(value) <= 19:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_ID:
        raise InvalidRequest(f"'{key}' must be a whole number (an id).", code="bad_request")
    return value
