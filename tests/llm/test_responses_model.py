"""OpenAIResponsesModel through the real openai client against the loopback server, streamed and not."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest

from apps.llm.endpoint import RESPONSES, EndpointConfig
from apps.llm.responses_model import OpenAIResponsesModel
from apps.llm.types import PROVIDER_ITEMS, ModelUnavailable, Usage
from tests.llm.conftest import API_KEY
from tests.support.openai_server import Completion, ToolCall, text

SYSTEM = "You are the store's support agent."
MESSAGES = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "Where is #W1234567?"}]
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_order_details",
            "description": "Look up an order.",
            "parameters": {
                "type": "object",
                "properties": {"order_id": {"type": "string"}},
                "required": ["order_id"],
                "additionalProperties": False,
            },
            "strict": True,
        },
    }
]
LOOKUP = ToolCall("get_order_details", {"order_id": "#W1234567"})


@pytest.fixture(params=[False, True], ids=["whole", "streamed"])
def responses_model(request, openai_server):
    """Builds an OpenAIResponsesModel on the loopback server, streamed and not."""
    base = EndpointConfig(
        tier="reasoning",
        model="gpt-5-test",
        base_url=openai_server.base_url,
        api_key=API_KEY,
        timeout_seconds=5.0,
        max_retries=1,
        api=RESPONSES,
        reasoning_effort="medium",
        stream=request.param,
        input_price_per_million=Decimal("1.75"),
        output_price_per_million=Decimal("14.00"),
    )

    def build(**overrides):
        return OpenAIResponsesModel(replace(base, **overrides))

    return build


def test_the_request_is_stateless_with_strict_flat_tools_and_reasoning(openai_server, responses_model):
    openai_server.push(text("It shipped."))

    responses_model(extra_params={"store": True, "input": [], "temperature": 1}).complete(MESSAGES, TOOLS)

    (body,) = openai_server.requests
    assert body["instructions"] == SYSTEM
    assert body["input"] == [{"role": "user", "content": "Where is #W1234567?"}]
    assert body["store"] is False  # extra_params cannot turn storage on
    assert body["include"] == ["reasoning.encrypted_content"]
    assert body["reasoning"] == {"effort": "medium", "summary": "auto"}
    assert body["parallel_tool_calls"] is False
    assert body["temperature"] == 1
    assert body["tools"] == [
        {
            "type": "function",
            "name": "get_order_details",
            "description": "Look up an order.",
            "parameters": TOOLS[0]["function"]["parameters"],
            "strict": True,
        }
    ]


def test_without_an_effort_no_reasoning_is_asked_for(openai_server, responses_model):
    # given a tier whose model does not reason (reasoning parameters would be rejected)
    openai_server.push(text("Hi!"))

    responses_model(reasoning_effort="").complete(MESSAGES, [])

    (body,) = openai_server.requests
    assert "reasoning" not in body
    assert "include" not in body
    assert "tools" not in body
    assert "parallel_tool_calls" not in body


def test_a_text_answer_carries_usage_and_the_served_model(openai_server, responses_model):
    openai_server.push(text("It shipped yesterday.", usage=(1200, 300), model="gpt-5-test-2026-01-01"))

    reply = responses_model().complete(MESSAGES, TOOLS)

    assert (reply.content, reply.tool_call, reply.finish) == ("It shipped yesterday.", None, "stop")
    assert reply.usage == Usage(1200, 300)
    assert reply.model == "gpt-5-test-2026-01-01"
    assert reply.provider_items == ()  # nothing to carry: the turn ends with an answer


def test_a_preamble_is_the_thought_and_its_message_goes_back_with_its_phase(openai_server, responses_model):
    openai_server.push(Completion(content="Let me look that order up.", tool_calls=(LOOKUP,)))

    reply = responses_model().complete(MESSAGES, TOOLS)

    assert (reply.content, reply.thought_source) == ("Let me look that order up.", "text")
    assert reply.tool_call is not None
    assert json.loads(reply.tool_call.arguments) == {"order_id": "#W1234567"}
    (message,) = reply.provider_items
    assert (message["type"], message["phase"]) == ("message", "commentary")


def test_without_a_preamble_the_reasoning_summary_is_the_thought(openai_server, responses_model):
    openai_server.push(
        Completion(
            tool_calls=(LOOKUP,), reasoning_summary="Read the order first.", encrypted_reasoning="enc-1"
        )
    )

    reply = responses_model().complete(MESSAGES, TOOLS)

    assert (reply.content, reply.thought_source) == ("Read the order first.", "summary")
    (reasoning,) = reply.provider_items
    assert (reasoning["type"], reasoning["encrypted_content"]) == ("reasoning", "enc-1")


def test_a_call_with_no_preamble_and_no_summary_has_no_thought(openai_server, responses_model):
    openai_server.push(Completion(tool_calls=(LOOKUP,)))

    reply = responses_model().complete(MESSAGES, TOOLS)

    assert (reply.content, reply.thought_source) == (None, "")
    assert reply.tool_call is not None


def test_reasoning_that_was_not_returned_encrypted_is_not_carried(openai_server, responses_model):
    # given a tier without an effort, so the request does not ask for encrypted reasoning
    openai_server.push(Completion(tool_calls=(LOOKUP,), reasoning_summary="Why.", encrypted_reasoning="enc"))

    reply = responses_model(reasoning_effort="").complete(MESSAGES, TOOLS)

    # then the reasoning item is dropped: without storage the server could not resolve it
    assert reply.provider_items == ()
    assert reply.thought_source == "summary"


def test_the_transcript_becomes_input_items_with_provider_items_in_place(openai_server, responses_model):
    reasoning = {"type": "reasoning", "id": "rs_1", "summary": [], "encrypted_content": "enc-1"}
    transcript = [
        *MESSAGES,
        {
            "role": "assistant",
            "content": "Read the order first.",
            "tool_calls": [
                {"id": "c1", "type": "function", "function": {"name": "get_order_details", "arguments": "{}"}}
            ],
            PROVIDER_ITEMS: [reasoning],
        },
        {"role": "tool", "tool_call_id": "c1", "content": '{"status": "pending"}'},
        # a step replayed from storage after a redelivery: no provider items, its thought as text
        {
            "role": "assistant",
            "content": "Now the user.",
            "tool_calls": [
                {"id": "c2", "type": "function", "function": {"name": "get_user_details", "arguments": "{}"}}
            ],
        },
        {"role": "tool", "tool_call_id": "c2", "content": "{}"},
    ]
    openai_server.push(text("It is pending."))

    responses_model().complete(transcript, TOOLS)

    assert openai_server.requests[0]["input"][1:] == [
        reasoning,
        {"type": "function_call", "call_id": "c1", "name": "get_order_details", "arguments": "{}"},
        {"type": "function_call_output", "call_id": "c1", "output": '{"status": "pending"}'},
        {"role": "assistant", "content": "Now the user."},
        {"type": "function_call", "call_id": "c2", "name": "get_user_details", "arguments": "{}"},
        {"type": "function_call_output", "call_id": "c2", "output": "{}"},
    ]


@pytest.mark.parametrize(
    ("reply", "finish"),
    [
        (Completion(refusal="I can't help with that."), "refusal"),
        (text("Your order has", finish="length"), "length"),
        (text("Here is", finish="content_filter"), "content_filter"),
    ],
    ids=["refusal", "max_output_tokens", "content_filter"],
)
def test_how_the_reply_ended_is_reported(openai_server, responses_model, reply, finish):
    openai_server.push(reply)

    result = responses_model().complete(MESSAGES, TOOLS)

    assert result.finish == finish
    if finish == "refusal":
        assert result.content == "I can't help with that."


def test_the_chat_completions_model_drops_provider_items(openai_server, model_for):
    openai_server.push(text("ok"))
    transcript = [
        *MESSAGES,
        {"role": "assistant", "content": "earlier", PROVIDER_ITEMS: [{"type": "reasoning"}]},
    ]

    model_for().complete(transcript, [])

    assert openai_server.requests[0]["messages"][-1] == {"role": "assistant", "content": "earlier"}


def test_a_responses_stream_cut_before_its_last_event_is_unavailable(openai_server, responses_model):
    openai_server.push(text("It shipped yesterday.", stream_cut_after=4))

    with pytest.raises(ModelUnavailable, match="the stream ended before the reply was complete"):
        responses_model(stream=True).complete(MESSAGES, TOOLS)

    assert len(openai_server.requests) == 1
