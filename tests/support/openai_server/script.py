"""The replies a test scripts for the loopback server: a completion (text, tool calls or both),
an HTTP error, or a dropped connection. One scripted reply serves either API."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ToolCall:
    name: str
    # A dict is sent as JSON; a string is sent verbatim, so malformed JSON can be scripted.
    arguments: Mapping[str, Any] | str = field(default_factory=dict)
    id: str | None = None  # None: the server numbers it (call_1, call_2, ...)
    omit_id: bool = False  # send no id at all, as some compatible servers do

    @property
    def raw_arguments(self) -> str:
        return self.arguments if isinstance(self.arguments, str) else json.dumps(self.arguments)


@dataclass(frozen=True)
class Completion:
    """A successful reply: text, tool calls, or both. Streamed when the request asks for it."""

    content: str | None = None
    tool_calls: tuple[ToolCall, ...] = ()
    # (prompt_tokens, completion_tokens); None sends no usage, as some servers do.
    usage: tuple[int, int] | None = (12, 7)
    model: str | None = None  # None: echo the requested model
    delay: float = 0.0  # seconds before the response starts
    chunk_delay: float = 0.0  # seconds between streamed chunks
    # How a stream splits the content; None: word by word.
    content_chunks: tuple[str, ...] | None = None
    arguments_chunk_size: int = 8  # characters per streamed tool-argument fragment
    refusal: str | None = None  # a refusal instead of content
    # Why the reply ended early: "length" or "content_filter" (Chat: finish_reason; Responses:
    # status "incomplete" with that reason, "max_output_tokens" for length).
    finish: str | None = None
    # Responses only: a reasoning item with this summary and this encrypted content.
    reasoning_summary: str | None = None
    encrypted_reasoning: str | None = None
    # Fields no SDK version knows, added to the reply body, its message and its tool calls.
    extra_fields: Mapping[str, Any] = field(default_factory=dict)
    # Streamed: end the stream after this many events, before the one that says it is complete.
    stream_cut_after: int | None = None


@dataclass(frozen=True)
class HTTPError:
    """An error status with an OpenAI-style error body."""

    status: int
    message: str = ""
    retry_after: str | None = None  # the Retry-After header, e.g. "0.01" or "2"
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass(frozen=True)
class Disconnect:
    """Close the connection without answering: the client sees a connection error."""

    delay: float = 0.0


ScriptedReply = Completion | HTTPError | Disconnect
Script = Callable[[dict[str, Any]], ScriptedReply]


def text(content: str, **options: Any) -> Completion:
    """A plain text answer. Options are Completion fields (usage, delay, chunk_delay, ...)."""
    return Completion(content=content, **options)


def tool_call(
    name: str,
    arguments: Mapping[str, Any] | str | None = None,
    *,
    id: str | None = None,
    omit_id: bool = False,
    **options: Any,
) -> Completion:
    """One tool call; arguments as a dict, or as a raw (possibly malformed) JSON string."""
    call = ToolCall(name, {} if arguments is None else arguments, id=id, omit_id=omit_id)
    return Completion(tool_calls=(call,), **options)


def tool_calls(*calls: ToolCall | tuple[str, Mapping[str, Any] | str], **options: Any) -> Completion:
    """Several tool calls in one reply, e.g. tool_calls(("find_user", {...}), ("get_order", {...}))."""
    built = tuple(call if isinstance(call, ToolCall) else ToolCall(*call) for call in calls)
    return Completion(tool_calls=built, **options)


def error(
    status: int, message: str = "", *, retry_after: str | float | None = None, **options: Any
) -> HTTPError:
    """An error reply: error(429, retry_after=0.01), error(500), error(400, "bad tools")."""
    return HTTPError(
        status=status,
        message=message or f"scripted error {status}",
        retry_after=None if retry_after is None else str(retry_after),
        **options,
    )


def disconnect(*, delay: float = 0.0) -> Disconnect:
    return Disconnect(delay=delay)


def words(content: str) -> list[str]:
    """How a stream splits content by default: word by word."""
    # Each word keeps its trailing whitespace, so the pieces join back to the content exactly.
    return [piece for piece in re.findall(r"\s*\S+\s*|\s+", content) if piece]
