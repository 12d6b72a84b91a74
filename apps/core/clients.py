"""The client address of a request or a socket, for throttles and the audit trail.

Daphne fills the scope's client from the connection, or from X-Forwarded-For when it runs with
--proxy-headers behind a proxy the operator trusts; nothing here reads headers a client sets.
"""

from __future__ import annotations

from typing import Any


def client_from_request(request: Any) -> str | None:
    address = getattr(request, "META", {}).get("REMOTE_ADDR")
    return str(address)[:64] if address else None


def client_from_scope(scope: dict[str, Any]) -> str | None:
    client = scope.get("client")
    if client and client[0]:
        return str(client[0])[:64]
    return None
