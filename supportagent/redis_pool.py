"""One Redis connection pool per address per process, for Django's Redis cache.

Django keeps a cache instance per thread and per async context (`caches` is an asgiref Local),
and Django's Redis cache makes a connection pool per instance. Under daphne every websocket and
every request runs in a context of its own, so each built a pool and opened a new connection
to Redis for its first cache call (the socket count per address, the session), and kept it
while the context lived. This pool class hands every cache instance of the process the same
thread-safe pool for the same address and options (redis-py's pools reset themselves in a
forked child).
"""

from __future__ import annotations

import threading
from typing import Any

import redis


class SharedConnectionPool(redis.ConnectionPool):
    _pools: dict[tuple[str, str], redis.ConnectionPool] = {}
    _pools_lock = threading.Lock()

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> Any:
        key = (url, repr(sorted(kwargs.items())))
        with cls._pools_lock:
            pool = cls._pools.get(key)
            if pool is None:
                pool = cls._pools[key] = super().from_url(url, **kwargs)
            return pool
