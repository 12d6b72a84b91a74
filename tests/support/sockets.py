"""Websocket clients against the real ASGI application (`supportagent.asgi.application`), with
its origin check and session authentication, exactly as a browser reaches the sockets."""

from __future__ import annotations

from typing import Any

from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore

from supportagent.asgi import application

ORIGIN = b"http://127.0.0.1:8000"
HOST = b"127.0.0.1:8000"


def session_key_for(*, user: Any = None, data: dict[str, Any] | None = None) -> str:
    """A stored session, signed in as `user` when given, holding `data`; returns its key."""
    session = SessionStore()
    for key, value in (data or {}).items():
        session[key] = value
    if user is not None:
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
    session.save()
    return str(session.session_key)


def socket(
    path: str, session_key: str | None = None, *, origin: bytes = ORIGIN, host: bytes = HOST
) -> WebsocketCommunicator:
    """A client of `path` on the real application, as a page at `origin` opens it on `host`,
    sending the session cookie if given."""
    headers = [(b"host", host), (b"origin", origin)]
    if session_key:
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={session_key}".encode()))
    return WebsocketCommunicator(application, path, headers=headers)
