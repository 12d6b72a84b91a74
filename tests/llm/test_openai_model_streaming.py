"""OpenAIChatModel with on_delta: streamed text and tool calls, through the real openai client."""

from __future__ import annotations

import itertools
import json
import threading

import pytest

from apps.llm.types import ModelUnavailable, Usage
from tests.support.openai_server import Completion, ToolCall, error, text, tool_call, tool_calls

MESSAGES = [{"role": "user", "content": "Can I get a refund?"}]
ANSWER = "Your refund of $54.04 is on its way to your card."


def test_each_delta_reaches_the_callback_before_the_next_word_is_sent(openai_server, model_for, monkeypatch):
    # given a server that sends each word of the answer only once the client has passed on every
    # word before it (in place of the server's wait between chunks)
    words = ["Your ", "refund ", "of ", "$54.04 ", "is ", "on ", "its ", "way ", "to ", "your ", "card."]
    received: list[str] = []
    arrived = threading.Condition()
    stalled: list[int] = []
    waits = itertools.count()  # wait 0 comes before the response; wait n before chunk n

    def send_the_next_chunk_once_the_client_caught_up(seconds: float) -> None:
        words_sent = min(max(next(waits) - 1, 0), len(words))  # chunk 0 only names the role
        with arrived:
            if not stalled and not arrived.wait_for(lambda: len(received) >= words_sent, timeout=2):
                stalled.append(words_sent)  # the client held the words back; stop waiting for it

    def on_delta(piece: str) -> None:
        with arrived:
            received.append(piece)
            arrived.notify_all()

    monkeypatch.setattr(openai_server, "_sleep", send_the_next_chunk_once_the_client_caught_up)
    openai_server.push(text(ANSWER, usage=(900, 40)))

    # when
    reply = model_for().complete(MESSAGES, [], on_delta=on_delta)

    # then every word was passed on as it arrived, before the next was sent, in order, and they add up
    # to the answer (bench/model_client.py measures the first word against the whole reply)
    assert stalled == []
    assert received == words
    assert "".join(received) == reply.content == ANSWER
    assert reply.usage == Usage(900, 40)
    (body,) = openai_server.requests
    assert body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}


def test_streamed_tool_call_fragments_are_assembled(openai_server, model_for):
    arguments = {"order_id": "#W1234567", "reason": "no longer needed"}
    openai_server.push(tool_call("cancel_pending_order", arguments, arguments_chunk_size=5))
    received: list[str] = []

    reply = model_for().complete(MESSAGES, [], on_delta=received.append)

    assert reply.tool_call is not None
    assert reply.tool_call.name == "cancel_pending_order"
    assert reply.tool_call.id == "call_1"
    assert json.loads(reply.tool_call.arguments) == arguments
    assert reply.content is None
    assert received == []  # no text, no deltas


def test_streamed_malformed_arguments_and_extra_calls_pass_through(openai_server, model_for):
    openai_server.push(
        tool_calls(
            ToolCall("get_order_details", '{"order_id": "#W1', omit_id=True),
            ("get_user_details", {"user_id": "u1"}),
        )
    )

    reply = model_for().complete(MESSAGES, [], on_delta=lambda piece: None)

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
    received: list[str] = []

    reply = model_for().complete(MESSAGES, [], on_delta=received.append)

    assert "".join(received) == reply.content == "Checking your order."
    assert reply.tool_call is not None
    assert json.loads(reply.tool_call.arguments) == {"order_id": "#W1"}


def test_a_stream_without_usage_counts_zero_tokens(openai_server, model_for):
    openai_server.push(text(ANSWER, usage=None))

    reply = model_for().complete(MESSAGES, [], on_delta=lambda piece: None)

    assert reply.content == ANSWER
    assert reply.usage == Usage(0, 0)


def test_stream_options_can_be_dropped_for_servers_that_reject_them(openai_server, model_for):
    openai_server.push(text(ANSWER))

    model_for(extra_params={"stream_options": None}).complete(MESSAGES, [], on_delta=lambda piece: None)

    assert "stream_options" not in openai_server.requests[0]


def test_an_error_before_the_stream_starts_is_retried(openai_server, model_for):
    openai_server.push(error(503, retry_after="0.01"), text(ANSWER))
    received: list[str] = []

    reply = model_for().complete(MESSAGES, [], on_delta=received.append)

    assert "".join(received) == reply.content == ANSWER
    assert len(openai_server.requests) == 2


def test_a_stream_that_stalls_is_unavailable(openai_server, model_for):
    # given a stream whose chunks come slower than the read timeout
    openai_server.push(text(ANSWER, chunk_delay=1.0))
    received: list[str] = []

    with pytest.raises(ModelUnavailable, match="timed out"):
        model_for(timeout_seconds=0.3).complete(MESSAGES, [], on_delta=received.append)

    # then it is not replayed: once a stream has begun, a retry could repeat text already shown
    assert received == []
    assert len(openai_server.requests) == 1
