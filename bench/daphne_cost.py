"""daphne's CPU per customer message, by part, in one process on PostgreSQL and Redis.

What a daphne process does for the load bench's customers, each part timed on its own with the
process's CPU time (every thread: the event loop, the consumers' database threads, the event
publisher's loop): the chat page (GET /chat/, a new visitor: session, conversation, render), the
socket's handshake and close, storing a message (the frame, the rate check, `message_post`, the
ack, and after commit the first status line and the Celery publish), an event relayed from
the channel layer to a socket (a status line published elsewhere), a heartbeat, the hand-off
request (POST /chat/person/). Production settings (the pub/sub channel layer, the Redis cache
and sessions, turns queued to Celery); nothing consumes the queue: the bench deletes what it
queued. Inside storing a message, the synchronous parts are timed by their thread's CPU time.

    .venv/bin/python bench/daphne_cost.py --database-url postgres://postgres@127.0.0.1:5432/DB \\
        --redis-url redis://127.0.0.1:6379/N [--chats 40] [--rounds 3]

The database must be migrated (bench/load.py prepares one). CPU time, so steadier than wall
time on a shared machine, but a loaded machine still inflates it: compare runs side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def configure(args: argparse.Namespace) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "supportagent.settings.production",
            "DJANGO_SECRET_KEY": "bench-only-" + uuid.uuid4().hex * 2,
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": args.database_url,
            "DATABASE_POOL_MAX_SIZE": "8",
            "REDIS_URL": args.redis_url,
            "SUPPORTAGENT_VAR_DIR": tempfile.mkdtemp(prefix="daphne-cost-"),
            "SUPPORTAGENT_TURN_DISPATCH": "celery",
            "LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", "--noinput", verbosity=0)
    # Channels' test communicators stop the consumers closing their database connections
    # (for tests' transactions); daphne closes them (back to the pool) after every call.
    import channels.testing.application
    from django.db import close_old_connections

    channels.testing.application.no_op = close_old_connections


# CPU time of the synchronous parts of storing a message, by the thread that ran them.
_parts: dict[str, float] = defaultdict(float)


def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.thread_time()
        try:
            return func(*args, **kwargs)
        finally:
            _parts[name] += time.thread_time() - start

    return wrapper


def instrument() -> None:
    """Time the store's parts in their threads (nested parts are also inside their callers)."""
    from apps.conversations import services
    from apps.web.consumers import chat

    chat.customer_message_admit = timed("rate check", chat.customer_message_admit)
    chat.message_post = timed("message_post (after commit included)", chat.message_post)
    services.turn_dispatch = timed("  after commit: Celery publish", services.turn_dispatch)
    services.status_publish = timed("  after commit: first status publish", services.status_publish)


HOST = b"127.0.0.1"


def headers(cookie: str = "", address: str = "10.9.0.1", origin: bool = False) -> list[tuple[bytes, bytes]]:
    found = [(b"host", HOST), (b"x-forwarded-for", address.encode())]
    if origin:
        found.append((b"origin", b"http://" + HOST))
    if cookie:
        found.append((b"cookie", cookie.encode()))
    return found


async def http(method: str, path: str, cookie: str, address: str, body: bytes = b"") -> tuple[int, str]:
    """One request through the ASGI application; (status, the session cookie it set or kept)."""
    from channels.testing import ApplicationCommunicator

    from supportagent.asgi import application

    token = next((part.split("=", 1)[1] for part in cookie.split("; ") if part.startswith("csrftoken=")), "")
    extra = [
        (b"content-type", b"application/x-www-form-urlencoded"),
        (b"accept", b"application/json"),
        (b"x-csrftoken", token.encode()),
    ]
    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": method,
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "scheme": "http",
        "headers": headers(cookie, address, origin=True) + (extra if method == "POST" else []),
        "client": [address, 40000],
        "server": ["127.0.0.1", 80],
    }
    comm = ApplicationCommunicator(application, scope)
    await comm.send_input({"type": "http.request", "body": body, "more_body": False})
    start = await comm.receive_output(30)
    while (await comm.receive_output(30)).get("more_body"):
        pass
    await comm.wait(30)  # the handler ends (and gives its database connection back)
    jar = dict(part.split("=", 1) for part in cookie.split("; ") if part)
    for name, value in start.get("headers", []):
        if name.lower() == b"set-cookie":
            key, _, rest = value.decode().split(";")[0].partition("=")
            jar[key] = rest
    return int(start["status"]), "; ".join(f"{k}={v}" for k, v in jar.items())


def socket(cookie: str, address: str) -> Any:
    from channels.testing import WebsocketCommunicator

    from supportagent.asgi import application

    comm = WebsocketCommunicator(application, "/ws/chat/", headers=headers(cookie, address, origin=True))
    comm.scope["client"] = [address, 40001]
    return comm


async def receive_until(comm: Any, done: Callable[[dict[str, Any]], bool]) -> list[dict[str, Any]]:
    got = []
    while True:
        frame = await comm.receive_json_from(timeout=30)
        got.append(frame)
        if done(frame):
            return got


async def one_round(chats: int) -> dict[str, float]:
    """CPU seconds per unit of each part, over `chats` new visitors."""
    from channels.layers import get_channel_layer

    from apps.conversations.events import conversation_group

    cpu: dict[str, float] = {}
    await _queue_empty()

    # Fresh addresses each round: the chats a client address may start are limited.
    base = random.randrange(1 << 16)
    addresses = [
        f"10.{(base + n // 250) % 65536 // 256}.{(base + n // 250) % 256}.{n % 250 + 1}" for n in range(chats)
    ]
    stamp = uuid.uuid4().hex[:6]

    t = time.process_time()
    cookies = []
    for address in addresses:
        status, cookie = await http("GET", "/chat/", "", address)
        assert status == 200, status
        cookies.append(cookie)
    cpu["chat page (GET /chat/, a new visitor)"] = (time.process_time() - t) / chats

    t = time.process_time()
    for cookie, address in zip(cookies, addresses, strict=True):
        comm = socket(cookie, address)
        connected, _ = await comm.connect()
        assert connected
        await comm.disconnect()
    cpu["socket handshake and close"] = (time.process_time() - t) / chats

    comms = []
    for cookie, address in zip(cookies, addresses, strict=True):
        comm = socket(cookie, address)
        connected, _ = await comm.connect()
        assert connected
        comms.append(comm)

    _parts.clear()
    t = time.process_time()
    for n, comm in enumerate(comms):
        client_id = f"{stamp}-{n}"
        await comm.send_json_to({"type": "message", "text": f"hello {n}", "client_id": client_id})
        # The ack, the message's own echo and the first status line (both published after commit).
        seen: set[str] = set()

        def all_three(frame: dict[str, Any], seen: set[str] = seen) -> bool:
            seen.add(frame["type"])
            return {"ack", "message", "status"} <= seen

        await receive_until(comm, all_three)
    cpu["store a message (frame to ack, its 2 events relayed back)"] = (time.process_time() - t) / chats
    for name, seconds in _parts.items():
        cpu["  " + name] = seconds / chats

    # Events published by another process (the worker) relayed to the socket: here published
    # from this process, so the publish is timed alone first and taken off.
    layer = get_channel_layer()
    from apps.conversations.models import Message

    ids = await _conversation_ids(Message, [f"{stamp}-{n}" for n in range(chats)])
    events = 5
    t = time.process_time()
    for _ in range(events):
        for cid in ids:
            await layer.group_send(
                f"bench.nobody.{cid}", {"type": "chat.status", "text": "Looking up", "step": 1}
            )
    publish = (time.process_time() - t) / (events * chats)
    t = time.process_time()
    for step in range(events):
        for cid in ids:
            await layer.group_send(
                conversation_group(cid), {"type": "chat.status", "text": "Looking up", "step": step}
            )
        for comm in comms:
            await receive_until(comm, lambda f: f["type"] == "status")
    relay = (time.process_time() - t) / (events * chats) - publish
    cpu["an event relayed to a socket (publish taken off)"] = relay
    cpu["  (publishing one event, for reference)"] = publish

    t = time.process_time()
    for comm in comms:
        await comm.send_json_to({"type": "resume", "after": 10**12})
        await receive_until(comm, lambda f: f["type"] == "heartbeat")
    cpu["a resume with nothing missed"] = (time.process_time() - t) / chats

    # Heartbeats: sockets of their own that beat every 0.1 s for a while.
    from apps.web.consumers import chat

    chat.HEARTBEAT_SECONDS = 0.1
    beating = []
    for cookie, address in zip(cookies, addresses, strict=True):
        comm = socket(cookie, address)
        await comm.connect()
        beating.append(comm)
    await asyncio.sleep(0.05)
    t = time.process_time()
    for _ in range(5):
        for comm in beating:
            await receive_until(comm, lambda f: f["type"] == "heartbeat")
    cpu["a heartbeat"] = (time.process_time() - t) / (5 * chats)
    chat.HEARTBEAT_SECONDS = 15.0
    for comm in beating:
        await comm.disconnect()

    t = time.process_time()
    for cookie, address, comm in zip(cookies, addresses, comms, strict=True):
        status, _ = await http("POST", "/chat/person/", cookie, address)
        assert status in (200, 409), status
        await receive_until(comm, lambda f: f["type"] == "handoff")
    cpu["hand-off request (POST /chat/person/) and its events"] = (time.process_time() - t) / chats

    for comm in comms:
        await comm.disconnect()
    return cpu


async def _queue_empty() -> None:
    """Earlier rounds' hand-offs leave the queue (each round's own are the queue), as load.py does."""
    from asgiref.sync import sync_to_async

    from apps.conversations.models import Conversation, Handoff

    def empty() -> None:
        Handoff.objects.filter(status__in=["waiting", "claimed"]).update(status="resolved")
        Conversation.objects.filter(status="handoff").update(status="closed")

    await sync_to_async(empty)()


async def _conversation_ids(message_model: Any, client_ids: list[str]) -> list[int]:
    from asgiref.sync import sync_to_async

    def read() -> list[int]:
        found = dict(
            message_model.objects.filter(client_id__in=client_ids).values_list("client_id", "conversation_id")
        )
        return [found[c] for c in client_ids]

    return await sync_to_async(read)()


def tidy(redis_url: str) -> None:
    import redis

    redis.Redis.from_url(redis_url).delete("celery")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/10")
    parser.add_argument("--chats", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not args.database_url:
        sys.exit("--database-url (a migrated database; bench/load.py prepares one)")
    configure(args)
    instrument()
    print("load average (1, 5, 15 min): " + " ".join(f"{x:.2f}" for x in os.getloadavg()), flush=True)
    runs: dict[str, list[float]] = defaultdict(list)
    try:
        asyncio.run(one_round(min(args.chats, 5)))  # warm-up: imports, pools, templates
        for _ in range(args.rounds):
            for name, seconds in asyncio.run(one_round(args.chats)).items():
                runs[name].append(seconds * 1000)
    finally:
        tidy(args.redis_url)
    print(f"{args.chats} visitors x {args.rounds} rounds; CPU ms per unit, median (min-max):")
    for name, values in runs.items():
        print(f"  {name:62} {statistics.median(values):6.2f}  ({min(values):.2f}-{max(values):.2f})")
    print("load average (1, 5, 15 min): " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(json.dumps({k: round(statistics.median(v), 3) for k, v in runs.items()}))


if __name__ == "__main__":
    main()
