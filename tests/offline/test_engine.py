"""The engine as a ChatModel: one step per call, rebuilt from the transcript every time."""

import json

from apps.accounts.principals import principal_for_customer
from apps.llm.context import AgentContext, PendingAction
from apps.llm.types import EMPTY_ANSWER
from apps.offline.engine import OfflineEngine
from apps.tools.executor import tool_execute

from .conftest import OLIVIA


def _tool_step(call_id: str, name: str, arguments: dict, observation: str) -> list[dict]:
    return [
        {
            "role": "assistant",
            "content": "Thought: earlier step.",
            "tool_calls": [
                {
                    "id": call_id,
                    "type": "function",
                    "function": {"name": name, "arguments": json.dumps(arguments)},
                }
            ],
        },
        {"role": "tool", "tool_call_id": call_id, "content": observation},
    ]


def test_the_engine_is_named_offline_and_answers_small_talk_with_its_memory():
    engine = OfflineEngine(AgentContext())

    reply = engine.complete([{"role": "user", "content": "hello"}], [])

    assert engine.name == "offline"
    assert reply.tool_call is None
    assert reply.content
    assert reply.memory == {"v": 1, "greeted": True}


def test_a_tool_call_carries_a_thought_and_json_arguments(db):
    engine = OfflineEngine(AgentContext(customer_id=OLIVIA, latest_customer_message_id=7))

    reply = engine.complete([{"role": "user", "content": "status of #W5442520?"}], [])

    assert reply.content.startswith("Thought:")
    assert reply.tool_call.name == "get_user_details"
    assert json.loads(reply.tool_call.arguments) == {"user_id": OLIVIA}
    assert reply.memory is None  # memory comes with the answer, at the end of the turn


def test_a_step_already_in_the_transcript_is_not_repeated(db, customer_principal):
    # given a turn that already read the profile (a resumed turn replays its steps)
    profile = tool_execute(customer_principal(OLIVIA), "get_user_details", {"user_id": OLIVIA}).text
    messages = [
        {"role": "user", "content": "status of #W5442520?"},
        *_tool_step("c1", "get_user_details", {"user_id": OLIVIA}, profile),
    ]
    # when the engine is asked for the next step
    reply = OfflineEngine(AgentContext(customer_id=OLIVIA)).complete(messages, [])
    # then it moves on to the order
    assert reply.tool_call.name == "get_order_details"
    assert json.loads(reply.tool_call.arguments) == {"order_id": "#W5442520"}


def test_the_loops_nudge_is_not_taken_for_the_customer():
    messages = [{"role": "user", "content": "hi"}, {"role": "user", "content": EMPTY_ANSWER}]

    reply = OfflineEngine(AgentContext()).complete(messages, [])

    assert reply.content.startswith("Hi!")


def test_a_yes_to_a_proposal_made_by_another_model_runs_the_gates_pending_action():
    # given a conversation a model tier served until now (no engine slots), with a proposal
    pending = PendingAction(
        "cancel_pending_order", {"order_id": "#W5442520", "reason": "no longer needed"}, 3
    )
    context = AgentContext(customer_id=OLIVIA, pending_action=pending, latest_customer_message_id=4)
    # when the customer says yes to the offline engine
    reply = OfflineEngine(context).complete([{"role": "user", "content": "yes"}], [])
    # then it makes exactly that call
    assert reply.tool_call.name == "cancel_pending_order"
    assert json.loads(reply.tool_call.arguments) == pending.arguments


def test_the_confirmation_gate_refusal_becomes_a_proposal(db):
    # given a loop standing in for the turn service, whose gate refuses the first write
    context = AgentContext(customer_id=OLIVIA)
    messages = [{"role": "user", "content": "cancel #W3657213, ordered by mistake"}]
    engine = OfflineEngine(context)
    principal = principal_for_customer(OLIVIA, verified=True)
    for number in range(5):
        reply = engine.complete(messages, [])
        if reply.tool_call is None:
            break
        call = reply.tool_call
        if call.name == "cancel_pending_order":
            text = "Error: confirmation required: the customer has not agreed yet."
        else:
            text = tool_execute(principal, call.name, call.arguments).text
        messages += _tool_step(f"c{number}", call.name, json.loads(call.arguments), text)

    assert "Shall I go ahead? (yes/no)" in reply.content
    assert reply.memory["proposal"] == {
        "tool": "cancel_pending_order",
        "arguments": {"order_id": "#W3657213", "reason": "ordered by mistake"},
    }
