"""The loopback HTTP server: it records each request, takes the next scripted reply and sends it
in the shape of the request's API (see chat.py and responses.py), whole or streamed."""

from __future__ import annotations

import itertools
import json
import threading
from collections import deque
from collections.abc import Iterable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .chat import completion_body, completion_chunks
from .responses import response_body, response_events
from .script import Completion, Disconnect, HTTPError, Script, ScriptedReply

_ERROR_TYPES = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("invalid_request_error", "unsupported_country_region_territory"),
    404: ("invalid_request_error", "model_not_found"),
    422: ("invalid_request_error", None),
    429: ("requests", "rate_limit_exceeded"),
}


# Tells the openai SDK not to retry, so a broken script fails a test at once instead of after
# the client's backoff.
_NO_RETRY = {"x-should-retry": "false"}


def _exhausted() -> HTTPError:
    return HTTPError(500, "script exhausted: no scripted reply left and no default", headers=_NO_RETRY)


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
            self._send_events(response_events(reply, body, owner._next_call_id), reply, sse_names=True)
        elif responses:
            self._send_json(200, response_body(reply, body, owner._next_call_id))
        elif body.get("stream"):
            self._send_events(completion_chunks(reply, body, owner._next_call_id), reply, sse_names=False)
        else:
            self._send_json(200, completion_body(reply, body, owner._next_call_id))

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
