"""The platform's own cost of one customer turn: database queries and CPU, per kind of turn.

Runs the same visit as bench/load.py (small talk on the fast tier; a request the router sends to
the reasoning tier, with two read-only tool calls and the answer; a thank-you) in this process,
on PostgreSQL and Redis with production settings. The models are the loopback server of
tests/support with no delay, in a process of its own so its CPU is not counted. For each turn it
counts the queries (Django's CaptureQueriesContext) and the CPU this process spent (user +
system, every thread: the turn and the event publisher).

    .venv/bin/python bench/turn_cost.py                    # 30 visits (90 turns) after 3 warm-up
    .venv/bin/python bench/turn_cost.py --visits 100
    .venv/bin/python bench/turn_cost.py --profile 25       # and cProfile's 25 costliest functions

Also counts the work around a turn: storing the customer's message (what the chat socket does
before its ack).

The baseline, measured in the same run: the floor of each kind of turn, the same model requests
(captured as the turn sent them) made through one reused openai client alone, plus storing the
answer (one INSERT). "x floor" is the turn's median over the floor's median: what the platform
(routing, the loop's bookkeeping, the gate, the checker, the audit trail, events) costs on top
of talking to the model and keeping the answer. The connection pool is on, as deployed
(deploy/compose.yaml); --pool 0 measures without it.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import functools
import json
import os
import pstats
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from loadlib.model import LoopbackModelProcess  # noqa: E402
from turn_latency import ensure_database, prepare  # noqa: E402

VISIT = [
    ("fast", "hi there"),
    ("reasoning", "I want to cancel my order and need to know how the refund works"),
    ("thanks", "thanks, that is all"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--visits", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, help="print cProfile's N costliest functions")
    parser.add_argument("--sort", default="cumulative", help="cProfile's order: cumulative, tottime, ...")
    parser.add_argument("--queries", action="store_true", help="print the last turn's queries of each kind")
    parser.add_argument("--prepared", action="store_true", help="skip migrate and demo data")
    parser.add_argument("--pool", type=int, default=4, help="DATABASE_POOL_MAX_SIZE (0: no pool)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/supportagent_cost"),
    )
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"))
    args = parser.parse_args()

    ensure_database(args.database_url)
    env = {
        "DJANGO_SETTINGS_MODULE": "supportagent.settings.production",
        "DJANGO_SECRET_KEY": "bench-only-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "DJANGO_SECURE_COOKIES": "0",  # plain http on loopback
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "SUPPORTAGENT_TURN_DISPATCH": "celery",
        "DATABASE_POOL_MAX_SIZE": str(args.pool),
        "DATABASE_POOL_MIN_SIZE": "1",
        "LOG_LEVEL": "WARNING",
        "LOOPBACK_MODEL_KEY": "loopback-not-secret",
        # Tiers read their key only from allow-listed variables (apps/agent/endpoints.py).
        "SUPPORTAGENT_MODEL_KEY_ENVS": "LOOPBACK_MODEL_KEY",
        "SUPPORTAGENT_VAR_DIR": str(Path(os.environ.get("TMPDIR", "/tmp")) / "turn-cost"),
    }
    os.environ.update(env)
    os.environ.pop("OPENAI_API_KEY", None)
    if not args.prepared:
        print("preparing the bench database (migrate, demo data)...", flush=True)
        prepare(dict(os.environ))

    model = LoopbackModelProcess(0.0, 0.0, 3)
    base_url = model.start()
    try:
        run(args, base_url)
    finally:
        model.stop()


def run(args: argparse.Namespace, base_url: str) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.agent.models import ModelTier
    from apps.agent.services import turn_run
    from apps.conversations.models import Message
    from apps.conversations.services import conversation_start, message_post

    for name in ("fast", "reasoning"):
        ModelTier.objects.update_or_create(
            name=name,
            defaults={
                "model": "loopback-" + name,
                "base_url": base_url,
                "api_key_env": "LOOPBACK_MODEL_KEY",
                "api": "chat_completions",
                "reasoning_effort": "",
                "stream": False,
                "timeout_seconds": 60,
                "max_retries": 0,
                "enabled": True,
            },
        )

    queries: dict[str, list[int]] = {}
    cpu: dict[str, list[float]] = {}
    wall: dict[str, list[float]] = {}
    # Per-thread CPU: where the turn's own thread spends its time (not the wall clock, which
    # counts waiting on PostgreSQL and the model as cost).
    profile = cProfile.Profile(time.thread_time) if args.profile else None
    last_queries: dict[str, list[str]] = {}
    requests = ModelRequests()

    def measure(kind: str, work, measured: bool) -> None:  # type: ignore[no-untyped-def]
        with CaptureQueriesContext(connection) as captured:
            cpu_start, wall_start = time.process_time(), time.perf_counter()
            if profile is not None and measured and not kind.startswith("floor"):
                profile.runcall(work)
            else:
                work()
            cpu_used, wall_used = time.process_time() - cpu_start, time.perf_counter() - wall_start
        if measured:
            last_queries[kind] = [q["sql"] for q in captured.captured_queries]
            queries.setdefault(kind, []).append(len(captured.captured_queries))
            cpu.setdefault(kind, []).append(cpu_used * 1000)
            wall.setdefault(kind, []).append(wall_used * 1000)

    def store(conversation_id: int, text: str, into: list) -> None:  # type: ignore[type-arg]
        into.append(
            message_post(
                conversation=conversation_id,
                role="customer",
                text=text,
                client_id=uuid.uuid4().hex,
                enqueue_turn=False,
            )[0]
        )

    def turn(conversation_id: int, message_id: int) -> None:
        turn_run(conversation_id=conversation_id, message_id=message_id, owner=uuid.uuid4().hex)

    def floor(conversation_id: int, bodies: list[dict]) -> None:  # type: ignore[type-arg]
        answer = ""
        for body in bodies:
            completion = requests.client(base_url).chat.completions.create(**body)
            answer = completion.choices[0].message.content or answer
        Message.objects.create(conversation_id=conversation_id, role="agent", text=answer)

    for visit in range(args.warmup + args.visits):
        measured = visit >= args.warmup
        conversation = conversation_start(user=None)
        floor_conversation = conversation_start(user=None)
        for index, (kind, text) in enumerate(VISIT):
            stored: list = []  # type: ignore[type-arg]
            body = f"{text} [c{visit}m{index}]"
            measure("store the message", functools.partial(store, conversation.pk, body, stored), measured)
            with requests.capturing() as bodies:
                measure(f"turn: {kind}", functools.partial(turn, conversation.pk, stored[0].pk), measured)
            # Interleaved with the turns, so both see the same load on the machine.
            measure(f"floor: {kind}", functools.partial(floor, floor_conversation.pk, bodies), measured)

    print(
        f"turn cost: {args.visits} visits after {args.warmup} warm-up; PostgreSQL, Redis, production "
        f"settings, pool {args.pool or 'off'}"
    )
    print(
        f"{'':20} {'queries':>8} {'CPU ms p50':>11} {'CPU ms mean':>12} {'wall ms p50':>12}"
        f"   {'floor: queries':>14} {'CPU ms p50':>11}   {'x floor: CPU':>12} {'queries':>8}"
    )
    for kind in [k for k in queries if not k.startswith("floor")]:
        row = (
            f"{kind:20} {statistics.mean(queries[kind]):8.1f} {statistics.median(cpu[kind]):11.1f} "
            f"{statistics.mean(cpu[kind]):12.1f} {statistics.median(wall[kind]):12.1f}"
        )
        base = "floor" + kind[len("turn") :] if kind.startswith("turn") else None
        if base in queries:
            floor_q, floor_cpu = statistics.mean(queries[base]), statistics.median(cpu[base])
            row += (
                f"   {floor_q:14.1f} {floor_cpu:11.1f}   {statistics.median(cpu[kind]) / floor_cpu:12.1f}"
                f" {statistics.mean(queries[kind]) / floor_q:8.1f}"
            )
        print(row)
    turns = [k for k in queries if k.startswith("turn")]
    floors = [k for k in queries if k.startswith("floor")]
    per_turn_q = statistics.mean(q for k in turns for q in queries[k])
    per_turn_cpu = statistics.mean(c for k in turns for c in cpu[k])
    floor_cpu = statistics.mean(c for k in floors for c in cpu[k])
    floor_q = statistics.mean(q for k in floors for q in queries[k])
    print(
        f"per turn (the visit's mix): {per_turn_q:.1f} queries, {per_turn_cpu:.1f} ms CPU; "
        f"floor {floor_q:.1f} queries, {floor_cpu:.1f} ms CPU; platform / floor: CPU "
        f"{per_turn_cpu / floor_cpu:.1f}x, queries {per_turn_q / floor_q:.1f}x"
    )
    if args.queries:
        for kind, sqls in last_queries.items():
            print(f"\n-- {kind}: {len(sqls)} queries")
            for sql in sqls:
                print("   ", sql[:160])
    if profile is not None:
        pstats.Stats(profile).sort_stats(args.sort).print_stats(args.profile)


class ModelRequests:
    """Captures the JSON bodies a turn sends to the model (at the HTTP client the openai SDK
    uses), so the floor can make the same requests; and holds the floor's one openai client."""

    def __init__(self) -> None:
        import httpx2

        self._bodies: list[dict] | None = None  # type: ignore[type-arg]
        self._client = None
        original = httpx2.Client.send

        def send(client, request, *args, **kwargs):  # type: ignore[no-untyped-def]
            if self._bodies is not None and request.method == "POST" and request.content:
                self._bodies.append(json.loads(request.content))
            return original(client, request, *args, **kwargs)

        httpx2.Client.send = send  # type: ignore[method-assign]

    @contextlib.contextmanager
    def capturing(self):  # type: ignore[no-untyped-def]
        self._bodies = bodies = []
        try:
            yield bodies
        finally:
            self._bodies = None

    def client(self, base_url: str):  # type: ignore[no-untyped-def]
        if self._client is None:
            import openai

            self._client = openai.OpenAI(base_url=base_url, api_key=os.environ["LOOPBACK_MODEL_KEY"])
        return self._client


if __name__ == "__main__":
    main()
