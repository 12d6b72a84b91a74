"""The Celery task is a thin interface: ids in, the turn service does the work."""

from datetime import timedelta

import pytest
from celery.exceptions import Retry
from django.utils import timezone

from apps.agent.tasks import run_turn
from apps.conversations.models import Conversation, Message
from apps.conversations.services import conversation_lease_acquire, message_post
from tests.agent.scripted import ScriptedModel, say


def test_the_task_answers_a_message_once(signed_in_conversation, endpoints, route_as):
    route_as("smalltalk")
    endpoints(fast=ScriptedModel([say("Hello Olivia!"), say("unused")]))
    message, _ = message_post(
        role="customer", conversation=signed_in_conversation, text="hi", enqueue_turn=False
    )

    first = run_turn.apply(args=(signed_in_conversation.pk, message.pk), task_id="t-1").get()
    second = run_turn.apply(args=(signed_in_conversation.pk, message.pk), task_id="t-2").get()

    assert first == [message.pk]
    assert second == []
    assert list(
        Message.objects.filter(conversation=signed_in_conversation, role="agent").values_list(
            "text", flat=True
        )
    ) == ["Hello Olivia!"]


def test_the_task_waits_its_turn_when_another_worker_holds_the_conversation(signed_in_conversation):
    message, _ = message_post(
        role="customer", conversation=signed_in_conversation, text="hi", enqueue_turn=False
    )
    assert conversation_lease_acquire(conversation_id=signed_in_conversation.pk, owner="other-worker")

    with pytest.raises(Retry):
        run_turn.apply(args=(signed_in_conversation.pk, message.pk), throw=True)


def test_a_redelivered_task_takes_back_the_lease_its_lost_worker_held(
    signed_in_conversation, endpoints, route_as
):
    # given the task is acked late and rejected when its worker is lost, so the broker delivers it
    # again under the same id; and the lost worker still holds the conversation's lease
    assert (run_turn.acks_late, run_turn.reject_on_worker_lost) == (True, True)
    route_as("smalltalk")
    endpoints(fast=ScriptedModel([say("Hello Olivia!")]))
    message, _ = message_post(
        role="customer", conversation=signed_in_conversation, text="hi", enqueue_turn=False
    )
    assert conversation_lease_acquire(conversation_id=signed_in_conversation.pk, owner="t-1")

    # when the task is delivered again
    handled = run_turn.apply(args=(signed_in_conversation.pk, message.pk), task_id="t-1").get()

    # then it answers at once instead of waiting for its own lease to run out, and lets go of it
    assert handled == [message.pk]
    assert list(
        Message.objects.filter(conversation=signed_in_conversation, role="agent").values_list(
            "text", flat=True
        )
    ) == ["Hello Olivia!"]
    signed_in_conversation.refresh_from_db()
    assert (signed_in_conversation.turn_lease_owner, signed_in_conversation.turn_lease_until) == ("", None)


def test_the_lease_a_turn_holds_outlasts_the_tasks_hard_time_limit(
    signed_in_conversation, endpoints, route_as
):
    # given a model that notes the conversation's lease while the turn runs
    route_as("smalltalk")
    leases = []

    def answer(messages):
        lease = Conversation.objects.values_list("turn_lease_owner", "turn_lease_until")
        leases.append(lease.get(pk=signed_in_conversation.pk))
        return say("Hello Olivia!")

    endpoints(fast=ScriptedModel([answer]))
    message, _ = message_post(
        role="customer", conversation=signed_in_conversation, text="hi", enqueue_turn=False
    )
    started = timezone.now()

    # when the task runs
    run_turn.apply(args=(signed_in_conversation.pk, message.pk), task_id="t-1").get()

    # then it held the lease under its task id until after the worker would be killed, so no other
    # worker can start on the conversation while this one may still be answering
    ((owner, until),) = leases
    assert owner == "t-1"
    assert until >= started + timedelta(seconds=run_turn.time_limit)


def test_storing_a_message_queues_its_turn_after_commit(
    signed_in_conversation, endpoints, route_as, django_capture_on_commit_callbacks
):
    # the test settings run queued turns inline, once the message's transaction commits
    route_as("smalltalk")
    endpoints(fast=ScriptedModel([say("Hi there!")]))
    agent_messages = Message.objects.filter(conversation=signed_in_conversation, role="agent")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message_post(role="customer", conversation=signed_in_conversation, text="hello")
    assert agent_messages.count() == 0  # nothing runs inside the open transaction

    for callback in callbacks:
        callback()
    assert list(agent_messages.values_list("text", flat=True)) == ["Hi there!"]
