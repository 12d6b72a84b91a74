"""A scripted chat model: replies from a list, and a record of what it was shown."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from apps.llm.types import Message, ModelUnavailable, Reply, ToolCallRequest, ToolSpec, Usage


def say(text: str, **usage: int) -> Reply:
    return Reply(content=text, usage=Usage(**usage))


def call(
    name: str, arguments: dict[str, Any] | str, thought: str = "Thought: checking.", call_id: str = ""
) -> Reply:
    raw = arguments if isinstance(arguments, str) else json.dumps(arguments)
    return Reply(
        content=thought, tool_call=ToolCallRequest(id=call_id or f"call_{name}", name=name, arguments=raw)
    )


class ScriptedModel:
    def __init__(
        self, replies: Sequence[Reply | Exception | Callable[[list[Message]], Reply]], name: str = "scripted"
    ):
        self._replies = list(replies)
        self._name = name
        self.seen: list[list[Message]] = []
        self.tools_seen: list[list[str]] = []

    @property
    def name(self) -> str:
        return self._name

    def complete(self, messages: Sequence[Message], tools: Sequence[ToolSpec]) -> Reply:
        self.seen.append([dict(m) for m in messages])
        self.tools_seen.append([t["function"]["name"] for t in tools])
        if not self._replies:
            raise ModelUnavailable("script exhausted")
        reply = self._replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        if callable(reply):
            return reply(list(messages))
        return reply
