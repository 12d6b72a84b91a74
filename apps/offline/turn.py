"""One customer turn as the offline engine sees it: the customer's message, the slots kept
from earlier turns, and the tool calls already made this turn with their observations.

The engine is re-entrant: every `complete()` call rebuilds the turn from the transcript and
runs the policy from the top. `Turn.call` returns an observation the transcript already
holds, or raises `NeedCall` so the engine asks for that tool next. The same slots and the
same observations therefore always give the same decision, and a turn resumed after a crash
(its earlier steps replayed into the transcript) carries on where it stopped.

Slots (Reply.memory; JSON, small; every key optional):
    v            1, the schema version (its presence also says these slots are the engine's own)
    flow         the open request: {intent, request (first words, <=300 chars), order_id,
                 reason, refund, items_text, hint, address {address1..zip}, missing [fields],
                 asked (what we asked last: auth|order_id|reason|items|refund|address|confirm),
                 tries {question: count}, history (payment entries when a cancel was proposed)}
    proposal     the write waiting for the customer's yes: {tool, arguments}
    last_order   the order the last finished request was about ("cancel it")
    offer_human  we offered a person and wait for yes/no
    unclear      1 after a message we could not follow (a second one goes to a person)
    auth_tries   failed identity lookups so far
    awaiting_code  a verification code was emailed and the next message may carry it
    code_tries   wrong codes so far
    done         the last five things changed, for a handover summary
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from apps.knowledge.terms import PolicyTerms, policy_terms
from apps.llm.context import AgentContext
from apps.llm.types import EMPTY_ANSWER, Message
from apps.offline.verification import code_sent, needs_verification

# Enough for: identify, read the profile, read five orders (a listing) and one action.
MAX_CALLS_PER_TURN = 8
SLOTS_VERSION = 1
HANDOFF_TOOL = "transfer_to_human_agents"
LOOKUP_TOOLS = frozenset({"find_user_id_by_email", "find_user_id_by_name_zip"})


@dataclass(frozen=True)
class Observed:
    """A tool call made earlier in this turn and what came back."""

    tool: str
    arguments: dict[str, Any]
    text: str

    @property
    def ok(self) -> bool:
        return not self.text.lstrip().lower().startswith("error")

    @property
    def needs_confirmation(self) -> bool:
        return self.text.lstrip().lower().startswith("error: confirmation required")

    @property
    def needs_verification(self) -> bool:
        """The tool refused until the customer proves who they are (a one-time code)."""
        lowered = self.text.lstrip().lower()
        return lowered.startswith("error") and "verification required" in lowered

    @cached_property
    def data(self) -> Any:
        if not self.ok:
            return None
        try:
            return json.loads(self.text)
        except ValueError:
            return self.text.strip()


@dataclass(frozen=True)
class Call:
    tool: str
    arguments: dict[str, Any]
    thought: str


class NeedCall(Exception):
    """The policy needs this tool's observation before it can go on."""

    def __init__(self, call: Call) -> None:
        super().__init__(call.tool)
        self.call = call


class Finished(Exception):
    """The policy has its answer for the customer (raised from deep inside a flow)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class OutOfSteps(Exception):
    """The turn has made as many tool calls as it may."""


def _customer_message_index(messages: Sequence[Message]) -> int:
    # The loop's own nudge after an empty reply is a "user" message too; it is not the customer.
    for index in range(len(messages) - 1, -1, -1):
        message = messages[index]
        if message.get("role") == "user" and message.get("content") != EMPTY_ANSWER:
            return index
    return -1


def read_transcript(messages: Sequence[Message]) -> tuple[str, list[Observed]]:
    """The latest customer message and this turn's tool calls with their observations."""
    start = _customer_message_index(messages)
    text = str(messages[start].get("content") or "") if start >= 0 else ""
    calls: dict[str, tuple[str, dict[str, Any]]] = {}
    observed: list[Observed] = []
    for message in messages[start + 1 :]:
        for tool_call in message.get("tool_calls") or []:
            function = tool_call.get("function") or {}
            try:
                arguments = json.loads(function.get("arguments") or "{}")
            except ValueError:
                arguments = {}
            calls[tool_call.get("id", "")] = (function.get("name", ""), arguments)
        if message.get("role") == "tool" and message.get("tool_call_id") in calls:
            tool, arguments = calls[message["tool_call_id"]]
            observed.append(
                Observed(
                    tool, arguments if isinstance(arguments, dict) else {}, str(message.get("content") or "")
                )
            )
    return text, observed


@dataclass
class Turn:
    context: AgentContext
    message: str
    observed: list[Observed]
    slots: dict[str, Any] = field(default_factory=dict)
    # True while the engine handles a request queued from an earlier part of the message.
    from_queue: bool = False
    _terms: PolicyTerms | None = field(default=None, init=False, repr=False)

    @classmethod
    def build(cls, context: AgentContext, messages: Sequence[Message]) -> Turn:
        text, observed = read_transcript(messages)
        slots = copy.deepcopy(context.slots) if context.slots else {}
        slots.setdefault("v", SLOTS_VERSION)
        return cls(
            context=context, message=text or context.latest_customer_message, observed=observed, slots=slots
        )

    @property
    def customer_id(self) -> str | None:
        """The authenticated customer: from the conversation, or found by a lookup this turn."""
        if self.context.customer_id:
            return self.context.customer_id
        for observation in self.observed:
            if observation.tool in LOOKUP_TOOLS and observation.ok:
                return str(observation.data)
        return None

    @property
    def identified_this_turn(self) -> bool:
        # From the observations, not the context: the turn service may mark the conversation
        # authenticated (on this same context) as soon as the lookup succeeds.
        return any(o.tool in LOOKUP_TOOLS and o.ok for o in self.observed)

    @property
    def transferred(self) -> bool:
        return any(o.tool == HANDOFF_TOOL and o.ok for o in self.observed)

    @property
    def terms(self) -> PolicyTerms:
        if self._terms is None:
            self._terms = policy_terms()
        return self._terms

    def call(self, tool: str, arguments: dict[str, Any], thought: str) -> Observed:
        """This call's observation if it was made this turn; otherwise ask for it (NeedCall)."""
        for observation in self.observed:
            if observation.tool == tool and observation.arguments == arguments:
                if needs_verification(observation):
                    # The gate wants proof of identity first: email a code and ask for it. The
                    # open request waits for the answer, like any other question.
                    if self.flow is not None:
                        self.flow["asked"] = "verify"
                    raise Finished(code_sent(self))
                return observation
        if len(self.observed) >= MAX_CALLS_PER_TURN and tool != HANDOFF_TOOL:
            raise OutOfSteps
        raise NeedCall(Call(tool, arguments, thought))

    @property
    def flow(self) -> dict[str, Any] | None:
        return self.slots.get("flow")

    def end_flow(self, *, order_id: str | None = None) -> None:
        """The request is answered or done: forget it, keep the order as 'it' for next time."""
        flow = self.slots.pop("flow", None) or {}
        self.slots.pop("proposal", None)
        last = order_id or flow.get("order_id")
        if last:
            self.slots["last_order"] = last

    def note_done(self, line: str) -> None:
        """Remember what was done, for the summary a person reads if the chat is handed over."""
        done = [*self.slots.get("done", []), line]
        self.slots["done"] = done[-5:]
