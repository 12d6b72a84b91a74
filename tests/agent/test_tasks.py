"""The Celery task is a thin interface: ids in, the turn service does the work."""

from datetime import timedelta

from django.utils import timezone

from apps.agent.tasks import run_turn
from apps.conversations.leases import lease_token
from apps.conversations.models import Conversation, Message, PendingTurn
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


def test_a_task_that_finds_the_conversation_busy_leaves_the_message_owed_to_the_holder(
    signed_in_conversation,
):
    # given another execution holds the conversation, and the message is owed (a PendingTurn)
    # (inside the test's transaction the turn is never queued: on_commit does not run)
    message, _ = message_post(role="customer", conversation=signed_in_conversation, text="hi")
    assert conversation_lease_acquire(conversation_id=signed_in_conversation.pk, owner="other-worker")

    # when the task runs, it neither retries in a loop nor drops the message
    assert run_turn.apply(args=(signed_in_conversation.pk, message.pk), throw=True).get() == []

    # then the message is still owed: the holder (or the sweeper) answers it
    assert PendingTurn.objects.filter(message=message).exists()


def test_a_redelivered_copy_of_a_running_turn_cannot_enter_it(signed_in_conversation, endpoints, route_as):
    # given the task is acked late and rejected when its worker is lost, so the broker may deliver
    # it again under the same id while the first copy is still running and renewing its lease
    assert (run_turn.acks_late, run_turn.reject_on_worker_lost) == (True, True)
    route_as("smalltalk")
    endpoints(fast=ScriptedModel([say("Hello Olivia!")]))
    message, _ = message_post(
        role="customer", conversation=signed_in_conversation, text="hi", enqueue_turn=False
    )
    running = lease_token("task-t-1")
    assert conversation_lease_acquire(conversation_id=signed_in_conversation.pk, owner=running)

    # when the copy is delivered under the same task id, it leaves without answering
    assert run_turn.apply(args=(signed_in_conversation.pk, message.pk), task_id="t-1").get() == []
    assert not Message.objects.filter(conversation=signed_in_conversation, role="agent").exists()

    # and once the first copy's lease has run out (its worker died), a delivery answers it
    Conversation.objects.filter(pk=signed_in_conversation.pk).update(
        turn_lease_until=timezone.now() - timedelta(seconds=1)
    )
    handled = run_turn.apply(args=(signed_in_conversation.pk, message.pk), task_id="t-1").get()
    assert handled == [message.pk]
    signed_in_conversation.refresh_from_db()
    assert (signed_in_conversation.turn_lease_owner, signed_in_conversation.turn_lease_until) == ("", None)


def test_a_turns_lease_is_seconds_long_and_its_own(signed_in_conversation, endpoints, route_as):
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

    run_turn.apply(args=(signed_in_conversation.pk, message.pk), task_id="t-1").get()

    # then the lease carried a token of this execution (not the bare task id), and runs out within
    # seconds unless a heartbeat renews it, so a dead worker's turn is picked up quickly
    ((owner, until),) = leases
    assert owner.startswith("task-t-1-")
    assert owner != "t-1"
    assert until <= started + timedelta(seconds=60)


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
