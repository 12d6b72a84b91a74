"""Django's Redis cache, one instance per async context, shares one connection pool per process."""

from __future__ import annotations

import asyncio

from django.core.cache.backends.redis import RedisCache

from supportagent.redis_pool import SharedConnectionPool

OPTIONS = {"OPTIONS": {"pool_class": "supportagent.redis_pool.SharedConnectionPool"}}


def test_cache_instances_of_one_address_share_a_pool():
    # Given two cache instances, as two sockets' contexts get them
    first = RedisCache("redis://127.0.0.1:19999/3", OPTIONS)
    second = RedisCache("redis://127.0.0.1:19999/3", OPTIONS)

    # When each asks for its connection pool
    pools = [cache._cache._get_connection_pool(write=True) for cache in (first, second)]

    # Then it is the same pool
    assert pools[0] is pools[1]
    assert isinstance(pools[0], SharedConnectionPool)


def test_another_address_gets_a_pool_of_its_own():
    one = RedisCache("redis://127.0.0.1:19999/4", OPTIONS)._cache._get_connection_pool(write=True)
    other = RedisCache("redis://127.0.0.1:19999/5", OPTIONS)._cache._get_connection_pool(write=True)
    assert one is not other
    assert one.connection_kwargs["db"] == 4
    assert other.connection_kwargs["db"] == 5


def test_two_async_contexts_share_the_pool():
    # Django's `caches` is per context: two tasks (two sockets) each build their own instance.
    from django.core.cache import CacheHandler

    handler = CacheHandler(
        {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:19999/6",
                **OPTIONS,
            }
        }
    )

    async def pool_of_a_socket():
        return handler["default"]._cache._get_connection_pool(write=True)

    async def two():
        return await asyncio.gather(
            asyncio.create_task(pool_of_a_socket()), asyncio.create_task(pool_of_a_socket())
        )

    first, second = asyncio.run(two())
    assert first is second
