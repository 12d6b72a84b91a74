"""Customer message -> first status event, and -> the answer, on the production topology.

PostgreSQL, Redis, a Celery worker process and daphne (production settings, offline engine),
driven over the chat websocket like a browser. Prints p50/p95/p99 over the measured turns.

    .venv/bin/python bench/turn_latency.py                 # 240 turns after 20 warm-up turns
    .venv/bin/python bench/turn_latency.py --turns 500

Needs PostgreSQL and Redis; uses its own database (created if missing) and Redis database.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.integration.live import LiveServices, free_port  # noqa: E402

# One anonymous customer's conversation: small talk, a policy question, an order question that
# needs authentication, the authentication and lookup, a thank-you. Every one is a full turn.
SCRIPT = [
    "hi",
    "what is your return policy?",
    "where is my order #W5442520?",
    "olivia.ito5204@example.com",
    "how long does shipping take?",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def ensure_database(database_url: str) -> None:
    import psycopg

    url = urllib.parse.urlparse(database_url.replace("postgres://", "postgresql://", 1))
    name = url.path.lstrip("/")
    maintenance = url._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as connection:
        if not connection.execute("select 1 from pg_database where datname = %s", [name]).fetchone():
            connection.execute(f'create database "{name}"')


def prepare(env: dict[str, str]) -> None:
    """What `make run` does (less the demo accounts: the bench's visitors are anonymous); idempotent."""
    python = sys.executable
    for command in (
        # Static files first: with production settings the URLconf (loaded by migrate's checks)
        # asks the manifest for the favicon's hashed name.
        ["collectstatic", "--noinput"],
        ["migrate", "--noinput"],
        ["load_demo_store"],
        ["sync_tools"],
        ["seed_knowledge"],
        ["seed_router_examples"],
        ["train_router", "--if-missing", "--no-tune"],
    ):
        done = subprocess.run(
            [python, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if done.returncode:
            sys.exit(f"manage.py {' '.join(command)} failed:\n{done.stdout}{done.stderr}")


async def one_turn(ws, text: str) -> tuple[float, float, float]:
    """Seconds from sending `text` to its ack, to the first status, to the agent's answer."""
    client_id = uuid.uuid4().hex
    started = time.perf_counter()
    await ws.send(json.dumps({"type": "message", "text": text, "client_id": client_id}))
    acked = status = None
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), timeout=30))
        now = time.perf_counter() - started
        if frame["type"] == "ack" and frame["client_id"] == client_id:
            acked = now
        elif frame["type"] == "status" and status is None and acked is not None:
            status = now
        elif frame["type"] == "message" and frame["role"] in {"agent", "system"} and acked is not None:
            if status is None:
                raise RuntimeError(f"answer without a status event for {text!r}")
            return acked, status, now
        elif frame["type"] == "error":
            raise RuntimeError(f"error for {text!r}: {frame}")


async def run(live: LiveServices, turns: int, warmup: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {"ack": [], "status": [], "answer": []}
    done = 0
    while done < turns + warmup:
        cookie = live.session_cookie("/chat/")  # a new visitor, a new conversation
        async with live.websocket("/ws/chat/", cookie) as ws:
            for text in SCRIPT:
                if done >= turns + warmup:
                    break
                ack, status, answer = await one_turn(ws, text)
                if done >= warmup:
                    results["ack"].append(ack)
                    results["status"].append(status)
                    results["answer"].append(answer)
                done += 1
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=240)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/supportagent_bench"),
    )
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"))
    args = parser.parse_args()

    ensure_database(args.database_url)
    var_dir = Path(tempfile.mkdtemp(prefix="turn-latency-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "supportagent.settings.production",
        "DJANGO_SECRET_KEY": "bench-only-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "DJANGO_SECURE_COOKIES": "0",  # plain http on loopback
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "SUPPORTAGENT_VAR_DIR": str(var_dir),
        "SUPPORTAGENT_TURN_DISPATCH": "celery",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("OPENAI_API_KEY", None)  # the offline engine serves every tier
    print("preparing the bench database (migrate, demo data)...", flush=True)
    prepare(env)
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()

    # The bench process itself talks to the worker (readiness ping) through the same broker.
    os.environ.update(
        {k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL")}
    )
    os.environ["DJANGO_SECURE_COOKIES"] = "0"
    os.environ["SUPPORTAGENT_VAR_DIR"] = str(var_dir)
    import django

    django.setup()

    live = LiveServices(host="127.0.0.1", port=free_port(), env=env, log_dir=var_dir)
    live.start()
    try:
        started = time.perf_counter()
        results = asyncio.run(run(live, args.turns, args.warmup))
        elapsed = time.perf_counter() - started
    finally:
        live.stop()

    n = len(results["answer"])
    print(
        f"turn latency: production settings, offline engine, PostgreSQL + Redis + 1 Celery worker "
        f"(prefork, 2 processes) + daphne; {n} turns after {args.warmup} warm-up, {elapsed:.1f}s"
    )
    print(f"{'from the customer message to':34} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}   (ms)")
    for label, key in (("its ack", "ack"), ("the first status event", "status"), ("the answer", "answer")):
        values = [v * 1000 for v in results[key]]
        print(
            f"{label:34} {statistics.median(values):8.1f} {percentile(values, 95):8.1f} "
            f"{percentile(values, 99):8.1f} {max(values):8.1f}"
        )
    status_p95 = percentile(results["status"], 95) * 1000
    answer_p95 = percentile(results["answer"], 95) * 1000
    print(
        f"targets: first status p95 < 150 ms: {'met' if status_p95 < 150 else 'MISSED'}; "
        f"answer p95 < 400 ms: {'met' if answer_p95 < 400 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
