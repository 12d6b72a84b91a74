"""Benchmark: how long the model client waits on retries, timeouts and streams, over loopback HTTP.

    .venv/bin/python bench/model_client.py [--rounds 8]

The real openai client (through OpenAIChatModel) against tests/support/openai_server/, the
loopback server the contract tests use; no database, no network. These are the waits the tests
used to assert as timings (tests/llm/test_openai_model_errors.py, test_openai_model_streaming.py,
tests/agent/test_contract.py, test_contract_apis.py); the tests check the behaviour and this
prints the figures: p50/p95/p99/max per scenario and ratios against baselines measured in the
same run. Never fails on a figure.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import openai  # noqa: E402

from apps.llm.openai_model import EndpointConfig, OpenAIChatModel  # noqa: E402
from apps.llm.types import ModelUnavailable  # noqa: E402
from tests.support.openai_server import ScriptedOpenAIServer, ScriptedReply, error, text  # noqa: E402

MESSAGES = [{"role": "user", "content": "Can I get a refund?"}]
ANSWER = "Your refund of $54.04 is on its way to your card."  # 11 streamed words
CHUNK_DELAY = 0.02  # between streamed words
SLOW_REPLY = 2.0  # seconds before a slow server answers
WARM_UP = 20


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def model_on(server: ScriptedOpenAIServer, *, tier: str = "fast", **overrides: Any) -> OpenAIChatModel:
    config = EndpointConfig(
        tier=tier,
        model="gpt-bench",
        base_url=server.base_url,
        api_key="sk-bench",
        timeout_seconds=5.0,
        max_retries=2,
        stream=False,
        input_price_per_million=Decimal("2.00"),
        output_price_per_million=Decimal("8.00"),
    )
    return OpenAIChatModel(replace(config, **overrides))


def timed(rounds: int, once: Callable[[], object]) -> list[float]:
    """Milliseconds per call of `once`."""
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        once()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def gives_up(model: OpenAIChatModel) -> None:
    try:
        model.complete(MESSAGES, [])
    except ModelUnavailable:
        return
    raise RuntimeError("the slow endpoint answered; expected a timeout")


def run(rounds: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {}
    with ScriptedOpenAIServer(default=text("ok")) as server, ScriptedOpenAIServer() as second:
        model = model_on(server)
        timed(WARM_UP, lambda: model.complete(MESSAGES, []))
        results["plain"] = timed(20 * rounds, lambda: model.complete(MESSAGES, []))

        def after(first_reply: ScriptedReply) -> Callable[[], object]:
            def once() -> object:
                server.push(first_reply, text("ok"))
                return model.complete(MESSAGES, [])

            return once

        results["retry_after"] = timed(3 * rounds, after(error(429, retry_after="0.05")))
        results["backoff"] = timed(2 * rounds, after(error(429)))

        # Streams are read whole; what they buy is a timeout on the silence between events.
        server.default = text(ANSWER, chunk_delay=CHUNK_DELAY)
        streaming = model_on(server, stream=True)
        results["streamed"] = timed(3 * rounds, lambda: streaming.complete(MESSAGES, []))
        server.default = text(ANSWER, chunk_delay=SLOW_REPLY)
        stalling = model_on(server, stream=True, timeout_seconds=0.3)
        results["stalled"] = timed(rounds, lambda: gives_up(stalling))

        # The contract tests' timeouts: each attempt gives up after the timeout, then the SDK backs off.
        server.default = second.default = text("too late", delay=SLOW_REPLY)
        slow = model_on(server, timeout_seconds=0.3, max_retries=1)
        results["give_up"] = timed(rounds, lambda: gives_up(slow))
        reasoning = model_on(server, tier="reasoning", timeout_seconds=0.2, max_retries=1)
        fast = model_on(second, tier="fast", timeout_seconds=0.2, max_retries=1)
        results["one_tier"] = timed(rounds, lambda: gives_up(fast))
        results["chain"] = timed(rounds, lambda: (gives_up(reasoning), gives_up(fast)))
    return results


ROWS = [
    ("plain", "plain reply (baseline)"),
    ("retry_after", "429 with Retry-After 0.05 s, then a reply"),
    ("backoff", "429 without Retry-After, then a reply"),
    ("streamed", f"streamed 11 words, {CHUNK_DELAY * 1000:.0f} ms apart: whole reply"),
    ("stalled", "a stream that stalls, timeout 0.3 s: gives up"),
    ("give_up", "slow replies, timeout 0.3 s, 1 retry: gives up"),
    ("one_tier", "slow replies, timeout 0.2 s, 1 retry: gives up"),
    ("chain", "  reasoning, then fast: both give up"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8, help="rounds of the slow scenarios")
    args = parser.parse_args()
    logging.getLogger("apps.llm").setLevel(logging.ERROR)  # every timeout is on purpose

    started = time.perf_counter()
    results = run(args.rounds)
    print(
        f"model client: openai {openai.__version__}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, loopback server; {time.perf_counter() - started:.1f}s"
    )
    print(f"{'scenario':52} {'n':>4} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}   (ms)")
    for key, label in ROWS:
        values = results[key]
        print(
            f"{label:52} {len(values):>4} {percentile(values, 50):8.1f} {percentile(values, 95):8.1f} "
            f"{percentile(values, 99):8.1f} {max(values):8.1f}"
        )

    def p50(key: str) -> float:
        return percentile(results[key], 50)

    retry_after_wait, backoff_wait = p50("retry_after") - p50("plain"), p50("backoff") - p50("plain")
    ratios = [
        (
            "wait before the retry, Retry-After 0.05 s / the SDK's backoff",
            f"{retry_after_wait:.1f} / {backoff_wait:.1f} ms = {retry_after_wait / backoff_wait:.2f}",
        ),
        ("a stalled stream given up on / the timeout (0.3 s)", f"{p50('stalled') / 300:.2f}"),
        (
            "giving up / the timeouts alone (2 attempts x 0.3 s)",
            f"{p50('give_up') / 600:.2f}   (/ waiting for both replies, 2 x {SLOW_REPLY:.0f} s: "
            f"{p50('give_up') / (2000 * SLOW_REPLY):.2f})",
        ),
        ("every tier giving up / one tier", f"{p50('chain') / p50('one_tier'):.2f}"),
    ]
    print("ratios of medians, same run:")
    for label, figure in ratios:
        print(f"  {label:64} {figure}")


if __name__ == "__main__":
    main()
