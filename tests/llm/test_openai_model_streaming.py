"""OpenAIChatModel streaming (the tier default), through the real openai client.

Streams are read whole and never shown as they arrive; what streaming buys is a timeout that
bounds the silence between two events, so a stall mid-reply falls back instead of hanging.
"""

from __future__ import annotations

import json

import pytest

from apps.llm.types import ModelUnavailable, Usage
from tests.support.openai_server import Completion, ToolCall, error, text, tool_call, tool_calls

MESSAGES = [{"role": "user", "content": "Can I get a refund?"}]
ANSWER = "Your refund of $54.04 is on its way to your card."


def test_a_streamed_answer_is_assembled_with_its_usage(openai_server, model_for):
    openai_server.push(text(ANSWER, usage=(900, 40)))

    reply = model_for(stream=True).complete(MESSAGES, [])

    assert reply.content == ANSWER
    assert reply.usage == Usage(900, 40)
    (body,) = openai_server.requests
    assert body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}


def test_streamed_tool_call_fragments_are_assembled(openai_server, model_for):
    arguments = {"order_id": "#W1234567", "reason": "no longer needed"}
    openai_server.push(tool_call("cancel_pending_order", arguments, arguments_chunk_size=5))

    reply = model_for(stream=True).complete(MESSAGES, [])

    assert reply.tool_call is not None
    assert reply.tool_call.name == "cancel_pending_order"
    assert reply.tool_call.id == "call_1"
    assert json.loads(reply.tool_call.arguments) == arguments
    assert reply.content is None
    assert reply.thought_source == ""


def test_streamed_malformed_arguments_and_extra_calls_pass_through(openai_server, model_for):
    openai_server.push(
        tool_calls(
            ToolCall("get_order_details", '{"order_id": "#W1', omit_id=True),
            ("get_user_details", {"user_id": "u1"}),
        )
    )

    reply = model_for(stream=True).complete(MESSAGES, [])

    assert reply.tool_call is not None
    assert reply.tool_call.name == "get_order_details"
    assert reply.tool_call.arguments == '{"order_id": "#W1'
    assert reply.tool_call.id.startswith("call_")
    assert reply.extra_tool_calls == 1


def test_thought_then_tool_call_in_one_stream(openai_server, model_for):
    openai_server.push(
        Completion(
            content="Checking your order.", tool_calls=(ToolCall("get_order_details", {"order_id": "#W1"}),)
        )
    )

    reply = model_for(stream=True).complete(MESSAGES, [])

    assert reply.content == "Checking your order."
    assert reply.thought_source == "text"
    assert reply.tool_call is not None
    assert json.loads(reply.tool_call.arguments) == {"order_id": "#W1"}


def test_a_stream_without_usage_counts_zero_tokens(openai_server, model_for):
    openai_server.push(text(ANSWER, usage=None))

    reply = model_for(stream=True).complete(MESSAGES, [])

    assert reply.content == ANSWER
    assert reply.usage == Usage(0, 0)


def test_stream_options_can_be_dropped_for_servers_that_reject_them(openai_server, model_for):
    openai_server.push(text(ANSWER))

    model_for(stream=True, extra_params={"stream_options": None}).complete(MESSAGES, [])

    assert "stream_options" not in openai_server.requests[0]


def test_an_error_before_the_stream_starts_is_retried(openai_server, model_for):
    openai_server.push(error(503, retry_after="0.01"), text(ANSWER))

    reply = model_for(stream=True).complete(MESSAGES, [])

    assert reply.content == ANSWER
    assert len(openai_server.requests) == 2


def test_a_stream_that_stalls_is_unavailable_and_not_replayed(openai_server, model_for):
    # given a stream whose chunks come slower than the read timeout
    openai_server.push(text(ANSWER, chunk_delay=1.0))

    with pytest.raises(ModelUnavailable, match="timed out"):
        model_for(stream=True, timeout_seconds=0.3).complete(MESSAGES, [])

    # then the partial reply is dropped and the request is not repeated: the tier falls back
    assert len(openai_server.requests) == 1


def test_a_stream_cut_before_its_end_is_unavailable(openai_server, model_for):
    # given a stream that stops after the role chunk and two words, without a finish reason
    openai_server.push(text(ANSWER, stream_cut_after=3))

    with pytest.raises(ModelUnavailable, match="the stream ended before the reply was complete"):
        model_for(stream=True).complete(MESSAGES, [])


def test_a_long_reply_that_keeps_streaming_outlives_a_short_timeout(openai_server, model_for):
    # given an answer whose words come steadily, each well within the 0.5 s timeout, but which
    # takes longer than the timeout altogether
    openai_server.push(text(" ".join(["word"] * 12), chunk_delay=0.06))

    reply = model_for(stream=True, timeout_seconds=0.5).complete(MESSAGES, [])

    assert reply.content == " ".join(["word"] * 12)
