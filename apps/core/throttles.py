"""Rate limits shared by every process: the `limits` library over one store.

The store is Redis in production (`SUPPORTAGENT_THROTTLE_STORAGE`, by default the REDIS_URL)
and process memory on the embedded default, where everything runs in one process. A limit is
named by a scope ("chat:client") and counted per key (a client address, a conversation id);
the rates live in the SUPPORTAGENT settings so operators can change them without code.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass

from django.core.cache import cache
from limits import parse, storage, strategies

from .conf import product_setting

_lock = threading.Lock()
_limiter: strategies.MovingWindowRateLimiter | None = None
_limiter_uri = ""


@dataclass(frozen=True)
class ThrottleResult:
    allowed: bool
    scope: str
    retry_after: int = 0  # seconds until the next attempt may pass


def _current() -> strategies.MovingWindowRateLimiter:
    global _limiter, _limiter_uri
    uri = str(product_setting("THROTTLE_STORAGE"))
    with _lock:
        if _limiter is None or uri != _limiter_uri:
            _limiter = strategies.MovingWindowRateLimiter(storage.storage_from_string(uri))
            _limiter_uri = uri
        return _limiter


def _key(value: object) -> str:
    # Keys may be addresses or emails: the store sees only a digest of them.
    return hashlib.sha256(str(value).encode("utf-8")).hexdigest()[:32]


def throttle_rate(scope: str) -> str:
    """The rate of a scope ("10 per 10 seconds"), from SUPPORTAGENT["THROTTLE_RATES"]."""
    return str(product_setting("THROTTLE_RATES")[scope])


def throttle_hit(scope: str, key: object) -> ThrottleResult:
    """Count one attempt against `scope` for `key`; refused once the scope's rate is spent."""
    limiter = _current()
    rate = parse(throttle_rate(scope))
    digest = _key(key)
    if limiter.hit(rate, "supportagent", scope, digest):
        return ThrottleResult(True, scope)
    stats = limiter.get_window_stats(rate, "supportagent", scope, digest)
    return ThrottleResult(False, scope, max(1, int(stats.reset_time - time.time()) + 1))


def throttle_hit_all(checks: list[tuple[str, object]]) -> ThrottleResult:
    """Count one attempt against every (scope, key) given; the first refusal wins.

    Every scope is counted even when an earlier one refuses, so switching keys (a new socket,
    a new conversation) never earns fresh attempts on the keys that stay the same.
    """
    refused: ThrottleResult | None = None
    for scope, key in checks:
        if key in (None, ""):
            continue
        result = throttle_hit(scope, key)
        if not result.allowed and refused is None:
            refused = result
    return refused or ThrottleResult(True, "")


def throttles_reset() -> None:
    """Forget every count (tests, and an operator clearing a lockout by hand)."""
    _current().storage.reset()


# Open sockets per client address: a counter in Django's cache (Redis in production, shared by
# every daphne process; local memory on the embedded default). It expires after an hour without
# a new socket, so a process that died with sockets open cannot lock an address out for good.
_SOCKETS_TTL = 3600


def _sockets_key(client: str) -> str:
    return f"supportagent:sockets:{_key(client)}"


def socket_open_admit(client: str | None) -> bool:
    """Count a socket this client opens; False (and not counted) past the cap."""
    if not client:
        return True
    key = _sockets_key(client)
    cache.add(key, 0, _SOCKETS_TTL)
    opened = cache.incr(key)
    cache.touch(key, _SOCKETS_TTL)
    if opened > int(product_setting("MAX_SOCKETS_PER_CLIENT")):
        cache.decr(key)
        return False
    return True


def socket_closed(client: str | None) -> None:
    if not client:
        return
    try:
        if cache.decr(_sockets_key(client)) < 0:
            cache.set(_sockets_key(client), 0, _SOCKETS_TTL)
    except ValueError:
        pass  # expired meanwhile: nothing to give back
