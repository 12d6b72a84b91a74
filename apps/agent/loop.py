"""The ReAct loop: thought -> one tool call -> observation, until an answer or a hand-off.

Plain Python with no Django import: it is given a chat model, the tool specs, a function
that runs a tool, and the conversation so far. Everything the model asks for goes through
`run_tool` (in production: the confirmation gate, then `tool_execute`).

A tool call needs a stated reason: text the model wrote before it (a preamble) or, from a
reasoning model, its reasoning summary. A call without one still runs and its step records
that no reason was given (an empty thought), unless the tier refuses such calls
(`require_reason`). How a reply ended decides the rest: a refusal or a content-filter stop
goes to a person, an answer cut off at the length limit is sent back for a shorter one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from apps.llm.types import (
    EMPTY_ANSWER,
    PROVIDER_ITEMS,
    ChatModel,
    Message,
    ToolCallRequest,
    ToolSpec,
    Usage,
)

ESCALATE = "escalate"
ESCALATE_SPEC: ToolSpec = {
    "type": "function",
    "function": {
        "name": ESCALATE,
        "description": (
            "Hand this turn to the reasoning tier, which can change orders and accounts. Use it as "
            "soon as the customer wants something changed (cancel, return, exchange, modify, refund, "
            "address or payment change), is upset, or the request needs careful policy reasoning. "
            "The reasoning tier sees this whole conversation; the customer does not repeat anything."
        ),
        "parameters": {
            "type": "object",
            "properties": {"reason": {"type": "string", "description": "Why, in a few words."}},
            "required": ["reason"],
            "additionalProperties": False,
        },
        "strict": True,
    },
}

NO_THOUGHT = (
    "Error: the call was not run. Before every tool call, write your reasoning in the message "
    "content (what you know, what you need, why this tool), then call exactly one tool."
)
CUT_OFF = (
    "Error: your reply was cut off at the length limit and was not sent. Answer the customer "
    "in fewer words, or call one tool."
)
ONE_AT_A_TIME = " (Note: only the first of your tool calls was run; call one tool at a time.)"


@dataclass(frozen=True)
class ToolResult:
    ok: bool
    text: str
    data: Any = None
    error_code: str | None = None


@dataclass(frozen=True)
class StepRecord:
    """One thought -> action -> observation, as stored and as replayed on resume."""

    number: int
    thought: str
    tool_name: str
    tool_call_id: str
    arguments: str
    observation: str
    ok: bool
    data: Any = None
    error_code: str | None = None


@dataclass(frozen=True)
class Outcome:
    kind: Literal["answer", "escalate", "handoff"]
    text: str = ""  # the answer; for a hand-off, a summary for the person taking over
    reason: str = ""  # why it escalated or handed off
    steps: list[StepRecord] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    memory: dict[str, Any] | None = None  # the answering model's notes for the next turn
    # The claims the answer declared (kind, object, value, tool_call), None when it declared none.
    claims: tuple[dict[str, str], ...] | None = None


# Runs one tool call: (the call as the model sent it, the thought before it, step number).
ToolRunner = Callable[[ToolCallRequest, str, int], ToolResult]
Emit = Callable[[str, int], None]  # (status line, step number)
StatusFor = Callable[[str, dict[str, Any]], str]


def _parse(arguments: str) -> dict[str, Any]:
    try:
        value = json.loads(arguments or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _as_messages(step: StepRecord, provider_items: Sequence[dict[str, Any]] = ()) -> list[Message]:
    assistant: Message = {
        "role": "assistant",
        "content": step.thought or None,
        "tool_calls": [
            {
                "id": step.tool_call_id,
                "type": "function",
                "function": {"name": step.tool_name, "arguments": step.arguments},
            }
        ],
    }
    if provider_items:
        assistant[PROVIDER_ITEMS] = list(provider_items)
    return [assistant, {"role": "tool", "tool_call_id": step.tool_call_id, "content": step.observation}]


def _trailing_failures(steps: Iterable[StepRecord], neutral: frozenset[str]) -> int:
    count = 0
    for step in steps:
        if step.ok:
            count = 0
        elif step.error_code not in neutral:
            count += 1
    return count


def run_agent(
    model: ChatModel,
    tools: Sequence[ToolSpec],
    run_tool: ToolRunner,
    messages: Sequence[Message],
    *,
    first_step: int,
    max_steps: int,
    max_failures: int,
    emit: Emit,
    status_for: StatusFor,
    can_escalate: bool = False,
    handoff_tools: frozenset[str] = frozenset({"transfer_to_human_agents"}),
    neutral_errors: frozenset[str] = frozenset({"confirmation_required"}),
    prior_steps: Sequence[StepRecord] = (),
    on_step: Callable[[StepRecord], None] | None = None,
    require_reason: bool = False,
) -> Outcome:
    """Run the loop until the model answers, escalates, or the turn goes to a person.

    `prior_steps` are steps of this turn already taken (a redelivered task resumes from
    them: they are replayed into the conversation, not executed again). Errors whose code
    is in `neutral_errors` (a write awaiting the customer's yes) do not count as failures.
    `require_reason` refuses a tool call that comes without a stated reason (a failed step).
    """
    transcript: list[Message] = list(messages)
    steps: list[StepRecord] = list(prior_steps)
    for step in steps:
        transcript.extend(_as_messages(step))
    offered = [*tools, ESCALATE_SPEC] if can_escalate else list(tools)
    failures = _trailing_failures(steps, neutral_errors)
    input_tokens = output_tokens = 0
    number = first_step + len(steps)

    def outcome(
        kind: Literal["answer", "escalate", "handoff"],
        text: str = "",
        reason: str = "",
        memory: dict[str, Any] | None = None,
        claims: tuple[dict[str, str], ...] | None = None,
    ) -> Outcome:
        return Outcome(kind, text, reason, steps, Usage(input_tokens, output_tokens), memory, claims)

    for _ in range(max_steps - len(steps)):
        reply = model.complete(transcript, offered)
        input_tokens += reply.usage.input_tokens
        output_tokens += reply.usage.output_tokens
        thought = (reply.content or "").strip()
        call = reply.tool_call

        if reply.finish == "refusal":
            # The model would not help: a person takes over and reads what it said.
            return outcome("handoff", text=f"The model refused: {thought[:300]}", reason="refusal")
        if reply.finish == "content_filter":
            return outcome(
                "handoff",
                text="The provider's content filter stopped the model's reply.",
                reason="content_filter",
            )

        if call is None:
            if thought and reply.finish != "length":
                return outcome("answer", thought, memory=reply.memory, claims=reply.claims)
            # An empty or cut-off reply is a failed step: say so and let the model try again.
            transcript.append({"role": "user", "content": CUT_OFF if thought else EMPTY_ANSWER})
            failures += 1
            if failures >= max_failures:
                return outcome("handoff", reason="cut_off" if thought else "empty_replies")
            continue

        if call.name == ESCALATE and can_escalate:
            return outcome("escalate", reason=str(_parse(call.arguments).get("reason", ""))[:200])

        if not thought and require_reason:
            result = ToolResult(False, NO_THOUGHT, error_code="no_thought")
        else:
            result = _act(call, thought, reply.extra_tool_calls, run_tool, emit, status_for, number)
        step = StepRecord(
            number,
            thought,
            call.name,
            call.id,
            call.arguments,
            result.text,
            result.ok,
            result.data,
            result.error_code,
        )
        steps.append(step)
        if on_step is not None:
            on_step(step)
        # The provider's items go back with this step for the rest of this run only.
        transcript.extend(_as_messages(step, reply.provider_items))
        number += 1
        if result.ok:
            failures = 0
        elif result.error_code not in neutral_errors:
            failures += 1

        if result.ok and call.name in handoff_tools:
            summary = str(_parse(call.arguments).get("summary", ""))
            return outcome("handoff", text=summary, reason="agent")
        if failures >= max_failures:
            return outcome("handoff", reason="tool_failures")
    return outcome("handoff", reason="step_limit")


def _act(
    call: ToolCallRequest,
    thought: str,
    extra_calls: int,
    run_tool: ToolRunner,
    emit: Emit,
    status_for: StatusFor,
    number: int,
) -> ToolResult:
    emit(status_for(call.name, _parse(call.arguments)), number)
    result = run_tool(call, thought, number)
    if extra_calls:
        return ToolResult(result.ok, result.text + ONE_AT_A_TIME, result.data, result.error_code)
    return result
