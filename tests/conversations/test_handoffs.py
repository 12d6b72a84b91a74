"""The handoff queue's services: claim, reply, hand back, close, and the SLA escalation."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.agent.selectors import conversation_for_console
from apps.audit.models import AuditEvent
from apps.audit.services import audit_chain_breaks, conversation_stream
from apps.conversations.handoff_selectors import (
    handoff_queue,
    handoff_queue_position,
    handoff_waiting_standings,
)
from apps.conversations.handoffs import (
    HandoffConflict,
    handoff_claim,
    handoff_priority_escalate_overdue,
    handoff_release,
    handoff_resolve,
    supervisor_reply,
)
from apps.conversations.models import Conversation, Handoff, Message, QueueSettings
from apps.core.errors import PermissionDenied
from tests.factories import UserFactory
from tests.handoff_helpers import escalated_conversation, staff_accounts

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return staff_accounts()


def supervisor_actions(conversation):
    return list(
        AuditEvent.objects.filter(
            stream=conversation_stream(conversation.pk), kind=AuditEvent.Kind.SUPERVISOR_ACTION
        ).values_list("payload__action", flat=True)
    )


def test_a_claim_takes_the_chat_and_is_audited(staff):
    conversation, handoff = escalated_conversation()

    claimed = handoff_claim(handoff_id=handoff.pk, user=staff["supervisor1"])

    assert claimed.status == Handoff.Status.CLAIMED
    assert claimed.claimed_by == staff["supervisor1"]
    assert claimed.claimed_at is not None
    assert supervisor_actions(conversation) == ["claim"]
    assert list(audit_chain_breaks(stream=conversation_stream(conversation.pk))) == []


def test_a_second_supervisor_is_told_who_has_the_chat(staff):
    _, handoff = escalated_conversation()
    handoff_claim(handoff_id=handoff.pk, user=staff["supervisor1"])

    with pytest.raises(HandoffConflict, match="Already claimed by supervisor1") as refused:
        handoff_claim(handoff_id=handoff.pk, user=staff["supervisor2"])

    assert refused.value.code == "already_claimed"
    assert Handoff.objects.get(pk=handoff.pk).claimed_by == staff["supervisor1"]


def test_claiming_your_own_chat_again_is_harmless(staff):
    conversation, handoff = escalated_conversation()
    handoff_claim(handoff_id=handoff.pk, user=staff["supervisor1"])

    again = handoff_claim(handoff_id=handoff.pk, user=staff["supervisor1"])

    assert again.claimed_by == staff["supervisor1"]
    assert supervisor_actions(conversation) == ["claim"]


def test_a_customer_cannot_claim(staff):
    _, handoff = escalated_conversation()

    with pytest.raises(PermissionDenied):
        handoff_claim(handoff_id=handoff.pk, user=UserFactory())

    assert Handoff.objects.get(pk=handoff.pk).status == Handoff.Status.WAITING


def test_the_claimer_replies_and_the_message_is_stored_once_per_client_id(staff):
    conversation, handoff = escalated_conversation()
    handoff_claim(handoff_id=handoff.pk, user=staff["supervisor1"])

    first, created = supervisor_reply(
        conversation_id=conversation.pk, user=staff["supervisor1"], text=" Hello, I'm here. ", client_id="c1"
    )
    again, created_again = supervisor_reply(
        conversation_id=conversation.pk, user=staff["supervisor1"], text="Hello, I'm here.", client_id="c1"
    )

    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    assert (first.role, first.text, first.author) == ("supervisor", "Hello, I'm here.", staff["supervisor1"])
    assert supervisor_actions(conversation) == ["claim", "reply"]


def test_only_the_claimer_or_an_admin_may_reply(staff):
    conversation, handoff = escalated_conversation()

    with pytest.raises(PermissionDenied, match="Claim this chat first"):
        supervisor_reply(conversation_id=conversation.pk, user=staff["supervisor1"], text="hi")
    handoff_claim(handoff_id=handoff.pk, user=staff["supervisor1"])
    with pytest.raises(PermissionDenied, match="claimed by supervisor1"):
        supervisor_reply(conversation_id=conversation.pk, user=staff["supervisor2"], text="hi")
    supervisor_reply(conversation_id=conversation.pk, user=staff["admin"], text="Admin here.")

    assert list(
        Message.objects.filter(conversation=conversation, role="supervisor").values_list("text", flat=True)
    ) == ["Admin here."]


def test_handing_back_gives_the_chat_to_the_agent_again(staff):
    conversation, handoff = escalated_conversation()
    handoff_claim(handoff_id=handoff.pk, user=staff["supervisor1"])

    handoff_release(handoff_id=handoff.pk, user=staff["supervisor1"])

    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.ACTIVE
    assert Handoff.objects.get(pk=handoff.pk).status == Handoff.Status.RELEASED
    assert handoff_queue() == []
    with pytest.raises(HandoffConflict):
        handoff_release(handoff_id=handoff.pk, user=staff["supervisor1"])


def test_closing_the_chat_closes_the_conversation(staff):
    conversation, handoff = escalated_conversation()
    handoff_claim(handoff_id=handoff.pk, user=staff["supervisor2"])

    with pytest.raises(PermissionDenied):
        handoff_resolve(handoff_id=handoff.pk, user=staff["supervisor1"])
    handoff_resolve(handoff_id=handoff.pk, user=staff["supervisor2"])

    conversation.refresh_from_db()
    handoff.refresh_from_db()
    assert conversation.status == Conversation.Status.CLOSED
    assert (handoff.status, handoff.resolved_at is not None) == (Handoff.Status.RESOLVED, True)
    with pytest.raises(HandoffConflict, match="already closed"):
        handoff_claim(handoff_id=handoff.pk, user=staff["supervisor1"])


def test_the_queue_lists_the_most_urgent_first_with_waiting_times(staff):
    _, routine = escalated_conversation()
    _, urgent = escalated_conversation(reason=Handoff.Reason.TOOL_FAILURES)
    Handoff.objects.filter(pk=urgent.pk).update(priority=1)
    Handoff.objects.filter(pk=routine.pk).update(created_at=timezone.now() - timedelta(minutes=3))

    queue = handoff_queue()

    assert [item["handoff"] for item in queue] == [urgent.pk, routine.pk]
    assert queue[1]["waiting_seconds"] >= 180
    assert queue[1]["customer_id"] == "olivia_ito_3591"


def test_every_waiting_chats_place_read_at_once_matches_its_own_read(staff):
    _, routine = escalated_conversation()
    urgent_chat, urgent = escalated_conversation(reason=Handoff.Reason.TOOL_FAILURES)
    later, _ = escalated_conversation()
    _, claimed = escalated_conversation()
    Handoff.objects.filter(pk=urgent.pk).update(priority=1)
    Handoff.objects.filter(pk=routine.pk).update(created_at=timezone.now() - timedelta(minutes=3))
    handoff_claim(handoff_id=claimed.pk, user=staff["supervisor1"])

    standings = handoff_waiting_standings()

    assert set(standings) == {routine.conversation_id, urgent_chat.pk, later.pk}
    assert standings[urgent_chat.pk][0] == 1
    assert standings[routine.conversation_id][0] == 2
    for conversation_id, (position, expected) in standings.items():
        own = handoff_queue_position(conversation_id)
        assert (position, expected) == (own["position"], own["expected_seconds"])


def test_the_console_view_shows_history_entities_and_handoff(staff):
    conversation, handoff = escalated_conversation()

    detail = conversation_for_console(conversation.pk)

    assert detail["handoff"]["handoff"] == handoff.pk
    assert detail["entities"]["customer_id"] == "olivia_ito_3591"
    assert detail["entities"]["order_ids"] == ["#W5866402"]
    assert [m["text"] for m in detail["messages"]] == ["I want a person"]
    assert detail["trace"] == []


def test_chats_waiting_longer_than_the_sla_are_raised_once_per_period(staff):
    QueueSettings.objects.update_or_create(pk=1, defaults={"sla_minutes": 5})
    _, overdue = escalated_conversation()
    _, fresh = escalated_conversation()
    Handoff.objects.filter(pk=overdue.pk).update(priority=3, created_at=timezone.now() - timedelta(minutes=6))
    now = timezone.now()

    first = handoff_priority_escalate_overdue(now=now)
    second = handoff_priority_escalate_overdue(now=now + timedelta(minutes=1))
    assert Handoff.objects.get(pk=fresh.pk).priority == 2
    third = handoff_priority_escalate_overdue(now=now + timedelta(minutes=5, seconds=1))
    fourth = handoff_priority_escalate_overdue(now=now + timedelta(minutes=30))

    assert (first, second, sorted(third), fourth) == ([overdue.pk], [], sorted([overdue.pk, fresh.pk]), [])
    assert Handoff.objects.get(pk=overdue.pk).priority == 1
    assert supervisor_actions(overdue.conversation) == ["priority_raised", "priority_raised"]


def test_a_claimed_chat_is_not_raised(staff):
    QueueSettings.objects.update_or_create(pk=1, defaults={"sla_minutes": 1})
    _, handoff = escalated_conversation()
    Handoff.objects.filter(pk=handoff.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    handoff_claim(handoff_id=handoff.pk, user=staff["supervisor1"])

    assert handoff_priority_escalate_overdue() == []


def test_the_beat_task_runs_the_escalation(staff):
    from apps.conversations.tasks import handoff_sla_escalate

    QueueSettings.objects.update_or_create(pk=1, defaults={"sla_minutes": 1})
    _, handoff = escalated_conversation()
    Handoff.objects.filter(pk=handoff.pk).update(created_at=timezone.now() - timedelta(minutes=2))

    assert handoff_sla_escalate.apply().get() == [handoff.pk]
