"""A conversation with the offline engine, without the turn service.

It plays the parts the turn service plays: keeps the history, builds a fresh engine per turn,
runs its tool calls through the real `tool_execute` as the conversation's principal, stops
the turn on a successful handover, keeps the engine's memory as the next turn's slots, marks
the customer authenticated after a successful identity lookup, and stands in for the
confirmation gate (the first call of a write is refused until the customer's next message
is a plain yes to exactly that call).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from apps.accounts.principals import Principal, principal_for_customer
from apps.llm.context import AgentContext, PendingAction
from apps.llm.types import Message
from apps.offline.engine import OfflineEngine
from apps.tools.executor import tool_execute
from apps.tools.registry import ToolKind, openai_tool_spec, registry

# The engine makes at most 8 tool calls in a turn, then answers (production allows 12 steps).
MAX_STEPS_PER_TURN = 10
LOOKUPS = {"find_user_id_by_email", "find_user_id_by_name_zip"}
HANDOFF = "transfer_to_human_agents"
SYSTEM_PROMPT = "You are the store's support agent."
_PLAIN_YES = re.compile(r"^\s*(?:yes|yeah|yep|sure|ok|okay|go ahead|please do|confirm)\b", re.IGNORECASE)
_HEDGED = re.compile(r"\b(?:no|not|but|wait|don'?t)\b|\?", re.IGNORECASE)


def plain_yes(text: str) -> bool:
    return bool(_PLAIN_YES.match(text)) and not _HEDGED.search(text)


@dataclass(frozen=True)
class Step:
    thought: str
    tool: str
    arguments: dict[str, Any]
    observation: str
    ok: bool


@dataclass
class TurnResult:
    reply: str | None  # None when the turn ended in a handover
    steps: list[Step] = field(default_factory=list)
    handed_off: bool = False
    summary: str = ""

    @property
    def tools(self) -> list[str]:
        return [step.tool for step in self.steps]

    def called(self, tool: str) -> list[Step]:
        return [step for step in self.steps if step.tool == tool]


def _canonical(arguments: dict[str, Any]) -> str:
    return json.dumps(arguments, sort_keys=True)


class Conversation:
    def __init__(self, *, customer_id: str | None = None) -> None:
        self.context = AgentContext(conversation_id=1, customer_id=customer_id, signed_in=bool(customer_id))
        self.history: list[Message] = []
        self.turns: list[TurnResult] = []
        self._message_id = 0
        self._writes = {tool.name for tool in registry if tool.kind == ToolKind.WRITE}
        self._tools = [openai_tool_spec(tool) for tool in registry]

    def say(self, text: str) -> TurnResult:
        """One customer message and everything the engine does about it."""
        self._message_id += 1
        self.context.latest_customer_message = text
        self.context.latest_customer_message_id = self._message_id
        engine = OfflineEngine(self.context)
        customer_message = {"role": "user", "content": text}
        transcript: list[Message] = [
            {"role": "system", "content": SYSTEM_PROMPT},
            *self.history,
            customer_message,
        ]
        result = TurnResult(reply=None)
        self.turns.append(result)
        for _ in range(MAX_STEPS_PER_TURN):
            reply = engine.complete(transcript, self._tools)
            if reply.tool_call is None:
                assert reply.content, "the engine sent an empty answer"
                if reply.memory is not None:
                    json.dumps(reply.memory)  # the turn service stores slots as JSON
                    self.context.slots = reply.memory
                result.reply = reply.content
                self.history += [customer_message, {"role": "assistant", "content": reply.content}]
                return result
            call = reply.tool_call
            assert (reply.content or "").startswith("Thought:"), "a tool call needs its visible thought"
            arguments = json.loads(call.arguments)
            observation, ok = self._run(call.name, arguments)
            result.steps.append(Step(reply.content or "", call.name, arguments, observation, ok))
            transcript += [
                {
                    "role": "assistant",
                    "content": reply.content,
                    "tool_calls": [
                        {
                            "id": call.id,
                            "type": "function",
                            "function": {"name": call.name, "arguments": call.arguments},
                        }
                    ],
                },
                {"role": "tool", "tool_call_id": call.id, "content": observation},
            ]
            if ok and call.name == HANDOFF:
                # As in the loop: a successful transfer ends the turn in a handover.
                result.handed_off, result.summary = True, arguments["summary"]
                self.history.append(customer_message)
                return result
        raise AssertionError(f"the turn did not finish in {MAX_STEPS_PER_TURN} steps: {result.tools}")

    def _principal(self) -> Principal:
        customer = self.context.customer_id
        # The harness plays the dialogue, not the proof: a customer it identified counts as
        # verified (tests/security and tests/agent drive verification through real turns).
        return principal_for_customer(customer, verified=True) if customer else Principal.anonymous()

    def _run(self, tool: str, arguments: dict[str, Any]) -> tuple[str, bool]:
        if tool in self._writes and not self._agreed(tool, arguments):
            self.context.pending_action = PendingAction(tool, arguments, self._message_id)
            return f"Error: confirmation required: ask the customer to agree to {tool} first.", False
        if tool in self._writes:
            self.context.pending_action = None
        observation = tool_execute(self._principal(), tool, arguments)
        if observation.ok and tool in LOOKUPS:
            self.context.customer_id = str(observation.data)
        return observation.text, observation.ok

    def _agreed(self, tool: str, arguments: dict[str, Any]) -> bool:
        pending = self.context.pending_action
        return (
            pending is not None
            and pending.tool == tool
            and _canonical(pending.arguments) == _canonical(arguments)
            and pending.proposed_after_message < self._message_id
            and plain_yes(self.context.latest_customer_message)
        )
