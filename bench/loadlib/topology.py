"""The processes under test: Redis, Celery workers, beat and daphne; their CPU over the run."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    """A free loopback port; within SUPPORTAGENT_TEST_PORTS ("19600-19999") when that is set, so
    the bench keeps to the ports it was given on a shared machine."""
    span = os.environ.get("SUPPORTAGENT_TEST_PORTS", "")
    candidates = [0]
    if span:
        low, high = (int(part) for part in span.split("-", 1))
        candidates = random.sample(range(low, high + 1), high - low + 1)
    for port in candidates:
        with socket.socket() as s, contextlib.suppress(OSError):
            s.bind(("127.0.0.1", port))
            return int(s.getsockname()[1])
    raise RuntimeError(f"no free port in SUPPORTAGENT_TEST_PORTS={span}")


def pid_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of one process so far (0 if it is gone)."""
    tick = os.sysconf("SC_CLK_TCK")
    with contextlib.suppress(OSError, IndexError, ValueError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick
    return 0.0


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
                # --proxy-headers: as behind the proxy of README's cluster layout, each customer's
                # address comes from X-Forwarded-For (the bench's customers each send their own),
                # so the per-address limits count customers, not the bench's one loopback address.
                [
                    str(BIN / "daphne"),
                    "-b",
                    "127.0.0.1",
                    "-p",
                    str(port),
                    "--proxy-headers",
                    "supportagent.asgi:application",
                ],
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

    def stop(self, *, grace: float = 20.0) -> None:
        """SIGTERM to each process's group (each runs in a session of its own), SIGKILL to any
        group still there after `grace` seconds; then nothing the topology started is left."""
        for process in self.processes.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for process in self.processes.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            # Also whatever the process itself started and left behind in its group.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        self.processes.clear()

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
