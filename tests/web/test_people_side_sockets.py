"""The people's side over the real sockets (in-memory channel layer): a customer and a supervisor
see each other typing and reading, the customer hears their place in the queue, the console's
cards carry who, what and how urgent, closed chats can be searched, and assist outcomes stay in
the thread for staff only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.utils import timezone

from apps.agent.assist import assist_run
from apps.agent.models import AgentTurn
from apps.conversations.handoffs import handoff_claim, handoff_release, handoff_resolve
from apps.conversations.models import Handoff, Message, ReadMark
from apps.conversations.services import message_post
from apps.conversations.visitors import SESSION_KEY, messages_after
from tests.handoff_helpers import escalated_conversation, staff_accounts
from tests.support.sockets import session_key_for, socket

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def commit_at_once(monkeypatch):
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def staff():
    accounts = staff_accounts()
    for user in accounts.values():
        user.session_key = session_key_for(user=user)
    return accounts


def customer_key(conversation):
    """The customer's session (made outside the async scenario, where the ORM may run)."""
    return session_key_for(user=conversation.user, data={SESSION_KEY: conversation.pk})


async def receive_until(ws, kind, timeout=3, where=lambda f: True):
    while True:
        frame = await ws.receive_json_from(timeout=timeout)
        if frame["type"] == kind and where(frame):
            return frame


def run(scenario):
    return async_to_sync(scenario)()


def test_typing_and_reading_show_on_the_other_side(staff):
    conversation, handoff = escalated_conversation()
    handoff_claim(handoff_id=handoff.pk, user=staff["supervisor2"])
    supervisor_message, _ = message_post(
        conversation=conversation.pk, role="supervisor", text="Hello!", author=staff["supervisor2"]
    )

    key = customer_key(conversation)

    async def scenario():
        customer = socket("/ws/chat/", key)
        console = socket("/ws/console/", staff["supervisor2"].session_key)
        assert (await customer.connect())[0]
        assert (await console.connect())[0]
        await console.send_json_to({"type": "open", "conversation": conversation.pk})
        await receive_until(console, "conversation")
        # Opening the chat read it: the customer is told how far the supervisor has read.
        read_by_staff = await receive_until(customer, "read")

        await customer.send_json_to({"type": "typing", "typing": True})
        typing_in_console = await receive_until(console, "typing")
        await console.send_json_to({"type": "typing", "conversation": conversation.pk, "typing": True})
        typing_in_chat = await receive_until(customer, "typing")
        await customer.send_json_to({"type": "read", "upto": supervisor_message.pk})
        read_by_customer = await receive_until(console, "read")
        await customer.disconnect()
        await console.disconnect()
        return read_by_staff, typing_in_console, typing_in_chat, read_by_customer

    read_by_staff, typing_in_console, typing_in_chat, read_by_customer = run(scenario)

    assert read_by_staff["upto"] == supervisor_message.pk
    assert (typing_in_console["conversation"], typing_in_console["typing"]) == (conversation.pk, True)
    # The customer sees the supervisor's first name only.
    assert typing_in_chat == {
        "type": "typing",
        "who": staff["supervisor2"].first_name or "Support",
        "typing": True,
    }
    assert read_by_customer["upto"] == supervisor_message.pk
    assert (
        ReadMark.objects.get(conversation=conversation, reader="customer").last_read_id
        == supervisor_message.pk
    )


def test_a_supervisor_who_has_not_claimed_the_chat_is_not_shown_typing(staff):
    conversation, _ = escalated_conversation()

    async def scenario():
        console = socket("/ws/console/", staff["supervisor1"].session_key)
        assert (await console.connect())[0]
        await console.send_json_to({"type": "typing", "conversation": conversation.pk, "typing": True})
        error = await receive_until(console, "error")
        await console.disconnect()
        return error

    assert "Claim this chat first" in run(scenario)["message"]


def test_a_read_mark_never_moves_back_nor_past_the_last_message(staff):
    conversation, _ = escalated_conversation()
    last = Message.objects.filter(conversation=conversation).order_by("-id").first()

    key = customer_key(conversation)

    async def scenario():
        customer = socket("/ws/chat/", key)
        assert (await customer.connect())[0]
        await customer.send_json_to({"type": "read", "upto": 10**12})
        await customer.send_json_to({"type": "read", "upto": 1})
        await customer.send_json_to({"type": "read", "upto": -4})
        error = await receive_until(customer, "error")
        await customer.disconnect()
        return error

    error = run(scenario)
    assert error["code"] == "bad_request"
    assert ReadMark.objects.get(conversation=conversation, reader="customer").last_read_id == last.pk


def test_the_waiting_customer_hears_their_place_and_it_moves_when_the_queue_does(staff):
    _first, first_handoff = escalated_conversation()
    second, _ = escalated_conversation()

    key = customer_key(second)

    async def scenario():
        customer = socket("/ws/chat/", key)
        assert (await customer.connect())[0]
        await customer.send_json_to({"type": "resume", "after": 0})
        before = await receive_until(customer, "queue")
        await database_sync_to_async(handoff_claim)(handoff_id=first_handoff.pk, user=staff["supervisor1"])
        after = await receive_until(customer, "queue")
        await customer.disconnect()
        return before, after

    before, after = run(scenario)

    assert before["position"] == 2
    assert after["position"] == 1
    # One claim happened just now (in about no time): the expected wait has a floor of 30 s.
    assert after["expected_seconds"] == 30


def test_a_queue_change_tells_waiting_customers_their_place_without_each_socket_reading_it(
    staff, monkeypatch
):
    _first, first_handoff = escalated_conversation()
    second, _ = escalated_conversation()
    third, _ = escalated_conversation()
    keys = [customer_key(second), customer_key(third)]
    reads = []

    def counted(conversation_id):
        reads.append(conversation_id)
        return standing(conversation_id)

    from apps.web.consumers import chat

    standing = chat.handoff_standing
    monkeypatch.setattr(chat, "handoff_standing", counted)

    async def scenario():
        customers = [socket("/ws/chat/", key) for key in keys]
        for customer in customers:
            assert (await customer.connect())[0]
            await customer.send_json_to({"type": "resume", "after": 0})
            await receive_until(customer, "queue")
        reads.clear()
        await database_sync_to_async(handoff_claim)(handoff_id=first_handoff.pk, user=staff["supervisor1"])
        places = [(await receive_until(customer, "queue"))["position"] for customer in customers]
        for customer in customers:
            await customer.disconnect()
        return places

    places = run(scenario)

    assert places == [1, 2]
    assert reads == []  # the claim's event carried both places


def test_the_customer_is_told_when_a_person_joins_and_when_the_agent_is_back(staff):
    conversation, handoff = escalated_conversation()
    staff["supervisor1"].first_name = "Sam"
    staff["supervisor1"].save()

    handoff_claim(handoff_id=handoff.pk, user=staff["supervisor1"])
    handoff_release(handoff_id=handoff.pk, user=staff["supervisor1"])

    notices = [m.text for m in messages_after(conversation_id=conversation.pk, after=0) if m.role == "system"]
    assert notices[-2] == "Sam from our support team joined the chat."
    assert notices[-1].startswith("Sam handed this chat back to our assistant")
    assert "supervisor1" not in " ".join(notices)


def test_queue_cards_name_the_customer_quote_them_rank_by_wait_and_count_unread(staff, settings):
    from apps.conversations.models import QueueSettings

    QueueSettings.objects.update_or_create(pk=1, defaults={"sla_minutes": 10})
    fresh, _ = escalated_conversation(text="where is my parcel?")
    old, old_handoff = escalated_conversation("noah_brown_6181", text="I have been waiting for ages")
    Handoff.objects.filter(pk=old_handoff.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    AgentTurn.objects.create(
        message=Message.objects.filter(conversation=old).first(), conversation=old, route_label="complaint"
    )
    message_post(conversation=old.pk, role="customer", text="hello??", enqueue_turn=False)
    ReadMark.objects.create(
        conversation=old,
        reader=ReadMark.staff_reader(staff["supervisor1"].pk),
        last_read_id=Message.objects.filter(conversation=old, text="I have been waiting for ages").get().pk,
    )

    async def scenario():
        console = socket("/ws/console/", staff["supervisor1"].session_key)
        assert (await console.connect())[0]
        queue = await receive_until(console, "queue")
        await console.disconnect()
        return queue

    items = {item["conversation"]: item for item in run(scenario)["items"]}

    assert [i["conversation"] for i in run(scenario)["items"]] == [old.pk, fresh.pk]
    assert (items[old.pk]["customer_name"], items[old.pk]["last_message"]) == ("Noah Brown", "hello??")
    assert (items[old.pk]["priority"], items[fresh.pk]["priority"]) == (1, 3)
    assert (items[old.pk]["mood"], items[fresh.pk]["mood"]) == ("upset", "calm")
    assert (items[old.pk]["unread"], items[fresh.pk]["unread"]) == (1, 1)
    assert items[fresh.pk]["customer_name"] == "Olivia Ito"


def test_closed_chats_can_be_searched_by_name_and_words(staff):
    conversation, handoff = escalated_conversation(text="my umbrella arrived broken")
    handoff_claim(handoff_id=handoff.pk, user=staff["supervisor2"])
    handoff_resolve(handoff_id=handoff.pk, user=staff["supervisor2"])
    open_one, _ = escalated_conversation(text="umbrella question")

    async def scenario(query):
        console = socket("/ws/console/", staff["supervisor1"].session_key)
        assert (await console.connect())[0]
        await console.send_json_to({"type": "history", "query": query})
        found = await receive_until(console, "history")
        await console.disconnect()
        return found

    by_words = async_to_sync(scenario)("umbrella")
    by_name = async_to_sync(scenario)("olivia")
    nothing = async_to_sync(scenario)("zzz-no-such-thing")
    hostile = async_to_sync(scenario)("%' OR 1=1 --")

    assert [i["conversation"] for i in by_words["items"]] == [conversation.pk]  # the open chat is not history
    assert by_words["items"][0]["customer_name"] == "Olivia Ito"
    assert conversation.pk in [i["conversation"] for i in by_name["items"]]
    assert open_one.pk not in [i["conversation"] for i in by_name["items"]]
    assert nothing["items"] == []
    assert hostile["items"] == []


def test_an_assist_refusal_stays_in_the_thread_as_a_staff_note(staff, settings):
    conversation, handoff = escalated_conversation()
    handoff_claim(handoff_id=handoff.pk, user=staff["supervisor1"])

    notice = assist_run(
        conversation_id=conversation.pk,
        supervisor_id=staff["supervisor1"].pk,
        instruction="cancel #W5442520, ordered by mistake",
    )

    assert notice["ok"] is False
    note = Message.objects.filter(conversation=conversation, meta__assist_result=True).get()
    assert note.text == notice["text"]
    assert note.meta["internal"] is True
    # Staff see it with the conversation; the customer never does.
    from apps.agent.selectors import conversation_for_console

    assert note.pk in [m["id"] for m in conversation_for_console(conversation.pk)["messages"]]
    assert note.pk not in [m.pk for m in messages_after(conversation_id=conversation.pk, after=0)]
