"""A loopback OpenAI-compatible server that replays scripted replies, on the Chat Completions
API (POST /v1/chat/completions) and the Responses API (POST /v1/responses), streamed or not.

Contract tests point the real `openai` client at it, so retries, timeouts, streaming and
error mapping are exercised over real HTTP instead of through mocks of the SDK. One script
serves either API: the same scripted reply is rendered in the shape of the request's API.

    with ScriptedOpenAIServer([error(429, retry_after="0.01"), text("Hello!")]) as server:
        client = openai.OpenAI(base_url=server.base_url, api_key="test-key")
        ...
        assert len(server.requests) == 2

Stdlib only, so any test (and later the load benchmarks) can use it. The modules: `script`
(the replies a test scripts), `server` (the HTTP server that serves them), `chat` and
`responses` (a reply in the shape of each API, whole or as stream events).
"""

from __future__ import annotations

from .script import (
    Completion,
    Disconnect,
    HTTPError,
    Script,
    ScriptedReply,
    ToolCall,
    disconnect,
    error,
    text,
    tool_call,
    tool_calls,
)
from .server import ScriptedOpenAIServer

__all__ = [
    "Completion",
    "Disconnect",
    "HTTPError",
    "Script",
    "ScriptedOpenAIServer",
    "ScriptedReply",
    "ToolCall",
    "disconnect",
    "error",
    "text",
    "tool_call",
    "tool_calls",
]
