"""What a running Celery worker's threads are doing, sampled every few seconds (run it next to
bench/load.py): waiting on the model, on PostgreSQL, for a pooled connection, for the GIL, idle
or running; with the worker's CPU, its threads' time waiting for a CPU (the kernel's run queue),
the turns queued in Redis and PostgreSQL's backends by state and wait event.

    .venv/bin/python bench/worker_threads.py --worktree "$PWD" --database supportagent_load \
        --interval 2 --out /tmp/threads.jsonl          # one JSON line per sample, and a summary

Needs `py-spy` (`.venv/bin/pip install py-spy`; profiling only, not a dependency) and the
permission to read the worker's memory (root, or ptrace allowed). The worker is the Celery worker
process whose working directory is `--worktree` (bench/load.py starts it there), the Redis the
`redis-server` started from there. A thread whose kernel wait is a futex while its Python stack is
in I/O (a query, the model's HTTP response) has finished that I/O and waits for the GIL.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

TICK = os.sysconf("SC_CLK_TCK")


def find(worktree: str) -> tuple[int | None, str | None]:
    """The worker's pid (the process of that working directory with the most threads) and the
    port of the Redis started there."""
    workers: list[int] = []
    redis_port = None
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if os.readlink(entry / "cwd") != worktree:
                continue
            command = [part.decode() for part in (entry / "cmdline").read_bytes().split(b"\0") if part]
            joined = " ".join(command)
            if "celery" in joined and " worker" in joined:
                workers.append(int(entry.name))
            elif command and command[0].startswith("redis-server"):
                # Redis rewrites its title to "redis-server 127.0.0.1:PORT".
                redis_port = joined.split()[1].rsplit(":", 1)[-1] if " " in joined else None
    pid = max(workers, key=lambda p: len(os.listdir(f"/proc/{p}/task")), default=None)
    return pid, redis_port


def kind_of(frames: list[str]) -> str:
    """What a thread's Python stack (innermost first) says it is doing."""
    stack = "\n".join(frames)
    if "httpcore" in stack or "httpx" in stack:
        return "model"
    if "psycopg_pool" in stack and "getconn" in stack:
        return "pool wait"
    if "psycopg_pool" in stack:
        return "pool's own"
    if "psycopg" in stack:
        return "postgres"
    if "channels_redis" in stack or "redis/" in stack or "kombu" in stack:
        return "redis"
    if "concurrent/futures/thread.py" in stack and frames and frames[0].startswith("_worker"):
        return "idle"
    return "other"


def threads(pid: int, py_spy: str) -> collections.Counter[str]:
    """Each thread's state: running (or runnable), GIL wait, or what its stack waits on."""
    dump = subprocess.run(
        [py_spy, "dump", "--pid", str(pid), "--nonblocking"], capture_output=True, text=True, timeout=30
    ).stdout
    counted: collections.Counter[str] = collections.Counter()
    for block in dump.split("\nThread ")[1:]:
        lines = block.splitlines()
        tid = int(lines[0].split()[0], 0)
        kind = kind_of([line.strip() for line in lines[1:] if line.strip()])
        try:
            task = Path(f"/proc/{pid}/task/{tid}")
            state = (task / "stat").read_text().rsplit(")", 1)[1].split()[0]
            wchan = (task / "wchan").read_text().strip()
        except OSError:
            continue
        if state == "R":
            counted["running or runnable"] += 1
        elif "futex" in wchan and kind in ("model", "postgres", "redis"):
            counted["GIL wait"] += 1
        else:
            counted[kind] += 1
    return counted


def run_queue_seconds(pid: int) -> float:
    """Seconds the process's threads have waited in the kernel's run queue (runnable, no CPU)."""
    waited = 0.0
    for task in os.listdir(f"/proc/{pid}/task"):
        with contextlib.suppress(OSError, ValueError):
            waited += int(Path(f"/proc/{pid}/task/{task}/schedstat").read_text().split()[1]) / 1e9
    return waited


def postgres(database: str) -> dict[str, int]:
    query = (
        "SELECT coalesce(state, '-') || ' / ' || coalesce(wait_event_type || ':' || wait_event, '-'), "
        f"count(*) FROM pg_stat_activity WHERE datname = '{database}' GROUP BY 1"
    )
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc", query], capture_output=True, text=True
    ).stdout
    return {line.rsplit("|", 1)[0]: int(line.rsplit("|", 1)[1]) for line in out.splitlines() if "|" in line}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--worktree", default=str(Path(__file__).resolve().parents[1]))
    parser.add_argument("--database", default="supportagent_load")
    parser.add_argument("--interval", type=float, default=2.0)
    parser.add_argument("--out", default="")
    parser.add_argument("--wait", type=float, default=600, help="seconds to wait for a worker to appear")
    args = parser.parse_args()
    py_spy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if py_spy is None:
        sys.exit("needs py-spy: .venv/bin/pip install py-spy")
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(Path(args.out).open("w")) if args.out else None
        samples = sample_until_gone(args, py_spy, out)
    summarize(samples)


def sample_until_gone(args: argparse.Namespace, py_spy: str, out: Any) -> list[dict]:
    samples: list[dict] = []
    started, last = time.monotonic(), None
    while True:
        pid, redis_port = find(args.worktree)
        if pid is None:
            if samples or time.monotonic() - started > args.wait:
                break  # the worker is gone: the run is over
            time.sleep(1)
            continue
        now = time.monotonic()
        with contextlib.suppress(OSError, ValueError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            cpu = (int(fields[11]) + int(fields[12])) / TICK
            waited = run_queue_seconds(pid)
            sample: dict = {"t": round(now - started, 1), "load": os.getloadavg()[0]}
            if last is not None:
                span = now - last[0]
                sample["worker cpu"] = round((cpu - last[1]) / span, 2)
                sample["run queue wait"] = round((waited - last[2]) / span, 2)
            last = (now, cpu, waited)
            with contextlib.suppress(subprocess.SubprocessError, ValueError, IndexError):
                sample["threads"] = dict(threads(pid, py_spy))
            if redis_port is not None:
                depth = subprocess.run(
                    ["redis-cli", "-p", redis_port, "llen", "celery"], capture_output=True, text=True
                ).stdout.strip()
                sample["queued"] = int(depth) if depth.isdigit() else None
            sample["postgres"] = postgres(args.database)
            samples.append(sample)
            if out is not None:
                out.write(json.dumps(sample) + "\n")
                out.flush()
        time.sleep(args.interval)
    return samples


def summarize(samples: list[dict]) -> None:
    """Means over the samples in which the worker had turns (a thread waiting on anything but
    the thread pool's queue)."""
    busy = [
        s
        for s in samples
        if sum(n for k, n in s.get("threads", {}).items() if k not in ("idle", "other")) > 5
    ]
    if not busy:
        print("no busy samples")
        return
    load = f"{busy[0]['load']:.1f} -> {busy[-1]['load']:.1f}"
    print(f"{len(busy)} busy samples of {len(samples)}; load average {load}")
    for name in ("worker cpu", "run queue wait", "queued"):
        values = [s[name] for s in busy if s.get(name) is not None]
        if values:
            print(f"  {name:22} mean {statistics.mean(values):7.2f}  max {max(values):7.2f}")
    kinds = sorted({k for s in busy for k in s.get("threads", {})})
    for kind in kinds:
        values = [s.get("threads", {}).get(kind, 0) for s in busy]
        print(f"  threads {kind:22} mean {statistics.mean(values):7.1f}  max {max(values):5d}")
    states: collections.Counter[str] = collections.Counter()
    for s in busy:
        states.update(s.get("postgres", {}))
    for state, count in states.most_common(8):
        print(f"  postgres {state:40} mean {count / len(busy):5.1f}")


if __name__ == "__main__":
    main()
