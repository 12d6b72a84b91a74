"""`ChatModel` on any OpenAI-compatible chat-completions endpoint, through the openai SDK.

The Responses API model (responses_model.py) shares this client, its error handling and its
streaming rule. Replies are streamed unless the tier says otherwise, for one reason: with a
stream the timeout bounds the silence between two events, not the whole reply, so a stalled
endpoint is given up on quickly while a long answer still arrives. Nothing sees the pieces as
they come (the customer only ever sees an answer that passed the guardrails); a stream that
breaks off is discarded whole and the next tier takes over.

Retries are the SDK's own (checked in openai/_base_client.py, openai 3.57): it retries
connection errors, timeouts, 408, 409, 429 and 5xx (or whatever an `x-should-retry` header
says), up to `max_retries` times. It waits what retry-after-ms / Retry-After (seconds, floats
allowed, or an HTTP date) asks when that is above 0 and at most 120 s, and does not retry at
all when it asks for more; otherwise it backs off 0.5 s * 2^attempt, capped at 8 s, less
0-25 % jitter. Other 4xx fail at once. So this module adds no retry loop of its own (and no
tenacity); it turns whatever is left into `ModelUnavailable`. A failure once a stream has
begun is not retried by the SDK: the tier falls back instead.
"""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import openai
from openai.types import CompletionUsage
from openai.types.chat import ChatCompletion, ChatCompletionChunk

from apps.llm.answers import answer_parse, chat_completions_format
from apps.llm.endpoint import EndpointConfig, cost_of
from apps.llm.types import (
    PROVIDER_ITEMS,
    Finish,
    Message,
    ModelUnavailable,
    Reply,
    ToolCallRequest,
    ToolSpec,
    Usage,
)

__all__ = ["OPENAI_BASE_URL", "EndpointConfig", "OpenAIChatModel", "cost_of"]

log = logging.getLogger(__name__)

# Passed explicitly so an empty base URL never picks up $OPENAI_BASE_URL from the environment.
OPENAI_BASE_URL = "https://api.openai.com/v1"


@lru_cache(maxsize=32)
def _client(base_url: str, api_key: str, timeout: float, max_retries: int, pid: int) -> openai.OpenAI:
    # Tiers build a model per turn; sharing the client keeps its connection pool warm. The pid is
    # part of the key so a process forked from one that already has a client (Celery prefork)
    # builds its own instead of sharing the parent's sockets.
    return openai.OpenAI(base_url=base_url, api_key=api_key, timeout=timeout, max_retries=max_retries)


class OpenAIChatModel:
    """One tier's endpoint: OpenAI, Azure OpenAI, vLLM or Ollama, told apart by settings only."""

    # Request keys this class decides; extra_params cannot override them.
    owned_params: frozenset[str] = frozenset({"model", "messages", "stream"})

    def __init__(self, config: EndpointConfig) -> None:
        self.config = config
        self._client = _client(
            config.base_url or OPENAI_BASE_URL,
            config.api_key,
            float(config.timeout_seconds),
            config.max_retries,
            os.getpid(),
        )
        ignored = sorted(self.owned_params & set(config.extra_params))
        if ignored:
            log.warning("tier %s: extra_params %s are ignored; the model decides them", config.tier, ignored)

    @property
    def name(self) -> str:
        return f"openai:{self.config.model}"

    def complete(self, messages: Sequence[Message], tools: Sequence[ToolSpec]) -> Reply:
        """One request (retried by the SDK). Raises ModelUnavailable when the endpoint cannot answer."""
        started = time.perf_counter()
        try:
            reply = self._request(messages, tools)
        except openai.APIStatusError as exc:
            raise self._unavailable(exc.message, exc.status_code) from exc
        except openai.APITimeoutError as exc:  # the SDK maps a stream that stalls to this too
            raise self._unavailable(f"timed out after {self.config.timeout_seconds} s") from exc
        except openai.APIConnectionError as exc:
            # Refused, dropped, or closed in the middle of a stream.
            raise self._unavailable(f"the connection failed ({exc.__cause__ or exc})") from exc
        except openai.OpenAIError as exc:  # e.g. an error event inside a stream
            raise self._unavailable(str(exc)) from exc
        # Retries and backoff are inside the measurement: it is the time the turn waited.
        return replace(reply, latency_ms=(time.perf_counter() - started) * 1000)

    def _request(self, messages: Sequence[Message], tools: Sequence[ToolSpec]) -> Reply:
        params = self._request_params(tools)
        # Provider items belong to the Responses API; a chat-completions server would reject the key.
        sent = [{k: v for k, v in m.items() if k != PROVIDER_ITEMS} for m in messages]
        if self.config.stream:
            return self._complete_streamed(sent, params)
        return self._complete(sent, params)

    def _request_params(self, tools: Sequence[ToolSpec]) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if tools:
            params["tools"] = list(tools)
            # The loop runs one tool per step; asking for one is cheaper than dropping the rest.
            params["parallel_tool_calls"] = False
        if self.config.reasoning_effort:
            params["reasoning_effort"] = self.config.reasoning_effort
        if self.config.stream:
            params["stream_options"] = {"include_usage": True}
        # The final answer comes with its claims (answers.py); extra_params may turn it off.
        params["response_format"] = chat_completions_format()
        params.update(self.config.extra_params)
        # Some compatible servers reject tool settings without tools, and OpenAI rejects
        # stream_options without stream, whatever extra_params says.
        if not tools:
            params.pop("parallel_tool_calls", None)
            params.pop("tool_choice", None)
        if not self.config.stream:
            params.pop("stream_options", None)
        return {
            key: value for key, value in params.items() if value is not None and key not in self.owned_params
        }

    def _post(
        self, path: str, body: dict[str, Any], params: dict[str, Any], *, cast_to: type, stream_cls: type
    ) -> Any:
        """POST through the SDK's client as its `create` methods do (auth, retries, timeouts,
        error mapping, streaming), minus their request preparation: `create` walks every
        message and tool schema against the SDK's TypedDicts to rename aliased keys, of which
        these APIs' JSON bodies have none, and that walk was most of the SDK's CPU per call
        (bench/turn_cost.py). Everything but the keys this class owns goes in the extra body, so
        parameters this SDK version does not know (vLLM's top_k, a new reasoning knob) still
        reach the server."""
        options: Any = {"extra_json": params, "security": {"bearer_auth": True}}
        stream = bool(body.get("stream"))
        return self._client.post(
            path, cast_to=cast_to, body=body, options=options, stream=stream, stream_cls=stream_cls
        )

    def _complete(self, messages: list[Message], params: dict[str, Any]) -> Reply:
        # The body as bytes, read here: the SDK's ChatCompletion (a tree of pydantic models built
        # field by field) was about a third of its CPU per call, for the few fields a Reply needs.
        body = self._post(
            "/chat/completions",
            {"model": self.config.model, "messages": messages},
            params,
            cast_to=bytes,
            stream_cls=openai.Stream[ChatCompletionChunk],
        )
        try:
            completion = json.loads(body)
        except ValueError:
            raise self._unavailable("the endpoint sent a reply that is not JSON") from None
        choices = completion.get("choices") if isinstance(completion, dict) else None
        if not choices or not isinstance(choices[0], dict):
            raise self._unavailable("the endpoint sent a reply with no choices")
        choice = choices[0]
        message: dict[str, Any] = choice["message"] if isinstance(choice.get("message"), dict) else {}
        calls = [_call_from_json(call) for call in message.get("tool_calls") or () if isinstance(call, dict)]
        refusal = message.get("refusal")
        finish = _finish(choice.get("finish_reason"), refused=bool(refusal))
        content = refusal if refusal else message.get("content")
        usage: dict[str, Any] = completion["usage"] if isinstance(completion.get("usage"), dict) else {}
        return self._reply(
            content,
            calls,
            Usage(
                input_tokens=_token_count(usage.get("prompt_tokens")),
                output_tokens=_token_count(usage.get("completion_tokens")),
            ),
            completion.get("model"),
            finish,
        )

    def _complete_streamed(self, messages: list[Message], params: dict[str, Any]) -> Reply:
        stream = self._post(
            "/chat/completions",
            {"model": self.config.model, "messages": messages, "stream": True},
            params,
            cast_to=ChatCompletion,
            stream_cls=openai.Stream[ChatCompletionChunk],
        )
        pieces: list[str] = []
        refusal: list[str] = []
        calls: dict[int, _PartialCall] = {}
        usage: CompletionUsage | None = None
        model = ""
        finish_reason: str | None = None
        with stream:
            for chunk in stream:
                model = chunk.model or model
                # Usage comes on the last chunk (with no choices) when the server honours
                # include_usage; some send it on every chunk, some never.
                usage = chunk.usage or usage
                if not chunk.choices:
                    continue
                choice = chunk.choices[0]
                finish_reason = choice.finish_reason or finish_reason
                delta = choice.delta
                if delta.content:
                    pieces.append(delta.content)
                if delta.refusal:
                    refusal.append(delta.refusal)
                for part in delta.tool_calls or ():
                    call = calls.setdefault(_fragment_index(part, calls), _PartialCall())
                    call.id = call.id or part.id
                    if part.function is not None:
                        call.name += part.function.name or ""
                        call.arguments += part.function.arguments or ""
        if finish_reason is None:
            # The server closed the stream without saying it was done: the reply may be partial.
            raise self._unavailable("the stream ended before the reply was complete")
        requests = [
            ToolCallRequest(id=c.id or _new_call_id(), name=c.name, arguments=c.arguments)
            for _, c in sorted(calls.items())
        ]
        content = "".join(refusal) if refusal else "".join(pieces)
        return self._reply(
            content, requests, _usage(usage), model, _finish(finish_reason, refused=bool(refusal))
        )

    def _reply(
        self,
        content: str | None,
        calls: list[ToolCallRequest],
        usage: Usage,
        model: str | None,
        finish: Finish = "stop",
    ) -> Reply:
        if len(calls) > 1:
            log.info(
                "tier %s: %s returned %d tool calls; keeping the first",
                self.config.tier,
                self.name,
                len(calls),
            )
        claims = None
        if finish != "refusal":
            content, claims = answer_parse(content)
        return Reply(
            content=content or None,
            tool_call=calls[0] if calls else None,
            claims=claims if not calls else None,
            usage=usage,
            # The served model (e.g. a dated snapshot) when the server names it.
            model=model or self.config.model,
            extra_tool_calls=max(0, len(calls) - 1),
            finish=finish,
            thought_source="text" if content else "",
        )

    def _unavailable(self, why: str, status: int | None = None) -> ModelUnavailable:
        message = f"{self.name} (tier {self.config.tier}): {why}"
        log.warning("model unavailable: %s", message)
        return ModelUnavailable(message, status=status)


@dataclass
class _PartialCall:
    """A streamed tool call, assembled from its fragments."""

    id: str | None = None
    name: str = ""
    arguments: str = ""


def _fragment_index(part: Any, calls: dict[int, _PartialCall]) -> int:
    index = getattr(part, "index", None)
    if isinstance(index, int):
        return index
    # A server that omits the index: a new id starts a new call; anything else continues the last.
    last = max(calls, default=-1)
    if last < 0 or (part.id and calls[last].id not in (None, part.id)):
        return last + 1
    return last


def _finish(reason: str | None, *, refused: bool) -> Finish:
    if refused:
        return "refusal"
    if reason == "length":
        return "length"
    if reason == "content_filter":
        return "content_filter"
    return "stop"


def _call_from_json(call: dict[str, Any]) -> ToolCallRequest:
    """A tool call as the reply's JSON has it: function tool calls carry `function` (name,
    arguments); custom tool calls carry `custom` with raw `input`."""
    function = call.get("function")
    if isinstance(function, dict):
        name, arguments = function.get("name"), function.get("arguments")
    else:
        custom: dict[str, Any] = call["custom"] if isinstance(call.get("custom"), dict) else {}
        name, arguments = custom.get("name"), custom.get("input")
    if arguments is not None and not isinstance(arguments, str):
        # Some servers send an object instead of a JSON string; the gate expects text.
        arguments = json.dumps(arguments)
    # Raw text, malformed JSON included: the tool gate reports it to the model.
    return ToolCallRequest(
        id=call.get("id") or _new_call_id(), name=str(name or ""), arguments=arguments or ""
    )


def _new_call_id() -> str:
    # Some compatible servers send no id; the tool message that answers the call needs one.
    return f"call_{uuid.uuid4().hex[:24]}"


def _token_count(value: Any) -> int:
    """A usage count as the endpoint sent it; anything but a whole number >= 0 counts as 0 (a
    server's odd usage block must not fail an answer that is otherwise fine)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value or value < 0:
        return 0
    return int(min(value, 10**12))


def _usage(usage: CompletionUsage | None) -> Usage:
    if usage is None:
        return Usage()
    return Usage(input_tokens=usage.prompt_tokens or 0, output_tokens=usage.completion_tokens or 0)
