"""The simulated customers (and a supervisor's console) over the chat websocket.

Lean on purpose: the bench runs on the same cores as the platform. One asyncio loop, the
`websockets` client, the chat page fetched with a plain HTTP request on a thread.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

CUSTOMER_TAG = re.compile(r"\[(c\d+)m\d+\]")


@dataclass
class Results:
    sent: int = 0
    acked: int = 0
    answered: int = 0
    lost: int = 0
    errors: list[str] = field(default_factory=list)
    ack: list[float] = field(default_factory=list)
    first_status: list[float] = field(default_factory=list)
    overhead: list[float] = field(default_factory=list)
    answer: list[float] = field(default_factory=list)
    pending_tokens: list[tuple[str, float, float]] = field(default_factory=list)  # token, sent, answered
    sent_at: list[float] = field(default_factory=list)  # perf_counter of each message sent
    handoffs: list[HandoffAsked] = field(default_factory=list)
    console: list[tuple[float, frozenset[str]]] = field(default_factory=list)  # each queue update
    console_port: int | None = None
    # Frames the customers' sockets received, by type, and the resumes they sent (all sockets).
    frames: dict[str, int] = field(default_factory=dict)
    resumes: int = 0

    def frame_seen(self, frame: dict[str, Any]) -> None:
        kind = str(frame.get("type"))
        self.frames[kind] = self.frames.get(kind, 0) + 1


@dataclass
class HandoffAsked:
    """A customer pressed "Talk to a person" (POST /chat/person/) at the end of their visit."""

    customer: str  # "c12": the tag on their messages, which the console's queue card quotes
    port: int  # the daphne their page and socket talk to
    requested: float  # perf_counter when the request went out
    stored: float | None = None  # when it returned (the hand-off committed), None if it failed
    told: float | None = None  # when their own socket heard the hand-off


def customer_address(n: int) -> str:
    """The address customer `n` seems to come from (sent as X-Forwarded-For, as a proxy would)."""
    return f"10.{n // 62500 % 256}.{n // 250 % 250}.{n % 250 + 1}"


def session_cookie(port: int, address: str) -> str:
    import http.cookiejar
    import urllib.request

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    request = urllib.request.Request(f"http://127.0.0.1:{port}/chat/", headers={"X-Forwarded-For": address})
    with opener.open(request, timeout=60) as response:
        response.read()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def person_request(port: int, cookie: str, address: str) -> None:
    """Press "Talk to a person" as the page does without JavaScript less the redirect: a form
    POST with the CSRF token, answered in JSON."""
    import urllib.request

    token = next((part.split("=", 1)[1] for part in cookie.split("; ") if part.startswith("csrftoken=")), "")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/chat/person/",
        data=b"",
        headers={
            "Cookie": cookie,
            "X-CSRFToken": token,
            "X-Forwarded-For": address,
            "Accept": "application/json",
        },
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        json.loads(response.read())


def asks_for_person(n: int, share: float, daphnes: int = 1) -> bool:
    """Whether customer `n` asks for a person: every 1/share-th customer of each daphne (customers
    go round robin, so counting them all would put every hand-off on the same process)."""
    rank = n // daphnes  # among the customers of daphne n % daphnes
    return int((rank + 1) * share) > int(rank * share)


async def customer(
    n: int,
    port: int,
    script: list[str],
    results: Results,
    *,
    tokens: bool,
    timeout: float,
    think: float = 1.0,
    person: bool = False,
) -> None:
    from websockets.asyncio.client import connect

    try:
        address = customer_address(n)
        cookie = await asyncio.to_thread(session_cookie, port, address)
    except Exception as exc:
        results.errors.append(f"page: {exc!r}"[:200])
        results.sent += len(script)
        results.lost += len(script)
        return
    origin = f"http://127.0.0.1:{port}"
    index = 0
    last_id = 0
    shown = 0  # the highest sequence number seen on a message
    failures = 0
    asked = False
    while index < len(script) or (person and not asked):
        try:
            async with connect(
                f"ws://127.0.0.1:{port}/ws/chat/",
                origin=origin,
                additional_headers={"Cookie": cookie, "X-Forwarded-For": address},
                open_timeout=30,
                max_queue=None,
            ) as ws:
                if last_id:
                    results.resumes += 1
                    await ws.send(json.dumps({"type": "resume", "after": last_id}))
                while index < len(script):
                    token = f"c{n}m{index}"
                    # A customer who will ask for a person always tags their messages: the
                    # console's queue card quotes the last one, which tells whose chat it is.
                    body = f"{script[index]} [{token}]" if tokens or person else script[index]
                    client_id = uuid.uuid4().hex
                    started = time.perf_counter()
                    await ws.send(json.dumps({"type": "message", "text": body, "client_id": client_id}))
                    results.sent += 1
                    results.sent_at.append(started)
                    index += 1
                    acked = status = None
                    async with asyncio.timeout(timeout):
                        while True:
                            frame = json.loads(await ws.recv())
                            results.frame_seen(frame)
                            now = time.perf_counter() - started
                            if frame["type"] == "ack" and frame.get("client_id") == client_id:
                                acked = now
                                results.acked += 1
                                results.ack.append(now)
                            elif frame["type"] == "status" and status is None:
                                # May come before the ack: the line goes out as the message is
                                # stored, and the ack once the socket's store call returns.
                                status = now
                            elif frame["type"] in {"heartbeat", "status"} and frame.get("seq", 0) > shown:
                                # As the page does (static/js/live_gaps.js): a sequence number
                                # ahead of what it has shown means an event missed it; resume.
                                shown = frame["seq"]
                                results.resumes += 1
                                await ws.send(json.dumps({"type": "resume", "after": last_id}))
                            elif frame["type"] == "message" and frame["role"] in {"agent", "system"}:
                                shown = max(shown, frame.get("seq") or 0)
                                if acked is None or frame["id"] <= last_id:
                                    continue
                                last_id = max(last_id, frame["id"])
                                results.answered += 1
                                results.answer.append(now)
                                if status is not None:
                                    results.first_status.append(status)
                                results.pending_tokens.append((token, 0.0, now))
                                break
                            elif frame["type"] == "message":
                                shown = max(shown, frame.get("seq") or 0)
                                last_id = max(last_id, frame["id"])
                            elif frame["type"] == "error":
                                results.errors.append(f"{frame.get('code')}: {frame.get('message')}"[:200])
                                break
                    await asyncio.sleep(think)  # the customer reads, then types
                if person and not asked:
                    asked = True
                    await handoff_ask(ws, n, port, cookie, address, results, timeout)
        except TimeoutError:
            results.lost += 1
            results.errors.append("no answer within the timeout")
        except Exception as exc:
            results.errors.append(f"socket: {exc!r}"[:200])
            failures += 1
            if failures >= 5:
                return  # the customer gives up; whatever was not answered counts as lost
            await asyncio.sleep(1.0)


async def handoff_ask(
    ws: Any, n: int, port: int, cookie: str, address: str, results: Results, timeout: float
) -> None:
    """At the end of the visit, ask for a person; the chat is handed off and waits in the queue."""
    asked = HandoffAsked(customer=f"c{n}", port=port, requested=time.perf_counter())
    results.handoffs.append(asked)
    try:
        await asyncio.to_thread(person_request, port, cookie, address)
    except Exception as exc:
        results.errors.append(f"person: {exc!r}"[:200])
        return
    asked.stored = time.perf_counter()
    try:
        async with asyncio.timeout(timeout):
            while True:
                frame = json.loads(await ws.recv())
                results.frame_seen(frame)
                if frame["type"] == "handoff":
                    asked.told = time.perf_counter()
                    return
    except TimeoutError:
        # Not a lost message: the report counts it as a hand-off its own socket never heard.
        results.errors.append("person: the socket did not hear the hand-off")


async def supervisor_console(port: int, stop: asyncio.Event, results: Results) -> None:
    """A supervisor's console: records each queue update that reaches it and whose chats it lists."""
    from websockets.asyncio.client import connect

    cookie = await asyncio.to_thread(_staff_cookie, port)
    async with connect(
        f"ws://127.0.0.1:{port}/ws/console/",
        origin=f"http://127.0.0.1:{port}",
        additional_headers={"Cookie": cookie},
    ) as ws:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(1):
                    frame = json.loads(await ws.recv())
                    if frame["type"] == "queue":
                        customers = frozenset(
                            tag.group(1)
                            for item in frame["items"]
                            if (tag := CUSTOMER_TAG.search(item.get("last_message") or ""))
                        )
                        results.console.append((time.perf_counter(), customers))


def _staff_cookie(port: int) -> str:
    import http.cookiejar
    import urllib.parse
    import urllib.request

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"http://127.0.0.1:{port}/accounts/login/"
    opener.open(url, timeout=30).read()
    token = next(c.value for c in jar if c.name == "csrftoken")
    form = urllib.parse.urlencode(
        {"username": "supervisor1", "password": "demo-supervisor1", "next": "/console/"}
    )
    request = urllib.request.Request(url, data=form.encode(), headers={"X-CSRFToken": token, "Referer": url})
    opener.open(request, timeout=30).read()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


async def drive(args: argparse.Namespace, ports: list[int], script: list[str], results: Results) -> float:
    stop = asyncio.Event()
    console = None
    if args.person > 0:
        # A supervisor's console on the last daphne: with several, the hand-offs of customers on
        # the others reach it only through the channel layer (another process).
        results.console_port = ports[-1]
        console = asyncio.ensure_future(supervisor_console(ports[-1], stop, results))
        while not results.console and not console.done():
            await asyncio.sleep(0.05)  # its first queue frame: it listens before customers arrive
    started = time.perf_counter()
    # Customers arrive over `ramp` seconds, spread over the daphne processes.
    tasks = []
    for n in range(args.chats):
        tasks.append(
            asyncio.ensure_future(
                customer(
                    n,
                    ports[n % len(ports)],
                    script,
                    results,
                    tokens=args.engine == "model",
                    timeout=args.timeout,
                    think=args.think,
                    person=asks_for_person(n, args.person, len(ports)),
                )
            )
        )
        await asyncio.sleep(args.ramp / max(args.chats, 1))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - started
    if console is not None:
        await asyncio.sleep(2.0)  # the last hand-offs' queue updates are still on their way
        stop.set()
        try:
            await console
        except Exception as exc:
            results.errors.append(f"console: {exc!r}"[:200])
    return elapsed
