"""`OfflineEngine`: the deterministic stand-in for a chat model, behind the same interface.

It serves the demo with no model key and keeps the service up when the endpoint is down.
Constructed per turn with the turn's AgentContext; each `complete()` rebuilds the turn from
the transcript and asks the policy for the next step: one tool call (with its visible
thought) or the answer, which carries the updated slots in `Reply.memory`.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Sequence

from apps.llm.context import AgentContext
from apps.llm.types import Message, Reply, ToolCallRequest, ToolSpec
from apps.offline.claims import declared_writes
from apps.offline.policy import respond
from apps.offline.turn import NeedCall, Turn


class OfflineEngine:
    """A ChatModel that follows the store policy with rules instead of a model."""

    def __init__(self, context: AgentContext) -> None:
        self.context = context

    @property
    def name(self) -> str:
        return "offline"

    def complete(self, messages: Sequence[Message], tools: Sequence[ToolSpec]) -> Reply:
        # `tools` is not consulted: the executor and the gate decide what may run, and the
        # tools offered at the start of a turn predate an identification made during it.
        started = time.perf_counter()
        turn = Turn.build(self.context, messages)
        try:
            answer = respond(turn)
        except NeedCall as need:
            arguments = json.dumps(need.call.arguments, sort_keys=True)
            return Reply(
                content=need.call.thought,
                tool_call=ToolCallRequest(
                    self._call_id(len(turn.observed), need.call.tool, arguments), need.call.tool, arguments
                ),
                latency_ms=(time.perf_counter() - started) * 1000,
                model=self.name,
            )
        return Reply(
            content=answer,
            latency_ms=(time.perf_counter() - started) * 1000,
            model=self.name,
            memory=turn.slots,
            claims=declared_writes(turn.observed),
        )

    def _call_id(self, step: int, tool: str, arguments: str) -> str:
        # Deterministic, and unique within a conversation: the message id changes every turn.
        context = self.context
        seed = f"{context.conversation_id}:{context.latest_customer_message_id}:{step}:{tool}:{arguments}"
        return "offline_" + hashlib.sha256(seed.encode()).hexdigest()[:16]
