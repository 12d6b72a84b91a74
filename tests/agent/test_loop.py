"""The ReAct loop on its own: a scripted model, a fake tool runner, no database."""

from apps.agent.loop import CUT_OFF, NO_THOUGHT, StepRecord, ToolResult, run_agent
from apps.llm.types import EMPTY_ANSWER, PROVIDER_ITEMS, Reply, ToolCallRequest, Usage
from tests.agent.scripted import ScriptedModel, call, say

SYSTEM = [{"role": "system", "content": "policy"}, {"role": "user", "content": "hello"}]


class FakeTools:
    def __init__(self, results=None):
        self.results = list(results or [])
        self.calls = []
        self.events = []

    def __call__(self, request, thought, number):
        self.calls.append((request.name, request.arguments, number))
        self.events.append(("run", number))
        return self.results.pop(0) if self.results else ToolResult(True, '{"ok": true}')

    def emit(self, text, number):
        self.events.append(("status", number, text))


def run(model, tools, **kwargs):
    defaults = {
        "first_step": 1,
        "max_steps": 8,
        "max_failures": 3,
        "emit": tools.emit,
        "status_for": lambda name, args: f"Running {name} {args.get('order_id', '')}".strip(),
    }
    return run_agent(model, [], tools, SYSTEM, **{**defaults, **kwargs})


def test_a_plain_answer_ends_the_turn():
    outcome = run(ScriptedModel([say("Hi! How can I help?", input_tokens=10, output_tokens=5)]), FakeTools())
    assert outcome.kind == "answer"
    assert outcome.text == "Hi! How can I help?"
    assert outcome.usage == Usage(10, 5)


def test_the_observation_is_fed_back_before_the_next_request():
    model = ScriptedModel([call("get_order_details", {"order_id": "#W1"}), say("It is pending.")])
    tools = FakeTools([ToolResult(True, '{"status": "pending"}')])

    outcome = run(model, tools)

    assert outcome.text == "It is pending."
    second_request = model.seen[1]
    assert second_request[-2]["tool_calls"][0]["function"]["name"] == "get_order_details"
    assert second_request[-1] == {
        "role": "tool",
        "tool_call_id": "call_get_order_details",
        "content": '{"status": "pending"}',
    }
    assert [s.number for s in outcome.steps] == [1]


def test_a_status_line_goes_out_before_the_tool_runs():
    tools = FakeTools()
    run(ScriptedModel([call("get_order_details", {"order_id": "#W9"}), say("done")]), tools)
    assert tools.events == [("status", 1, "Running get_order_details #W9"), ("run", 1)]


def test_a_call_without_a_stated_reason_runs_and_its_step_says_no_reason_was_given():
    # given a reasoning model that calls a tool with no text and no reasoning summary
    model = ScriptedModel([call("get_order_details", {"order_id": "#W1"}, thought=""), say("It is pending.")])
    tools = FakeTools()

    outcome = run(model, tools)

    # then the call ran, the step's thought is empty (the runner audits it as no_reason), and the
    # turn is not counted as failing
    assert tools.calls == [("get_order_details", '{"order_id": "#W1"}', 1)]
    assert (outcome.steps[0].thought, outcome.steps[0].ok) == ("", True)
    assert outcome.kind == "answer"


def test_a_tier_that_requires_a_reason_refuses_the_call():
    model = ScriptedModel([call("cancel_pending_order", {"order_id": "#W1"}, thought=""), say("ok")])
    tools = FakeTools()

    outcome = run(model, tools, require_reason=True)

    assert tools.calls == []
    assert outcome.steps[0].observation == NO_THOUGHT
    assert outcome.steps[0].error_code == "no_thought"
    assert not outcome.steps[0].ok


def test_provider_items_go_back_with_their_step_and_are_not_stored():
    # given a reply carrying encrypted reasoning with its tool call
    items = ({"type": "reasoning", "id": "rs_1", "summary": [], "encrypted_content": "opaque"},)
    first = Reply(
        content="Need the order.",
        tool_call=ToolCallRequest("c1", "get_order_details", '{"order_id": "#W1"}'),
        thought_source="summary",
        provider_items=items,
    )
    model = ScriptedModel([first, say("It is pending.")])

    outcome = run(model, FakeTools())

    # then the next request has them on the assistant message of that step; the step itself does not
    assistant = model.seen[1][-2]
    assert assistant[PROVIDER_ITEMS] == list(items)
    assert assistant["content"] == "Need the order."
    assert not hasattr(outcome.steps[0], PROVIDER_ITEMS)
    assert outcome.kind == "answer"


def test_a_refusal_hands_the_turn_to_a_person():
    refusal = Reply(content="I can't help with that.", finish="refusal")
    outcome = run(ScriptedModel([refusal]), FakeTools())
    assert (outcome.kind, outcome.reason) == ("handoff", "refusal")
    assert "I can't help with that." in outcome.text


def test_a_content_filter_stop_hands_the_turn_to_a_person():
    outcome = run(ScriptedModel([Reply(content="Sure, here is", finish="content_filter")]), FakeTools())
    assert (outcome.kind, outcome.reason) == ("handoff", "content_filter")


def test_an_answer_cut_off_at_the_length_limit_is_not_sent_and_the_model_is_asked_again():
    model = ScriptedModel(
        [Reply(content="Your order has three items: the first is", finish="length"), say("Done.")]
    )

    outcome = run(model, FakeTools())

    assert outcome.text == "Done."
    assert model.seen[1][-1] == {"role": "user", "content": CUT_OFF}


def test_answers_cut_off_again_and_again_hand_over():
    outcome = run(ScriptedModel([Reply(content="Well,", finish="length")] * 5), FakeTools())
    assert (outcome.kind, outcome.reason) == ("handoff", "cut_off")


def test_three_failures_in_a_row_hand_over_to_a_person():
    model = ScriptedModel([call("get_order_details", {"order_id": "#W1"})] * 5)
    tools = FakeTools([ToolResult(False, "Error: no", error_code="not_found")] * 5)

    outcome = run(model, tools)

    assert outcome.kind == "handoff"
    assert outcome.reason == "tool_failures"
    assert len(tools.calls) == 3


def test_a_success_resets_the_failure_count():
    failing = ToolResult(False, "Error", error_code="invalid_arguments")
    model = ScriptedModel([call("t", {})] * 5 + [say("done")])
    tools = FakeTools([failing, failing, ToolResult(True, "ok"), failing, failing])
    outcome = run(model, tools)
    assert outcome.kind == "answer"


def test_a_write_waiting_for_confirmation_is_not_a_failure():
    waiting = ToolResult(False, "Error: confirmation required", error_code="confirmation_required")
    model = ScriptedModel([call("t", {})] * 4 + [say("Shall I go ahead?")])
    outcome = run(model, FakeTools([waiting] * 4))
    assert outcome.kind == "answer"


def test_the_step_limit_hands_over():
    model = ScriptedModel([call("t", {})] * 10)
    outcome = run(model, FakeTools(), max_steps=4)
    assert outcome.kind == "handoff"
    assert outcome.reason == "step_limit"
    assert len(outcome.steps) == 4


def test_the_fast_tier_escalates_through_the_escalate_tool():
    model = ScriptedModel([call("escalate", {"reason": "wants a refund"})])
    outcome = run(model, FakeTools(), can_escalate=True)
    assert outcome.kind == "escalate"
    assert outcome.reason == "wants a refund"
    assert "escalate" in model.tools_seen[0]


def test_escalate_is_not_offered_or_honoured_without_permission():
    model = ScriptedModel([call("escalate", {"reason": "x"}), say("ok")])
    tools = FakeTools(
        [ToolResult(False, "Error: there is no tool named 'escalate'", error_code="unknown_tool")]
    )
    outcome = run(model, tools, can_escalate=False)
    assert "escalate" not in model.tools_seen[0]
    assert outcome.kind == "answer"
    assert tools.calls[0][0] == "escalate"  # it went to the gate, which refuses unknown tools


def test_a_successful_transfer_is_a_handoff_with_the_summary():
    model = ScriptedModel([call("transfer_to_human_agents", {"summary": "wants a manager"})])
    outcome = run(model, FakeTools())
    assert (outcome.kind, outcome.reason, outcome.text) == ("handoff", "agent", "wants a manager")


def test_only_one_tool_call_runs_and_the_model_is_told():
    reply = Reply(content="Thought: both", tool_call=ToolCallRequest("c1", "t", "{}"), extra_tool_calls=1)
    model = ScriptedModel([reply, say("done")])
    tools = FakeTools()
    outcome = run(model, tools)
    assert len(tools.calls) == 1
    assert "one tool at a time" in outcome.steps[0].observation


def test_prior_steps_are_replayed_not_executed():
    prior = [
        StepRecord(
            5,
            "Thought: look",
            "get_order_details",
            "c5",
            '{"order_id": "#W1"}',
            '{"status": "pending"}',
            True,
        )
    ]
    model = ScriptedModel([call("cancel_pending_order", {"order_id": "#W1"}), say("Cancelled.")])
    tools = FakeTools()

    outcome = run(model, tools, first_step=5, prior_steps=prior)

    assert tools.calls == [("cancel_pending_order", '{"order_id": "#W1"}', 6)]
    assert model.seen[0][-1]["content"] == '{"status": "pending"}'
    assert [s.number for s in outcome.steps] == [5, 6]


def test_empty_replies_are_failures_too():
    model = ScriptedModel([say("")] * 5)
    outcome = run(model, FakeTools())
    assert outcome.kind == "handoff"
    assert outcome.reason == "empty_replies"
    assert model.seen[1][-1] == {"role": "user", "content": EMPTY_ANSWER}


def test_the_loop_imports_nothing_from_django():
    import subprocess
    import sys

    code = "import sys, apps.agent.loop; print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
