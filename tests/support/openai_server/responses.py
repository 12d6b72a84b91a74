"""The Responses API (POST /v1/responses): a scripted reply as a response object, or streamed
as the named server-sent events OpenAI sends."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from typing import Any

from .script import Completion, words

_INCOMPLETE_REASONS = {"length": "max_output_tokens", "content_filter": "content_filter"}


def _response_output(
    reply: Completion, request: dict[str, Any], next_call_id: Callable[[], str]
) -> list[dict[str, Any]]:
    """The output items: reasoning, then the message (a preamble when calls follow), then calls."""
    items: list[dict[str, Any]] = []
    if reply.reasoning_summary is not None or reply.encrypted_reasoning is not None:
        reasoning: dict[str, Any] = {"type": "reasoning", "id": "rs_scripted", "summary": []}
        if reply.reasoning_summary:
            reasoning["summary"] = [{"type": "summary_text", "text": reply.reasoning_summary}]
        # As OpenAI does: the encrypted reasoning only comes back when the request asks for it.
        if reply.encrypted_reasoning and "reasoning.encrypted_content" in (request.get("include") or ()):
            reasoning["encrypted_content"] = reply.encrypted_reasoning
        items.append(reasoning)
    incomplete = reply.finish in _INCOMPLETE_REASONS
    if reply.refusal or reply.content:
        part: dict[str, Any] = (
            {"type": "refusal", "refusal": reply.refusal}
            if reply.refusal
            else {"type": "output_text", "text": reply.content, "annotations": [], "logprobs": []}
        )
        message = {
            "type": "message",
            "id": "msg_scripted",
            "role": "assistant",
            "status": "incomplete" if incomplete else "completed",
            "phase": "commentary" if reply.tool_calls else "final_answer",
            "content": [{**part, **reply.extra_fields}],
            **reply.extra_fields,
        }
        items.append(message)
    for number, call in enumerate(reply.tool_calls):
        items.append(
            {
                "type": "function_call",
                "id": f"fc_scripted_{number}",
                "call_id": call.id or next_call_id(),
                "name": call.name,
                "arguments": call.raw_arguments,
                "status": "completed",
                **reply.extra_fields,
            }
        )
    return items


def response_body(
    reply: Completion,
    request: dict[str, Any],
    next_call_id: Callable[[], str],
    output: list[dict[str, Any]] | None = None,
    status: str | None = None,
) -> dict[str, Any]:
    """The response object for one reply (whole, or the opening and closing one of a stream)."""
    reason = _INCOMPLETE_REASONS.get(reply.finish or "")
    body: dict[str, Any] = {
        "id": "resp_scripted",
        "object": "response",
        "created_at": int(time.time()),
        "model": reply.model or request.get("model", ""),
        "status": status or ("incomplete" if reason else "completed"),
        "incomplete_details": {"reason": reason} if reason and status is None else None,
        "error": None,
        "instructions": request.get("instructions"),
        "output": _response_output(reply, request, next_call_id) if output is None else output,
        "parallel_tool_calls": bool(request.get("parallel_tool_calls", True)),
        "tool_choice": request.get("tool_choice", "auto"),
        "tools": request.get("tools", []),
        "store": bool(request.get("store", True)),
        "reasoning": request.get("reasoning"),
        "metadata": {},
        **reply.extra_fields,
    }
    if reply.usage is not None and status is None:
        prompt, completion = reply.usage
        body["usage"] = {
            "input_tokens": prompt,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": completion,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": prompt + completion,
        }
    return body


def response_events(
    reply: Completion, request: dict[str, Any], next_call_id: Callable[[], str]
) -> Iterator[dict[str, Any]]:
    """The Responses API's server-sent events for one reply, in the order OpenAI sends them."""
    sequence = itertools.count()
    output = _response_output(reply, request, next_call_id)

    def event(kind: str, **fields: Any) -> dict[str, Any]:
        return {"type": kind, "sequence_number": next(sequence), **fields}

    opening = response_body(reply, request, next_call_id, output=[], status="in_progress")
    yield event("response.created", response=opening)
    yield event("response.in_progress", response=opening)
    for index, item in enumerate(output):
        where = {"item_id": item["id"], "output_index": index}
        if item["type"] == "reasoning":
            yield event("response.output_item.added", output_index=index, item={**item, "summary": []})
            for number, part in enumerate(item["summary"]):
                yield event(
                    "response.reasoning_summary_text.delta", **where, summary_index=number, delta=part["text"]
                )
                yield event(
                    "response.reasoning_summary_text.done", **where, summary_index=number, text=part["text"]
                )
        elif item["type"] == "message":
            yield event(
                "response.output_item.added",
                output_index=index,
                item={**item, "status": "in_progress", "content": []},
            )
            part = item["content"][0]
            yield event("response.content_part.added", **where, content_index=0, part={**part, "text": ""})
            if part["type"] == "refusal":
                yield event("response.refusal.delta", **where, content_index=0, delta=part["refusal"])
                yield event("response.refusal.done", **where, content_index=0, refusal=part["refusal"])
            else:
                for piece in reply.content_chunks or words(part["text"]):
                    yield event(
                        "response.output_text.delta", **where, content_index=0, delta=piece, logprobs=[]
                    )
                yield event(
                    "response.output_text.done", **where, content_index=0, text=part["text"], logprobs=[]
                )
            yield event("response.content_part.done", **where, content_index=0, part=part)
        else:
            yield event(
                "response.output_item.added",
                output_index=index,
                item={**item, "arguments": "", "status": "in_progress"},
            )
            raw, size = item["arguments"], max(1, reply.arguments_chunk_size)
            for start in range(0, len(raw), size):
                yield event(
                    "response.function_call_arguments.delta", **where, delta=raw[start : start + size]
                )
            yield event("response.function_call_arguments.done", **where, name=item["name"], arguments=raw)
        yield event("response.output_item.done", output_index=index, item=item)
    final = response_body(reply, request, next_call_id, output=output)
    kind = "response.incomplete" if final["status"] == "incomplete" else "response.completed"
    yield event(kind, response=final)
