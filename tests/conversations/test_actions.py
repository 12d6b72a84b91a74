"""The actions that change a conversation: message_post for every message, the transition
tables for conversation and hand-off statuses, handoff_open."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from apps.audit.models import AuditEvent
from apps.audit.services import audit_chain_breaks, conversation_stream
from apps.commerce.models import Customer
from apps.conversations import dispatch
from apps.conversations.handoffs import (
    CONVERSATION_STATUS_FOR,
    HANDOFF_TRANSITIONS,
    handoff_claim,
    handoff_open,
    handoff_resolve,
    handoff_status_change,
)
from apps.conversations.models import Conversation, Handoff, Message
from apps.conversations.services import (
    CONVERSATION_TRANSITIONS,
    ConversationClosed,
    InvalidTransition,
    conversation_start,
    conversation_status_change,
    message_post,
)
from tests.handoff_helpers import OLIVIA, escalated_conversation, staff_accounts

pytestmark = pytest.mark.django_db


def events(conversation, kind):
    return list(
        AuditEvent.objects.filter(stream=conversation_stream(conversation.pk), kind=kind).order_by("seq")
    )


def closed_conversation(user=None) -> Conversation:
    conversation = conversation_start(user=user)
    conversation_status_change(conversation=conversation, to=Conversation.Status.CLOSED, actor="test")
    return conversation


@pytest.mark.parametrize(
    ("role", "kind", "actor"),
    [
        ("customer", AuditEvent.Kind.MESSAGE, "anonymous"),
        ("agent", AuditEvent.Kind.ANSWER, "agent"),
        ("system", AuditEvent.Kind.MESSAGE, "system"),
    ],
)
def test_every_stored_message_is_audited_once_with_its_role_and_text(record_turns, role, kind, actor):
    conversation = conversation_start()

    message, created = message_post(conversation=conversation, role=role, text="  where is my order?  ")

    (event,) = events(conversation, kind)
    assert created is True
    assert message.text == "where is my order?"
    assert event.actor == actor
    assert event.payload == {"message": message.pk, "role": role, "text": "where is my order?"}


def test_a_customer_message_queues_the_agents_turn_after_commit(
    record_turns, django_capture_on_commit_callbacks
):
    conversation = conversation_start()

    with django_capture_on_commit_callbacks(execute=True):
        message, _ = message_post(conversation=conversation, role="customer", text="hi")

    assert record_turns == [(conversation.pk, message.pk)]


def test_no_turn_is_queued_while_people_have_the_chat(record_turns, django_capture_on_commit_callbacks):
    conversation, _ = escalated_conversation()

    with django_capture_on_commit_callbacks(execute=True):
        message_post(conversation=conversation, role="customer", text="hello?")

    assert record_turns == []


def test_storing_a_customer_message_without_a_turn_dispatcher_says_what_is_missing(
    monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(dispatch, "_turn_dispatcher", None)
    conversation = conversation_start()

    with (
        pytest.raises(ImproperlyConfigured, match=r"apps\.agent"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        message_post(conversation=conversation, role="customer", text="hi")


def test_a_resent_client_id_returns_the_stored_message_and_audits_nothing_more(record_turns):
    conversation = conversation_start()

    first, created = message_post(conversation=conversation, role="customer", text="hi", client_id="c-1")
    again, created_again = message_post(
        conversation=conversation, role="customer", text="hi", client_id="c-1"
    )

    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert len(events(conversation, AuditEvent.Kind.MESSAGE)) == 1


@pytest.mark.parametrize("role", ["customer", "agent", "supervisor"])
def test_a_closed_chat_takes_no_message_and_nothing_is_stored(role):
    conversation = closed_conversation()

    with pytest.raises(ConversationClosed) as refused:
        message_post(conversation=conversation, role=role, text="anyone there?")

    assert refused.value.code == "conversation_closed"
    assert not Message.objects.filter(conversation=conversation).exists()
    assert events(conversation, AuditEvent.Kind.MESSAGE) == []


def test_a_message_locks_and_numbers_its_conversation_in_one_statement(record_turns):
    # The lock and the sequence number are one UPDATE ... RETURNING: no locking read of the whole
    # row (the agent's state with it) before a second statement moves the counter.
    conversation = conversation_start()
    message_post(conversation=conversation, role="customer", text="first", client_id="c-1")

    with CaptureQueriesContext(connection) as queries:
        second, _ = message_post(
            conversation=conversation.pk, role="customer", text="second", client_id="c-2"
        )

    touching = [q["sql"] for q in queries.captured_queries if Conversation._meta.db_table in q["sql"]]
    assert len(touching) == 1, touching
    assert touching[0].lstrip().upper().startswith("UPDATE")
    assert second.seq == 2
    assert Conversation.objects.get(pk=conversation.pk).seq == 2


def test_a_chats_first_message_costs_as_many_statements_as_a_later_one(record_turns):
    # given a chat just started (its audit stream is opened with it)
    conversation = conversation_start()

    # when the customer writes twice
    with CaptureQueriesContext(connection) as first:
        message_post(conversation=conversation.pk, role="customer", text="first", client_id="c-1")
    with CaptureQueriesContext(connection) as second:
        message_post(conversation=conversation.pk, role="customer", text="second", client_id="c-2")

    # then the first message made no more statements than the second, and both are chained
    assert len(first) == len(second), [q["sql"] for q in first.captured_queries]
    assert [event.seq for event in events(conversation, AuditEvent.Kind.MESSAGE)] == [1, 2]
    assert list(audit_chain_breaks(stream=conversation_stream(conversation.pk))) == []


def test_visible_messages_are_numbered_without_gaps_and_a_refused_one_takes_no_number():
    conversation = conversation_start()
    first, _ = message_post(conversation=conversation, role="customer", text="one")
    note, _ = message_post(conversation=conversation, role="supervisor", text="note", internal=True)
    second, _ = message_post(conversation=conversation, role="agent", text="two")
    conversation_status_change(conversation=conversation, to=Conversation.Status.CLOSED, actor="test")

    with pytest.raises(ConversationClosed):
        message_post(conversation=conversation, role="customer", text="three")
    goodbye, _ = message_post(conversation=conversation, role="system", text="This chat has ended.")

    assert (first.seq, note.seq, second.seq, goodbye.seq) == (1, None, 2, 3)
    assert Conversation.objects.get(pk=conversation.pk).seq == 3
    assert conversation.seq == 3


def test_a_signed_in_customers_message_is_audited_as_that_customer():
    customer = Customer.objects.order_by("pk").first()
    conversation = conversation_start(customer=customer)

    message_post(conversation=conversation, role="customer", text="hello")

    (event,) = events(conversation, AuditEvent.Kind.MESSAGE)
    assert event.actor == f"customer:{customer.customer_id}"


def test_the_platform_may_still_say_something_in_a_closed_chat():
    conversation = closed_conversation()

    message, created = message_post(conversation=conversation, role="system", text="This chat has ended.")

    assert created is True
    assert message.role == "system"


def test_the_rest_api_and_the_websocket_refuse_a_closed_chat_with_the_same_error():
    from asgiref.sync import async_to_sync

    from apps.conversations.visitors import SESSION_KEY
    from tests.support.sockets import session_key_for, socket

    olivia = Customer.objects.get(customer_id=OLIVIA).user
    over_rest = closed_conversation(user=olivia)
    over_socket = closed_conversation()
    key = session_key_for(data={SESSION_KEY: over_socket.pk})
    client = APIClient()
    client.force_authenticate(olivia)

    response = client.post(f"/api/conversations/{over_rest.pk}/messages/", {"text": "hello?"})

    async def send_over_socket():
        ws = socket("/ws/chat/", key)
        await ws.connect()
        await ws.send_json_to({"type": "message", "text": "hello?", "client_id": "x"})
        while (frame := await ws.receive_json_from(timeout=3))["type"] != "error":
            pass
        await ws.disconnect()
        return frame

    frame = async_to_sync(send_over_socket)()

    assert response.status_code == 400
    assert response.json() == {"code": "conversation_closed", "message": ConversationClosed().message}
    assert (frame["code"], frame["message"]) == ("conversation_closed", ConversationClosed().message)
    assert not Message.objects.filter(conversation__in=[over_rest, over_socket]).exists()


def test_the_transition_tables_name_every_status():
    assert set(CONVERSATION_TRANSITIONS) == set(Conversation.Status.values)
    assert set(HANDOFF_TRANSITIONS) == set(Handoff.Status.values)
    assert set(CONVERSATION_STATUS_FOR) == set(Handoff.Status.values)


def test_a_status_change_is_audited_and_a_closed_chat_never_reopens():
    conversation = conversation_start()

    conversation_status_change(conversation=conversation, to="handoff", actor="agent", reason="router")
    conversation_status_change(conversation=conversation, to="handoff", actor="agent")  # no change, no event
    conversation_status_change(conversation=conversation, to="closed", actor="admin")
    with pytest.raises(InvalidTransition):
        conversation_status_change(conversation=conversation, to="active", actor="agent")

    changes = [
        (e.payload["from"], e.payload["to"], e.actor) for e in events(conversation, AuditEvent.Kind.STATUS)
    ]
    assert changes == [("active", "handoff", "agent"), ("handoff", "closed", "admin")]
    assert Conversation.objects.get(pk=conversation.pk).status == "closed"


def test_a_second_handoff_open_returns_the_open_one():
    conversation = conversation_start()

    first, created = handoff_open(
        conversation=conversation, reason="router", summary="a", context={}, actor="agent"
    )
    second, created_again = handoff_open(
        conversation=conversation, reason="guardrail", summary="b", context={}, actor="agent"
    )

    assert (created, created_again) == (True, False)
    assert second.pk == first.pk
    assert Handoff.objects.filter(conversation=conversation).count() == 1
    assert len(events(conversation, AuditEvent.Kind.HANDOFF)) == 1


def test_a_closed_chat_cannot_be_handed_off():
    conversation = closed_conversation()

    with pytest.raises(ConversationClosed):
        handoff_open(conversation=conversation, reason="router", summary="", context={}, actor="agent")

    assert not Handoff.objects.filter(conversation=conversation).exists()


def test_a_resolved_handoff_cannot_be_claimed_again_and_its_chat_stays_closed():
    staff = staff_accounts()
    conversation, handoff = escalated_conversation()
    handoff_resolve(handoff_id=handoff.pk, user=staff["admin"])
    handoff.refresh_from_db()

    with pytest.raises(InvalidTransition):
        handoff_status_change(handoff=handoff, to=Handoff.Status.CLAIMED, user=staff["admin"], action="claim")

    assert Handoff.objects.get(pk=handoff.pk).status == "resolved"
    assert Conversation.objects.get(pk=conversation.pk).status == "closed"


def test_the_customer_is_told_who_joined_by_first_name_never_by_username(monkeypatch):
    # given a supervisor whose account has a username and a first name, and one without a first name
    published = []
    monkeypatch.setattr(
        "apps.conversations.handoffs.handoff_publish_on_commit",
        lambda conversation_id, state, who="": published.append((state, who)),
    )
    staff = staff_accounts()
    named, unnamed = staff["supervisor1"], staff["supervisor2"]
    named.first_name, unnamed.first_name = "Maya", ""
    named.save()
    unnamed.save()
    _, first = escalated_conversation()
    _, second = escalated_conversation(text="where is my order?")

    # when each claims a chat
    handoff_claim(handoff_id=first.pk, user=named)
    handoff_claim(handoff_id=second.pk, user=unnamed)

    # then the chat hears a first name, or "Support", never "supervisor1"
    assert [(state, who) for state, who in published if state == "claimed"] == [
        ("claimed", "Maya"),
        ("claimed", "Support"),
    ]
