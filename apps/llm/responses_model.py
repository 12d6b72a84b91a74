"""`ChatModel` on OpenAI's Responses API, for the reasoning models (GPT-5.x).

Nothing is stored on OpenAI's side (`store=False`). A reasoning model's hidden reasoning comes
back encrypted; the reply carries it (and the message items it wrote, with their phase) as
provider items, the loop keeps them on the assistant message of that step, and the next
request of the same turn sends them back in place. They are never stored: a turn resumed
from its stored steps, or taken over by another tier, starts without them.

The loop speaks chat-completions messages; `_input_items` turns them into Responses input.
Client, retries, timeouts and error handling are OpenAIChatModel's.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import openai
from openai.types.responses import Response, ResponseStreamEvent

from apps.llm.answers import answer_parse, responses_format
from apps.llm.openai_model import OpenAIChatModel, _new_call_id
from apps.llm.types import (
    PROVIDER_ITEMS,
    Finish,
    Message,
    Reply,
    ThoughtSource,
    ToolCallRequest,
    ToolSpec,
    Usage,
)

# The Responses request keys this class decides; extra_params cannot override them.
_OWNED = frozenset({"model", "input", "instructions", "stream", "store", "include"})


class OpenAIResponsesModel(OpenAIChatModel):
    """One tier on the Responses API: strict function tools, encrypted reasoning, no storage."""

    owned_params = _OWNED

    def _request(self, messages: Sequence[Message], tools: Sequence[ToolSpec]) -> Reply:
        params = self._responses_params(tools)
        instructions, items = _input_items(messages)
        body: dict[str, Any] = {"model": self.config.model, "input": items, "store": False}
        if instructions:
            body["instructions"] = instructions
        if self.config.reasoning_effort:
            # Without storage, reasoning can only be carried to the next call encrypted.
            body["include"] = ["reasoning.encrypted_content"]
        if not self.config.stream:
            response = self._post(
                "/responses", body, params, cast_to=Response, stream_cls=openai.Stream[ResponseStreamEvent]
            )
            return self._reply_from(response)
        final: Response | None = None
        streamed = self._post(
            "/responses",
            {**body, "stream": True},
            params,
            cast_to=Response,
            stream_cls=openai.Stream[ResponseStreamEvent],
        )
        with streamed as stream:
            for event in stream:
                if event.type == "error":
                    raise self._unavailable(f"error event in the stream: {event.message}")
                if event.type == "response.failed":
                    failure = event.response.error
                    raise self._unavailable(f"the response failed: {failure.message if failure else ''}")
                if event.type in ("response.completed", "response.incomplete"):
                    final = event.response
        if final is None:
            # The server closed the stream before the last event: the reply may be partial.
            raise self._unavailable("the stream ended before the reply was complete")
        return self._reply_from(final)

    def _responses_params(self, tools: Sequence[ToolSpec]) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if tools:
            params["tools"] = [_function_tool(tool) for tool in tools]
            params["parallel_tool_calls"] = False
        if self.config.reasoning_effort:
            params["reasoning"] = {"effort": self.config.reasoning_effort, "summary": "auto"}
        # The final answer comes with its claims (answers.py); extra_params may turn it off.
        params["text"] = responses_format()
        params.update(self.config.extra_params)
        if not tools:
            params.pop("parallel_tool_calls", None)
            params.pop("tool_choice", None)
        return {key: value for key, value in params.items() if value is not None and key not in _OWNED}

    def _reply_from(self, response: Response) -> Reply:
        texts: list[str] = []
        refusals: list[str] = []
        summaries: list[str] = []
        calls: list[ToolCallRequest] = []
        kept: list[dict[str, Any]] = []
        for item in response.output or ():
            if item.type == "reasoning":
                summaries.extend(part.text for part in item.summary or () if part.text)
                if item.encrypted_content:
                    kept.append(item.to_dict(exclude_none=True))
            elif item.type == "message":
                for part in item.content or ():
                    if part.type == "output_text":
                        texts.append(part.text)
                    elif part.type == "refusal":
                        refusals.append(part.refusal)
                kept.append(item.to_dict(exclude_none=True))
            elif item.type == "function_call":
                arguments = item.arguments
                if not isinstance(arguments, str):  # a lenient server's object instead of JSON text
                    arguments = json.dumps(arguments)
                calls.append(
                    ToolCallRequest(
                        id=item.call_id or _new_call_id(), name=item.name or "", arguments=arguments
                    )
                )
        content = "".join(texts).strip()
        source: ThoughtSource = "text" if content else ""
        if not content and calls and summaries:
            # No preamble: the reasoning summary is the stated reason for the call.
            content, source = "\n".join(summaries).strip(), "summary"
        finish = _finish(response, refused=bool(refusals))
        claims = None
        if refusals:
            content, source = "".join(refusals), "text"
        elif not calls:
            parsed, claims = answer_parse(content)
            content = (parsed or "").strip()
        usage = response.usage
        return Reply(
            content=content or None,
            tool_call=calls[0] if calls else None,
            usage=Usage(usage.input_tokens or 0, usage.output_tokens or 0) if usage else Usage(),
            model=response.model or self.config.model,
            extra_tool_calls=max(0, len(calls) - 1),
            finish=finish,
            thought_source=source,
            provider_items=tuple(kept) if calls else (),
            claims=claims,
        )


def _finish(response: Response, *, refused: bool) -> Finish:
    if refused:
        return "refusal"
    if response.status != "incomplete":
        return "stop"
    reason = response.incomplete_details.reason if response.incomplete_details else None
    return "content_filter" if reason == "content_filter" else "length"


def _function_tool(spec: ToolSpec) -> dict[str, Any]:
    """A chat-completions tool spec as a (flat) Responses function tool."""
    function = spec["function"]
    return {
        "type": "function",
        "name": function["name"],
        "description": function.get("description", ""),
        "parameters": function.get("parameters", {"type": "object", "properties": {}}),
        # The registry marks a schema strict when OpenAI's strict mode accepts it.
        "strict": bool(function.get("strict", True)),
    }


def _input_items(messages: Sequence[Message]) -> tuple[str, list[dict[str, Any]]]:
    """(instructions, input items) for a chat-completions transcript."""
    instructions: list[str] = []
    items: list[dict[str, Any]] = []
    for message in messages:
        role, content = message.get("role"), message.get("content")
        if role == "system":
            instructions.append(str(content or ""))
        elif role == "user":
            items.append({"role": "user", "content": str(content or "")})
        elif role == "assistant":
            provided = list(message.get(PROVIDER_ITEMS) or ())
            # The model's own items (its reasoning; its message, with its phase) stand for the
            # thought when given back: a thought taken from a reasoning summary was never said.
            items.extend(provided)
            if content and not provided:
                items.append({"role": "assistant", "content": str(content)})
            for call in message.get("tool_calls") or ():
                function = call.get("function") or {}
                items.append(
                    {
                        "type": "function_call",
                        "call_id": call["id"],
                        "name": function.get("name", ""),
                        "arguments": function.get("arguments", ""),
                    }
                )
        elif role == "tool":
            items.append(
                {
                    "type": "function_call_output",
                    "call_id": message["tool_call_id"],
                    "output": str(content or ""),
                }
            )
    return "\n\n".join(part for part in instructions if part), items
