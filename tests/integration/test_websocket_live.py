"""The customer socket on the production topology: PostgreSQL, Redis, a Celery worker, daphne."""

from __future__ import annotations

import asyncio
import json
import uuid

import pytest
from asgiref.sync import async_to_sync

from apps.conversations.models import Message

pytestmark = pytest.mark.django_db(transaction=True)


async def frames_until(ws, done, timeout: float = 20.0) -> list[dict]:
    """Frames received until `done(frame)` is true for one of them."""
    frames: list[dict] = []
    async with asyncio.timeout(timeout):
        while True:
            frame = json.loads(await ws.recv())
            frames.append(frame)
            if done(frame):
                return frames


def is_answer(frame: dict) -> bool:
    return frame["type"] == "message" and frame["role"] == "agent"


def test_a_message_is_acked_then_status_then_the_answer(live):
    cookie = live.session_cookie("/chat/")

    async def scenario():
        async with live.websocket("/ws/chat/", cookie) as ws:
            await ws.send(
                json.dumps({"type": "message", "text": "what is your return policy?", "client_id": "q1"})
            )
            return await frames_until(ws, is_answer)

    frames = async_to_sync(scenario)()

    kinds = [f["type"] for f in frames]
    assert kinds[0] == "ack", (frames, live.logs())
    assert "status" in kinds
    assert kinds.index("status") < len(kinds) - 1
    answer = frames[-1]
    assert "30 days" in answer["text"]
    assert answer["engine"] == "offline"
    stored = Message.objects.get(pk=frames[0]["id"])
    assert (stored.client_id, stored.role) == ("q1", "customer")


def test_a_client_that_drops_and_resumes_receives_every_message_it_missed(live):
    cookie = live.session_cookie("/chat/")

    async def scenario():
        async with live.websocket("/ws/chat/", cookie) as ws:
            await ws.send(json.dumps({"type": "message", "text": "hello", "client_id": "r1"}))
            first = await frames_until(ws, is_answer)
        last_seen = first[-1]["id"]
        # While no socket is open, two more messages are sent from another tab of the same
        # session; the agent answers both.
        async with live.websocket("/ws/chat/", cookie) as other:
            await other.send(
                json.dumps({"type": "message", "text": "what is your return policy?", "client_id": "r2"})
            )
            await frames_until(other, is_answer)
            await other.send(json.dumps({"type": "message", "text": "thanks!", "client_id": "r3"}))
            await frames_until(other, is_answer)
        async with live.websocket("/ws/chat/", cookie) as ws:
            await ws.send(json.dumps({"type": "resume", "after": last_seen}))
            resumed = []
            async with asyncio.timeout(10):
                while len(resumed) < 4:
                    frame = json.loads(await ws.recv())
                    if frame["type"] == "message":
                        resumed.append(frame)
        return last_seen, resumed

    last_seen, resumed = async_to_sync(scenario)()

    conversation_id = Message.objects.get(pk=last_seen).conversation_id
    missed = Message.objects.filter(conversation_id=conversation_id, id__gt=last_seen).order_by("id")
    expected = list(missed.values_list("id", "role"))
    assert [(f["id"], f["role"]) for f in resumed] == expected
    assert [f["role"] for f in resumed] == ["customer", "agent", "customer", "agent"]


def test_the_same_client_id_sent_twice_is_stored_once(live):
    cookie = live.session_cookie("/chat/")
    client_id = str(uuid.uuid4())

    async def scenario():
        async with live.websocket("/ws/chat/", cookie) as ws:
            frame = json.dumps({"type": "message", "text": "hi there", "client_id": client_id})
            await ws.send(frame)
            first = await frames_until(ws, lambda f: f["type"] == "ack")
        # The client dropped before it saw the answer and sends the same message again.
        async with live.websocket("/ws/chat/", cookie) as ws:
            await ws.send(frame)
            second = await frames_until(ws, lambda f: f["type"] == "ack")
        return first[-1], second[-1]

    first, second = async_to_sync(scenario)()

    assert first["id"] == second["id"]
    assert Message.objects.filter(client_id=client_id).count() == 1
