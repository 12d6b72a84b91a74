"""A turn reads its owed messages with their turn, conversation and customer in one query, and
gets exactly what the ORM's select_related gives."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.agent.models import AgentTurn
from apps.agent.owed import _messages_with_turn_and_conversation
from apps.commerce.models import Customer
from apps.conversations.models import Message
from apps.conversations.services import conversation_start, message_post
from tests.handoff_helpers import OLIVIA

pytestmark = pytest.mark.django_db


def fields(instance):
    return None if instance is None else {k: v for k, v in vars(instance).items() if k != "_state"}


def test_the_hand_written_read_matches_select_related(record_turns):
    # given a signed-in customer's message with a turn, and an anonymous one without
    signed_in = conversation_start(user=Customer.objects.get(customer_id=OLIVIA).user)
    answered, _ = message_post(conversation=signed_in, role="customer", text="where is my order?")
    AgentTurn.objects.create(message=answered, conversation=signed_in, route_label="order_status")
    anonymous = conversation_start()
    waiting, _ = message_post(conversation=anonymous, role="customer", text="hello")
    ids = [answered.pk, waiting.pk]

    # when both are read the hand-written way
    with CaptureQueriesContext(connection) as queries:
        read = _messages_with_turn_and_conversation(ids)
        no_turn = read[1]
        with pytest.raises(AgentTurn.DoesNotExist):
            _ = no_turn.turn

    # then in one query, with the same values as the ORM's
    assert len(queries) == 1
    expected = list(
        Message.objects.filter(id__in=ids).select_related("turn", "conversation__customer").order_by("id")
    )
    for mine, orm in zip(read, expected, strict=True):
        assert fields(mine) == fields(orm)
        assert fields(mine.conversation) == fields(orm.conversation)
        assert fields(mine.conversation.customer) == fields(orm.conversation.customer)
    assert fields(read[0].turn) == fields(expected[0].turn)
    assert read[0].conversation.customer.customer_id == OLIVIA
    assert read[1].conversation.customer is None
    assert read[0].conversation.state == {"signed_in": True}
