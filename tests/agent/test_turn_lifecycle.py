"""The turn lifecycle: owed turns, the sweeper, the row-locked check, stale confirmations, lost assists."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.agent import services
from apps.agent.assist import assists_lost_report
from apps.agent.dispatch import assist_request
from apps.agent.models import AgentTurn
from apps.audit.models import AuditEvent
from apps.commerce.models import Order
from apps.conversations import events
from apps.conversations.handoffs import handoff_claim, handoff_open
from apps.conversations.models import Conversation, Handoff, Message, PendingTurn
from apps.conversations.services import message_post, pending_turns_redispatch
from tests.agent.scripted import ScriptedModel, call, say
from tests.handoff_helpers import escalated_conversation, staff_accounts

pytestmark = pytest.mark.django_db

CANCEL = {"order_id": "#W5442520", "reason": "no longer needed"}


def test_a_customer_message_is_owed_a_turn_until_one_finishes(
    signed_in_conversation, say_to, endpoints, route_as
):
    route_as("smalltalk")
    endpoints(fast=ScriptedModel([say("Hello!")]))

    stored, _ = message_post(role="customer", conversation=signed_in_conversation, text="hi")
    assert PendingTurn.objects.filter(message=stored).exists()

    services.turn_run(conversation_id=signed_in_conversation.pk, message_id=stored.pk, owner="w-1")

    assert not PendingTurn.objects.filter(message=stored).exists()
    assert AgentTurn.objects.get(message=stored).status == AgentTurn.Status.DONE


def test_the_sweeper_queues_again_an_owed_turn_nobody_answers(signed_in_conversation, monkeypatch):
    # given a message whose enqueue was lost, and another in a chat a live turn is answering
    queued = []
    monkeypatch.setattr(
        "apps.conversations.services.turn_dispatch",
        lambda conversation_id, message_id: queued.append(message_id),
    )
    lost, _ = message_post(role="customer", conversation=signed_in_conversation, text="hi")
    busy = Conversation.objects.create(
        turn_lease_owner="x", turn_lease_until=timezone.now() + timedelta(seconds=9)
    )
    running, _ = message_post(role="customer", conversation=busy, text="hello")
    assert pending_turns_redispatch() == []  # not due yet

    # when both are past due
    PendingTurn.objects.update(due_at=timezone.now() - timedelta(seconds=1))
    swept = pending_turns_redispatch()

    # then only the one nobody answers is queued again, and it is pushed back
    assert swept == queued == [lost.pk]
    assert PendingTurn.objects.get(message=lost).due_at > timezone.now()
    assert PendingTurn.objects.get(message=running).dispatches == 0


def test_a_resent_message_whose_enqueue_failed_is_queued_again(signed_in_conversation, monkeypatch):
    from django.db import transaction

    calls = []

    def broker_down(conversation_id, message_id):
        calls.append(message_id)
        raise ConnectionError("redis is down")

    monkeypatch.setattr("apps.conversations.services.turn_dispatch", broker_down)
    with transaction.atomic():
        stored, created = message_post(
            role="customer", conversation=signed_in_conversation, text="hi", client_id="c-1"
        )
    # the failed enqueue did not raise to the sender: the message is stored and owed
    assert created
    PendingTurn.objects.update(due_at=timezone.now())

    again, created_again = message_post(
        role="customer", conversation=signed_in_conversation, text="hi", client_id="c-1"
    )

    assert (again.pk, created_again) == (stored.pk, False)
    assert calls[-1] == stored.pk
    assert PendingTurn.objects.get(message=stored).dispatches == 1


def test_a_turn_stops_before_answering_when_a_person_took_the_chat(
    signed_in_conversation, endpoints, route_as
):
    # given the chat is handed to a person while the model is thinking
    route_as("smalltalk")

    def think(messages):
        handoff_open(
            conversation=Conversation.objects.get(pk=signed_in_conversation.pk),
            reason=Handoff.Reason.BUTTON,
            summary="pressed the button",
            context={},
            actor="customer",
        )
        return say("Hello from the agent")

    endpoints(fast=ScriptedModel([think]))
    message, _ = message_post(
        role="customer", conversation=signed_in_conversation, text="hi", enqueue_turn=False
    )

    report = services.turn_run(conversation_id=signed_in_conversation.pk, message_id=message.pk, owner="w")

    # then the agent says nothing more, and the turn is done
    assert report.replies == []
    assert not Message.objects.filter(conversation=signed_in_conversation, role="agent").exists()
    assert AgentTurn.objects.get(message=message).outcome == "human"


def test_a_turn_that_hands_off_after_a_person_took_over_opens_no_second_handoff(
    signed_in_conversation, endpoints, route_as
):
    route_as("smalltalk")

    def give_up(messages):
        handoff_open(
            conversation=Conversation.objects.get(pk=signed_in_conversation.pk),
            reason=Handoff.Reason.BUTTON,
            summary="pressed the button",
            context={},
            actor="customer",
        )
        return call("transfer_to_human_agents", {"summary": "cannot help"})

    endpoints(fast=ScriptedModel([give_up, say("unused")]))
    message, _ = message_post(
        role="customer", conversation=signed_in_conversation, text="hi", enqueue_turn=False
    )

    services.turn_run(conversation_id=signed_in_conversation.pk, message_id=message.pk, owner="w")

    assert Handoff.objects.filter(conversation=signed_in_conversation).count() == 1
    assert not Message.objects.filter(conversation=signed_in_conversation, role="agent").exists()


def test_a_write_is_not_run_once_the_turn_lost_its_lease(signed_in_conversation, endpoints, route_as, say_to):
    # given a proposal the customer agrees to
    route_as("transaction")
    endpoints(reasoning=ScriptedModel([call("cancel_pending_order", CANCEL), say("Shall I cancel it?")]))
    say_to(signed_in_conversation, "cancel #W5442520")

    # when another execution took the lease (this one's heartbeat failed) before the write
    def lose_lease(messages):
        Conversation.objects.filter(pk=signed_in_conversation.pk).update(turn_lease_owner="someone-else")
        return call("cancel_pending_order", CANCEL)

    endpoints(reasoning=ScriptedModel([lose_lease, say("Cancelled.")]))
    yes, _ = message_post(
        role="customer", conversation=signed_in_conversation, text="yes", enqueue_turn=False
    )
    with pytest.raises(services.LeaseLost):
        services.turn_run(conversation_id=signed_in_conversation.pk, message_id=yes.pk, owner="w")

    # then nothing was cancelled and nothing was said
    assert Order.objects.get(order_id="#W5442520").status == "pending"
    assert list(
        Message.objects.filter(conversation=signed_in_conversation, role="agent").values_list(
            "text", flat=True
        )
    ) == ["Shall I cancel it?"]


def test_a_yes_long_after_the_proposal_does_not_confirm_it(
    signed_in_conversation, endpoints, route_as, say_to, settings
):
    route_as("transaction")
    endpoints(reasoning=ScriptedModel([call("cancel_pending_order", CANCEL), say("Shall I cancel it?")]))
    first, _, _ = say_to(signed_in_conversation, "cancel #W5442520")
    # the proposal was made more than the confirmation window ago
    Message.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(minutes=6))
    settings.SUPPORTAGENT = {**settings.SUPPORTAGENT, "CONFIRMATION_TTL_SECONDS": 300}

    endpoints(reasoning=ScriptedModel([call("cancel_pending_order", CANCEL), say("Shall I cancel it?")]))
    say_to(signed_in_conversation, "yes")

    assert Order.objects.get(order_id="#W5442520").status == "pending"


def test_the_lease_holder_answers_a_message_stored_while_it_ran(signed_in_conversation, endpoints, route_as):
    # given a second message arrives (its own task turned away: the lease is taken) mid-turn
    route_as("smalltalk")
    later = []

    def first_answer(messages):
        message, _ = message_post(role="customer", conversation=signed_in_conversation, text="and another")
        later.append(message)
        return say("first answer")

    endpoints(fast=ScriptedModel([first_answer, say("second answer")]))
    message, _ = message_post(
        role="customer", conversation=signed_in_conversation, text="hi", enqueue_turn=False
    )

    report = services.turn_run(conversation_id=signed_in_conversation.pk, message_id=message.pk, owner="w")

    assert report.handled == [message.pk, later[0].pk]
    assert [m.text for m in report.replies] == ["first answer", "second answer"]


def test_a_lost_assist_is_reported_to_its_supervisor(monkeypatch, settings):
    # given an assist request whose task never ran (queued to a worker that died)
    staff = staff_accounts()
    conversation, handoff = escalated_conversation()
    handoff_claim(handoff_id=handoff.pk, user=staff["supervisor2"])
    settings.SUPPORTAGENT = {**settings.SUPPORTAGENT, "TURN_DISPATCH": "celery"}
    monkeypatch.setattr("apps.agent.dispatch.run_assist.delay", lambda *args: None)
    notices = []
    monkeypatch.setattr(events, "_group_send", lambda group, event: notices.append((group, event)))
    assist_request(conversation_id=conversation.pk, user=staff["supervisor2"], instruction="cancel #W5442520")
    assert assists_lost_report(older_than=60) == []  # not yet

    # when the sweeper looks after the request should have run
    reported = assists_lost_report(older_than=0)

    # then the supervisor is told, the trail says so, and a late delivery will not run it
    assert len(reported) == 1
    assert AgentTurn.objects.get(pk=reported[0]).outcome == "lost"
    ((group, notice),) = [n for n in notices if n[1]["type"] == "console.notice"]
    assert group == f"console.user.{staff['supervisor2'].pk}"
    assert notice["lost"] is True
    assert "lost" in notice["text"]
    assert AuditEvent.objects.filter(kind="supervisor_action", payload__action="assist_lost").count() == 1
    assert assists_lost_report(older_than=0) == []


def test_message_events_carry_the_conversations_sequence_number(signed_in_conversation):
    first, _ = message_post(
        role="customer", conversation=signed_in_conversation, text="one", enqueue_turn=False
    )
    second, _ = message_post(role="agent", conversation=signed_in_conversation, text="two")
    note, _ = message_post(
        role="system", conversation=signed_in_conversation, text="staff only", internal=True
    )

    assert (first.seq, second.seq, note.seq) == (1, 2, None)
    assert events.message_payload(second)["seq"] == 2
    assert Conversation.objects.get(pk=signed_in_conversation.pk).seq == 2


def test_two_owed_messages_in_one_run_each_start_from_what_the_turn_before_left(
    signed_in_conversation, endpoints, route_as, record_turns
):
    # given two customer messages owed at once (the second arrived while the first waited)
    route_as("smalltalk")
    endpoints(fast=ScriptedModel([say("Hello!"), say("Glad to help.")]))
    first, _ = message_post(role="customer", conversation=signed_in_conversation, text="hi there")
    second, _ = message_post(role="customer", conversation=signed_in_conversation, text="thanks a lot")

    # when one execution answers both
    report = services.turn_run(conversation_id=signed_in_conversation.pk, message_id=second.pk, owner="w-1")

    # then both are answered, and the second turn kept what the first one stored
    assert report.handled == [first.pk, second.pk]
    signed_in_conversation.refresh_from_db()
    summary = signed_in_conversation.state["summary"]
    assert "hi there" in summary
    assert "thanks a lot" in summary
