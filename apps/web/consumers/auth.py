"""Channels' session and auth middleware, with the user's lookup on the consumers' thread pool.

Channels' `AuthMiddleware` reads the session and the user through its own
`database_sync_to_async`, which runs on one shared thread per process: at hundreds of sockets
opening at once every handshake queued there, and daphne's connect timeout cut them off. The
lookup itself is Channels' own (`channels.auth.get_user`: the session, the backend, the session
hash check); only the thread it runs on changes (see `database_sync_to_async` in common.py).
"""

from __future__ import annotations

from typing import Any

from channels.auth import AuthMiddleware, get_user
from channels.sessions import CookieMiddleware, SessionMiddleware

from .common import database_sync_to_async

# The function Channels wraps (SyncToAsync keeps it as `func`).
_get_user_sync = get_user.func


class PooledAuthMiddleware(AuthMiddleware):
    async def resolve_scope(self, scope: dict[str, Any]) -> None:
        scope["user"]._wrapped = await database_sync_to_async(_get_user_sync)(scope)


def PooledAuthMiddlewareStack(inner: Any) -> Any:
    return CookieMiddleware(SessionMiddleware(PooledAuthMiddleware(inner)))
