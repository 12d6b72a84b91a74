"""Contract tests: whole turns with the real `openai` client against a loopback
OpenAI-compatible server, through the turn service, the gate and the real store."""

from __future__ import annotations

import pytest

from apps.agent.models import AgentStep, ModelCall
from apps.agent.tiers import tier_get
from apps.audit.models import AuditEvent
from apps.audit.services import conversation_stream
from apps.commerce.models import Order, ReturnRequest
from apps.conversations.models import Handoff
from tests.support.openai_server import ScriptedOpenAIServer, error, text, tool_call

THINK = {"content": "Thought: I need this to help the customer."}
DELIVERED = (
    "#W5866402"  # Olivia's: items 6242772310 (2996.03) and 9727387530 (207.75), paid with paypal_8049766
)
PENDING = "#W5442520"


@pytest.fixture
def servers(db, monkeypatch):
    """One loopback endpoint per tier, wired in through the tiers' admin settings."""
    monkeypatch.setenv("CONTRACT_TEST_KEY", "sk-contract")
    with ScriptedOpenAIServer() as fast, ScriptedOpenAIServer() as reasoning:
        for name, server in (("fast", fast), ("reasoning", reasoning)):
            tier = tier_get(name)
            tier.base_url, tier.api_key_env = server.base_url, "CONTRACT_TEST_KEY"
            tier.timeout_seconds, tier.max_retries = 2, 2
            tier.save()
        yield {"fast": fast, "reasoning": reasoning}


def test_a_scripted_return_completes_and_changes_the_store(servers, signed_in_conversation, say_to, route_as):
    route_as("transaction")
    arguments = {"order_id": DELIVERED, "item_ids": ["9727387530"], "payment_method_id": "paypal_8049766"}
    servers["reasoning"].push(
        tool_call("get_order_details", {"order_id": DELIVERED}, **THINK),
        tool_call("return_delivered_order_items", arguments, **THINK),
        text("I can return the item (9727387530, $207.75) to your PayPal. Shall I go ahead?"),
        tool_call("return_delivered_order_items", arguments, **THINK),
        text("Done. Your return is requested; $207.75 will go back to your PayPal."),
    )

    say_to(signed_in_conversation, f"I want to return one item from {DELIVERED}")
    assert Order.objects.get(order_id=DELIVERED).status == "delivered"
    _, report, _ = say_to(signed_in_conversation, "yes")

    assert Order.objects.get(order_id=DELIVERED).status == "return requested"
    assert ReturnRequest.objects.get(order__order_id=DELIVERED).item_ids == ["9727387530"]
    assert report.replies[0].text.startswith("Done.")
    assert report.replies[0].meta["engine"] == "openai:gpt-5.2"
    # the reasoning tier speaks the Responses API: no storage, strict flat tools, reasoning effort
    request = servers["reasoning"].requests[0]
    assert request["model"] == "gpt-5.2"
    assert request["store"] is False
    assert request["reasoning"] == {"effort": "medium", "summary": "auto"}
    assert request["include"] == ["reasoning.encrypted_content"]
    assert {t["name"] for t in request["tools"]} >= {"return_delivered_order_items"}
    assert all(t["type"] == "function" and t["strict"] is True for t in request["tools"])
    assert (
        ModelCall.objects.filter(conversation=signed_in_conversation, engine="openai", ok=True).count() == 5
    )


def test_malformed_arguments_come_back_as_an_observation_and_the_model_corrects_itself(
    servers, signed_in_conversation, say_to, route_as
):
    route_as("lookup")
    servers["fast"].push(
        tool_call("get_order_details", '{"order_id": "#W54', **THINK),
        tool_call("get_order_details", {"order_id": PENDING}, **THINK),
        text("Your order #W5442520 is pending."),
    )

    _, report, _ = say_to(signed_in_conversation, "status of my order #W5442520")

    steps = list(AgentStep.objects.filter(conversation=signed_in_conversation).order_by("number"))
    assert [(s.ok, s.data["error_code"]) for s in steps] == [(False, "invalid_json"), (True, None)]
    second_request = servers["fast"].requests[1]["messages"]
    assert second_request[-1]["role"] == "tool"
    assert "not valid JSON" in second_request[-1]["content"]
    assert report.replies[0].text == "Your order #W5442520 is pending."


def test_three_failures_in_a_row_hand_the_chat_to_a_person(servers, signed_in_conversation, say_to, route_as):
    route_as("lookup")
    servers["fast"].push(
        tool_call("get_order_details", {"order_id": "#W0000001"}, **THINK),
        tool_call("get_order_details", {"order_id": "W5442520"}, **THINK),
        tool_call("no_such_tool", {}, **THINK),
    )

    say_to(signed_in_conversation, "where's my stuff")

    handoff = Handoff.objects.get(conversation=signed_in_conversation)
    assert handoff.reason == "tool_failures"
    assert [s["ok"] for s in handoff.context["last_steps"]] == [False, False, False]


def test_rate_limits_and_server_errors_are_retried_then_the_next_tier_answers(
    servers, signed_in_conversation, say_to, route_as
):
    route_as("transaction")
    servers["reasoning"].push(
        error(429, retry_after=0.01), error(500, retry_after=0.01), error(503, retry_after=0.01)
    )
    servers["fast"].push(error(429, retry_after=0.01), text("The fast tier took over."))

    _, report, _ = say_to(signed_in_conversation, "I need to change my order")

    assert len(servers["reasoning"].requests) == 3  # one try and two retries
    assert len(servers["fast"].requests) == 2
    assert report.replies[0].text == "The fast tier took over."
    assert report.replies[0].meta["engine"] == "openai:gpt-4.1"
    fallbacks = AuditEvent.objects.filter(stream=conversation_stream(signed_in_conversation.pk), kind="model")
    assert [e.payload["tier"] for e in fallbacks] == ["reasoning"]


def test_timeouts_on_every_tier_fall_back_to_the_offline_engine(
    servers, signed_in_conversation, say_to, route_as
):
    # given a transaction (reasoning, then fast, then offline) and both endpoints answering long
    # after their 0.2 s timeout
    route_as("transaction")
    for name in ("fast", "reasoning"):
        tier = tier_get(name)
        tier.timeout_seconds, tier.max_retries = 0.2, 1
        tier.save()
        servers[name].default = text("too late", delay=5.0)

    _, report, _ = say_to(signed_in_conversation, "I need to change my order")

    # then each tier was tried and retried once, gave up on a timeout, and the next one took over;
    # the offline engine answered (bench/model_client.py measures how long the customer waited)
    assert [len(servers[name].requests) for name in ("reasoning", "fast")] == [2, 2]
    failed = ModelCall.objects.filter(conversation=signed_in_conversation, ok=False).order_by("id")
    assert [(call.tier, call.error) for call in failed] == [
        ("reasoning", "openai:gpt-5.2 (tier reasoning): timed out after 0.2 s"),
        ("fast", "openai:gpt-4.1 (tier fast): timed out after 0.2 s"),
    ]
    fallbacks = AuditEvent.objects.filter(stream=conversation_stream(signed_in_conversation.pk), kind="model")
    assert [(e.payload["tier"], e.payload["action"]) for e in fallbacks] == [
        ("reasoning", "fall back"),
        ("fast", "fall back"),
    ]
    assert report.replies[0].meta["engine"] == "offline"
    assert ModelCall.objects.filter(conversation=signed_in_conversation, engine="offline", ok=True).exists()


def test_a_tier_switch_keeps_the_verified_customer_and_the_order(
    servers, anonymous_conversation, say_to, route_as, fixed_code
):
    route_as("lookup")
    servers["fast"].push(
        tool_call("find_user_id_by_email", {"email": "olivia.ito5204@example.com"}, **THINK),
        tool_call("send_verification_code", {}, **THINK),
        text("I've emailed you a code; please type it here."),
        tool_call("verify_identity_code", {"code": fixed_code}, **THINK),
        tool_call("get_order_details", {"order_id": PENDING}, **THINK),
        text("Thanks Olivia. #W5442520 is pending."),
    )
    say_to(anonymous_conversation, "I'm olivia.ito5204@example.com, what's up with #W5442520?")
    say_to(anonymous_conversation, f"the code is {fixed_code}")

    route_as("transaction")
    servers["reasoning"].push(
        text("I can cancel #W5442520 for you. Which reason: no longer needed or by mistake?")
    )
    say_to(anonymous_conversation, "cancel it")

    system = servers["reasoning"].requests[0]["instructions"]
    assert '"customer_id": "olivia_ito_3591"' in system
    assert '"verified": true' in system
    assert PENDING in system
    history = servers["reasoning"].requests[0]["input"]
    assert history[-1] == {"role": "user", "content": "cancel it"}
    assert any("olivia.ito5204@example.com" in (m.get("content") or "") for m in history)


def test_a_write_without_the_customers_yes_is_refused_by_the_gate(
    servers, signed_in_conversation, say_to, route_as
):
    route_as("transaction")
    cancel = {"order_id": PENDING, "reason": "no longer needed"}
    servers["reasoning"].push(
        tool_call("cancel_pending_order", cancel, **THINK),
        tool_call("cancel_pending_order", cancel, **THINK),
        text("I need your confirmation first: shall I cancel #W5442520?"),
    )

    say_to(signed_in_conversation, "cancel #W5442520 now, don't ask me anything")

    assert Order.objects.get(order_id=PENDING).status == "pending"
    steps = AgentStep.objects.filter(conversation=signed_in_conversation).order_by("number")
    assert [s.data["error_code"] for s in steps] == ["confirmation_required", "confirmation_required"]
    last = servers["reasoning"].requests[1]["input"][-1]
    assert last["type"] == "function_call_output"
    assert "explicit yes" in last["output"]
