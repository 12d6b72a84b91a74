"""An MCP server for the remote-tool tests, built with the `mcp` SDK: streamable HTTP on a
loopback port (`McpLoyalty().start()`), or stdio (`python -m tests.support.mcp_loyalty`)."""

from __future__ import annotations

import threading
import time
from typing import Any

import uvicorn
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import ToolAnnotations


def build_server(balances: dict[str, int], calls: list[tuple[str, dict[str, Any]]]) -> MCPServer:
    server = MCPServer("loyalty")

    @server.tool(annotations=ToolAnnotations(read_only_hint=True))
    def member_points(email: str) -> dict[str, Any]:
        """A member's points balance."""
        calls.append(("member_points", {"email": email}))
        if email not in balances:
            raise ToolError(f"no member {email}")
        return {"email": email, "points": balances[email]}

    @server.tool(annotations=ToolAnnotations(destructive_hint=True))
    def redeem(email: str, points: int) -> dict[str, Any]:
        """Redeem points for a voucher."""
        calls.append(("redeem", {"email": email, "points": points}))
        if balances.get(email, 0) < points:
            raise ToolError(f"{email} has only {balances.get(email, 0)} points")
        balances[email] -= points
        return {"voucher": "M0001", "points": points}

    @server.tool(annotations=ToolAnnotations(destructive_hint=False, idempotent_hint=True))
    def subscribe_newsletter(email: str, topics: list[str] | None = None) -> str:
        """Subscribe a member to the newsletter."""
        calls.append(("subscribe_newsletter", {"email": email, "topics": topics}))
        return f"subscribed {email}"

    return server


class McpLoyalty:
    def __init__(self, port: int = 0) -> None:
        self.balances: dict[str, int] = {}
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.idempotency_keys: list[str] = []  # the Idempotency-Key headers that arrived
        app = build_server(self.balances, self.calls).streamable_http_app(
            stateless_http=True, json_response=True
        )

        async def recording(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "http":
                key = dict(scope["headers"]).get(b"idempotency-key")
                if key:
                    self.idempotency_keys.append(key.decode())
            await app(scope, receive, send)

        config = uvicorn.Config(recording, host="127.0.0.1", port=port, log_level="warning")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self.url = ""

    def start(self) -> McpLoyalty:
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the MCP test server did not start")
            time.sleep(0.02)
        port = self._server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/mcp"
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)


if __name__ == "__main__":
    build_server({"ada@example.com": 500}, []).run("stdio")
