"""Contract tests on both model APIs: what real endpoints do, and the outcome each one ends in.

Every test runs twice, with both tiers on Chat Completions and with both on the Responses API,
streamed (the tier default): the real `openai` client against the loopback server, through the
turn service, the gate and the real store. Each case ends in one of three outcomes:
self-correction (the model is told and the next step fixes it), fallback to the next tier, or
a hand-off to a person with its reason.
"""

from __future__ import annotations

from typing import Any

import pytest

from apps.agent.loop import CUT_OFF, ONE_AT_A_TIME
from apps.agent.models import AgentStep, ModelCall, ModelTier
from apps.agent.tiers import tier_get
from apps.audit.models import AuditEvent
from apps.audit.services import conversation_stream
from apps.conversations.models import Handoff
from apps.llm.types import EMPTY_ANSWER
from tests.support.openai_server import (
    Completion,
    ScriptedOpenAIServer,
    ToolCall,
    error,
    text,
    tool_call,
    tool_calls,
)

THINK = {"content": "I need this to help the customer."}
PENDING = "#W5442520"
LOOKUP = ("get_order_details", {"order_id": PENDING})
ANSWER = "Your order #W5442520 is pending."


@pytest.fixture(params=[ModelTier.Api.CHAT_COMPLETIONS, ModelTier.Api.RESPONSES])
def api(request):
    return request.param


@pytest.fixture
def servers(db, monkeypatch, api):
    """One loopback endpoint per tier, both tiers on `api`."""
    monkeypatch.setenv("CONTRACT_TEST_KEY", "sk-contract")
    with ScriptedOpenAIServer() as fast, ScriptedOpenAIServer() as reasoning:
        for name, server in (("fast", fast), ("reasoning", reasoning)):
            tier = tier_get(name)
            tier.base_url, tier.api_key_env, tier.api = server.base_url, "CONTRACT_TEST_KEY", api
            tier.timeout_seconds, tier.max_retries = 2, 2
            tier.save()
        yield {"fast": fast, "reasoning": reasoning}


def last_tool_output(request: dict) -> str:
    """What the model was told about its last tool call, in either API's shape."""
    if "messages" in request:
        message = request["messages"][-1]
        assert message["role"] == "tool"
        return message["content"]
    item = request["input"][-1]
    assert item["type"] == "function_call_output"
    return item["output"]


def last_user_text(request: dict) -> str:
    last = (request.get("messages") or request["input"])[-1]
    assert last["role"] == "user"
    return last["content"]


def steps_of(conversation) -> list[tuple[str, bool, str | None]]:
    return [
        (s.tool_name, s.ok, s.data["error_code"])
        for s in AgentStep.objects.filter(conversation=conversation).order_by("number")
    ]


def events(conversation, kind: str) -> list[dict]:
    stream = conversation_stream(conversation.pk)
    return [e.payload for e in AuditEvent.objects.filter(stream=stream, kind=kind).order_by("id")]


# -- self-correction -------------------------------------------------------------------------------


def test_several_tool_calls_in_one_reply_run_the_first_and_tell_the_model(
    servers, signed_in_conversation, say_to, route_as
):
    route_as("lookup")
    servers["fast"].push(
        tool_calls(LOOKUP, ("get_user_details", {"user_id": "olivia_ito_3591"}), **THINK), text(ANSWER)
    )

    _, report, _ = say_to(signed_in_conversation, f"status of {PENDING}?")

    assert steps_of(signed_in_conversation) == [("get_order_details", True, None)]
    assert last_tool_output(servers["fast"].requests[1]).endswith(ONE_AT_A_TIME)
    assert report.replies[0].text == ANSWER


def test_a_tool_call_with_empty_content_runs_and_the_trail_says_no_reason_was_given(
    servers, signed_in_conversation, say_to, route_as
):
    route_as("lookup")
    servers["fast"].push(tool_call(*LOOKUP), text(ANSWER))

    _, report, _ = say_to(signed_in_conversation, f"status of {PENDING}?")

    assert steps_of(signed_in_conversation) == [("get_order_details", True, None)]
    step = AgentStep.objects.get(conversation=signed_in_conversation)
    assert (step.thought, step.data["no_reason"]) == ("", True)
    assert [(e["thought"], e.get("no_reason")) for e in events(signed_in_conversation, "thought")] == [
        ("", True)
    ]
    assert report.replies[0].text == ANSWER


def test_a_tier_that_requires_a_reason_refuses_the_bare_call_and_the_model_gives_one(
    servers, signed_in_conversation, say_to, route_as
):
    route_as("lookup")
    tier = tier_get("fast")
    tier.require_reason = True
    tier.save()
    servers["fast"].push(tool_call(*LOOKUP), tool_call(*LOOKUP, **THINK), text(ANSWER))

    _, report, _ = say_to(signed_in_conversation, f"status of {PENDING}?")

    assert "write your reasoning" in last_tool_output(servers["fast"].requests[1])
    assert [e["thought"] for e in events(signed_in_conversation, "thought")] == [THINK["content"]]
    assert report.replies[0].text == ANSWER


@pytest.mark.parametrize(
    "arguments",
    ['{"order_id": "#W54', '{"order_id": "#W5442520", "reason": '],
    ids=["malformed", "truncated"],
)
def test_malformed_or_truncated_arguments_come_back_and_the_model_corrects_itself(
    servers, signed_in_conversation, say_to, route_as, arguments
):
    route_as("lookup")
    servers["fast"].push(
        # the truncated one is what a length cut-off in the middle of a tool call leaves
        tool_call(
            "get_order_details", arguments, finish="length" if "reason" in arguments else None, **THINK
        ),
        tool_call(*LOOKUP, **THINK),
        text(ANSWER),
    )

    _, report, _ = say_to(signed_in_conversation, f"status of {PENDING}?")

    assert steps_of(signed_in_conversation) == [
        ("get_order_details", False, "invalid_json"),
        ("get_order_details", True, None),
    ]
    assert "not valid JSON" in last_tool_output(servers["fast"].requests[1])
    assert report.replies[0].text == ANSWER


def test_an_unknown_tool_comes_back_and_the_model_corrects_itself(
    servers, signed_in_conversation, say_to, route_as
):
    route_as("lookup")
    servers["fast"].push(
        tool_call("track_parcel", {"order_id": PENDING}, **THINK), tool_call(*LOOKUP, **THINK)
    )
    servers["fast"].push(text(ANSWER))

    _, report, _ = say_to(signed_in_conversation, f"status of {PENDING}?")

    assert steps_of(signed_in_conversation) == [
        ("track_parcel", False, "unknown_tool"),
        ("get_order_details", True, None),
    ]
    assert report.replies[0].text == ANSWER


def test_fields_no_sdk_knows_do_not_break_the_client(servers, signed_in_conversation, say_to, route_as):
    route_as("lookup")
    extra: dict[str, Any] = {"extra_fields": {"x_vendor_trace": {"id": 7}, "annotations_v9": []}}
    servers["fast"].push(tool_call(*LOOKUP, **THINK, **extra), text(ANSWER, **extra))

    _, report, _ = say_to(signed_in_conversation, f"status of {PENDING}?")

    assert steps_of(signed_in_conversation) == [("get_order_details", True, None)]
    assert report.replies[0].text == ANSWER


def test_an_answer_cut_off_at_the_length_limit_is_not_sent_and_the_model_answers_shorter(
    servers, signed_in_conversation, say_to, route_as
):
    route_as("lookup")
    servers["fast"].push(text("Your order has three items: the first", finish="length"), text(ANSWER))

    _, report, _ = say_to(signed_in_conversation, f"status of {PENDING}?")

    assert last_user_text(servers["fast"].requests[1]) == CUT_OFF
    assert report.replies[0].text == ANSWER


def test_an_empty_reply_is_pointed_out_and_the_model_answers(
    servers, signed_in_conversation, say_to, route_as
):
    route_as("lookup")
    servers["fast"].push(text(""), text(ANSWER))

    _, report, _ = say_to(signed_in_conversation, "hello?")

    assert last_user_text(servers["fast"].requests[1]) == EMPTY_ANSWER
    assert report.replies[0].text == ANSWER


def test_a_very_long_answer_is_sent_whole(servers, signed_in_conversation, say_to, route_as):
    # given an answer of some 30,000 characters, streamed word by word without a pause: the agent's
    # texts have no length limit, and a steady stream never trips the timeout
    route_as("lookup")
    long_answer = " ".join(["Thank you for waiting while I looked into this for you."] * 550)
    servers["fast"].push(text(long_answer))

    _, report, _ = say_to(signed_in_conversation, "tell me everything")

    assert report.replies[0].text == long_answer
    assert len(servers["fast"].requests) == 1


# -- fallback to the next tier ---------------------------------------------------------------------


def test_429_with_retry_after_is_retried_on_the_same_tier(servers, signed_in_conversation, say_to, route_as):
    route_as("transaction")
    servers["reasoning"].push(error(429, retry_after=0.01), text("Which order should I change?"))

    _, report, _ = say_to(signed_in_conversation, "I need to change my order")

    assert len(servers["reasoning"].requests) == 2
    assert servers["fast"].requests == []
    assert report.replies[0].text == "Which order should I change?"
    assert ModelCall.objects.filter(conversation=signed_in_conversation, ok=False).count() == 0


def test_500s_after_every_retry_fall_back_to_the_next_tier(servers, signed_in_conversation, say_to, route_as):
    route_as("transaction")
    servers["reasoning"].default = error(500, "upstream overloaded", retry_after=0.01)
    servers["fast"].push(text("The fast tier took over."))

    _, report, _ = say_to(signed_in_conversation, "I need to change my order")

    assert len(servers["reasoning"].requests) == 3  # one try and two retries
    assert report.replies[0].text == "The fast tier took over."
    failed = ModelCall.objects.get(conversation=signed_in_conversation, ok=False)
    assert (failed.tier, "upstream overloaded" in failed.error) == ("reasoning", True)
    assert [(e["tier"], e["action"]) for e in events(signed_in_conversation, "model")] == [
        ("reasoning", "fall back")
    ]


def test_a_timeout_in_the_middle_of_a_stream_falls_back_without_a_retry(
    servers, signed_in_conversation, say_to, route_as
):
    # given a reasoning endpoint that starts its reply, then goes quiet for longer than the timeout
    route_as("transaction")
    tier = tier_get("reasoning")
    tier.timeout_seconds = 0.3
    tier.save()
    servers["reasoning"].push(text("Let me look at that order for you right away.", chunk_delay=2.0))
    servers["fast"].push(text("The fast tier took over."))

    _, report, _ = say_to(signed_in_conversation, "I need to change my order")

    # then the partial reply was dropped, not replayed, and the next tier answered
    assert len(servers["reasoning"].requests) == 1
    assert report.replies[0].text == "The fast tier took over."
    failed = ModelCall.objects.get(conversation=signed_in_conversation, ok=False)
    assert "timed out" in failed.error
    assert [e["tier"] for e in events(signed_in_conversation, "model")] == ["reasoning"]


def test_a_stream_that_breaks_off_falls_back(servers, signed_in_conversation, say_to, route_as):
    route_as("transaction")
    servers["reasoning"].push(text("Let me look at that order for you right away.", stream_cut_after=3))
    servers["fast"].push(text("The fast tier took over."))

    _, report, _ = say_to(signed_in_conversation, "I need to change my order")

    assert report.replies[0].text == "The fast tier took over."
    assert [e["tier"] for e in events(signed_in_conversation, "model")] == ["reasoning"]


# -- a hand-off with the reason --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "said"),
    [
        (Completion(refusal="I'm sorry, I can't help with that."), "The model refused: I'm sorry"),
        (text("Here is how to", finish="content_filter"), "content filter"),
    ],
    ids=["refusal", "content_filter"],
)
def test_a_refusal_or_a_content_filter_stop_goes_to_a_person(
    servers, signed_in_conversation, say_to, route_as, reply, said
):
    route_as("lookup")
    servers["fast"].push(reply)

    _, report, _ = say_to(signed_in_conversation, "help me with something odd")

    handoff = Handoff.objects.get(conversation=signed_in_conversation)
    assert handoff.reason == Handoff.Reason.MODEL_REFUSED
    assert said in handoff.summary
    assert "Here is how to" not in report.replies[0].text  # the customer never sees the cut text
    assert len(servers["fast"].requests) == 1


def test_empty_replies_again_and_again_go_to_a_person(servers, signed_in_conversation, say_to, route_as):
    route_as("lookup")
    servers["fast"].default = text("")

    say_to(signed_in_conversation, "hello?")

    assert Handoff.objects.get(conversation=signed_in_conversation).reason == Handoff.Reason.TOOL_FAILURES
    assert len(servers["fast"].requests) == 3  # MAX_CONSECUTIVE_TOOL_FAILURES


# -- the Responses API's reasoning -----------------------------------------------------------------


@pytest.mark.parametrize("api", [ModelTier.Api.RESPONSES])  # reasoning items are the Responses API's
def test_encrypted_reasoning_is_given_back_within_the_turn_and_never_stored(
    servers, signed_in_conversation, say_to, route_as
):
    # given a reasoning model that calls a tool with no preamble, only a reasoning summary
    route_as("transaction")
    servers["reasoning"].push(
        Completion(
            tool_calls=(ToolCall(*LOOKUP),),
            reasoning_summary="The customer wants a change; first read the order.",
            encrypted_reasoning="gAAAA-opaque-reasoning",
        ),
        text("It is pending, so I can change it. What would you like changed?"),
    )

    say_to(signed_in_conversation, f"I need to change {PENDING}")

    # then the summary is the step's thought, in the trail and the step
    step = AgentStep.objects.get(conversation=signed_in_conversation)
    assert step.thought == "The customer wants a change; first read the order."
    assert events(signed_in_conversation, "thought")[0]["thought"] == step.thought
    # and the next request carried the encrypted reasoning just before the call it led to
    second = servers["reasoning"].requests[1]["input"]
    kinds = [item.get("type", item.get("role")) for item in second]
    assert kinds[-3:] == ["reasoning", "function_call", "function_call_output"]
    assert second[-3]["encrypted_content"] == "gAAAA-opaque-reasoning"
    assert not any(item.get("role") == "assistant" for item in second)  # the summary is not replayed as said
    # and nothing stored holds it
    assert not AgentStep.objects.filter(data__icontains="opaque").exists()
    stream = conversation_stream(signed_in_conversation.pk)
    assert not [e for e in AuditEvent.objects.filter(stream=stream) if "opaque" in str(e.payload)]
