"""Supervisors claiming one chat at the same moment, each on their own connection: exactly one wins."""

import threading

import pytest
from django.db import connections

from apps.audit.models import AuditEvent
from apps.audit.services import audit_chain_breaks, conversation_stream
from apps.conversations.handoffs import HandoffConflict, handoff_claim, handoff_open
from apps.conversations.models import Handoff
from apps.conversations.services import conversation_start
from tests.factories import CustomerFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def claim_at_once(handoff_id, users):
    """Each user claims in their own thread, all released together; returns (winner, refusals)."""
    barrier = threading.Barrier(len(users))
    won, refused = [], []

    def worker(user):
        try:
            barrier.wait(timeout=10)
            handoff = handoff_claim(handoff_id=handoff_id, user=user)
            won.append(handoff.claimed_by.username)
        except HandoffConflict as exc:
            refused.append(exc.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return won, refused


@pytest.mark.parametrize("supervisors", [2, 5])
def test_concurrent_claims_have_exactly_one_winner(supervisors):
    conversation = conversation_start(user=CustomerFactory().user)
    handoff, _ = handoff_open(
        actor="agent", conversation=conversation, reason="button", summary="a person, please", context={}
    )
    users = [UserFactory(is_staff=True) for _ in range(supervisors)]

    won, refused = claim_at_once(handoff.pk, users)

    assert len(won) == 1
    assert len(refused) == supervisors - 1
    assert all(message == f"Already claimed by {won[0]}." for message in refused)
    stored = Handoff.objects.get(pk=handoff.pk)
    assert (stored.status, stored.claimed_by.username) == ("claimed", won[0])
    stream = conversation_stream(conversation.pk)
    assert AuditEvent.objects.filter(stream=stream, kind="supervisor_action").count() == 1
    assert list(audit_chain_breaks(stream=stream)) == []
