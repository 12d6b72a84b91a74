"""The Celery task is a thin interface: ids in, the turn service does the work."""

import pytest
from celery.exceptions import Retry

from apps.agent.tasks import run_turn
from apps.conversations.models import Message
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


def test_the_task_is_configured_for_at_least_once_delivery():
    assert run_turn.acks_late is True
    assert run_turn.reject_on_worker_lost is True
    assert run_turn.soft_time_limit < run_turn.time_limit


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
