"""The shared rate limits: a customer message counted on three scopes at once, and the open
sockets per address; on Redis each in one round trip."""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from redis.connection import Connection

from apps.conversations.throttles import RateLimited, customer_message_admit
from apps.core import throttles
from apps.core.throttles import socket_closed, socket_open_admit, throttle_hit_all

on_redis = pytest.mark.skipif(
    not str(settings.SUPPORTAGENT["THROTTLE_STORAGE"]).startswith("redis"),
    reason="counts round trips to the Redis throttle store (set REDIS_URL)",
)


@pytest.fixture
def round_trips(monkeypatch):
    """How many times a Redis command (or a pipeline of them) is written to a connection."""
    sent: list[int] = []
    original = Connection.send_packed_command

    def counting(self, command, check_health=True):
        sent.append(1)
        return original(self, command, check_health)

    monkeypatch.setattr(Connection, "send_packed_command", counting)
    return sent


def admit(conversation_id: int, session_key: str = "session-a", client: str = "192.0.2.7") -> str:
    try:
        customer_message_admit(conversation_id=conversation_id, session_key=session_key, client=client)
    except RateLimited:
        return "refused"
    return "admitted"


def test_a_conversation_gets_its_allowance_and_no_more():
    # "chat:conversation" allows 10 per 10 seconds
    results = [admit(1, session_key=f"session-{n}", client=f"192.0.2.{n}") for n in range(12)]

    assert results == ["admitted"] * 10 + ["refused"] * 2


def test_a_refused_message_still_counts_on_every_other_scope():
    # given a session that spent its allowance on one conversation (the 11th was refused)
    for _ in range(11):
        admit(1)

    # then a new conversation from the same session is refused too (the session's count)...
    assert admit(2) == "refused"
    # ... and the refused attempts were counted against the address as well: 30 per minute
    results = [admit(100 + n, session_key=f"other-{n}") for n in range(20)]
    assert results.count("admitted") == 30 - 12


def test_a_refusal_names_the_spent_scope_and_when_to_retry():
    for _ in range(10):
        throttle_hit_all([("chat:session", "s"), ("chat:client", "192.0.2.9")])

    result = throttle_hit_all([("chat:session", "s"), ("chat:client", "192.0.2.9")])

    assert (result.allowed, result.scope) == (False, "chat:session")
    assert 1 <= result.retry_after <= 11


@on_redis
def test_a_message_is_counted_on_its_three_scopes_in_one_round_trip(round_trips):
    throttle_hit_all([("chat:conversation", 1)])  # the store's connection is made and its script loaded

    round_trips.clear()
    assert admit(1) == "admitted"

    assert len(round_trips) == 1


@on_redis
def test_the_counts_survive_redis_forgetting_its_scripts():
    admit(1)
    throttles._current().storage.get_connection().script_flush()

    results = [admit(1) for _ in range(10)]

    assert results == ["admitted"] * 9 + ["refused"]


@pytest.fixture(params=["the configured cache", "Redis"])
def socket_cache(request, settings):
    """The socket counts in the tests' own cache, and (with REDIS_URL) in Redis as deployed."""
    if request.param == "Redis":
        if not settings.REDIS_URL:
            pytest.skip("needs REDIS_URL")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": settings.REDIS_URL,
                "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            }
        }
    settings.SUPPORTAGENT = {**settings.SUPPORTAGENT, "MAX_SOCKETS_PER_CLIENT": 2}
    yield request.param
    cache.delete(throttles._sockets_key("198.51.100.4"))


def test_sockets_per_address_are_capped_and_given_back(socket_cache):
    opened = [socket_open_admit("198.51.100.4") for _ in range(4)]
    socket_closed("198.51.100.4")

    assert opened == [True, True, False, False]
    assert socket_open_admit("198.51.100.4") is True
    assert socket_open_admit("198.51.100.4") is False
    assert cache.get(throttles._sockets_key("198.51.100.4")) == 2


def test_opening_a_socket_on_redis_is_one_round_trip(socket_cache, round_trips):
    if socket_cache != "Redis":
        pytest.skip("counts Redis round trips")
    socket_open_admit("198.51.100.4")  # the cache's connection is made
    socket_closed("198.51.100.4")

    round_trips.clear()
    assert socket_open_admit("198.51.100.4") is True

    assert len(round_trips) == 1
