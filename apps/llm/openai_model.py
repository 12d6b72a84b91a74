"""`ChatModel` on any OpenAI-compatible chat-completions endpoint, through the openai SDK.

Retries are the SDK's own (checked in openai/_base_client.py, openai 3.57): it retries
connection errors, timeouts, 408, 409, 429 and 5xx (or whatever an `x-should-retry` header
says), up to `max_retries` times. It waits what retry-after-ms / Retry-After (seconds, floats
allowed, or an HTTP date) asks when that is above 0 and at most 120 s, and does not retry at
all when it asks for more; otherwise it backs off 0.5 s * 2^attempt, capped at 8 s, less
0-25 % jitter. Other 4xx fail at once. So this module adds no retry loop of its own (and no
tenacity); it turns whatever is left into `ModelUnavailable`.
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
from typing import Any, cast

import openai
from openai.types import CompletionUsage
from openai.types.chat import ChatCompletion

from apps.llm.endpoint import EndpointConfig, cost_of
from apps.llm.types import DeltaCallback, Message, ModelUnavailable, Reply, ToolCallRequest, ToolSpec, Usage

__all__ = ["OPENAI_BASE_URL", "EndpointConfig", "OpenAIChatModel", "cost_of"]

log = logging.getLogger(__name__)

# Passed explicitly so an empty base URL never picks up $OPENAI_BASE_URL from the environment.
OPENAI_BASE_URL = "https://api.openai.com/v1"

# Request keys this class decides; extra_params cannot override them.
_OWNED_PARAMS = frozenset({"model", "messages", "stream"})


@lru_cache(maxsize=32)
def _client(base_url: str, api_key: str, timeout: float, max_retries: int, pid: int) -> openai.OpenAI:
    # Tiers build a model per turn; sharing the client keeps its connection pool warm. The pid is
    # part of the key so a process forked from one that already has a client (Celery prefork)
    # builds its own instead of sharing the parent's sockets.
    return openai.OpenAI(base_url=base_url, api_key=api_key, timeout=timeout, max_retries=max_retries)


class OpenAIChatModel:
    """One tier's endpoint: OpenAI, Azure OpenAI, vLLM or Ollama, told apart by settings only."""

    def __init__(self, config: EndpointConfig) -> None:
        self.config = config
        self._client = _client(
            config.base_url or OPENAI_BASE_URL,
            config.api_key,
            float(config.timeout_seconds),
            config.max_retries,
            os.getpid(),
        )
        ignored = sorted(_OWNED_PARAMS & set(config.extra_params))
        if ignored:
            log.warning("tier %s: extra_params %s are ignored; the model decides them", config.tier, ignored)

    @property
    def name(self) -> str:
        return f"openai:{self.config.model}"

    def complete(
        self,
        messages: Sequence[Message],
        tools: Sequence[ToolSpec],
        *,
        on_delta: DeltaCallback | None = None,
    ) -> Reply:
        """One request (retried by the SDK). Raises ModelUnavailable when the endpoint cannot answer."""
        params = self._request_params(tools, streaming=on_delta is not None)
        started = time.perf_counter()
        try:
            if on_delta is None:
                reply = self._complete(messages, params)
            else:
                reply = self._complete_streamed(messages, params, on_delta)
        except openai.APIStatusError as exc:
            raise self._unavailable(exc.message, exc.status_code) from exc
        except openai.APITimeoutError as exc:
            raise self._unavailable(f"timed out after {self.config.timeout_seconds} s") from exc
        except openai.APIConnectionError as exc:
            raise self._unavailable(f"could not reach the endpoint ({exc.__cause__ or exc})") from exc
        except openai.OpenAIError as exc:  # e.g. an error event inside a stream
            raise self._unavailable(str(exc)) from exc
        # Retries and backoff are inside the measurement: it is the time the turn waited.
        return replace(reply, latency_ms=(time.perf_counter() - started) * 1000)

    def _request_params(self, tools: Sequence[ToolSpec], *, streaming: bool) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if tools:
            params["tools"] = list(tools)
            # The loop runs one tool per step; asking for one is cheaper than dropping the rest.
            params["parallel_tool_calls"] = False
        if streaming:
            params["stream_options"] = {"include_usage": True}
        params.update(self.config.extra_params)
        # Some compatible servers reject tool settings without tools, and OpenAI rejects
        # stream_options without stream, whatever extra_params says.
        if not tools:
            params.pop("parallel_tool_calls", None)
            params.pop("tool_choice", None)
        if not streaming:
            params.pop("stream_options", None)
        return {key: value for key, value in params.items() if value is not None and key not in _OWNED_PARAMS}

    def _complete(self, messages: Sequence[Message], params: dict[str, Any]) -> Reply:
        # Everything but model/messages/stream goes in extra_body, so parameters this SDK
        # version does not know (vLLM's top_k, a new reasoning knob) still reach the server.
        completion = self._client.chat.completions.create(
            model=self.config.model, messages=cast(Any, list(messages)), extra_body=params
        )
        if not isinstance(completion, ChatCompletion) or not completion.choices:
            raise self._unavailable("the endpoint sent a reply with no choices")
        message = completion.choices[0].message
        calls = [_call_from(call) for call in message.tool_calls or ()]
        return self._reply(message.content, calls, _usage(completion.usage), completion.model)

    def _complete_streamed(
        self, messages: Sequence[Message], params: dict[str, Any], on_delta: DeltaCallback
    ) -> Reply:
        stream = self._client.chat.completions.create(
            model=self.config.model, messages=cast(Any, list(messages)), stream=True, extra_body=params
        )
        pieces: list[str] = []
        calls: dict[int, _PartialCall] = {}
        usage: CompletionUsage | None = None
        model = ""
        # A failure once the stream has begun is not retried (by the SDK or here): a replay
        # could repeat text already passed to on_delta, so the caller falls back instead.
        with stream:
            for chunk in stream:
                model = chunk.model or model
                # Usage comes on the last chunk (with no choices) when the server honours
                # include_usage; some send it on every chunk, some never.
                usage = chunk.usage or usage
                if not chunk.choices:
                    continue
                delta = chunk.choices[0].delta
                if delta.content:
                    pieces.append(delta.content)
                    on_delta(delta.content)
                for part in delta.tool_calls or ():
                    call = calls.setdefault(_fragment_index(part, calls), _PartialCall())
                    call.id = call.id or part.id
                    if part.function is not None:
                        call.name += part.function.name or ""
                        call.arguments += part.function.arguments or ""
        requests = [
            ToolCallRequest(id=c.id or _new_call_id(), name=c.name, arguments=c.arguments)
            for _, c in sorted(calls.items())
        ]
        return self._reply("".join(pieces), requests, _usage(usage), model)

    def _reply(
        self, content: str | None, calls: list[ToolCallRequest], usage: Usage, model: str | None
    ) -> Reply:
        if len(calls) > 1:
            log.info(
                "tier %s: %s returned %d tool calls; keeping the first",
                self.config.tier,
                self.name,
                len(calls),
            )
        return Reply(
            content=content or None,
            tool_call=calls[0] if calls else None,
            usage=usage,
            # The served model (e.g. a dated snapshot) when the server names it.
            model=model or self.config.model,
            extra_tool_calls=max(0, len(calls) - 1),
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


def _call_from(call: Any) -> ToolCallRequest:
    # Function tool calls carry `function`; custom tool calls carry `custom` with raw `input`.
    function = getattr(call, "function", None)
    if function is not None:
        name, arguments = function.name, function.arguments
    else:
        custom = getattr(call, "custom", None)
        name, arguments = getattr(custom, "name", ""), getattr(custom, "input", "")
    if arguments is not None and not isinstance(arguments, str):
        # Some servers send an object instead of a JSON string; the gate expects text.
        arguments = json.dumps(arguments)
    # Raw text, malformed JSON included: the tool gate reports it to the model.
    return ToolCallRequest(
        id=getattr(call, "id", None) or _new_call_id(), name=name or "", arguments=arguments or ""
    )


def _new_call_id() -> str:
    # Some compatible servers send no id; the tool message that answers the call needs one.
    return f"call_{uuid.uuid4().hex[:24]}"


def _usage(usage: CompletionUsage | None) -> Usage:
    if usage is None:
        return Usage()
    return Usage(input_tokens=usage.prompt_tokens or 0, output_tokens=usage.completion_tokens or 0)
