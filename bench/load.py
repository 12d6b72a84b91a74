"""N simulated customers over /ws/chat/ on the production topology, with model waits.

daphne (K processes) + Celery workers (K processes, a thread pool each) + beat + Redis (a
throwaway redis-server of the bench's own) + PostgreSQL (the bench's own database), production
settings. Each customer opens the chat page, connects, and sends a few messages, each `--think`
seconds (default 20: reading the answer, typing) after the answer to the previous one; customers
arrive over `--ramp` seconds (default 60). `--think 1 --ramp 10` is the flash crowd the earlier
figures were taken with: 500 customers arriving in 10 s and writing again a second after each
answer offer ~67 messages a second at their peak, far more than 500 people would.
A share of them (`--person`, default 0.05) then press "Talk to a person": their chats are handed
off, and a supervisor's console on the last daphne must hear of each through the channel layer.
Models are the loopback OpenAI-compatible server of tests/support (in a process of its own),
adding latency per tier (fast FAST s per call; reasoning REASONING s per call and several calls
per transaction); `--engine offline` runs the offline engine instead.

    .venv/bin/python bench/load.py --chats 50
    .venv/bin/python bench/load.py --chats 500 --model-latency 0.6,3
    .venv/bin/python bench/load.py --chats 200 --daphne 2 --workers 2
    .venv/bin/python bench/load.py --chats 200 --engine offline
    .venv/bin/python bench/load.py --chats 500 --think 1 --ramp 10   # the flash crowd

A SIGTERM, SIGINT or SIGHUP stops every process the bench started before it exits.

Prints the machine's load average at the start and the end; messages sent, acked, answered and
lost; the offered load (messages/s over the run and in its busiest 5 s); p50/p95/p99 from each
message to its ack, its first status and its answer minus the simulated model time of that turn
(the platform's overhead); the hand-offs, the queue updates that reached the console and the time
from each hand-off request to its update there (customers on another daphne apart from those on
the console's own); errors; the CPU each process used (the bench's own client and model
included), and the saturation point (the first process near a full core, or the machine in its
busiest 5 s, sampled each second). The last line reads:

    chats N, sent S, answered A, lost L, first status p95 X ms, overhead p95 Y ms

The pieces live in bench/loadlib: model (the loopback model), topology (the processes under
test), client (the customers), report (the figures).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from loadlib.client import Results, drive  # noqa: E402
from loadlib.lifecycle import stop_on_signals  # noqa: E402
from loadlib.model import LoopbackModelProcess, tiers_point_at  # noqa: E402
from loadlib.report import Run, report_print  # noqa: E402
from loadlib.sampler import CpuSampler, busiest_window  # noqa: E402
from loadlib.topology import Topology, free_port, pid_cpu_seconds, postgres_cpu_seconds  # noqa: E402
from turn_latency import ensure_database, prepare  # noqa: E402

# A customer's visit: small talk (fast tier), a request the router sends to the reasoning tier
# (several model calls: two tool calls and the answer), a thank-you (fast tier).
MODEL_SCRIPT = [
    "hi there",
    "I want to cancel my order and need to know how the refund works",
    "thanks, that is all",
]
OFFLINE_SCRIPT = ["hi", "what is your return policy?", "thanks"]
BETWEEN_RUNS = (
    "from axes.models import AccessAttempt\n"
    "from apps.conversations.models import Conversation, Handoff\n"
    "AccessAttempt.objects.filter(username='supervisor1').delete()\n"
    "Handoff.objects.filter(status__in=['waiting', 'claimed']).update(status='resolved')\n"
    "Conversation.objects.filter(status='handoff').update(status='closed')\n"
)


def manage(env: dict[str, str], *command: str) -> None:
    done = subprocess.run(
        [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {command[0]} failed:\n{done.stdout}{done.stderr}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--model-latency", default="0.6,3", help="FAST,REASONING seconds per model call")
    parser.add_argument("--steps", type=int, default=3, help="model calls per reasoning-tier transaction")
    parser.add_argument("--daphne", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=500, help="threads per worker (as the settings)")
    parser.add_argument("--engine", choices=["model", "offline"], default="model")
    parser.add_argument("--ramp", type=float, default=60.0, help="seconds over which customers arrive")
    parser.add_argument(
        "--think",
        type=float,
        default=20.0,
        help="seconds each customer waits after an answer before writing again (reading, typing)",
    )
    parser.add_argument(
        "--person",
        type=float,
        default=0.05,
        help="share of customers who ask for a person at the end of their visit (0 for none)",
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for each answer")
    parser.add_argument(
        "--prepared", action="store_true", help="the database is ready: skip migrate and demo data"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/supportagent_load"),
    )
    return parser


def main() -> None:
    args = build_parser().parse_args()
    fast, reasoning = (float(x) for x in args.model_latency.split(","))
    if shutil.which("redis-server") is None:
        sys.exit("needs redis-server on PATH (the bench runs a Redis of its own)")
    load_start = os.getloadavg()
    print("load average (1, 5, 15 min) at start: " + " ".join(f"{x:.2f}" for x in load_start), flush=True)

    ensure_database(args.database_url)
    var_dir = Path(tempfile.mkdtemp(prefix="load-"))
    redis_port = free_port()
    pool = max(4, min(20, args.concurrency // 10))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "supportagent.settings.production",
        "DJANGO_SECRET_KEY": "bench-only-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "DJANGO_SECURE_COOKIES": "0",  # plain http on loopback
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": args.database_url,
        "DATABASE_POOL_MAX_SIZE": str(pool),
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "SUPPORTAGENT_VAR_DIR": str(var_dir),
        "SUPPORTAGENT_TURN_DISPATCH": "celery",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
        "LOOPBACK_MODEL_KEY": "loopback-not-secret",
        # Tiers read their key only from allow-listed variables (apps/agent/endpoints.py).
        "SUPPORTAGENT_MODEL_KEY_ENVS": "LOOPBACK_MODEL_KEY",
    }
    env.pop("OPENAI_API_KEY", None)
    if not args.prepared:
        print("preparing the bench database (migrate, demo data)...", flush=True)
        prepare(env)
    else:
        # The var directory is new each run; production settings need its static manifest.
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    # The supervisor whose console watches the queue (production settings: --force). Then the
    # chats earlier runs handed off are closed: the console lists 200 at most, and each run's
    # hand-offs are to be the queue.
    manage(env, "create_demo_accounts", "--force")
    manage(env, "shell", "-c", BETWEEN_RUNS)
    model = None
    # Whatever is started from here on is stopped on the way out, by an error or a signal too.
    with contextlib.ExitStack() as owned:
        if args.engine == "model":
            model = LoopbackModelProcess(fast, reasoning, args.steps)
            owned.callback(model.stop)
            tiers_point_at(env, model.start())
        else:
            # No key: both tiers fall to the offline engine.
            env["LOOPBACK_MODEL_KEY"] = ""
        topology = Topology(env=env, log_dir=var_dir)
        owned.callback(topology.stop)
        results = Results()
        topology.start(
            daphne=args.daphne, workers=args.workers, concurrency=args.concurrency, redis_port=redis_port
        )

        def bench_cpu() -> dict[str, float]:
            own = os.times()
            used = {"bench client": own.user + own.system}
            if model is not None and model.pid is not None:
                used["model"] = pid_cpu_seconds(model.pid)
            return used

        def every_cpu() -> dict[str, float]:
            return {**topology.cpu_seconds(), "postgres": postgres_cpu_seconds("") or 0.0, **bench_cpu()}

        cpu_before, pg_before, bench_before = topology.cpu_seconds(), postgres_cpu_seconds(""), bench_cpu()
        wall_before = time.perf_counter()
        script = MODEL_SCRIPT if args.engine == "model" else OFFLINE_SCRIPT
        with CpuSampler(every_cpu) as sampler:
            elapsed = asyncio.run(drive(args, topology.daphne_ports, script, results))
        cpu_after, pg_after, bench_after = topology.cpu_seconds(), postgres_cpu_seconds(""), bench_cpu()
        wall = time.perf_counter() - wall_before
    print(f"logs in {var_dir}")
    report_print(
        args,
        results,
        Run(
            elapsed=elapsed,
            wall=wall,
            cpu={n: cpu_after[n] - cpu_before.get(n, 0.0) for n in cpu_after},
            postgres=pg_after - pg_before if pg_before is not None and pg_after is not None else None,
            bench={n: bench_after[n] - bench_before.get(n, 0.0) for n in bench_after},
            load_start=load_start,
            load_end=os.getloadavg(),
            pool=pool,
            daphne_ports=topology.daphne_ports,
            busiest=busiest_window(sampler.samples, seconds=5.0, cores=os.cpu_count() or 1),
        ),
        model_time=model.model_time if model is not None else None,
        visit_length=len(script),
        fast=fast,
        reasoning=reasoning,
    )


if __name__ == "__main__":
    # SIGTERM, SIGINT or SIGHUP: the processes above are stopped before the bench exits.
    with stop_on_signals():
        main()
