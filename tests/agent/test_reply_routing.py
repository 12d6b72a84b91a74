"""Issue 9: a plain "no" to the agent's question is an answer, routed with the conversation,
never a hand-off (the real router, turn service, offline engine and store)."""

from __future__ import annotations

import pytest

from apps.agent.tasks import run_turn
from apps.audit.models import AuditEvent
from apps.audit.services import conversation_stream
from apps.commerce.models import Customer
from apps.conversations.models import Conversation, Handoff, Message
from apps.conversations.services import conversation_start, message_post


def _say(conversation: Conversation, text: str) -> str:
    message, _ = message_post(role="customer", conversation=conversation, text=text, enqueue_turn=False)
    run_turn.apply(args=(conversation.pk, message.pk))
    return Message.objects.filter(conversation=conversation, role="agent").latest("id").text


@pytest.mark.parametrize("reply", ["no", "nope", "No.", "no thanks"])
def test_no_to_the_agents_question_is_answered_not_handed_over(db, reply):
    user = Customer.objects.get(customer_id="olivia_ito_3591").user
    conversation = conversation_start(user=user, channel=Conversation.Channel.API)

    first = _say(conversation, "cancel order #W3657213 please")
    assert "?" in first  # the agent asked something (the reason, or to confirm)
    _say(conversation, reply)

    assert not Handoff.objects.filter(conversation=conversation).exists()
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.ACTIVE
    routes = AuditEvent.objects.filter(
        stream=conversation_stream(conversation.pk), kind=AuditEvent.Kind.ROUTE
    )
    assert routes.order_by("-id").first().payload["reason"] == "answer_to_agent"


def test_asking_for_a_person_after_a_question_still_hands_over(db):
    user = Customer.objects.get(customer_id="olivia_ito_3591").user
    conversation = conversation_start(user=user, channel=Conversation.Channel.API)

    _say(conversation, "cancel order #W3657213 please")
    _say(conversation, "no, I want to talk to a person")

    assert Handoff.objects.filter(conversation=conversation).exists()
