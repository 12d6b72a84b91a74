"""V3, V4 and V8: staff re-checked on every action, throttles shared across sockets and
transports, login lockout, the CSP header, status lines only after the gate."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync
from django.test import override_settings
from rest_framework.test import APIClient

from apps.conversations.handoffs import handoff_claim
from apps.conversations.models import Message
from apps.conversations.services import conversation_start
from apps.conversations.visitors import SESSION_KEY
from apps.core.errors import PermissionDenied
from tests.handoff_helpers import escalated_conversation, staff_accounts
from tests.support.sockets import session_key_for, socket


@pytest.fixture
def staff(db):
    return staff_accounts()


def test_a_deactivated_supervisor_cannot_claim_with_the_account_object_they_had(staff):
    _, handoff = escalated_conversation()
    stale = staff["supervisor2"]
    type(stale).objects.filter(pk=stale.pk).update(is_active=False)

    with pytest.raises(PermissionDenied):
        handoff_claim(handoff_id=handoff.pk, user=stale)


def test_a_console_socket_opened_before_deactivation_is_closed_on_its_next_action(db):
    user = staff_accounts()["supervisor2"]
    key = session_key_for(user=user)

    async def scenario():
        ws = socket("/ws/console/", key)
        connected, _ = await ws.connect()
        assert connected
        await ws.receive_json_from(timeout=3)  # the queue
        await _deactivate(user.pk)
        await ws.send_json_to({"type": "queue"})
        refused = await ws.receive_json_from(timeout=3)
        closed = await ws.receive_output(timeout=3)
        return refused, closed

    refused, closed = async_to_sync(scenario)()
    assert refused["code"] == "session_ended"
    assert closed["type"] == "websocket.close"


def test_signing_out_closes_the_users_console_sockets(db):
    from django.contrib.auth.signals import user_logged_out

    user = staff_accounts()["supervisor1"]
    key = session_key_for(user=user)

    async def scenario():
        ws = socket("/ws/console/", key)
        connected, _ = await ws.connect()
        assert connected
        await ws.receive_json_from(timeout=3)
        await _sign_out(user_logged_out, user)
        ended = await ws.receive_json_from(timeout=3)
        closed = await ws.receive_output(timeout=3)
        return ended, closed

    ended, closed = async_to_sync(scenario)()
    assert ended["code"] == "session_ended"
    assert closed["type"] == "websocket.close"


def _customer_chatting():
    """A signed-in customer with their chat open: (user, conversation, session key)."""
    from tests.factories import CustomerFactory

    user = CustomerFactory().user
    conversation = conversation_start(user=user)
    return user, conversation, session_key_for(user=user, data={SESSION_KEY: conversation.pk})


async def _ended_and_deaf(ws, end_session):
    """End the session with `end_session`, then send a message on the socket it had open:
    (the frames the socket got before closing, the close, whether anything came after)."""
    connected, _ = await ws.connect()
    assert connected
    await end_session()
    ended = await ws.receive_json_from(timeout=3)
    closed = await ws.receive_output(timeout=3)
    await ws.send_json_to({"type": "message", "text": "still there?", "client_id": "late"})
    silent = await ws.receive_nothing(timeout=0.5)
    await ws.disconnect()
    return ended, closed, silent


@pytest.mark.django_db(transaction=True)
def test_signing_out_closes_the_customers_chat_sockets(record_turns):
    from asgiref.sync import sync_to_async
    from django.conf import settings
    from django.test import Client

    # given a signed-in customer chatting in their browser
    _user, conversation, key = _customer_chatting()
    browser = Client()
    browser.cookies[settings.SESSION_COOKIE_NAME] = key
    signed_out = []

    async def sign_out():
        signed_out.append(await sync_to_async(browser.post)("/accounts/logout/"))

    # when they sign out with the page's own sign-out form
    ended, closed, silent = async_to_sync(_ended_and_deaf)(socket("/ws/chat/", key), sign_out)

    # then the open chat socket is told and closed, and a message sent after changes nothing
    assert signed_out[0].status_code == 302
    assert ended["code"] == "session_ended"
    assert closed == {"type": "websocket.close", "code": 4401}
    assert silent
    assert not Message.objects.filter(conversation=conversation).exists()
    assert record_turns == []


@pytest.mark.django_db(transaction=True)
def test_deactivating_a_customer_closes_their_chat_sockets(record_turns):
    from channels.db import database_sync_to_async

    user, conversation, key = _customer_chatting()

    def deactivate():
        user.is_active = False
        user.save()  # as the back office saves it

    async def end_session():
        await database_sync_to_async(deactivate)()

    ended, closed, silent = async_to_sync(_ended_and_deaf)(socket("/ws/chat/", key), end_session)

    assert ended["code"] == "session_ended"
    assert closed == {"type": "websocket.close", "code": 4401}
    assert silent
    assert not Message.objects.filter(conversation=conversation).exists()


@pytest.mark.django_db(transaction=True)
def test_saving_an_active_customers_account_keeps_their_chat_open(record_turns):
    from channels.db import database_sync_to_async

    user, conversation, key = _customer_chatting()

    async def scenario():
        ws = socket("/ws/chat/", key)
        await ws.connect()
        # a sign-in elsewhere saves the account (last_login): that is no reason to close
        await database_sync_to_async(lambda: user.save(update_fields=["last_login"]))()
        await ws.send_json_to({"type": "message", "text": "hello", "client_id": "c-1"})
        frame = await ws.receive_json_from(timeout=3)
        await ws.disconnect()
        return frame

    assert async_to_sync(scenario)()["type"] in ("ack", "message")
    assert Message.objects.filter(conversation=conversation).count() == 1


async def _deactivate(user_id):
    from channels.db import database_sync_to_async
    from django.contrib.auth import get_user_model

    await database_sync_to_async(
        lambda: get_user_model().objects.filter(pk=user_id).update(is_active=False)
    )()


async def _sign_out(signal, user):
    from channels.db import database_sync_to_async

    await database_sync_to_async(lambda: signal.send(sender=type(user), request=None, user=user))()


@pytest.mark.django_db(transaction=True)
def test_chat_messages_are_limited_per_conversation_across_sockets(record_turns):
    conversation = conversation_start()
    key = session_key_for(data={SESSION_KEY: conversation.pk})

    async def scenario():
        codes = []
        for round_ in range(3):  # a new socket each round: reconnecting earns nothing
            ws = socket("/ws/chat/", key)
            await ws.connect()
            for n in range(5):
                await ws.send_json_to(
                    {"type": "message", "text": f"hi {round_}-{n}", "client_id": f"{round_}-{n}"}
                )
                frame = await ws.receive_json_from(timeout=3)
                while frame["type"] not in ("ack", "error"):
                    frame = await ws.receive_json_from(timeout=3)
                codes.append(frame.get("code", "ack"))
            await ws.disconnect()
        return codes

    codes = async_to_sync(scenario)()
    assert codes.count("ack") == 10
    assert codes.count("rate_limited") == 5
    assert Message.objects.filter(conversation=conversation).count() == 10  # refused ones not stored


def test_rest_messages_share_the_limit(db):
    from apps.commerce.models import Customer

    user = Customer.objects.get(customer_id="olivia_ito_3591").user
    conversation = conversation_start(user=user)
    client = APIClient()
    client.force_authenticate(user)
    statuses = [
        client.post(f"/api/conversations/{conversation.pk}/messages/", {"text": f"m{n}"}).status_code
        for n in range(12)
    ]
    assert statuses.count(429) == 2
    assert Message.objects.filter(conversation=conversation).count() == 10


def test_cookie_less_page_loads_stop_creating_conversations(client, db, record_turns):
    from apps.conversations.models import Conversation

    before = Conversation.objects.count()
    statuses = []
    for _ in range(25):
        client.cookies.clear()  # a script that never keeps the session cookie
        statuses.append(client.get("/chat/").status_code)
    assert 429 in statuses
    assert Conversation.objects.count() - before == 20


def test_sockets_per_address_are_capped(settings):
    from apps.core.throttles import socket_closed, socket_open_admit

    settings.SUPPORTAGENT = {**settings.SUPPORTAGENT, "MAX_SOCKETS_PER_CLIENT": 3}
    opened = [socket_open_admit("192.0.2.1") for _ in range(5)]
    assert opened == [True, True, True, False, False]
    socket_closed("192.0.2.1")
    assert socket_open_admit("192.0.2.1")


def test_wrong_passwords_lock_the_account_out_even_for_the_right_one(staff):
    with override_settings(AXES_ENABLED=True):
        wrong = [
            APIClient().post("/api/auth/token/", {"username": "supervisor1", "password": "nope"}).status_code
            for _ in range(5)
        ]
        right = APIClient().post(
            "/api/auth/token/", {"username": "supervisor1", "password": "demo-supervisor1"}
        )
    assert set(wrong) <= {400, 403, 429}
    assert right.status_code != 200


def test_every_page_carries_a_content_security_policy(client, db):
    for url in ("/chat/", "/accounts/login/", "/admin/login/", "/api/docs/"):
        response = client.get(url)
        assert "default-src 'self'" in response.headers.get("Content-Security-Policy", ""), url


def test_a_refused_write_never_shows_its_status_line(db):
    """V8: 'Cancelling order...' only after the gate let the call through."""
    from apps.agent.services import turn_run
    from apps.conversations.services import message_post

    statuses: list[str] = []
    conversation = conversation_start(user=None)
    with _obedient(["cancel_pending_order", {"order_id": "#W4566809", "reason": "ordered by mistake"}]):
        message, _ = message_post(
            role="customer", conversation=conversation, text="cancel #W4566809", enqueue_turn=False
        )
        turn_run(
            conversation_id=conversation.pk,
            message_id=message.pk,
            owner="t",
            emit=lambda t, s: statuses.append(t),
        )
    assert not any("ancel" in line for line in statuses)


def _obedient(call):
    from tests.security.redteam import loopback_tiers

    return loopback_tiers([call])
