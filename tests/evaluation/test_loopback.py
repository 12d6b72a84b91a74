"""The whole harness against model endpoints: both tiers on loopback OpenAI-compatible servers
that answer from a script (with token usage), a rule-based customer, train task 0. The routed run
and the all-reasoning run are priced from the usage the servers report."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.support.openai_server import ScriptedOpenAIServer, text, tool_call

THINK = "Thought: this is the next step for the customer's return."
USAGE = (1000, 100)  # prompt and completion tokens of every scripted reply
PRICES = {"fast": (Decimal(1), Decimal(2)), "reasoning": (Decimal(10), Decimal(40))}  # per million
RETURN = {
    "order_id": "#W6067464",
    "item_ids": ["9624127908", "8917609800"],
    "payment_method_id": "credit_card_4190576",
}


def _text(content):
    if isinstance(content, str):
        return content
    return " ".join(part.get("text", "") for part in content or [])


def _transcript(body):
    """The request as [("user", text) | ("call", tool name) | ("tool", output)], whichever API
    (Chat Completions or Responses) the tier speaks."""
    if "messages" in body:
        lines = []
        for message in body["messages"]:
            if message["role"] == "user":
                lines.append(("user", _text(message["content"])))
            elif message["role"] == "tool":
                lines.append(("tool", _text(message["content"])))
            lines.extend(("call", call["function"]["name"]) for call in message.get("tool_calls") or [])
        return lines
    lines = []
    for item in body["input"]:
        if item.get("type") == "function_call":
            lines.append(("call", item["name"]))
        elif item.get("type") == "function_call_output":
            lines.append(("tool", item["output"]))
        elif item.get("role") == "user":
            lines.append(("user", _text(item["content"])))
    return lines


def agent_script(body):
    """A model that does task 0 properly: look the customer up, verify them with the emailed code,
    propose, act on yes, report, say bye."""
    transcript = _transcript(body)
    kind, said = transcript[-1]
    if kind == "tool":
        called = [name for kind, name in transcript if kind == "call"][-1]
        if called.startswith("find_user_id"):
            return tool_call("send_verification_code", {}, content=THINK, usage=USAGE)
        if called == "send_verification_code":
            return text("I've emailed you a 6-digit code; please type it here.", usage=USAGE)
        if called == "verify_identity_code":
            return tool_call("return_delivered_order_items", RETURN, content=THINK, usage=USAGE)
        if "confirmation required" in said:
            return text(
                "I can return the Electric Kettle and the Wall Clock from order #W6067464, refunded to "
                "your credit card. Shall I go ahead? (yes/no)",
                usage=USAGE,
            )
        return text(
            "Done: the return for order #W6067464 is requested. Anything else I can help with?", usage=USAGE
        )
    said = said.lower()
    code = re.search(r"\b\d{6}\b", said)
    if code:
        return tool_call("verify_identity_code", {"code": code.group()}, content=THINK, usage=USAGE)
    if said.startswith("yes"):
        return tool_call("return_delivered_order_items", RETURN, content=THINK, usage=USAGE)
    if "that's all" in said or "thank" in said or "bye" in said:
        return text("You're welcome. Goodbye!", usage=USAGE)
    who = {"first_name": "Omar", "last_name": "Anderson", "zip": "19031"}
    return tool_call("find_user_id_by_name_zip", who, content=THINK, usage=USAGE)


@pytest.fixture
def endpoints(monkeypatch):
    monkeypatch.setenv("LOOPBACK_KEY", "sk-loopback")
    with ScriptedOpenAIServer(agent_script) as fast, ScriptedOpenAIServer(agent_script) as reasoning:
        yield {"fast": fast, "reasoning": reasoning}


def tier_options(servers):
    options = []
    for tier, server in servers.items():
        input_price, output_price = PRICES[tier]
        options += [
            f"--tier={tier}.base_url={server.base_url}",
            f"--tier={tier}.api_key_env=LOOPBACK_KEY",
            f"--tier={tier}.max_retries=0",
            f"--tier={tier}.input_price_per_million={input_price}",
            f"--tier={tier}.output_price_per_million={output_price}",
        ]
    return options


def priced(tier, calls):
    input_price, output_price = PRICES[tier]
    return float(calls * (USAGE[0] * input_price + USAGE[1] * output_price) / 1_000_000)


def test_cost_per_tier_and_the_saving_against_all_reasoning_come_from_usage(endpoints, evaluate, tmp_path):
    common = ["--split", "train", "--tasks", "0", "--user", "scripted", *tier_options(endpoints)]

    # when the all-reasoning run, then the routed run against it, go through the loopback endpoints
    _, baseline = evaluate(*common, "--all-reasoning", output=tmp_path / "reasoning.json")
    calls = {tier: len(server.requests) for tier, server in endpoints.items()}
    lines, routed = evaluate(
        *common, "--baseline", str(tmp_path / "reasoning.json"), output=tmp_path / "routed.json"
    )
    routed_calls = {tier: len(server.requests) - calls[tier] for tier, server in endpoints.items()}

    # then both chats did the task through the model endpoints
    (base_record,), (record,) = baseline["records"], routed["records"]
    assert base_record["success"] is True
    assert record["success"] is True
    assert len(base_record["engines"]) == 1
    assert "offline" not in base_record["engines"]
    # all-reasoning: every call on the reasoning tier, priced at its rates
    assert calls["fast"] == 0
    assert calls["reasoning"] > 0
    assert set(base_record["usage"]) == {"reasoning"}
    assert base_record["usage"]["reasoning"]["calls"] == calls["reasoning"]
    assert base_record["usage"]["reasoning"]["input_tokens"] == calls["reasoning"] * USAGE[0]
    assert base_record["cost"] == pytest.approx(priced("reasoning", calls["reasoning"]))
    # routed: the goodbye went to the fast tier, everything else stayed on reasoning
    assert routed_calls["fast"] >= 1
    assert record["tiers"]["fast"] >= 1
    for tier in ("fast", "reasoning"):
        assert record["usage"][tier]["calls"] == routed_calls[tier]
        assert record["usage"][tier]["cost"] == pytest.approx(priced(tier, routed_calls[tier]))
    # the saving is the difference of the two runs' costs, and it is real
    saving = routed["summary"]["saving"]
    assert saving["matched"] == 1
    assert saving["baseline_cost"] == pytest.approx(base_record["cost"])
    assert saving["routed_cost"] == pytest.approx(record["cost"])
    assert saving["saved"] == pytest.approx(base_record["cost"] - record["cost"])
    assert saving["saved"] > 0
    # and the table shows cost per tier and the saving
    table = "\n".join(lines)
    assert any(line.split()[:2] == ["fast", str(routed_calls["fast"])] for line in lines)
    assert any(line.split()[:2] == ["reasoning", str(routed_calls["reasoning"])] for line in lines)
    assert f"{record['usage']['fast']['cost']:.6f}" in table
    assert "vs all-reasoning" in table
    assert f"{saving['saved']:.6f}" in table
    assert lines[-1] == "pass^1 1/1"


def test_a_model_can_play_the_customer_through_its_own_endpoint(endpoints, evaluate):
    # given a customer model that asks for the return, agrees to the summary, then ends the chat
    lines = [
        "Hi, I'm Omar Anderson, zip 19031. I'd like to return the kettle and the wall clock from #W6067464.",
        "Yes, please go ahead.",
        "###END###",
    ]
    with ScriptedOpenAIServer([text(line, usage=(200, 20)) for line in lines]) as customer:
        _, results = evaluate(
            "--split",
            "train",
            "--tasks",
            "0",
            "--user",
            "model",
            "--user-model",
            "customer-model",
            f"--user-base-url={customer.base_url}",
            "--user-key-env",
            "LOOPBACK_KEY",
            *tier_options(endpoints),
        )
        briefing = customer.requests[0]["messages"][0]["content"]

    (record,) = results["records"]
    assert record["success"] is True
    assert record["ended_by"] == "customer"
    said = [line["text"] for line in record["transcript"] if line["role"] == "customer"]
    # the customer read the emailed code from their inbox and typed it, between the two lines
    assert [said[0], said[2]] == lines[:2]
    assert re.fullmatch(r"The code is \d{6}\.", said[1])
    assert record["customer_usage"] == {"calls": 3, "input_tokens": 600, "output_tokens": 60}
    assert "Omar Anderson" in briefing  # the task's instruction, inside our briefing
    assert results["config"]["customer"]["kind"] == "model"
