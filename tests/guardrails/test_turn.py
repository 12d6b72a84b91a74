"""The guardrails on the database: evidence for a turn, edits seen at once, the audit record."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from apps.audit.models import AuditEvent
from apps.commerce.selectors import order_state
from apps.commerce.services import variant_price_change
from apps.guardrails.check import guard_answer
from apps.guardrails.turn import audit_guard_decision, evidence_for_turn
from apps.knowledge.models import Fact, GuardrailPolicy
from apps.knowledge.services import guardrail_policy_save, knowledge_row_save
from apps.tools.models import ToolCall


@pytest.fixture
def order(db):
    return order_state(order_id="#W2611340")


def test_a_changed_fact_changes_the_verdict_at_once(db):
    answer = "Standard shipping costs $5.99 per order."
    before = guard_answer(answer, evidence_for_turn(None, []))
    fee = Fact.objects.get(key="standard-shipping-fee")
    fee.value = "6.49"
    knowledge_row_save(row=fee, actor="admin:user#1")

    after = guard_answer(answer, evidence_for_turn(None, []))

    assert before.verdict == "pass"
    assert after.verdict == "repair"
    assert after.text == "Standard shipping costs $6.49 per order."


def test_a_changed_window_changes_the_verdict_at_once(db):
    window = Fact.objects.get(key="return-window-days")
    window.value = "45"
    knowledge_row_save(row=window, actor="admin:user#1")

    verdict = guard_answer("You can return delivered items within 30 days.", evidence_for_turn(None, []))

    assert verdict.text == "You can return delivered items within 45 days."


def test_a_changed_price_changes_the_verdict_at_once(db):
    # No order observed: the catalogue (the price facts, mirrored from the store) decides.
    answer = "The Office Chair in black fabric is $488.81."
    passed = guard_answer(answer, evidence_for_turn(None, []))
    variant_price_change(item_id="8426249116", price="450.00", actor="admin:user#1")

    after = guard_answer(answer, evidence_for_turn(None, []))
    new_price = guard_answer("The Office Chair in black fabric is $450.00.", evidence_for_turn(None, []))

    assert passed.verdict == "pass"
    assert after.verdict == "block"  # many chair variants: no single right figure to repair with
    assert new_price.verdict == "pass"


def test_the_conversations_stored_tool_calls_count_as_actions(db):
    ToolCall.objects.create(
        idempotency_key="k" * 64,
        conversation_ref="77",
        step=3,
        tool_name="cancel_pending_order",
        arguments={},
        principal={},
        ok=True,
    )

    elsewhere = guard_answer("I've cancelled your order.", evidence_for_turn(78, []))
    here = guard_answer("I've cancelled your order.", evidence_for_turn(77, []))

    assert (elsewhere.verdict, here.verdict) == ("block", "pass")


def test_the_admin_setting_decides_the_handoff(db):
    default = guard_answer("I've refunded your order.", evidence_for_turn(None, []))
    guardrail_policy_save(handoff_on_block=False, actor="admin:user#1")

    off = guard_answer("I've refunded your order.", evidence_for_turn(None, []))

    assert default.handoff is True
    assert off.handoff is False
    assert GuardrailPolicy.objects.get().handoff_on_block is False


def test_every_decision_is_audited_with_claims_and_evidence(order):
    evidence = evidence_for_turn(None, [order])
    verdict = guard_answer("The Water Bottle was $45.00.", evidence)

    audit_guard_decision(verdict, stream="conversation:5", actor="agent")

    event = AuditEvent.objects.filter(kind="guardrail", stream="conversation:5").get()
    assert event.payload["verdict"] == "repair"
    assert event.payload["sent"] == "The Water Bottle was $47.84."
    assert event.payload["original"] == "The Water Bottle was $45.00."
    assert event.payload["claims"] == [
        {
            "text": "$45.00",
            "kind": "price",
            "ok": False,
            "evidence": "the Water Bottle's observed price is $47.84",
            "repair": "$47.84",
        }
    ]


def test_check_answer_prints_one_json_line_per_answer(db, tmp_path, order):
    lines = [
        {"answer": "I've refunded your order.", "observations": [], "actions": []},
        {"answer": "I've refunded your order.", "actions": [{"name": "cancel_pending_order", "ok": True}]},
        {"answer": "The Water Bottle was $45.00.", "observations": [json.dumps(order, default=str)]},
        {"answer": "Refunds to PayPal take 10 business days.", "observations": [], "actions": []},
    ]
    path = tmp_path / "answers.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\nnot json\n")
    out = StringIO()

    call_command("check_answer", jsonl=str(path), stdout=out)

    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [row.get("verdict") for row in rows] == ["block", "pass", "repair", "repair", None]
    assert set(rows[0]) == {"verdict", "claims", "answer", "micros"}
    assert set(rows[0]["claims"][0]) == {"text", "kind", "ok", "evidence"}
    assert rows[0]["claims"][0]["kind"] == "action"
    assert rows[2]["answer"] == "The Water Bottle was $47.84."
    assert rows[3]["answer"] == "Refunds to PayPal take 5-7 business days."
    assert rows[4]["line"] == 5
    assert "error" in rows[4]
