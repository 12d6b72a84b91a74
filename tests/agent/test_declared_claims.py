"""Issue 9: answers declare their claims through structured output, and the checker verifies
each one and still reads the text for claims nobody declared (real `openai` client, loopback
server, turn service, gate and store)."""

from __future__ import annotations

import json

import pytest

from apps.agent.tiers import tier_get
from apps.audit.models import AuditEvent
from apps.audit.services import conversation_stream
from apps.conversations.models import Handoff
from apps.llm.answers import ANSWER_SCHEMA_NAME, answer_parse
from tests.support.openai_server import ScriptedOpenAIServer, text, tool_call

THINK = {"content": "Thought: I need the order to answer."}
PENDING = "#W5442520"


@pytest.fixture
def servers(db, monkeypatch):
    monkeypatch.setenv("CONTRACT_TEST_KEY", "sk-contract")
    with ScriptedOpenAIServer() as fast, ScriptedOpenAIServer() as reasoning:
        for name, server in (("fast", fast), ("reasoning", reasoning)):
            tier = tier_get(name)
            tier.base_url, tier.api_key_env = server.base_url, "CONTRACT_TEST_KEY"
            tier.timeout_seconds, tier.max_retries = 2, 0
            tier.save()
        yield {"fast": fast, "reasoning": reasoning}


def _answer(answer: str, claims: list[dict[str, str]]) -> str:
    return json.dumps({"answer": answer, "claims": claims})


def _guardrail(conversation) -> dict:
    return (
        AuditEvent.objects.filter(stream=conversation_stream(conversation.pk), kind="guardrail")
        .exclude(payload__verdict=None)
        .latest("id")
        .payload
    )


def test_both_clients_ask_for_the_strict_answer_schema(servers, signed_in_conversation, say_to, route_as):
    route_as("lookup")
    servers["fast"].push(text(_answer("Hello! How can I help?", [])))

    _, report, _ = say_to(signed_in_conversation, "hi")

    assert report.replies[0].text == "Hello! How can I help?"
    request = servers["fast"].requests[0]
    assert request["response_format"]["type"] == "json_schema"
    assert request["response_format"]["json_schema"]["strict"] is True
    assert request["response_format"]["json_schema"]["name"] == ANSWER_SCHEMA_NAME

    route_as("transaction")
    servers["reasoning"].push(text(_answer("Sure, which order?", [])))
    say_to(signed_in_conversation, "I want to change something")
    body = servers["reasoning"].requests[0]
    assert body["text"]["format"]["type"] == "json_schema"
    assert body["text"]["format"]["strict"] is True


def test_a_declared_claim_with_no_evidence_is_caught(servers, signed_in_conversation, say_to, route_as):
    route_as("lookup")
    claim = {"kind": "action", "object": PENDING, "value": "cancel", "tool_call": "call_nothing"}
    servers["fast"].push(
        tool_call("get_order_details", {"order_id": PENDING}, **THINK),
        text(_answer("Thanks for your patience, I have looked into it.", [claim])),
    )

    _, report, _ = say_to(signed_in_conversation, f"what's happening with {PENDING}?")

    payload = _guardrail(signed_in_conversation)
    assert payload["verdict"] == "block"
    assert any(c["text"].startswith("declared action") and not c["ok"] for c in payload["claims"])
    assert "patience" not in report.replies[0].text


def test_an_undeclared_claim_in_the_text_is_caught(servers, signed_in_conversation, say_to, route_as):
    route_as("lookup")
    servers["fast"].push(
        tool_call("get_order_details", {"order_id": PENDING}, **THINK),
        text(_answer(f"I've cancelled order {PENDING} for you.", [])),
    )

    _, report, _ = say_to(signed_in_conversation, f"status of {PENDING}?")

    payload = _guardrail(signed_in_conversation)
    assert payload["verdict"] == "block"
    assert any(c["kind"] == "action" and not c["ok"] for c in payload["claims"])
    assert "cancelled order" not in report.replies[0].text


def test_a_declared_claim_with_evidence_passes(servers, signed_in_conversation, say_to, route_as):
    route_as("lookup")
    servers["fast"].push(
        tool_call("get_order_details", {"order_id": PENDING}, **THINK),
        text(
            _answer(
                f"Order {PENDING} is pending.",
                [{"kind": "status", "object": PENDING, "value": "pending", "tool_call": ""}],
            )
        ),
    )

    _, report, _ = say_to(signed_in_conversation, f"status of {PENDING}?")

    assert report.replies[0].text == f"Order {PENDING} is pending."
    assert _guardrail(signed_in_conversation)["verdict"] == "pass"
    assert not Handoff.objects.filter(conversation=signed_in_conversation).exists()


def test_the_offline_engine_declares_its_writes(db):
    from apps.agent.tasks import run_turn
    from apps.commerce.models import Customer
    from apps.conversations.models import Conversation
    from apps.conversations.services import conversation_start, message_post

    conversation = conversation_start(user=Customer.objects.get(customer_id="olivia_ito_3591").user)
    for line in ("cancel #W3657213 please, I don't need it anymore", "yes"):
        message, _ = message_post(role="customer", conversation=conversation, text=line, enqueue_turn=False)
        run_turn.apply(args=(conversation.pk, message.pk))

    payload = _guardrail(conversation)
    declared = [c for c in payload["claims"] if c["text"].startswith("declared action")]
    assert declared
    assert all(c["ok"] for c in declared)
    assert "#W3657213" in declared[0]["text"]
    assert Conversation.objects.get(pk=conversation.pk).status == Conversation.Status.ACTIVE


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"answer": "Hi", "claims": []}', ("Hi", ())),
        ("plain text", ("plain text", None)),
        ('{"answer": 3}', ('{"answer": 3}', None)),
        ("{not json", ("{not json", None)),
        (
            '{"answer": "x", "claims": ["bad"]}',
            ("x", ({"kind": "", "object": "", "value": "bad", "tool_call": ""},)),
        ),
    ],
)
def test_answer_parse_reads_only_the_declared_shape(content, expected):
    assert answer_parse(content) == expected
