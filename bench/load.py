"""N simulated customers over /ws/chat/ on the production topology, with model waits.

daphne (K processes) + Celery workers (K processes, a thread pool each) + beat + Redis (a
throwaway redis-server of the bench's own) + PostgreSQL (the bench's own database), production
settings. Each customer opens the chat page, connects, and sends a few messages, each after the
answer to the previous one. Models are the loopback OpenAI-compatible server of
tests/support, adding latency per tier (fast FAST s per call; reasoning REASONING s per call and
several calls per transaction); `--engine offline` runs the offline engine instead.

    .venv/bin/python bench/load.py --chats 50
    .venv/bin/python bench/load.py --chats 500 --model-latency 0.6,3
    .venv/bin/python bench/load.py --chats 200 --daphne 2 --workers 2
    .venv/bin/python bench/load.py --chats 200 --engine offline

Prints messages sent, acked, answered and lost; p50/p95/p99 from each message to its first
status and to its answer minus the simulated model time of that turn (the platform's overhead);
errors; the CPU each process used, and the saturation point (the first process near a full
core). The last line reads:

    chats N, sent S, answered A, lost L, first status p95 X ms, overhead p95 Y ms
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from turn_latency import ensure_database, percentile, prepare  # noqa: E402

from tests.support.openai_server import ScriptedOpenAIServer, text, tool_call  # noqa: E402

BIN = Path(sys.executable).parent
TOKEN = re.compile(r"\[(c\d+m\d+)\]")
# A customer's visit: small talk (fast tier), a request the router sends to the reasoning tier
# (several model calls: two tool calls and the answer), a thank-you (fast tier).
MODEL_SCRIPT = [
    "hi there",
    "I want to cancel my order and need to know how the refund works",
    "thanks, that is all",
]
OFFLINE_SCRIPT = ["hi", "what is your return policy?", "thanks"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- the loopback model ------------------------------------------------------------------------


class LoopbackModel:
    """Both tiers on one loopback server; the tier is told by the requested model id. Records
    the simulated model time per customer message (the token the bench puts in each message)."""

    def __init__(self, fast: float, reasoning: float, steps: int) -> None:
        self.fast, self.reasoning, self.steps = fast, reasoning, steps
        self.model_time: dict[str, float] = {}
        self._lock = threading.Lock()
        self.server = ScriptedOpenAIServer(self.reply)

    def reply(self, body: dict[str, Any]) -> Any:
        messages = body.get("messages") or body.get("input") or []
        users = [m for m in messages if isinstance(m, dict) and m.get("role") == "user"]
        last = users[-1].get("content", "") if users else ""
        token = TOKEN.search(last if isinstance(last, str) else json.dumps(last))
        reasoning = "reasoning" in str(body.get("model", ""))
        delay = self.reasoning if reasoning else self.fast
        if token:
            with self._lock:
                self.model_time[token.group(1)] = self.model_time.get(token.group(1), 0.0) + delay
        if not reasoning:
            return text("Happy to help with that. Is there anything else?", delay=delay)
        # Tool results since the customer's last message: how far this transaction has got.
        since = 0
        for m in reversed(messages):
            if isinstance(m, dict) and m.get("role") == "user":
                break
            if isinstance(m, dict) and (m.get("role") == "tool" or m.get("type") == "function_call_output"):
                since += 1
        if since == 0 and self.steps > 1:
            return tool_call("search_knowledge", {"query": "refund cancelled order"}, delay=delay)
        if since < self.steps - 1:
            return tool_call("calculate", {"expression": "19.99 * 2"}, delay=delay)
        return text("I checked our policy for you. Is there anything else I can do?", delay=delay)


def tiers_point_at(env: dict[str, str], base_url: str) -> None:
    """Both tiers served by the loopback model (their key variable names the bench's key)."""
    code = (
        "from apps.agent.models import ModelTier\n"
        "for name in ('fast', 'reasoning'):\n"
        "    ModelTier.objects.update_or_create(name=name, defaults=dict(model='loopback-' + name,"
        f" base_url='{base_url}', api_key_env='LOOPBACK_MODEL_KEY', api='chat_completions',"
        " reasoning_effort='', stream=False, timeout_seconds=60, max_retries=0, enabled=True))\n"
    )
    subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True)


# -- the topology --------------------------------------------------------------------------------


@dataclass
class Topology:
    env: dict[str, str]
    log_dir: Path
    daphne_ports: list[int] = field(default_factory=list)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def spawn(self, name: str, command: list[str]) -> None:
        log = (self.log_dir / f"{name}.log").open("w")
        self.processes[name] = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def start(self, *, daphne: int, workers: int, concurrency: int, redis_port: int) -> None:
        self.spawn(
            "redis",
            ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
        )  # fmt: skip
        time.sleep(0.5)
        names = []
        for n in range(workers):
            names.append(f"load{n + 1}-{uuid.uuid4().hex[:6]}@{socket.gethostname()}")
            self.spawn(
                f"worker-{n + 1}",
                [str(BIN / "celery"), "-A", "supportagent", "worker",
                 "-n", names[-1], "-l", "warning",
                 "--pool", "threads", "--concurrency", str(concurrency),
                 "--without-gossip", "--without-mingle", "--without-heartbeat"],
            )  # fmt: skip
        self.spawn(
            "beat",
            [str(BIN / "celery"), "-A", "supportagent", "beat", "-l", "warning",
             "-s", str(self.log_dir / "beat-schedule")],
        )  # fmt: skip
        for n in range(daphne):
            port = free_port()
            self.daphne_ports.append(port)
            self.spawn(
                f"daphne-{n + 1}",
                [str(BIN / "daphne"), "-b", "127.0.0.1", "-p", str(port), "supportagent.asgi:application"],
            )
        deadline = time.monotonic() + 90
        for port in self.daphne_ports:
            while time.monotonic() < deadline:
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.3)
        # Every worker answers a ping through the broker before any customer arrives.
        from celery import Celery

        control = Celery("load-control", broker=self.env["REDIS_URL"]).control
        waiting = set(names)
        while waiting and time.monotonic() < deadline + 60:
            for reply in control.ping(destination=sorted(waiting), timeout=1.0):
                waiting -= set(reply)
        if waiting:
            sys.exit(f"workers did not start: {sorted(waiting)}; logs in {self.log_dir}")

    def stop(self) -> None:
        for process in self.processes.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    def cpu_seconds(self) -> dict[str, float]:
        """CPU time (user + system) of each process and its children so far."""
        tick = os.sysconf("SC_CLK_TCK")
        used: dict[str, float] = {}
        for name, process in self.processes.items():
            total = 0.0
            for pid in _group_pids(process.pid):
                with contextlib.suppress(OSError, IndexError, ValueError):
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                    total += (int(fields[11]) + int(fields[12])) / tick
            used[name] = total
        return used


def _group_pids(pgid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[2]) == pgid:
                    pids.append(int(entry.name))
    return pids


def postgres_cpu_seconds(database: str) -> float | None:
    """CPU time of the PostgreSQL backends (all of them: they are shared with other work)."""
    tick = os.sysconf("SC_CLK_TCK")
    total, found = 0.0, False
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                if (entry / "comm").read_text().strip() == "postgres":
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                    total += (int(fields[11]) + int(fields[12])) / tick
                    found = True
    return total if found else None


# -- the customers ---------------------------------------------------------------------------------


@dataclass
class Results:
    sent: int = 0
    acked: int = 0
    answered: int = 0
    lost: int = 0
    errors: list[str] = field(default_factory=list)
    first_status: list[float] = field(default_factory=list)
    overhead: list[float] = field(default_factory=list)
    answer: list[float] = field(default_factory=list)
    pending_tokens: list[tuple[str, float, float]] = field(default_factory=list)  # token, sent, answered


def session_cookie(port: int) -> str:
    import http.cookiejar
    import urllib.request

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"http://127.0.0.1:{port}/chat/", timeout=60) as response:
        response.read()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


async def customer(
    n: int, port: int, script: list[str], results: Results, *, tokens: bool, timeout: float
) -> None:
    from websockets.asyncio.client import connect

    try:
        cookie = await asyncio.to_thread(session_cookie, port)
    except Exception as exc:
        results.errors.append(f"page: {exc!r}"[:200])
        results.sent += len(script)
        results.lost += len(script)
        return
    origin = f"http://127.0.0.1:{port}"
    index = 0
    last_id = 0
    failures = 0
    while index < len(script):
        try:
            async with connect(
                f"ws://127.0.0.1:{port}/ws/chat/",
                origin=origin,
                additional_headers={"Cookie": cookie},
                open_timeout=30,
                max_queue=None,
            ) as ws:
                if last_id:
                    await ws.send(json.dumps({"type": "resume", "after": last_id}))
                while index < len(script):
                    token = f"c{n}m{index}"
                    body = f"{script[index]} [{token}]" if tokens else script[index]
                    client_id = uuid.uuid4().hex
                    started = time.perf_counter()
                    await ws.send(json.dumps({"type": "message", "text": body, "client_id": client_id}))
                    results.sent += 1
                    index += 1
                    acked = status = None
                    async with asyncio.timeout(timeout):
                        while True:
                            frame = json.loads(await ws.recv())
                            now = time.perf_counter() - started
                            if frame["type"] == "ack" and frame.get("client_id") == client_id:
                                acked = now
                                results.acked += 1
                            elif frame["type"] == "status" and status is None and acked is not None:
                                status = now
                            elif frame["type"] == "message" and frame["role"] in {"agent", "system"}:
                                if acked is None:
                                    continue
                                last_id = max(last_id, frame["id"])
                                results.answered += 1
                                results.answer.append(now)
                                if status is not None:
                                    results.first_status.append(status)
                                results.pending_tokens.append((token, 0.0, now))
                                break
                            elif frame["type"] == "message":
                                last_id = max(last_id, frame["id"])
                            elif frame["type"] == "error":
                                results.errors.append(f"{frame.get('code')}: {frame.get('message')}"[:200])
                                break
                    await asyncio.sleep(1.0)  # the customer reads, then types
        except TimeoutError:
            results.lost += 1
            results.errors.append("no answer within the timeout")
        except Exception as exc:
            results.errors.append(f"socket: {exc!r}"[:200])
            failures += 1
            if failures >= 5:
                return  # the customer gives up; whatever was not answered counts as lost
            await asyncio.sleep(1.0)


async def supervisor_console(port: int, stop: asyncio.Event, seen: list[int]) -> None:
    """A supervisor on another daphne: counts the queue updates that reach their console."""
    from websockets.asyncio.client import connect

    cookie = await asyncio.to_thread(_staff_cookie, port)
    async with connect(
        f"ws://127.0.0.1:{port}/ws/console/",
        origin=f"http://127.0.0.1:{port}",
        additional_headers={"Cookie": cookie},
    ) as ws:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(1):
                    frame = json.loads(await ws.recv())
                    if frame["type"] == "queue":
                        seen.append(len(frame["items"]))


def _staff_cookie(port: int) -> str:
    import http.cookiejar
    import urllib.parse
    import urllib.request

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"http://127.0.0.1:{port}/accounts/login/"
    opener.open(url, timeout=30).read()
    token = next(c.value for c in jar if c.name == "csrftoken")
    form = urllib.parse.urlencode(
        {"username": "supervisor1", "password": "demo-supervisor1", "next": "/console/"}
    )
    request = urllib.request.Request(url, data=form.encode(), headers={"X-CSRFToken": token, "Referer": url})
    opener.open(request, timeout=30).read()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


async def drive(args: argparse.Namespace, ports: list[int], script: list[str], results: Results) -> float:
    stop = asyncio.Event()
    console_seen: list[int] = []
    console = None
    if len(ports) > 1:
        console = asyncio.ensure_future(supervisor_console(ports[-1], stop, console_seen))
    started = time.perf_counter()
    # Customers arrive over `ramp` seconds, spread over the daphne processes.
    tasks = []
    for n in range(args.chats):
        tasks.append(
            asyncio.ensure_future(
                customer(
                    n,
                    ports[n % len(ports)],
                    script,
                    results,
                    tokens=args.engine == "model",
                    timeout=args.timeout,
                )
            )
        )
        await asyncio.sleep(args.ramp / max(args.chats, 1))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - started
    stop.set()
    if console is not None:
        with contextlib.suppress(Exception):
            await console
        print(f"supervisor console on daphne-{len(ports)}: {len(console_seen)} queue updates received")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--model-latency", default="0.6,3", help="FAST,REASONING seconds per model call")
    parser.add_argument("--steps", type=int, default=3, help="model calls per reasoning-tier transaction")
    parser.add_argument("--daphne", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=200, help="threads per worker")
    parser.add_argument("--engine", choices=["model", "offline"], default="model")
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds over which customers arrive")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for each answer")
    parser.add_argument(
        "--prepared", action="store_true", help="the database is ready: skip migrate and demo data"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/supportagent_load"),
    )
    args = parser.parse_args()
    fast, reasoning = (float(x) for x in args.model_latency.split(","))
    if shutil.which("redis-server") is None:
        sys.exit("needs redis-server on PATH (the bench runs a Redis of its own)")

    ensure_database(args.database_url)
    var_dir = Path(tempfile.mkdtemp(prefix="load-"))
    redis_port = free_port()
    pool = max(4, min(20, args.concurrency // 10))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "supportagent.settings.production",
        "DJANGO_SECRET_KEY": "bench-only-" + uuid.uuid4().hex,
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": args.database_url,
        "DATABASE_POOL_MAX_SIZE": str(pool),
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "SUPPORTAGENT_VAR_DIR": str(var_dir),
        "SUPPORTAGENT_TURN_DISPATCH": "celery",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
        "LOOPBACK_MODEL_KEY": "loopback-not-secret",
    }
    env.pop("OPENAI_API_KEY", None)
    if not args.prepared:
        print("preparing the bench database (migrate, demo data)...", flush=True)
        prepare(env)
        subprocess.run(
            [sys.executable, "manage.py", "create_demo_accounts"],
            cwd=ROOT,
            env=env,
            check=False,
            capture_output=True,
        )
    model = None
    if args.engine == "model":
        model = LoopbackModel(fast, reasoning, args.steps)
        model.server.start()
        tiers_point_at(env, model.server.base_url)
    else:
        # No key: both tiers fall to the offline engine.
        env["LOOPBACK_MODEL_KEY"] = ""
    topology = Topology(env=env, log_dir=var_dir)
    results = Results()
    try:
        topology.start(
            daphne=args.daphne, workers=args.workers, concurrency=args.concurrency, redis_port=redis_port
        )
        cpu_before, pg_before, wall_before = (
            topology.cpu_seconds(),
            postgres_cpu_seconds(""),
            time.perf_counter(),
        )
        script = MODEL_SCRIPT if args.engine == "model" else OFFLINE_SCRIPT
        elapsed = asyncio.run(drive(args, topology.daphne_ports, script, results))
        cpu_after, pg_after = topology.cpu_seconds(), postgres_cpu_seconds("")
        wall = time.perf_counter() - wall_before
    finally:
        topology.stop()
        if model is not None:
            model.server.stop()

    # Overhead: the answer's latency less the model time the loopback server spent on it.
    unmatched = 0
    for token, _, answered in results.pending_tokens:
        spent = model.model_time.get(token, 0.0) if model is not None else 0.0
        if model is not None and spent == 0.0:
            unmatched += 1  # no model call carried this message's token (counted as all overhead)
        results.overhead.append(max(answered - spent, 0.0))
    results.lost = results.sent - results.answered  # timed out, dropped, or refused

    print(
        f"load: {args.chats} chats x {len(MODEL_SCRIPT)} messages, engine {args.engine}"
        + (f" (fast {fast}s, reasoning {reasoning}s x {args.steps} calls)" if args.engine == "model" else "")
        + f"; {args.daphne} daphne, {args.workers} worker(s) x {args.concurrency} threads, beat; "
        f"DB pool {pool}/process; {elapsed:.1f}s; logs in {var_dir}"
    )
    print(
        f"messages: sent {results.sent}, acked {results.acked}, "
        f"answered {results.answered}, lost {results.lost}"
    )
    print(f"throughput: {results.answered / elapsed:.1f} answers/s")
    if unmatched:
        print(f"answers with no model call recorded for them: {unmatched}")
    if model is not None:
        by_index: dict[str, list[float]] = {}
        for (token, _, _), overhead in zip(results.pending_tokens, results.overhead, strict=True):
            by_index.setdefault(token.split("m")[-1], []).append(overhead * 1000)
        print(
            "overhead p50 by message of the visit: "
            + ", ".join(f"#{k}: {percentile(v, 50):.0f} ms" for k, v in sorted(by_index.items()))
        )
    print(f"{'from the customer message to':38} {'p50':>9} {'p95':>9} {'p99':>9}   (ms)")
    for label, values in (
        ("the first status", results.first_status),
        ("the answer", results.answer),
        ("the answer less model time (overhead)", results.overhead),
    ):
        if values:
            ms = [v * 1000 for v in values]
            print(f"{label:38} {percentile(ms, 50):9.1f} {percentile(ms, 95):9.1f} {percentile(ms, 99):9.1f}")
    distinct: dict[str, int] = {}
    for error in results.errors:
        distinct[error] = distinct.get(error, 0) + 1
    print(f"errors: {len(results.errors)}" + "".join(f"\n  {n} x {e}" for e, n in sorted(distinct.items())))
    print("CPU over the run (share of one core):")
    busiest, busiest_share = "", 0.0
    for name in cpu_after:
        share = (cpu_after[name] - cpu_before.get(name, 0.0)) / wall
        print(f"  {name:12} {share * 100:6.1f}%")
        if share > busiest_share:
            busiest, busiest_share = name, share
    if pg_before is not None and pg_after is not None:
        print(
            f"  {'postgres':12} {(pg_after - pg_before) / wall * 100:6.1f}%"
            "  (every backend on the machine, shared with other work)"
        )
    total = sum(cpu_after[n] - cpu_before.get(n, 0.0) for n in cpu_after) + (
        (pg_after - pg_before) if pg_before is not None and pg_after is not None else 0.0
    )
    cores = os.cpu_count() or 1
    if busiest_share >= 0.9:
        print(f"saturation: {busiest} at {busiest_share * 100:.0f}% of a core (one process is the limit)")
    elif total / wall >= 0.9 * cores:
        print(f"saturation: the machine ({total / wall * 100:.0f}% of {cores} cores); busiest {busiest}")
    else:
        print(
            f"saturation: not reached (busiest {busiest} at {busiest_share * 100:.0f}% of a core; "
            f"the platform used {total / wall * 100:.0f}% of {cores} cores)"
        )
    s95 = percentile([v * 1000 for v in results.first_status], 95) if results.first_status else float("nan")
    o95 = percentile([v * 1000 for v in results.overhead], 95) if results.overhead else float("nan")
    print(
        f"chats {args.chats}, sent {results.sent}, answered {results.answered}, lost {results.lost}, "
        f"first status p95 {s95:.0f} ms, overhead p95 {o95:.0f} ms"
    )


if __name__ == "__main__":
    main()
