"""CPU sampled through the run, for its busiest window.

A run's average hides its arrival burst: 500 customers arriving over 10 s load the machine for
those seconds and leave it half idle for the rest, so "the worker used 64% of a core over the run"
can sit next to a machine that was full while the queue formed. Every second this reads each
process's CPU and the whole machine's (/proc/stat: every process, the bench's own and other
work included), and the report gives the window in which the machine was busiest.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# (seconds since the sampler started, CPU seconds per process so far, the machine's busy seconds)
Sample = tuple[float, dict[str, float], float]


def machine_busy_seconds() -> float:
    """CPU seconds every core of the machine spent not idle, since boot (all processes)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    ticks = [int(value) for value in fields[:8]]  # user nice system idle iowait irq softirq steal
    idle = ticks[3] + ticks[4]
    return (sum(ticks) - idle) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Window:
    start: float  # seconds into the run
    length: float
    machine: float  # the machine's busy share of all its cores, 0..1
    shares: dict[str, float]  # each process's share of one core


def busiest_window(samples: list[Sample], *, seconds: float, cores: int) -> Window | None:
    """The stretch of at least `seconds` in which the machine was busiest; None when the run
    was shorter than that."""
    best: Window | None = None
    j = 0
    for i, (started, before, busy_before) in enumerate(samples):
        j = max(j, i + 1)
        while j < len(samples) and samples[j][0] - started < seconds:
            j += 1
        if j >= len(samples):
            break
        ended, after, busy_after = samples[j]
        length = ended - started
        machine = (busy_after - busy_before) / length / cores
        if best is None or machine > best.machine:
            shares = {name: (after.get(name, 0.0) - before.get(name, 0.0)) / length for name in after}
            best = Window(start=started, length=length, machine=machine, shares=shares)
    return best


class CpuSampler:
    """Reads `read()` (CPU seconds per process) and the machine's busy time every `period`."""

    def __init__(self, read: Callable[[], dict[str, float]], *, period: float = 1.0) -> None:
        self._read = read
        self._period = period
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cpu-sampler", daemon=True)
        self._origin = 0.0
        self.samples: list[Sample] = []

    def __enter__(self) -> CpuSampler:
        self._origin = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def _sample(self) -> None:
        self.samples.append((time.perf_counter() - self._origin, self._read(), machine_busy_seconds()))

    def _run(self) -> None:
        while True:
            self._sample()
            if self._stop.wait(self._period):
                return
