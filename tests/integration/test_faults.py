"""Faults on the production topology, with real processes: a worker killed mid-turn, Redis
restarted with turns queued and an enqueue failure, PostgreSQL connections terminated during
turns, and many writers at once. Each one guards a way a message used to go unanswered (or a
write fail or happen twice); see README's "Deployment" for the timings they rely on."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from decimal import Decimal

import pytest
from asgiref.sync import async_to_sync
from django.db import connection, connections

from apps.accounts.principals import Principal
from apps.agent.models import AgentTurn, ModelTier
from apps.audit.services import audit_chain_breaks
from apps.commerce.models import Order, PaymentTransaction
from apps.conversations.models import Message, PendingTurn
from apps.tools.executor import tool_execute
from tests.factories import CustomerFactory, PaymentMethodFactory, VariantFactory, order_with_items
from tests.integration.live import LiveServices, free_port
from tests.support.openai_server import ScriptedOpenAIServer, text

pytestmark = pytest.mark.django_db(transaction=True)

ANSWER = "Happy to help with that."


@pytest.fixture
def loopback_model():
    """Serve both tiers from the loopback model server, each call taking `delay` seconds."""
    servers: list[ScriptedOpenAIServer] = []

    def install(delay: float) -> ScriptedOpenAIServer:
        server = ScriptedOpenAIServer(lambda body: text(ANSWER, delay=delay)).start()
        servers.append(server)
        for name in ("fast", "reasoning"):
            ModelTier.objects.update_or_create(
                name=name,
                defaults={
                    "model": "loopback",
                    "base_url": server.base_url,
                    "api_key_env": "LOOPBACK_MODEL_KEY",
                    "api": ModelTier.Api.CHAT_COMPLETIONS,
                    "reasoning_effort": "",
                    "stream": False,
                    "timeout_seconds": 30,
                    "max_retries": 0,
                    "enabled": True,
                },
            )
        return server

    yield install
    for server in servers:
        server.stop()


async def frames_until(ws, done, timeout: float) -> list[dict]:
    frames: list[dict] = []
    async with asyncio.timeout(timeout):
        while True:
            frame = json.loads(await ws.recv())
            frames.append(frame)
            if done(frame):
                return frames


def answers_in(frames: list[dict]) -> list[dict]:
    return [f for f in frames if f["type"] == "message" and f["role"] == "agent"]


async def answers_after_resume(live: LiveServices, cookie: str, count: int, timeout: float) -> list[dict]:
    """Open the chat as the page does after a reconnect (resume from 0) and wait for `count`
    answers, reconnecting if the socket drops meanwhile."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            async with live.websocket("/ws/chat/", cookie) as ws:
                await ws.send(json.dumps({"type": "resume", "after": 0}))
                seen: dict[int, dict] = {}
                shown = 0  # the highest sequence number shown, as static/js/live_gaps.js keeps it
                async with asyncio.timeout(max(deadline - time.monotonic(), 0.1)):
                    while len(seen) < count:
                        frame = json.loads(await ws.recv())
                        if frame["type"] == "message" and frame["role"] == "agent":
                            seen[frame["id"]] = frame
                        if frame["type"] == "message" and frame.get("seq"):
                            shown = max(shown, frame["seq"])
                        elif frame["type"] == "heartbeat" and frame["seq"] > shown:
                            # the page is behind (an event did not reach it): it resumes
                            await ws.send(json.dumps({"type": "resume", "after": 0}))
                return list(seen.values())
        except Exception as exc:  # a socket dropped by the fault, or the time ran out
            if time.monotonic() >= deadline or isinstance(exc, TimeoutError):
                raise
            await asyncio.sleep(0.5)


def turn_started(message_id: int, timeout: float = 30.0) -> None:
    """Wait until a worker has started the message's turn. (The first status line no longer
    tells: it goes out when the message is stored, before any worker has the turn.)"""
    deadline = time.monotonic() + timeout
    while not AgentTurn.objects.filter(message_id=message_id).exists():
        assert time.monotonic() < deadline, f"no worker started the turn of message {message_id}"
        time.sleep(0.1)


def agent_answers(conversation_id: int) -> int:
    return Message.objects.filter(conversation_id=conversation_id, role="agent").count()


def test_a_worker_killed_mid_turn_answers_once_after_a_new_worker_starts(live, loopback_model):
    # given a turn in progress: the model takes 3 s and a worker has started the turn
    loopback_model(delay=3.0)
    cookie = live.session_cookie("/chat/")

    async def send_and_wait_for_ack():
        async with live.websocket("/ws/chat/", cookie) as ws:
            await ws.send(json.dumps({"type": "message", "text": "hello there", "client_id": "k1"}))
            frames = await frames_until(ws, lambda f: f["type"] == "ack", timeout=30)
            return frames[-1]["id"]

    message_id = async_to_sync(send_and_wait_for_ack)()
    turn_started(message_id)

    # when the worker host dies with its pool, and a new worker starts
    live.kill("worker")
    live.start_worker(wait=True)

    # then the turn completes within 30 s of the new worker starting, answered exactly once
    answers = async_to_sync(answers_after_resume)(live, cookie, 1, 30.0)
    conversation_id = Message.objects.get(pk=message_id).conversation_id
    time.sleep(2)  # a late duplicate would land here
    assert [a["text"] for a in answers] == [ANSWER], live.logs()
    assert agent_answers(conversation_id) == 1
    assert not PendingTurn.objects.filter(message_id=message_id).exists()


def test_turns_survive_postgresql_connections_terminated_mid_turn(live, loopback_model):
    # given three chats whose turns are waiting on the model
    loopback_model(delay=2.0)
    cookies = [live.session_cookie("/chat/") for _ in range(3)]

    async def start_turns():
        ids = []
        for n, cookie in enumerate(cookies):
            async with live.websocket("/ws/chat/", cookie) as ws:
                await ws.send(json.dumps({"type": "message", "text": "hello", "client_id": f"p{n}"}))
                frames = await frames_until(ws, lambda f: f["type"] == "ack", timeout=30)
                ids.append(frames[-1]["id"])
        return ids

    message_ids = async_to_sync(start_turns)()
    for message_id in message_ids:
        turn_started(message_id)

    # when every other connection to this test database is terminated (the workers' and daphne's)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        (terminated,) = cursor.fetchone()
    assert terminated > 0

    # then every turn is answered without restarting anything, and new messages still are
    for cookie in cookies:
        answers = async_to_sync(answers_after_resume)(live, cookie, 1, 60.0)
        assert [a["text"] for a in answers] == [ANSWER], live.logs()
    conversations = {Message.objects.get(pk=i).conversation_id for i in message_ids}
    assert [agent_answers(c) for c in conversations] == [1, 1, 1]

    async def one_more():
        async with live.websocket("/ws/chat/", cookies[0]) as ws:
            await ws.send(json.dumps({"type": "message", "text": "thanks", "client_id": "p-after"}))
            return answers_in(await frames_until(ws, lambda f: f.get("role") == "agent", timeout=30))

    assert [a["text"] for a in async_to_sync(one_more)()] == [ANSWER]


@pytest.fixture
def own_redis(tmp_path):
    """A throwaway redis-server on a free port (never the shared one), restartable."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = free_port()

    class Server:
        url = f"redis://127.0.0.1:{port}/0"
        process: subprocess.Popen | None = None

        def start(self) -> None:
            self.process = subprocess.Popen(
                [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                cwd=tmp_path,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", port)) == 0:
                        return
                time.sleep(0.1)
            raise RuntimeError("redis-server did not start")

        def kill(self) -> None:
            assert self.process is not None
            self.process.kill()
            self.process.wait(timeout=10)

    server = Server()
    server.start()
    yield server
    if server.process is not None and server.process.poll() is None:
        server.kill()


def test_redis_restarted_with_turns_queued_and_a_failed_enqueue_still_answers_every_message(
    live, own_redis, tmp_path
):
    # given daphne and a worker on a Redis of their own (the session's worker is stopped, so no
    # other process answers for them), the worker paused so a turn sits queued
    live.kill("worker")
    stack = LiveServices(
        host="127.0.0.1",
        port=free_port(),
        env={**live.env, "REDIS_URL": own_redis.url},
        log_dir=tmp_path,
    )
    try:
        stack.start()
        cookie = stack.session_cookie("/chat/")

        async def send(client_id: str, text_: str) -> dict:
            async with stack.websocket("/ws/chat/", cookie) as ws:
                await ws.send(json.dumps({"type": "message", "text": text_, "client_id": client_id}))
                return (await frames_until(ws, lambda f: f["type"] in {"ack", "error"}, timeout=15))[-1]

        stack.signal("worker", signal.SIGSTOP)
        queued = async_to_sync(send)("r1", "hello")
        assert queued["type"] == "ack"

        # when Redis dies (the queued turn is lost with it) while the page is open and sends a
        # message: it is stored and acked with its enqueue failing, or the socket drops first
        async def during_outage():
            async with stack.websocket("/ws/chat/", cookie) as ws:
                own_redis.kill()
                try:
                    await ws.send(
                        json.dumps(
                            {"type": "message", "text": "what is your return policy?", "client_id": "r2"}
                        )
                    )
                    return (await frames_until(ws, lambda f: f["type"] in {"ack", "error"}, timeout=10))[-1]
                except Exception:
                    return None

        during = async_to_sync(during_outage)()
        own_redis.start()
        stack.signal("worker", signal.SIGCONT)

        # the page resends what was not answered (same client_id: stored once), reconnecting
        # until daphne reaches the new Redis
        async def resend():
            deadline = time.monotonic() + 30
            while True:
                try:
                    return await send("r2", "what is your return policy?")
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                    await asyncio.sleep(1)

        again = async_to_sync(resend)()
        assert again["type"] == "ack", stack.logs()
        if during is not None and during["type"] == "ack":
            assert again["id"] == during["id"]

        # then both messages are answered, each once
        answers = async_to_sync(answers_after_resume)(stack, cookie, 2, 60.0)
        assert len(answers) == 2, stack.logs()
        conversation_id = Message.objects.get(pk=queued["id"]).conversation_id
        time.sleep(2)
        assert agent_answers(conversation_id) == 2
        assert Message.objects.filter(conversation_id=conversation_id, role="customer").count() == 2
    finally:
        stack.stop()


# Many writers at once, through the one gate (`tool_execute`), on real PostgreSQL.


def _at_once(calls):
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except Exception as exc:  # tool_execute must never raise; record it if it does
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


WRITERS = int(os.environ.get("SUPPORTAGENT_FAULT_WRITERS", "50"))


def _pending_order():
    customer = CustomerFactory()
    card = PaymentMethodFactory(customer=customer, balance=Decimal("10.00"))
    return order_with_items(
        customer=customer, variants=[VariantFactory(price=Decimal("20.00"))], payment_method=card
    )


def test_fifty_cancellations_of_one_order_at_once_write_once_and_none_raises():
    order = _pending_order()
    arguments = {"order_id": order.order_id, "reason": "no longer needed"}

    results = _at_once(
        [lambda: tool_execute(Principal.system(), "cancel_pending_order", arguments)] * WRITERS
    )

    assert not [r for r in results if isinstance(r, Exception) or r is None]
    assert sum(r.ok for r in results) == 1
    assert {r.error_code for r in results if not r.ok} == {"wrong_status"}
    assert PaymentTransaction.objects.filter(order=order, kind="refund").count() == 1
    assert list(audit_chain_breaks(stream="system")) == []


def test_fifty_cancellations_of_fifty_orders_at_once_all_succeed():
    orders = [_pending_order() for _ in range(WRITERS)]

    results = _at_once(
        [
            lambda order=order: tool_execute(
                Principal.system(),
                "cancel_pending_order",
                {"order_id": order.order_id, "reason": "no longer needed"},
            )
            for order in orders
        ]
    )

    assert [getattr(r, "error_code", r) for r in results if not getattr(r, "ok", False)] == []
    assert Order.objects.filter(pk__in=[o.pk for o in orders], status="cancelled").count() == WRITERS
    assert list(audit_chain_breaks(stream="system")) == []


def test_a_daphne_paused_for_four_seconds_under_load_still_shows_every_answer(live, loopback_model):
    # given ten customers whose turns are waiting on the model
    loopback_model(delay=1.5)
    cookies = [live.session_cookie("/chat/") for _ in range(10)]

    async def customer(n: int, cookie: str) -> list[dict]:
        async with live.websocket("/ws/chat/", cookie) as ws:
            await ws.send(json.dumps({"type": "message", "text": "hello", "client_id": f"d{n}"}))
            shown, answers = 0, {}
            async with asyncio.timeout(60):
                while not answers:
                    frame = json.loads(await ws.recv())
                    if frame["type"] == "message" and frame.get("seq"):
                        shown = max(shown, frame["seq"])
                        if frame["role"] == "agent":
                            answers[frame["id"]] = frame
                    elif frame["type"] in {"heartbeat", "status"} and frame.get("seq", 0) > shown:
                        await ws.send(json.dumps({"type": "resume", "after": 0}))  # as the page does
            return list(answers.values())

    async def scenario():
        tasks = [asyncio.ensure_future(customer(n, c)) for n, c in enumerate(cookies)]
        await asyncio.sleep(1.0)
        # when the daphne process stalls for 4 s while the turns finish
        live.signal("daphne", signal.SIGSTOP)
        await asyncio.sleep(4)
        live.signal("daphne", signal.SIGCONT)
        return await asyncio.gather(*tasks)

    results = async_to_sync(scenario)()

    # then every customer's page shows the answer
    assert [[a["text"] for a in answers] for answers in results] == [[ANSWER]] * 10, live.logs()
