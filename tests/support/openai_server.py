"""A loopback OpenAI-compatible server that replays scripted replies, on the Chat Completions
API (POST /v1/chat/completions) and the Responses API (POST /v1/responses), streamed or not.

Contract tests point the real `openai` client at it, so retries, timeouts, streaming and
error mapping are exercised over real HTTP instead of through mocks of the SDK. One script
serves either API: the same scripted reply is rendered in the shape of the request's API.

    with ScriptedOpenAIServer([error(429, retry_after="0.01"), text("Hello!")]) as server:
        client = openai.OpenAI(base_url=server.base_url, api_key="test-key")
        ...
        assert len(server.requests) == 2

Stdlib only, so any test (and later the load benchmarks) can use it.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# -- scripted replies -------------------------------------------------------------------------


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


_ERROR_TYPES = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("invalid_request_error", "unsupported_country_region_territory"),
    404: ("invalid_request_error", "model_not_found"),
    422: ("invalid_request_error", None),
    429: ("requests", "rate_limit_exceeded"),
}


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


# Tells the openai SDK not to retry, so a broken script fails a test at once instead of after
# the client's backoff.
_NO_RETRY = {"x-should-retry": "false"}


def _exhausted() -> HTTPError:
    return HTTPError(500, "script exhausted: no scripted reply left and no default", headers=_NO_RETRY)


# -- the server --------------------------------------------------------------------------------


class ScriptedOpenAIServer:
    """POST /v1/chat/completions and /v1/responses answer with the next scripted reply;
    GET /v1/models lists models.

    `script` is a list of replies served in order (add more with `push`), or a function of the
    request body returning the reply, for tests that react to the conversation. When the queue
    is empty, `default` is served, or a 500 "script exhausted" that the SDK will not retry.
    `delay` is added before every reply (for load tests).
    """

    def __init__(
        self,
        script: Iterable[ScriptedReply] | Script = (),
        *,
        default: ScriptedReply | None = None,
        delay: float = 0.0,
        models: Iterable[str] = ("scripted-model",),
    ) -> None:
        self._script: Script | None = script if callable(script) else None
        self._queue: deque[ScriptedReply] = deque([] if callable(script) else script)
        self.default = default
        self.delay = delay
        self.models = tuple(models)
        self._lock = threading.Lock()
        self._requests: list[dict[str, Any]] = []
        self._request_headers: list[dict[str, str]] = []
        self._call_ids = itertools.count(1)
        # Set on stop so replies still sleeping in handler threads give up at once.
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle

    def start(self) -> ScriptedOpenAIServer:
        if self._httpd is not None:
            return self
        self._stopping.clear()
        self._httpd = _HTTPServer(("127.0.0.1", 0), _Handler, owner=self)
        # A short poll interval keeps stop() (and so each test's teardown) fast.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> ScriptedOpenAIServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # what tests read

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the server is not running; call start() or use it as a context manager")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def requests(self) -> list[dict[str, Any]]:
        """The JSON body of every request received (either API), oldest first."""
        with self._lock:
            return list(self._requests)

    @property
    def request_headers(self) -> list[dict[str, str]]:
        """The headers of every request (names lower-cased), oldest first."""
        with self._lock:
            return list(self._request_headers)

    def push(self, *replies: ScriptedReply) -> None:
        if self._script is not None:
            raise TypeError("this server answers through a script function; it has no queue")
        with self._lock:
            self._queue.extend(replies)

    # used by the handler

    def _receive(self, body: dict[str, Any], headers: dict[str, str]) -> ScriptedReply:
        with self._lock:
            self._requests.append(body)
            self._request_headers.append(headers)
            if self._script is None:
                if self._queue:
                    return self._queue.popleft()
                return self.default or _exhausted()
        try:
            return self._script(body)
        except Exception as exc:  # a broken test script should fail the test, not hang it
            return HTTPError(500, f"script raised {exc!r}", headers=_NO_RETRY)

    def _next_call_id(self) -> str:
        with self._lock:
            return f"call_{next(self._call_ids)}"

    def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            self._stopping.wait(seconds)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], *, owner: ScriptedOpenAIServer
    ):
        self.owner = owner
        super().__init__(address, handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients hanging up mid-reply (timeouts, closed streams) are part of the script.
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the SDK's connection pool expects
    # Headers and body go out in separate writes; with Nagle on, each reply waits ~40 ms for
    # the client's delayed ACK.
    disable_nagle_algorithm = True
    server: _HTTPServer

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionError, TimeoutError):
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet test output

    def do_GET(self) -> None:
        if self.path.split("?")[0].rstrip("/") != "/v1/models":
            self._send_error(HTTPError(404, f"no route for GET {self.path}"))
            return
        models = [
            {"id": m, "object": "model", "created": 0, "owned_by": "scripted"}
            for m in self.server.owner.models
        ]
        self._send_json(200, {"object": "list", "data": models})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        route = self.path.split("?")[0].rstrip("/")
        if route not in ("/v1/chat/completions", "/v1/responses"):
            self._send_error(HTTPError(404, f"no route for POST {self.path}"))
            return
        responses = route == "/v1/responses"
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            self._send_error(HTTPError(400, "request body is not JSON", headers=_NO_RETRY))
            return
        owner = self.server.owner
        reply = owner._receive(body, {k.lower(): v for k, v in self.headers.items()})
        owner._sleep(owner.delay + reply.delay)
        if isinstance(reply, Disconnect):
            self.close_connection = True
            return
        if isinstance(reply, HTTPError):
            self._send_error(reply)
        elif responses and body.get("stream"):
            self._send_events(_responses_events(reply, body, owner._next_call_id), reply, sse_names=True)
        elif responses:
            self._send_json(200, _response_body(reply, body, owner._next_call_id))
        elif body.get("stream"):
            self._send_events(self._stream_chunks(reply, body), reply, sse_names=False)
        else:
            self._send_json(200, self._completion_body(reply, body))

    # responses

    def _send_json(self, status: int, payload: object, headers: Mapping[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _send_error(self, reply: HTTPError) -> None:
        kind, code = _ERROR_TYPES.get(reply.status, ("server_error", None))
        headers = dict(reply.headers)
        if reply.retry_after is not None:
            headers["Retry-After"] = reply.retry_after
        payload = {"error": {"message": reply.message, "type": kind, "param": None, "code": code}}
        self._send_json(reply.status, payload, headers)

    def _completion_body(self, reply: Completion, request: dict[str, Any]) -> dict[str, Any]:
        message: dict[str, Any] = {
            "role": "assistant",
            "content": None if reply.refusal else reply.content,
            "refusal": reply.refusal,
            **reply.extra_fields,
        }
        if reply.tool_calls:
            message["tool_calls"] = [
                {**self._tool_call_body(call), **reply.extra_fields} for call in reply.tool_calls
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

    def _tool_call_body(self, call: ToolCall) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": "function",
            "function": {"name": call.name, "arguments": call.raw_arguments},
        }
        if not call.omit_id:
            body["id"] = call.id or self.server.owner._next_call_id()
        return body

    def _send_events(self, events: Iterable[dict[str, Any]], reply: Completion, *, sse_names: bool) -> None:
        # Chunked transfer encoding, as real servers stream SSE over a keep-alive connection.
        # The Responses API names each event (`event: response.created`); chat chunks are unnamed.
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        owner = self.server.owner
        for number, event in enumerate(events):
            if reply.stream_cut_after is not None and number >= reply.stream_cut_after:
                break
            if number:
                owner._sleep(reply.chunk_delay)
            name = f"event: {event['type']}\n" if sse_names else ""
            self._write_chunk(f"{name}data: {json.dumps(event)}\n\n".encode())
        if not sse_names and reply.stream_cut_after is None:
            self._write_chunk(b"data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")

    def _write_chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def _stream_chunks(self, reply: Completion, request: dict[str, Any]) -> Iterator[dict[str, Any]]:
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
            for piece in reply.content_chunks or _words(reply.content):
                yield chunk({"content": piece})
        for index, call in enumerate(reply.tool_calls):
            opening: dict[str, Any] = {
                "index": index,
                "type": "function",
                "function": {"name": call.name, "arguments": ""},
            }
            if not call.omit_id:
                opening["id"] = call.id or self.server.owner._next_call_id()
            yield chunk({"tool_calls": [opening]})
            raw, size = call.raw_arguments, max(1, reply.arguments_chunk_size)
            for start in range(0, len(raw), size):
                yield chunk(
                    {"tool_calls": [{"index": index, "function": {"arguments": raw[start : start + size]}}]}
                )
        yield chunk({}, _chat_finish(reply))
        if include_usage and reply.usage is not None:
            yield {**base, "choices": [], "usage": _usage_body(reply.usage)}


def _words(content: str) -> list[str]:
    # Each word keeps its trailing whitespace, so the pieces join back to the content exactly.
    return [piece for piece in re.findall(r"\s*\S+\s*|\s+", content) if piece]


def _usage_body(usage: tuple[int, int]) -> dict[str, int]:
    prompt, completion = usage
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def _chat_finish(reply: Completion) -> str:
    if reply.finish:
        return reply.finish
    return "tool_calls" if reply.tool_calls else "stop"


# -- the Responses API ---------------------------------------------------------------------------

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


def _response_body(
    reply: Completion,
    request: dict[str, Any],
    next_call_id: Callable[[], str],
    output: list[dict[str, Any]] | None = None,
    status: str | None = None,
) -> dict[str, Any]:
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


def _responses_events(
    reply: Completion, request: dict[str, Any], next_call_id: Callable[[], str]
) -> Iterator[dict[str, Any]]:
    """The Responses API's server-sent events for one reply, in the order OpenAI sends them."""
    sequence = itertools.count()
    output = _response_output(reply, request, next_call_id)

    def event(kind: str, **fields: Any) -> dict[str, Any]:
        return {"type": kind, "sequence_number": next(sequence), **fields}

    opening = _response_body(reply, request, next_call_id, output=[], status="in_progress")
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
                for piece in reply.content_chunks or _words(part["text"]):
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
    final = _response_body(reply, request, next_call_id, output=output)
    kind = "response.incomplete" if final["status"] == "incomplete" else "response.completed"
    yield event(kind, response=final)
