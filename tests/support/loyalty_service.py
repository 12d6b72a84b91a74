"""A small loyalty-points HTTP service for the remote-tool tests: it serves its own OpenAPI
document and keeps its state in memory, on a loopback port.

Faults are switched on from the test: `drop_next_write` applies the next write and then closes
the connection without answering; `fail_next` answers the next request with that status;
`/slow` answers after `slow_seconds`; `/moved` redirects to `redirect_to`.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from copy import deepcopy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Loyalty", "version": "1.0.0"},
    "servers": [{"url": "http://127.0.0.1:{port}"}],
    "paths": {
        "/members/{email}": {
            "get": {
                "operationId": "getMember",
                "summary": "A member's points balance and tier",
                "parameters": [{"$ref": "#/components/parameters/Email"}],
                "responses": {"200": {"description": "the member"}},
            }
        },
        "/members/{email}/redemptions": {
            "post": {
                "operationId": "redeemPoints",
                "summary": "Redeem points for a voucher",
                "parameters": [{"$ref": "#/components/parameters/Email"}],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Redemption"}}},
                },
                "responses": {"201": {"description": "the voucher"}},
            }
        },
        "/rewards": {
            "get": {
                "operationId": "listRewards",
                "summary": "The rewards on offer",
                "parameters": [
                    {"name": "tier", "in": "query", "schema": {"type": "string", "enum": ["silver", "gold"]}},
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "default": 10},
                    },
                ],
                "responses": {"200": {"description": "rewards"}},
            }
        },
        "/slow": {"get": {"operationId": "slowReport", "summary": "A report that takes long"}},
        "/broken": {"get": {"operationId": "brokenReport", "summary": "A report that fails"}},
        "/moved": {"get": {"operationId": "movedReport", "summary": "A report that moved"}},
        "/big": {"get": {"operationId": "bigReport", "summary": "A very large report"}},
        "/notes": {
            "post": {
                "operationId": "addNote",
                "summary": "Attach a free-form note",
                "requestBody": {
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Note"}}}
                },
            }
        },
    },
    "components": {
        "parameters": {
            "Email": {
                "name": "email",
                "in": "path",
                "required": True,
                "description": "the member's email",
                "schema": {"type": "string", "format": "email"},
            }
        },
        "schemas": {
            "Redemption": {
                "type": "object",
                "required": ["points"],
                "properties": {
                    "points": {"type": "integer", "minimum": 1},
                    "reason": {"type": "string", "maxLength": 200},
                    "id": {"type": "string", "readOnly": True},
                },
            },
            "Note": {
                "type": "object",
                "properties": {"text": {"type": "string"}, "extra": {"type": "object"}},
            },
        },
    },
}


class LoyaltyService:
    def __init__(self, port: int = 0) -> None:
        self.balances: dict[str, int] = {}
        self.redemptions: list[dict[str, Any]] = []
        self.answered_keys: dict[str, dict[str, Any]] = {}
        self.requests: list[dict[str, Any]] = []
        self.document = deepcopy(DOCUMENT)
        self.drop_next_write = False
        self.fail_next: int | None = None
        self.slow_seconds = 2.0
        self.redirect_to = "http://10.255.255.1/elsewhere"
        self.lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.document["servers"][0]["url"] = self.url
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> LoyaltyService:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def writes(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["method"] != "GET"]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        service = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
                raw = json.dumps(body).encode() if not isinstance(body, bytes) else body
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(raw)

            def _record(self, body: Any) -> str:
                parts = urlsplit(self.path)
                with service.lock:
                    service.requests.append(
                        {
                            "method": self.command,
                            "path": unquote(parts.path),
                            "query": parse_qs(parts.query),
                            "headers": {k.lower(): v for k, v in self.headers.items()},
                            "body": body,
                        }
                    )
                    fail, service.fail_next = service.fail_next, None
                if fail:
                    self._send(fail, {"error": "the loyalty service is having a bad day"})
                    return ""
                return unquote(parts.path)

            def do_GET(self) -> None:
                path = self._record(None)
                if not path:
                    return
                if path == "/openapi.json":
                    self._send(200, service.document)
                elif path.startswith("/members/"):
                    email = path.split("/")[2]
                    if email not in service.balances:
                        self._send(404, {"error": f"no member {email}"})
                    else:
                        self._send(
                            200,
                            {
                                "email": email,
                                "points": service.balances[email],
                                "tier": "gold",
                                "store_credit": 12.5,
                            },
                        )
                elif path == "/rewards":
                    self._send(
                        200, [{"name": "Coffee voucher", "points": 150}, {"name": "Tote bag", "points": 400}]
                    )
                elif path == "/slow":
                    time.sleep(service.slow_seconds)
                    self._send(200, {"report": "late"})
                elif path == "/moved":
                    self._send(302, {}, {"Location": service.redirect_to})
                elif path == "/big":
                    self._send(200, {"rows": ["x" * 100] * 5000})
                else:
                    self._send(404, {"error": "no such path"})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null")
                path = self._record(body)
                if not path:
                    return
                key = self.headers.get("Idempotency-Key", "")
                if path.startswith("/members/") and path.endswith("/redemptions"):
                    email = path.split("/")[2]
                    with service.lock:
                        if key and key in service.answered_keys:
                            answer = service.answered_keys[key]
                        else:
                            points = int((body or {}).get("points", 0))
                            if service.balances.get(email, 0) < points:
                                self._send(
                                    422,
                                    {"error": f"{email} has only {service.balances.get(email, 0)} points"},
                                )
                                return
                            service.balances[email] -= points
                            answer = {"voucher": f"V{len(service.redemptions) + 1:04d}", "points": points}
                            service.redemptions.append({"email": email, **answer})
                            if key:
                                service.answered_keys[key] = answer
                        drop, service.drop_next_write = service.drop_next_write, False
                    if drop:
                        # The change is made, but the answer never leaves.
                        self.close_connection = True
                        self.connection.shutdown(socket.SHUT_RDWR)
                        return
                    self._send(201, answer)
                elif path == "/notes":
                    self._send(201, {"saved": True})
                else:
                    self._send(404, {"error": "no such path"})

        return Handler


if __name__ == "__main__":
    # The README's walk-through: `python -m tests.support.loyalty_service 9300`
    import sys

    port = int(sys.argv[1]) if len(sys.argv) > 1 else 9300
    service = LoyaltyService(port)
    service.balances.update({"olivia.ito5204@example.com": 500, "ava.moore6020@example.com": 120})
    print(f"loyalty service on {service.url} (document: {service.url}/openapi.json)", flush=True)
    service._server.serve_forever()
