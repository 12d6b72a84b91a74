"""A forced tier (the evaluation's all-reasoning arm): same classification and rules, one tier,
except for what the rules give to a person."""

from __future__ import annotations

import pytest

from apps.audit.models import AuditEvent
from apps.routing.decisions import route_decide, route_message


@pytest.mark.parametrize("text", ["hi there", "what is your return policy", "where is my order #W1234567"])
def test_a_forced_tier_takes_messages_the_router_sends_to_the_fast_tier(stored_router, text):
    routed = route_decide(text)

    forced = route_decide(text, forced_tier="reasoning")

    assert routed.tier == "fast"
    assert (forced.label, forced.tier, forced.reason) == (routed.label, "reasoning", "forced")
    assert forced.scores == routed.scores


def test_a_request_for_a_person_still_reaches_one(stored_router):
    decision = route_decide("get me a human", forced_tier="reasoning")

    assert decision.tier == "human"
    assert decision.reason != "forced"


def test_the_forced_tier_is_audited_with_its_reason(stored_router):
    route_message("hi there", conversation_id=7, forced_tier="reasoning")

    event = AuditEvent.objects.get(stream="conversation:7", kind="route")
    assert (event.payload["tier"], event.payload["reason"]) == ("reasoning", "forced")


def test_only_a_model_tier_can_be_forced(stored_router):
    with pytest.raises(ValueError, match="forced_tier"):
        route_decide("hi there", forced_tier="human")
