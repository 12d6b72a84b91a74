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
from typing import cast

import redis
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from limits import RateLimitItem, parse, storage, strategies
from redis.exceptions import NoScriptError

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
    a new conversation) never earns fresh attempts on the keys that stay the same. On Redis
    the counts are one round trip together (a pipeline), not one each.
    """
    limiter = _current()
    counted = [
        (scope, parse(throttle_rate(scope)), _key(key)) for scope, key in checks if key not in (None, "")
    ]
    allowed = _hit_each(limiter, counted)
    for (scope, rate, digest), ok in zip(counted, allowed, strict=True):
        if not ok:
            stats = limiter.get_window_stats(rate, "supportagent", scope, digest)
            return ThrottleResult(False, scope, max(1, int(stats.reset_time - time.time()) + 1))
    return ThrottleResult(True, "")


def _hit_each(
    limiter: strategies.MovingWindowRateLimiter, counted: list[tuple[str, RateLimitItem, str]]
) -> list[bool]:
    """Whether each (scope, rate, key digest) was let through, every one counted."""
    store = limiter.storage
    if type(store) is not storage.RedisStorage or len(counted) < 2:
        return [limiter.hit(rate, "supportagent", scope, digest) for scope, rate, digest in counted]
    # What MovingWindowRateLimiter.hit runs on Redis (RedisStorage.acquire_entry: the same key,
    # script and arguments), queued on one pipeline: one round trip instead of one per scope.
    # By the script's digest: a script object on a pipeline would add a SCRIPT EXISTS trip.
    script = store.lua_acquire_moving_window
    connection = cast(redis.Redis, store.get_connection())
    now = time.time()
    for attempt in (1, 2):
        pipeline = connection.pipeline(transaction=False)
        for scope, rate, digest in counted:
            key = store.prefixed_key(rate.key_for("supportagent", scope, digest))
            pipeline.evalsha(script.sha, 1, key, now, rate.amount, rate.get_expiry(), 1)
        try:
            return [bool(acquired) for acquired in pipeline.execute()]
        except NoScriptError:
            # Redis lost its scripts (a restart): no entry was counted; load it and go again.
            if attempt == 2:
                raise
            script.sha = str(connection.script_load(script.script))
    raise AssertionError("unreachable")


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
    cap = int(product_setting("MAX_SOCKETS_PER_CLIENT"))
    backend = caches[DEFAULT_CACHE_ALIAS]
    if isinstance(backend, RedisCache):
        # Create, count and refresh in one round trip (Django's add, incr and touch are four:
        # its incr checks that the key exists first). Django's Redis cache stores ints as they
        # are, so the count stays readable through the cache.
        stored = backend.make_and_validate_key(key)
        redis_client: redis.Redis = backend._cache.get_client(stored, write=True)  # type: ignore[attr-defined]
        with redis_client.pipeline() as pipeline:
            pipeline.set(stored, 0, ex=_SOCKETS_TTL, nx=True)
            pipeline.incr(stored)
            pipeline.expire(stored, _SOCKETS_TTL)
            opened = int(pipeline.execute()[1])
    else:
        cache.add(key, 0, _SOCKETS_TTL)
        opened = cache.incr(key)
        cache.touch(key, _SOCKETS_TTL)
    if opened > cap:
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
