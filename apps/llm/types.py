"""The chat-model seam. Plain Python: the OpenAI-backed model, the offline engine and the
tests' scripted models all implement `ChatModel`.

Messages are OpenAI chat-completions messages (dicts with role system, user, assistant or
tool; assistant messages may carry `tool_calls`, tool messages a `tool_call_id`), so the
Chat Completions model passes them through and every other model reads the same shape. An
assistant message may also carry PROVIDER_ITEMS: what a Responses API reply must be given back
on the next request of the same turn (encrypted reasoning); the Chat Completions model drops it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

Message = dict[str, Any]
ToolSpec = dict[str, Any]  # {"type": "function", "function": {"name", "description", "parameters"}}

# What the loop tells a model whose reply had neither text nor a tool call (engines that read the
# transcript, like the offline engine, skip it).
EMPTY_ANSWER = "Error: your reply was empty. Either call one tool or answer the customer."

# The assistant-message key that carries a reply's provider items through the loop's transcript.
PROVIDER_ITEMS = "provider_items"

# Why a model stopped: it finished; it hit the output limit; the provider's content filter stopped
# it; it refused (the refusal text is the reply's content).
Finish = Literal["stop", "length", "content_filter", "refusal"]
# Where a reply's thought came from: text the model wrote (before a tool call, a preamble), or
# the provider's summary of its hidden reasoning; "" when it gave no reason at all.
ThoughtSource = Literal["text", "summary", ""]


@dataclass(frozen=True)
class ToolCallRequest:
    """The one tool call a reply may carry. `arguments` is the raw JSON text the model sent."""

    id: str
    name: str
    arguments: str


@dataclass(frozen=True)
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0


@dataclass(frozen=True)
class Reply:
    """A model's answer to one request: text (a thought, or the final answer), at most one tool call."""

    content: str | None
    tool_call: ToolCallRequest | None = None
    usage: Usage = field(default_factory=Usage)
    latency_ms: float = 0.0
    model: str = ""
    # More tool calls than the one allowed came back; the loop tells the model so.
    extra_tool_calls: int = 0
    # Notes a model keeps between turns (the offline engine's slots); stored on the
    # conversation and handed back through AgentContext.slots.
    memory: dict[str, Any] | None = None
    finish: Finish = "stop"
    thought_source: ThoughtSource = ""
    # Opaque items the provider needs back on the next request of this turn (the Responses API's
    # encrypted reasoning). Kept in the loop's transcript only; never stored.
    provider_items: tuple[dict[str, Any], ...] = ()
    # The claims a final answer declared ({"kind", "object", "value", "tool_call"} each) through
    # structured output; None when the answer declared nothing (plain text).
    claims: tuple[dict[str, str], ...] | None = None


class ModelUnavailable(Exception):
    """The endpoint could not produce a reply (after its retries): time to fall back."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class ChatModel(Protocol):
    @property
    def name(self) -> str:
        """How the audit trail names this model, e.g. 'openai:gpt-4.1' or 'offline'."""
        ...

    def complete(self, messages: Sequence[Message], tools: Sequence[ToolSpec]) -> Reply:
        """One request. Raises ModelUnavailable when the endpoint cannot answer."""
        ...
