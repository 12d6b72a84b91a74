"""The customer's chat socket, through the real ASGI application on the in-memory channel layer:
ack, idempotency, limits, resume, and who may connect. Turns are not run here (a recorder is
registered as the turn dispatcher)."""

from __future__ import annotations

import json

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator

from apps.conversations.models import Conversation, Message
from apps.conversations.services import conversation_start
from apps.conversations.visitors import SESSION_KEY
from tests.factories import CustomerFactory
from tests.support.sockets import ORIGIN, session_key_for, socket

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def turns(record_turns):
    return record_turns


def session_for(conversation: Conversation | None, user=None) -> str:
    return session_key_for(
        user=user, data={SESSION_KEY: conversation.pk} if conversation is not None else None
    )


def communicator(session_key: str | None, origin: bytes = ORIGIN) -> WebsocketCommunicator:
    return socket("/ws/chat/", session_key, origin=origin)


def run(scenario):
    return async_to_sync(scenario)()


async def receive_until(ws: WebsocketCommunicator, kind: str) -> dict:
    while True:
        frame = await ws.receive_json_from(timeout=3)
        if frame["type"] == kind:
            return frame


def test_a_message_is_acked_with_its_stored_id_and_its_turn_queued(turns):
    conversation = conversation_start()
    key = session_for(conversation)

    async def scenario():
        ws = communicator(key)
        connected, _ = await ws.connect()
        assert connected
        await ws.send_json_to({"type": "message", "text": "where is my order?", "client_id": "c-1"})
        ack = await receive_until(ws, "ack")
        echoed = await receive_until(ws, "message")
        await ws.disconnect()
        return ack, echoed

    ack, echoed = run(scenario)

    stored = Message.objects.get(conversation=conversation)
    assert ack == {"type": "ack", "client_id": "c-1", "id": stored.pk}
    assert echoed["id"] == stored.pk
    assert echoed["role"] == "customer"
    assert echoed["client_id"] == "c-1"
    assert turns == [(conversation.pk, stored.pk)]


def test_the_same_client_id_twice_is_stored_once_and_acked_with_the_same_id(turns):
    conversation = conversation_start()
    key = session_for(conversation)

    async def scenario():
        ws = communicator(key)
        await ws.connect()
        frame = {"type": "message", "text": "hello", "client_id": "same"}
        await ws.send_json_to(frame)
        first = await receive_until(ws, "ack")
        await ws.send_json_to(frame)
        second = await receive_until(ws, "ack")
        await ws.disconnect()
        return first, second

    first, second = run(scenario)

    assert first["id"] == second["id"]
    assert Message.objects.filter(conversation=conversation).count() == 1
    assert len(turns) == 1


def test_an_oversized_message_gets_an_error_and_nothing_is_stored(turns, settings):
    settings.SUPPORTAGENT = {**settings.SUPPORTAGENT, "MAX_MESSAGE_CHARS": 50}
    conversation = conversation_start()
    key = session_for(conversation)

    async def scenario():
        ws = communicator(key)
        await ws.connect()
        await ws.send_json_to({"type": "message", "text": "x" * 51, "client_id": "long"})
        too_long = await ws.receive_json_from(timeout=3)
        # A frame far beyond any message is refused before it is parsed.
        await ws.send_to(text_data=json.dumps({"type": "message", "text": "y" * 5000, "client_id": "huge"}))
        huge = await ws.receive_json_from(timeout=3)
        await ws.disconnect()
        return too_long, huge

    too_long, huge = run(scenario)

    assert too_long["type"] == "error"
    assert too_long["code"] == "message_too_long"
    assert too_long["client_id"] == "long"
    assert huge["code"] == "message_too_long"
    assert not Message.objects.filter(conversation=conversation).exists()
    assert turns == []


def test_malformed_frames_get_an_error_and_the_socket_stays_open():
    key = session_for(conversation_start())

    async def scenario():
        ws = communicator(key)
        await ws.connect()
        await ws.send_to(text_data="not json")
        first = await ws.receive_json_from(timeout=3)
        await ws.send_json_to({"type": "dance"})
        second = await ws.receive_json_from(timeout=3)
        await ws.send_json_to({"type": "resume", "after": 0})
        await ws.receive_nothing(timeout=0.2)
        await ws.disconnect()
        return first, second

    first, second = run(scenario)

    assert (first["type"], first["code"]) == ("error", "bad_request")
    assert (second["type"], second["code"]) == ("error", "bad_request")


def test_sending_too_fast_is_refused_with_an_error(turns):
    key = session_for(conversation_start())

    async def scenario():
        ws = communicator(key)
        await ws.connect()
        frames = []
        for n in range(11):
            await ws.send_json_to({"type": "message", "text": f"message {n}", "client_id": f"m{n}"})
        while len(frames) < 11:
            frame = await ws.receive_json_from(timeout=3)
            if frame["type"] in {"ack", "error"}:
                frames.append(frame)
        await ws.disconnect()
        return frames

    frames = run(scenario)

    assert [f["type"] for f in frames] == ["ack"] * 10 + ["error"]
    assert frames[-1]["code"] == "rate_limited"
    assert len(turns) == 10


def test_resume_sends_every_stored_message_after_the_given_id():
    conversation = conversation_start()
    first = Message.objects.create(conversation=conversation, role="customer", text="one", client_id="a")
    second = Message.objects.create(
        conversation=conversation, role="agent", text="two", meta={"engine": "offline"}
    )
    third = Message.objects.create(conversation=conversation, role="customer", text="three", client_id="b")
    Message.objects.create(conversation=conversation_start(), role="customer", text="someone else's")
    key = session_for(conversation)

    async def scenario():
        ws = communicator(key)
        await ws.connect()
        await ws.send_json_to({"type": "resume", "after": first.pk})
        frames = [await ws.receive_json_from(timeout=3) for _ in range(3)]
        assert await ws.receive_nothing(timeout=0.2)
        await ws.disconnect()
        return frames

    frames = run(scenario)
    # the resume ends with the conversation's sequence number, so the page knows where it stands
    assert frames.pop() == {"type": "heartbeat", "seq": 0}

    assert [(f["type"], f["id"], f["text"]) for f in frames] == [
        ("message", second.pk, "two"),
        ("message", third.pk, "three"),
    ]
    assert frames[0]["engine"] == "offline"


def test_live_events_of_the_conversation_are_forwarded_in_the_protocol_shape():
    conversation = conversation_start()
    key = session_for(conversation)

    async def scenario():
        from channels.layers import get_channel_layer

        ws = communicator(key)
        await ws.connect()
        layer = get_channel_layer()
        group = f"conversation.{conversation.pk}"
        await layer.group_send(group, {"type": "chat.status", "text": "Checking order #W1...", "step": 2})
        await layer.group_send(group, {"type": "chat.handoff", "state": "claimed", "who": "Sam"})
        frames = [await ws.receive_json_from(timeout=3), await ws.receive_json_from(timeout=3)]
        await ws.disconnect()
        return frames

    status, handoff = run(scenario)

    assert status == {"type": "status", "text": "Checking order #W1...", "step": 2}
    assert handoff == {"type": "handoff", "state": "claimed", "who": "Sam"}


def test_a_socket_without_the_pages_session_is_closed():
    async def scenario():
        ws = communicator(None)
        connected, code = await ws.connect()
        return connected, code

    connected, code = run(scenario)

    assert not connected
    assert code == 4404


def test_a_socket_from_another_site_is_refused():
    key = session_for(conversation_start())

    async def scenario():
        ws = communicator(key, origin=b"https://evil.example")
        connected, _ = await ws.connect()
        return connected

    assert not run(scenario)


def test_a_signed_in_customer_chats_as_themselves_and_others_cannot_use_their_conversation():
    customer = CustomerFactory()
    conversation = conversation_start(user=customer.user)
    own_key = session_for(conversation, user=customer.user)
    # An anonymous session pointing at the customer's conversation (a stolen or stale id).
    stranger_key = session_for(conversation)

    async def scenario():
        ws = communicator(own_key)
        connected, _ = await ws.connect()
        await ws.send_json_to({"type": "message", "text": "hi", "client_id": "x"})
        await receive_until(ws, "ack")
        await ws.disconnect()
        stranger = communicator(stranger_key)
        stranger_connected, _ = await stranger.connect()
        return connected, stranger_connected

    connected, stranger_connected = run(scenario)

    assert connected
    assert not stranger_connected
    message = Message.objects.get(conversation=conversation)
    assert message.author == customer.user
    assert conversation.customer == customer


def test_frames_and_events_are_handled_without_channels_hop_to_its_shared_thread(turns, monkeypatch):
    # Given a chat socket, and Channels' per-event clean-up of its shared thread's connections
    # counted (every database call of the consumer cleans up on the thread that runs it)
    hops = []

    async def counted() -> None:
        hops.append(1)

    monkeypatch.setattr("channels.consumer.aclose_old_connections", counted)
    conversation = conversation_start()
    key = session_for(conversation)

    async def scenario():
        ws = communicator(key)
        await ws.connect()
        # When the customer writes (a frame) and the message comes back (a channel-layer event)
        await ws.send_json_to({"type": "message", "text": "hello", "client_id": "c-hop"})
        ack = await receive_until(ws, "ack")
        echoed = await receive_until(ws, "message")
        await ws.disconnect()
        return ack, echoed

    ack, echoed = run(scenario)

    # Then both were handled, stored once, and none of them hopped to the shared thread
    stored = Message.objects.get(conversation=conversation)
    assert ack["id"] == stored.pk == echoed["id"]
    assert hops == []


def test_each_socket_hears_its_own_conversations_number_every_heartbeat(monkeypatch):
    quiet = conversation_start()
    busy = conversation_start()
    Conversation.objects.filter(pk=busy.pk).update(seq=7)
    keys = [session_for(quiet), session_for(busy)]
    monkeypatch.setattr("apps.web.consumers.chat.HEARTBEAT_SECONDS", 0.2)

    async def scenario():
        sockets = [communicator(key) for key in keys]
        for ws in sockets:
            assert (await ws.connect())[0]
        beats = [[await receive_until(ws, "heartbeat") for _ in range(2)] for ws in sockets]
        for ws in sockets:
            await ws.disconnect()
        return beats

    quiet_beats, busy_beats = run(scenario)

    assert quiet_beats == [{"type": "heartbeat", "seq": 0}] * 2
    assert busy_beats == [{"type": "heartbeat", "seq": 7}] * 2


def test_the_sockets_due_a_heartbeat_together_share_one_database_read(monkeypatch):
    from apps.web.consumers import heartbeats

    first, second = conversation_start(), conversation_start()
    Conversation.objects.filter(pk=second.pk).update(seq=3)
    reads = []

    def counted(ids):
        reads.append(ids)
        return read(ids)

    read = heartbeats.conversation_seqs
    monkeypatch.setattr(heartbeats, "conversation_seqs", counted)

    class Page:
        def __init__(self, conversation_id):
            self.conversation_id, self.frames = conversation_id, []

        async def send_json(self, content, close=False):
            self.frames.append(content)

    pages = [Page(first.pk), Page(second.pk), Page(second.pk)]

    async def scenario():
        hub = heartbeats.HeartbeatHub(period=15.0)
        for page in pages:
            hub.due[page] = 0.0  # all due now (added by hand: no background task)
        await hub.beat_due(1.0)
        await hub.beat_due(2.0)  # none is due again for 15 s

    run(scenario)

    assert reads == [sorted([first.pk, second.pk])]
    assert [page.frames for page in pages] == [
        [{"type": "heartbeat", "seq": 0}],
        [{"type": "heartbeat", "seq": 3}],
        [{"type": "heartbeat", "seq": 3}],
    ]
