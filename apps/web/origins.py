"""Which pages may open our websockets with a visitor's cookies: our own, port included.

A browser sends the page's origin (scheme, host and port) when it opens a websocket. A socket
is accepted when that origin is the site itself (the same host and port as the request's Host
header, and a host ALLOWED_HOSTS allows) or is listed in CSRF_TRUSTED_ORIGINS, as Django's CSRF
check decides for forms. Channels' own validator compares host names only, so another service
on the same host, on another port, could open a visitor's chat.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import split_domain_port, validate_host


def _header(scope: dict[str, Any], name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value).decode("latin1").strip()
    return ""


def origin_allowed(origin: str, host: str) -> bool:
    """True when a page at `origin` may open a socket served to the Host `host`."""
    if not origin or origin == "null":
        return False
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    if f"{parts.scheme}://{parts.netloc}".lower() in {o.lower() for o in settings.CSRF_TRUSTED_ORIGINS}:
        return True
    hostname, _ = split_domain_port(host.lower())
    allowed_hosts = settings.ALLOWED_HOSTS or ([".localhost", "127.0.0.1", "[::1]"] if settings.DEBUG else [])
    return parts.netloc.lower() == host.lower() and bool(hostname) and validate_host(hostname, allowed_hosts)


class SameOriginValidator:
    """ASGI middleware for websockets: refuse the handshake from any other origin."""

    def __init__(self, application: Any) -> None:
        self.application = application

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        if origin_allowed(_header(scope, b"origin"), _header(scope, b"host")):
            return await self.application(scope, receive, send)
        return await WebsocketDenier()(scope, receive, send)
