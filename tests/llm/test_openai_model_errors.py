"""OpenAIChatModel's retries, timeouts and failures, through the real openai client.

The SDK backs off 0.375-0.5 s before its first retry unless the server sends Retry-After, so
most scripted errors carry a tiny Retry-After to keep the file fast.
"""

from __future__ import annotations

import time
from types import SimpleNamespace

import openai
import openai._base_client
import pytest

from apps.llm.types import ModelUnavailable
from tests.support.openai_server import disconnect, error, text

MESSAGES = [{"role": "user", "content": "Where is my order?"}]


@pytest.fixture
def retry_waits(monkeypatch) -> list[float]:
    """The seconds the openai client chose to wait before each retry, in order (it does not wait)."""
    waits: list[float] = []
    clock = SimpleNamespace(**{name: getattr(time, name) for name in dir(time) if not name.startswith("_")})
    clock.sleep = waits.append
    monkeypatch.setattr(openai._base_client, "time", clock)
    return waits


def test_429_then_500_then_success_is_retried(openai_server, model_for):
    openai_server.push(error(429, retry_after="0.01"), error(500, retry_after="0.01"), text("Found it."))

    reply = model_for(max_retries=2).complete(MESSAGES, [])

    assert reply.content == "Found it."
    assert len(openai_server.requests) == 3


def test_429_waits_for_retry_after_instead_of_the_default_backoff(openai_server, model_for, retry_waits):
    # given a rate limit asking for 50 ms, well below the SDK's own 375 ms minimum backoff
    openai_server.push(error(429, retry_after="0.05"), text("ok"))

    reply = model_for().complete(MESSAGES, [])

    # then the client waited once, what the server asked, and asked again (bench/model_client.py
    # measures the wait)
    assert reply.content == "ok"
    assert retry_waits == [0.05]
    assert len(openai_server.requests) == 2


def test_a_dropped_connection_is_retried(openai_server, model_for):
    openai_server.push(disconnect(), text("ok"))

    reply = model_for().complete(MESSAGES, [])

    assert reply.content == "ok"
    assert len(openai_server.requests) == 2


def test_persistent_500_raises_model_unavailable_after_every_retry(openai_server, model_for):
    openai_server.default = error(500, "upstream overloaded", retry_after="0.01")

    with pytest.raises(ModelUnavailable) as failure:
        model_for(max_retries=2).complete(MESSAGES, [])

    assert failure.value.status == 500
    assert "upstream overloaded" in str(failure.value)
    assert len(openai_server.requests) == 3  # max_retries + 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_client_errors_fail_at_once(openai_server, model_for, status):
    openai_server.default = error(status, "Invalid 'tools[0].function.name'")

    with pytest.raises(ModelUnavailable) as failure:
        model_for(max_retries=2).complete(MESSAGES, [])

    assert failure.value.status == status
    assert len(openai_server.requests) == 1


def test_a_slow_reply_times_out_is_retried_then_unavailable(openai_server, model_for, retry_waits):
    # given two replies slower than the 0.3 s timeout, then a prompt one
    openai_server.push(text("too late", delay=2.0), text("too late", delay=2.0), text("on time"))

    with pytest.raises(ModelUnavailable) as failure:
        model_for(timeout_seconds=0.3, max_retries=1).complete(MESSAGES, [])

    # then the client gave up on each reply with a timeout (had it waited, it would have got "too
    # late"), retried once, and reported the timeout; bench/model_client.py measures how long it took
    assert isinstance(failure.value.__cause__, openai.APITimeoutError)
    assert failure.value.status is None
    assert "timed out after 0.3 s" in str(failure.value)
    assert len(openai_server.requests) == 2
    assert len(retry_waits) == 1
    # and the server shrugged off the clients that hung up on it
    assert model_for().complete(MESSAGES, []).content == "on time"
