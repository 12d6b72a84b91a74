"""The Chat Completions API (POST /v1/chat/completions): a scripted reply as a chat.completion,
or streamed as chat.completion.chunk events."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from .script import Completion, ToolCall, words


def completion_body(
    reply: Completion, request: dict[str, Any], next_call_id: Callable[[], str]
) -> dict[str, Any]:
    """The whole chat.completion for one reply (a request without `stream`)."""
    message: dict[str, Any] = {
        "role": "assistant",
        "content": None if reply.refusal else reply.content,
        "refusal": reply.refusal,
        **reply.extra_fields,
    }
    if reply.tool_calls:
        message["tool_calls"] = [
            {**_tool_call_body(call, next_call_id), **reply.extra_fields} for call in reply.tool_calls
        ]
    body: dict[str, Any] = {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": reply.model or request.get("model", ""),
        "choices": [
            {
                "index": 0,
                "message": message,
                "finish_reason": _chat_finish(reply),
                "logprobs": None,
            }
        ],
        **reply.extra_fields,
    }
    if reply.usage is not None:
        body["usage"] = _usage_body(reply.usage)
    return body


def _tool_call_body(call: ToolCall, next_call_id: Callable[[], str]) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "function",
        "function": {"name": call.name, "arguments": call.raw_arguments},
    }
    if not call.omit_id:
        body["id"] = call.id or next_call_id()
    return body


def completion_chunks(
    reply: Completion, request: dict[str, Any], next_call_id: Callable[[], str]
) -> Iterator[dict[str, Any]]:
    """The chat.completion.chunk events of one streamed reply, in the order OpenAI sends them."""
    include_usage = bool((request.get("stream_options") or {}).get("include_usage"))
    base = {
        "id": "chatcmpl-scripted",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": reply.model or request.get("model", ""),
    }

    def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
        body = {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}]}
        if include_usage:
            body["usage"] = None  # OpenAI sends null usage on every chunk but the last
        return body

    # OpenAI opens with an empty content delta that only names the role.
    yield chunk({"role": "assistant", "content": ""})
    if reply.refusal:
        yield chunk({"refusal": reply.refusal})
    elif reply.content:
        for piece in reply.content_chunks or words(reply.content):
            yield chunk({"content": piece})
    for index, call in enumerate(reply.tool_calls):
        opening: dict[str, Any] = {
            "index": index,
            "type": "function",
            "function": {"name": call.name, "arguments": ""},
        }
        if not call.omit_id:
            opening["id"] = call.id or next_call_id()
        yield chunk({"tool_calls": [opening]})
        raw, size = call.raw_arguments, max(1, reply.arguments_chunk_size)
        for start in range(0, len(raw), size):
            yield chunk(
                {"tool_calls": [{"index": index, "function": {"arguments": raw[start : start + size]}}]}
            )
    yield chunk({}, _chat_finish(reply))
    if include_usage and reply.usage is not None:
        yield {**base, "choices": [], "usage": _usage_body(reply.usage)}


def _usage_body(usage: tuple[int, int]) -> dict[str, int]:
    prompt, completion = usage
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def _chat_finish(reply: Completion) -> str:
    if reply.finish:
        return reply.finish
    return "tool_calls" if reply.tool_calls else "stop"
