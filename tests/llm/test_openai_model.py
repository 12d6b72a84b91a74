"""OpenAIChatModel through the real openai client against the loopback server: replies and requests."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from apps.llm.openai_model import EndpointConfig, cost_of
from apps.llm.types import Usage
from tests.llm.conftest import API_KEY
from tests.support.openai_server import text, tool_call, tool_calls

MESSAGES = [
    {"role": "system", "content": "You are the store's support agent."},
    {"role": "user", "content": "Where is my order #W1234567?"},
]
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_order_details",
            "description": "Look up an order.",
            "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}}},
        },
    }
]


def test_text_reply_carries_usage_latency_model_and_cost(openai_server, model_for):
    # given a text answer from a dated snapshot, sent after 50 ms
    openai_server.push(
        text("It shipped yesterday.", usage=(1200, 300), model="gpt-test-2025-01-01", delay=0.05)
    )
    model = model_for()

    # when
    reply = model.complete(MESSAGES, [])

    # then
    assert reply.content == "It shipped yesterday."
    assert reply.tool_call is None
    assert reply.usage == Usage(input_tokens=1200, output_tokens=300)
    assert reply.latency_ms >= 50
    assert reply.model == "gpt-test-2025-01-01"
    assert model.name == "openai:gpt-test"
    # 1200 * $2 / 1M + 300 * $8 / 1M
    assert cost_of(reply.usage, model.config) == Decimal("0.004800")


def test_reply_without_usage_counts_zero_tokens(openai_server, model_for):
    openai_server.push(text("Hello!", usage=None))

    reply = model_for().complete(MESSAGES, [])

    assert reply.usage == Usage(0, 0)
    assert reply.model == "gpt-test"  # the server echoes the requested model


@pytest.mark.parametrize(
    "usage",
    [
        {"prompt_tokens": "many", "completion_tokens": -3},
        {"prompt_tokens": None, "completion_tokens": [7]},
        {"prompt_tokens": True, "completion_tokens": {"n": 1}},
        "not an object",
    ],
)
def test_an_odd_usage_block_counts_zero_and_keeps_the_answer(openai_server, model_for, usage):
    # given a server whose usage block is malformed (a proxy, a buggy compatible server)
    openai_server.push(text("Hello!", usage=None, extra_fields={"usage": usage}))

    reply = model_for().complete(MESSAGES, [])

    # then the answer stands and the odd counts are zero, not an error
    assert reply.content == "Hello!"
    assert reply.usage == Usage(0, 0)


def test_cost_is_quantized_to_six_places():
    config = EndpointConfig(
        tier="fast",
        model="m",
        api_key="k",
        input_price_per_million=Decimal("0.5"),
        output_price_per_million=Decimal("1.75"),
    )

    assert cost_of(Usage(1, 0), config) == Decimal("0.000001")  # 0.0000005 rounds half up
    assert cost_of(Usage(0, 3), config) == Decimal("0.000005")  # 0.00000525
    assert cost_of(Usage(0, 0), config) == Decimal("0.000000")


def test_tool_call_arguments_come_back_exactly_as_sent(openai_server, model_for):
    # given arguments with the model's own spacing, which re-serialising would change
    raw = '{ "order_id" : "#W1234567" }'
    openai_server.push(tool_call("get_order_details", raw, content="Let me check."))

    reply = model_for().complete(MESSAGES, TOOLS)

    assert reply.tool_call is not None
    assert reply.tool_call.name == "get_order_details"
    assert reply.tool_call.arguments == raw
    assert reply.tool_call.id == "call_1"
    assert reply.content == "Let me check."
    assert reply.extra_tool_calls == 0


def test_malformed_json_arguments_are_passed_through(openai_server, model_for):
    openai_server.push(tool_call("get_order_details", '{"order_id": "#W1'))

    reply = model_for().complete(MESSAGES, TOOLS)

    assert reply.tool_call is not None
    assert reply.tool_call.arguments == '{"order_id": "#W1'


def test_two_tool_calls_keep_the_first_and_count_the_rest(openai_server, model_for):
    openai_server.push(
        tool_calls(("get_order_details", {"order_id": "#W1"}), ("cancel_pending_order", {"order_id": "#W1"}))
    )

    reply = model_for().complete(MESSAGES, TOOLS)

    assert reply.tool_call is not None
    assert reply.tool_call.name == "get_order_details"
    assert json.loads(reply.tool_call.arguments) == {"order_id": "#W1"}
    assert reply.extra_tool_calls == 1


def test_unknown_tool_name_is_passed_through_for_the_gate_to_refuse(openai_server, model_for):
    openai_server.push(tool_call("drop_all_tables", {}))

    reply = model_for().complete(MESSAGES, TOOLS)

    assert reply.tool_call is not None
    assert reply.tool_call.name == "drop_all_tables"


def test_missing_tool_call_id_is_synthesised(openai_server, model_for):
    openai_server.push(tool_call("get_order_details", {"order_id": "#W1"}, omit_id=True))

    reply = model_for().complete(MESSAGES, TOOLS)

    assert reply.tool_call is not None
    assert reply.tool_call.id.startswith("call_")
    assert len(reply.tool_call.id) > len("call_")


def test_request_carries_model_messages_key_and_extra_params(openai_server, model_for):
    # given extra parameters, one this SDK has no keyword for, and one that tries to swap the model
    openai_server.push(text("ok"))
    model = model_for(
        extra_params={"reasoning_effort": "medium", "temperature": 0, "top_k": 20, "model": "other"}
    )

    model.complete(MESSAGES, [])

    (body,) = openai_server.requests
    assert body["model"] == "gpt-test"
    assert body["messages"] == MESSAGES
    assert body["reasoning_effort"] == "medium"
    assert body["temperature"] == 0
    assert body["top_k"] == 20
    assert "stream" not in body
    assert openai_server.request_headers[0]["authorization"] == f"Bearer {API_KEY}"


def test_tools_and_parallel_tool_calls_are_sent_only_with_tools(openai_server, model_for):
    openai_server.push(text("with tools"), text("without tools"))
    model = model_for()

    model.complete(MESSAGES, TOOLS)
    model.complete(MESSAGES, [])

    with_tools, without_tools = openai_server.requests
    assert with_tools["tools"] == TOOLS
    assert with_tools["parallel_tool_calls"] is False
    assert "tools" not in without_tools
    assert "parallel_tool_calls" not in without_tools


@pytest.mark.parametrize(("override", "expected"), [(None, "absent"), (True, True)])
def test_parallel_tool_calls_can_be_overridden(openai_server, model_for, override, expected):
    openai_server.push(text("ok"))

    model_for(extra_params={"parallel_tool_calls": override}).complete(MESSAGES, TOOLS)

    assert openai_server.requests[0].get("parallel_tool_calls", "absent") == expected


def test_models_with_the_same_endpoint_share_one_client(openai_server, model_for):
    # Tiers build a model per turn; the connection pool should survive that.
    assert model_for()._client is model_for()._client
    assert model_for()._client is not model_for(api_key="sk-other")._client


def test_an_empty_key_is_refused_rather_than_read_from_the_environment():
    with pytest.raises(ValueError, match="api_key"):
        EndpointConfig(tier="fast", model="gpt-test", api_key="")


def test_a_reply_is_read_from_its_json_without_building_the_sdks_models(
    openai_server, model_for, monkeypatch
):
    # given the SDK's response models cannot be built (they cost a third of its CPU per call)
    from openai import _base_client

    def no_models(*args, **kwargs):
        raise AssertionError("the reply went through the SDK's models")

    monkeypatch.setattr(_base_client.BaseClient, "_process_response_data", no_models)
    openai_server.push(tool_call("get_order_details", {"order_id": "#W1234567"}, usage=(10, 5)))

    # when
    reply = model_for().complete(MESSAGES, TOOLS)

    # then the call, its arguments and the usage come back as before
    assert reply.tool_call is not None
    assert reply.tool_call.name == "get_order_details"
    assert json.loads(reply.tool_call.arguments) == {"order_id": "#W1234567"}
    assert reply.usage == Usage(input_tokens=10, output_tokens=5)
