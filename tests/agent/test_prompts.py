"""The system prompt states the store's terms as the knowledge facts say them."""

import re

from apps.agent.prompts import system_prompt
from apps.llm.context import AgentContext
from tests.knowledge.edits import admin_deletes_fact, admin_edits_fact


def test_the_prompt_states_an_edited_refund_time(db):
    # given the prompt as seeded
    context = AgentContext(conversation_id=1)
    before = system_prompt("reasoning", context)

    # when an admin changes how long card and PayPal refunds take
    admin_edits_fact("refund-time-credit-card", value="3-4")
    admin_edits_fact("refund-time-paypal", value="3-4")
    after = system_prompt("reasoning", context)

    # then both tiers' prompts state the new time and no longer the old one
    assert "within 5-7 business days on a credit card" in before
    assert "within 3-4 business days on a credit card" in after
    assert "within 3-4 business days on PayPal" in after
    assert "5-7" not in after
    assert "5-7" not in system_prompt("fast", context)


def test_the_prompt_leaves_no_placeholder_and_renders_only_its_own_text(db):
    # given a customer who wrote braces that look like a placeholder
    context = AgentContext(conversation_id=1, summary="asked about {refund_time_paypal}")

    # when the prompt is built
    prompt = system_prompt("reasoning", context)

    # then the policy's terms are filled in and the customer's words are left as they were
    policy, _, known = prompt.partition("What is known about this conversation so far:")
    assert re.search(r"\{[a-z_]+(?::\w+)?\}", policy) is None
    assert "immediately on a gift card" in policy
    assert "{refund_time_paypal}" in known


def test_a_deleted_refund_time_is_not_replaced_by_a_figure(db):
    # given an admin deleted the credit card refund time
    admin_deletes_fact("refund-time-credit-card")

    # when the prompt is built
    prompt = system_prompt("reasoning", AgentContext(conversation_id=1))

    # then it points at the refund policy instead of stating a time of its own
    assert "within the time our refund policy states on a credit card" in prompt
    assert "within 5-7 business days on a credit card" not in prompt
