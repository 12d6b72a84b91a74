"""The sweeper's query on PostgreSQL (row locks skipped, leases excluded)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.conversations.models import Conversation, PendingTurn
from apps.conversations.services import conversation_start, message_post, pending_turns_redispatch

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_sweeper_queues_again_an_owed_turn_on_postgresql(monkeypatch):
    queued = []
    monkeypatch.setattr(
        "apps.conversations.services.turn_dispatch",
        lambda conversation_id, message_id: queued.append(message_id),
    )
    lost, _ = message_post(role="customer", conversation=conversation_start(), text="hi")
    busy = conversation_start()
    message_post(role="customer", conversation=busy, text="hello")
    Conversation.objects.filter(pk=busy.pk).update(
        turn_lease_owner="x", turn_lease_until=timezone.now() + timedelta(seconds=9)
    )
    PendingTurn.objects.update(due_at=timezone.now() - timedelta(seconds=1))

    queued.clear()

    assert pending_turns_redispatch() == [lost.pk]
    assert queued == [lost.pk]
