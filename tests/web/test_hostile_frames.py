"""Hostile input on both sockets and the API: every malformed frame gets an error event and the
socket stays open; only our own origin, port included, may open a socket; ids are numbers."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync
from rest_framework.test import APIClient

from apps.conversations.models import Handoff
from apps.conversations.services import conversation_start
from apps.conversations.visitors import SESSION_KEY
from apps.web.origins import origin_allowed
from tests.handoff_helpers import escalated_conversation, staff_accounts
from tests.support.sockets import session_key_for, socket

# The chat socket's tests need committed rows (transaction=True); those that use the demo
# store's accounts run in the test's transaction, which keeps the store for the next test.
COMMITTED = pytest.mark.django_db(transaction=True)

DEEP = "[" * 12_000 + "]" * 12_000
HOSTILE_FRAMES = [
    '{"type": "resume", "after": 1e400}',  # infinity
    '{"type": "resume", "after": -1}',
    '{"type": "resume", "after": 99999999999999999999999}',  # beyond a database key
    '{"type": "resume", "after": true}',
    '{"type": "resume", "after": "12abc"}',
    '{"type": "message", "text": ' + DEEP + "}",
    DEEP,
    "{not json",
    "[1, 2, 3]",
    '{"type": ' + "7" * 5000 + "}",
    '{"type": "' + "x" * 5000 + '"}',
]


def exchange(path, session_key, frames):
    """Send each raw frame; return the frames received in answer, and a final ping's answer."""

    async def scenario():
        ws = socket(path, session_key)
        connected, _ = await ws.connect()
        assert connected
        answers = []
        for raw in frames:
            await ws.send_to(text_data=raw)
            answers.append(await ws.receive_json_from(timeout=3))
        # the socket is still open and still serves a good frame
        await ws.send_json_to({"type": "message", "text": "still here?", "client_id": "after"})
        last = await ws.receive_json_from(timeout=3)
        await ws.disconnect()
        return answers, last

    return async_to_sync(scenario)()


@COMMITTED
def test_the_chat_socket_answers_every_malformed_frame_with_an_error_and_stays_open(record_turns):
    conversation = conversation_start()
    key = session_key_for(data={SESSION_KEY: conversation.pk})

    answers, last = exchange("/ws/chat/", key, HOSTILE_FRAMES)

    assert [a["type"] for a in answers] == ["error"] * len(HOSTILE_FRAMES)
    assert {a["code"] for a in answers} <= {"bad_request", "message_too_long"}
    assert last["type"] == "ack"
    assert list(conversation.messages.values_list("text", flat=True)) == ["still here?"]


@pytest.mark.django_db
def test_the_console_socket_answers_every_malformed_frame_with_an_error_and_stays_open():
    staff = staff_accounts()
    _, handoff = escalated_conversation()
    key = session_key_for(user=staff["admin"])
    frames = [f.replace('"resume", "after"', '"claim", "handoff"') for f in HOSTILE_FRAMES]

    async def scenario():
        ws = socket("/ws/console/", key)
        assert (await ws.connect())[0]
        assert (await ws.receive_json_from(timeout=3))["type"] == "queue"
        answers = []
        for raw in frames:
            await ws.send_to(text_data=raw)
            answers.append(await ws.receive_json_from(timeout=3))
        await ws.send_json_to({"type": "queue"})
        last = await ws.receive_json_from(timeout=3)
        await ws.disconnect()
        return answers, last

    answers, last = async_to_sync(scenario)()

    assert [a["type"] for a in answers] == ["error"] * len(frames)
    assert last["type"] == "queue"
    assert Handoff.objects.get(pk=handoff.pk).status == "waiting"  # no claim went through


@pytest.mark.parametrize(
    ("origin", "host", "allowed"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
        ("http://localhost:8000", "localhost:8000", True),
        ("http://127.0.0.1:9999", "127.0.0.1:8000", False),  # another service on this host
        ("http://127.0.0.1", "127.0.0.1:8000", False),
        ("https://evil.example", "127.0.0.1:8000", False),
        ("http://evil.example:8000", "evil.example:8000", False),  # not an allowed host
        ("null", "127.0.0.1:8000", False),
        ("", "127.0.0.1:8000", False),
        ("javascript://127.0.0.1:8000", "127.0.0.1:8000", False),
    ],
)
def test_only_our_own_origin_port_included_may_open_a_socket(origin, host, allowed):
    assert origin_allowed(origin, host) is allowed


@COMMITTED
def test_a_page_on_another_port_cannot_open_the_chat_socket():
    conversation = conversation_start()
    key = session_key_for(data={SESSION_KEY: conversation.pk})

    async def scenario():
        ws = socket("/ws/chat/", key, origin=b"http://127.0.0.1:9999")
        connected, _ = await ws.connect()
        return connected

    assert async_to_sync(scenario)() is False


def test_a_trusted_origin_from_settings_may_open_a_socket(settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://shop.example"]

    assert origin_allowed("https://shop.example", "support.example")
    assert not origin_allowed("https://shop.example:8443", "support.example")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/handoffs/abc/claim/", "/api/handoffs/1e3/", "/api/conversations/-1/messages/"]
)
def test_non_numeric_ids_in_the_api_are_404_not_500(path):
    client = APIClient()
    client.force_authenticate(staff_accounts()["admin"])

    response = client.post(path) if path.endswith("claim/") else client.get(path)

    assert response.status_code == 404
