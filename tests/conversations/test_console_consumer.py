"""The supervisor console's socket, through the real ASGI application on the in-memory channel
layer: who may connect, the live queue, claiming (one winner), replying, handing back and assist."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator

from apps.commerce.models import Order
from apps.conversations.handoffs import handoff_open
from apps.conversations.models import Handoff, Message
from apps.conversations.services import conversation_start
from tests.factories import UserFactory
from tests.handoff_helpers import escalated_conversation, staff_accounts
from tests.support.sockets import session_key_for, socket

# Not transactional: the test's transaction keeps the demo store for the next test. Its
# database calls run on the test's own thread (database_sync_to_async is thread-sensitive).
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def commit_at_once(monkeypatch):
    """The test's transaction never commits, so run the after-commit publishing right away."""
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, using=None, robust=False: func())


def signed_in(user):
    """The user with a stored session (made here, outside the async scenario) for `console`."""
    user.session_key = session_key_for(user=user)
    return user


@pytest.fixture
def staff():
    return {name: signed_in(user) for name, user in staff_accounts().items()}


def console(user) -> WebsocketCommunicator:
    """A console socket on the real application, signed in as `user` by their session cookie."""
    return socket("/ws/console/", user.session_key)


async def receive_until(communicator, kind, timeout=3):
    """The next frame of this type (frames of other types before it are skipped)."""
    while True:
        frame = await communicator.receive_json_from(timeout=timeout)
        if frame["type"] == kind:
            return frame


def run(scenario):
    return async_to_sync(scenario)()


def test_a_customer_cannot_open_the_console():
    customer = signed_in(UserFactory())

    async def scenario():
        communicator = console(customer)
        connected, code = await communicator.connect()
        assert (connected, code) == (False, 4403)

    run(scenario)


def test_the_queue_is_sent_on_connect_and_again_when_a_chat_is_handed_over(staff):
    _, handoff = escalated_conversation()

    async def scenario():
        communicator = console(staff["supervisor1"])
        assert (await communicator.connect())[0]
        first = await receive_until(communicator, "queue")
        assert [item["handoff"] for item in first["items"]] == [handoff.pk]

        from channels.db import database_sync_to_async

        @database_sync_to_async
        def hand_over_another():
            other, _ = escalated_conversation(text="where is my order?")
            return Handoff.objects.get(conversation=other).pk

        second_id = await hand_over_another()
        second = await receive_until(communicator, "queue")
        assert [item["handoff"] for item in second["items"]] == [handoff.pk, second_id]
        await communicator.disconnect()

    run(scenario)


def test_two_consoles_claim_at_once_and_one_is_told_it_lost(staff):
    conversation, handoff = escalated_conversation()

    async def scenario():
        one, two = console(staff["supervisor1"]), console(staff["supervisor2"])
        await one.connect()
        await two.connect()
        await one.send_json_to({"type": "claim", "handoff": handoff.pk})
        await two.send_json_to({"type": "claim", "handoff": handoff.pk})
        won = await receive_until(one, "claimed")
        lost = await receive_until(two, "claim_failed")
        assert won["conversation"] == conversation.pk
        assert lost["message"] == "Already claimed by supervisor1."
        opened = await receive_until(one, "conversation")
        assert opened["entities"]["customer_id"] == "olivia_ito_3591"
        assert opened["handoff"]["claimed_by"] == "supervisor1"
        await one.disconnect()
        await two.disconnect()

    run(scenario)


def test_a_reply_is_acked_and_reaches_the_open_chat(staff):
    conversation, handoff = escalated_conversation()

    async def scenario():
        communicator = console(staff["supervisor2"])
        await communicator.connect()
        await communicator.send_json_to({"type": "claim", "handoff": handoff.pk})
        await receive_until(communicator, "conversation")
        await communicator.send_json_to(
            {"type": "reply", "conversation": conversation.pk, "text": "Hi Olivia", "client_id": "r1"}
        )
        ack = await receive_until(communicator, "ack")
        live = await receive_until(communicator, "message")
        assert live["id"] == ack["id"]
        assert (live["role"], live["text"], live["conversation"]) == (
            "supervisor",
            "Hi Olivia",
            conversation.pk,
        )
        await communicator.send_json_to({"type": "release", "handoff": handoff.pk})
        state = await receive_until(communicator, "handoff")
        assert state["state"] == "released"
        await communicator.disconnect()

    run(scenario)
    assert Message.objects.get(client_id="r1").author == staff["supervisor2"]


def test_another_supervisors_reply_is_refused_with_an_error(staff):
    conversation, handoff = escalated_conversation()

    async def scenario():
        one, two = console(staff["supervisor1"]), console(staff["supervisor2"])
        await one.connect()
        await two.connect()
        await one.send_json_to({"type": "claim", "handoff": handoff.pk})
        await receive_until(one, "claimed")
        await two.send_json_to({"type": "reply", "conversation": conversation.pk, "text": "me too"})
        error = await receive_until(two, "error")
        assert error["code"] == "permission_denied"
        await two.send_json_to({"type": "bogus"})
        assert (await receive_until(two, "error"))["code"] == "unknown_action"
        await one.disconnect()
        await two.disconnect()

    run(scenario)


def test_assist_reports_its_outcome_to_the_supervisor(staff):
    conversation, handoff = escalated_conversation()

    async def scenario():
        communicator = console(staff["supervisor2"])
        await communicator.connect()
        await communicator.send_json_to({"type": "claim", "handoff": handoff.pk})
        await receive_until(communicator, "conversation")
        await communicator.send_json_to(
            {
                "type": "assist",
                "conversation": conversation.pk,
                "instruction": "cancel #W5442520, ordered by mistake",
            }
        )
        notice = await receive_until(communicator, "notice", timeout=10)
        assert notice["ok"], notice
        await communicator.disconnect()

    run(scenario)
    assert Order.objects.get(order_id="#W5442520").status == "cancelled"


def test_handoff_open_alone_notifies_consoles(staff):
    """The agent's own handoffs (handoff_open) reach the console through the same event."""
    escalated_conversation()
    conversation = conversation_start()

    async def scenario():
        communicator = console(staff["admin"])
        await communicator.connect()
        await receive_until(communicator, "queue")
        from channels.db import database_sync_to_async

        await database_sync_to_async(handoff_open)(
            conversation=conversation,
            reason="guardrail",
            summary="blocked",
            context={},
            priority=1,
            actor="agent",
        )
        frame = await receive_until(communicator, "queue")
        assert frame["items"][0]["reason"] == "guardrail"
        await communicator.disconnect()

    run(scenario)
