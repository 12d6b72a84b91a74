"""The load bench's printed figures: counts, latencies, CPU per process, the saturation point."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field

from .client import Results
from .sampler import Window


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


@dataclass
class Run:
    """What the bench measured besides the customers' results."""

    elapsed: float  # seconds the customers took
    wall: float  # seconds between the two CPU readings
    cpu: dict[str, float]  # CPU seconds over the run, per process of the platform
    postgres: float | None  # CPU seconds of every PostgreSQL backend on the machine
    bench: dict[str, float]  # CPU seconds of the bench's own processes (client, model)
    load_start: tuple[float, float, float]
    load_end: tuple[float, float, float]
    pool: int
    daphne_ports: list[int] = field(default_factory=list)
    busiest: Window | None = None  # the 5 s in which the machine was busiest (sampled each second)


def overheads(results: Results, model_time: dict[str, float] | None) -> int:
    """Each answer's latency less the model time spent on it; returns the answers no model call
    was recorded for (counted as all overhead)."""
    unmatched = 0
    for token, _, answered in results.pending_tokens:
        spent = model_time.get(token, 0.0) if model_time is not None else 0.0
        if model_time is not None and spent == 0.0:
            unmatched += 1
        results.overhead.append(max(answered - spent, 0.0))
    results.lost = results.sent - results.answered  # timed out, dropped, or refused
    return unmatched


# The offered load's peak is the busiest stretch of this many seconds.
PEAK_WINDOW = 5.0


def offered_load(results: Results, elapsed: float) -> tuple[float, float]:
    """Messages the customers sent per second: over the whole run, and in its busiest window."""
    times = sorted(results.sent_at)
    peak, first = 0, 0
    for last, at in enumerate(times):
        while at - times[first] > PEAK_WINDOW:
            first += 1
        peak = max(peak, last - first + 1)
    return len(times) / elapsed if elapsed else 0.0, peak / PEAK_WINDOW


def handoffs_print(results: Results, ports: list[int]) -> None:
    """How many customers asked for a person, and how each hand-off reached the console."""
    asked = results.handoffs
    stored = [h for h in asked if h.stored is not None]
    told = [h for h in stored if h.told is not None]
    print(
        f"hand-offs: asked {len(asked)}, stored {len(stored)}, heard on the customer's own socket {len(told)}"
    )
    if results.console_port is None:
        return
    name = f"daphne-{ports.index(results.console_port) + 1}" if results.console_port in ports else "?"
    print(f"supervisor console on {name}: {len(results.console)} queue updates received")
    groups: dict[str, list[float]] = {"another daphne": [], "its own daphne": []}
    counts = {"another daphne": 0, "its own daphne": 0}
    for handoff in stored:
        group = "its own daphne" if handoff.port == results.console_port else "another daphne"
        counts[group] += 1
        reached = next(
            (
                t
                for t, customers in results.console
                if t >= handoff.requested and handoff.customer in customers
            ),
            None,
        )
        if reached is not None:
            groups[group].append((reached - handoff.requested) * 1000)
    for group, delays in groups.items():
        if not counts[group]:
            continue
        line = f"  hand-offs from {group}: {len(delays)} of {counts[group]} reached the console"
        if delays:
            line += (
                f"; from the request to the queue update p50 {percentile(delays, 50):.0f} ms, "
                f"p95 {percentile(delays, 95):.0f} ms"
            )
        print(line)
    requests = [(h.stored - h.requested) * 1000 for h in stored if h.stored is not None]
    if requests:
        print(
            f"  the request itself (POST /chat/person/): p50 {percentile(requests, 50):.0f} ms, "
            f"p95 {percentile(requests, 95):.0f} ms"
        )


def _load(figures: tuple[float, float, float]) -> str:
    return " ".join(f"{x:.2f}" for x in figures)


def report_print(
    args: argparse.Namespace,
    results: Results,
    run: Run,
    *,
    model_time: dict[str, float] | None,
    visit_length: int,
    fast: float,
    reasoning: float,
) -> None:
    unmatched = overheads(results, model_time)
    print(
        f"load: {args.chats} chats x {visit_length} messages, engine {args.engine}"
        + (f" (fast {fast}s, reasoning {reasoning}s x {args.steps} calls)" if args.engine == "model" else "")
        + f"; {args.daphne} daphne, {args.workers} worker(s) x {args.concurrency} threads, beat; "
        f"DB pool {run.pool}/process; {run.elapsed:.1f}s"
    )
    print(f"load average (1, 5, 15 min): start {_load(run.load_start)}, end {_load(run.load_end)}")
    print(
        f"messages: sent {results.sent}, acked {results.acked}, "
        f"answered {results.answered}, lost {results.lost}"
    )
    mean, peak = offered_load(results, run.elapsed)
    print(
        f"offered load: {mean:.1f} messages/s over the run, {peak:.1f} messages/s at peak "
        f"(busiest {PEAK_WINDOW:.0f} s); think {args.think:g} s after each answer, "
        f"arrivals over {args.ramp:g} s"
    )
    print(f"throughput: {results.answered / run.elapsed:.1f} answers/s")
    if unmatched:
        print(f"answers with no model call recorded for them: {unmatched}")
    if model_time is not None:
        by_index: dict[str, list[float]] = {}
        for (token, _, _), overhead in zip(results.pending_tokens, results.overhead, strict=True):
            by_index.setdefault(token.split("m")[-1], []).append(overhead * 1000)
        print(
            "overhead p50 by message of the visit: "
            + ", ".join(f"#{k}: {percentile(v, 50):.0f} ms" for k, v in sorted(by_index.items()))
        )
    print(f"{'from the customer message to':38} {'p50':>9} {'p95':>9} {'p99':>9}   (ms)")
    for label, values in (
        ("the ack", results.ack),
        ("the first status", results.first_status),
        ("the answer", results.answer),
        ("the answer less model time (overhead)", results.overhead),
    ):
        if values:
            ms = [v * 1000 for v in values]
            print(f"{label:38} {percentile(ms, 50):9.1f} {percentile(ms, 95):9.1f} {percentile(ms, 99):9.1f}")
    handoffs_print(results, run.daphne_ports)
    if results.sent:
        kinds = ", ".join(f"{k} {n / results.sent:.2f}" for k, n in sorted(results.frames.items()))
        print(
            f"frames to the customers per message sent: {sum(results.frames.values()) / results.sent:.2f} "
            f"({kinds}); resumes sent {results.resumes}"
        )
    distinct: dict[str, int] = {}
    for error in results.errors:
        distinct[error] = distinct.get(error, 0) + 1
    print(f"errors: {len(results.errors)}" + "".join(f"\n  {n} x {e}" for e, n in sorted(distinct.items())))
    print("CPU over the run (share of one core):")
    busiest, busiest_share = "", 0.0
    for name, seconds in run.cpu.items():
        share = seconds / run.wall
        print(f"  {name:12} {share * 100:6.1f}%")
        if share > busiest_share:
            busiest, busiest_share = name, share
    daphne = sum(seconds for name, seconds in run.cpu.items() if name.startswith("daphne"))
    if results.sent:
        print(f"  daphne CPU per customer message (all processes): {daphne / results.sent * 1000:.1f} ms")
    if run.postgres is not None:
        print(
            f"  {'postgres':12} {run.postgres / run.wall * 100:6.1f}%"
            "  (every backend on the machine, shared with other work)"
        )
    for name, seconds in run.bench.items():
        print(f"  {name:12} {seconds / run.wall * 100:6.1f}%  (the bench's own)")
    total = sum(run.cpu.values()) + (run.postgres or 0.0)
    cores = os.cpu_count() or 1
    burst = run.busiest
    # In cores (1.0 = one core's worth), the platform's processes and PostgreSQL together.
    used = f"{total / run.wall:.2f} of {cores} cores"
    if burst is not None:
        ranked = sorted(burst.shares.items(), key=lambda item: -item[1])
        print(
            f"CPU in the machine's busiest {burst.length:.0f} s "
            f"({burst.start:.0f}-{burst.start + burst.length:.0f} s into the run): the machine "
            f"{burst.machine * 100:.0f}% of {cores} cores (everything on it); "
            + ", ".join(f"{name} {share * 100:.0f}%" for name, share in ranked)
        )
    if busiest_share >= 0.9:
        print(f"saturation: {busiest} at {busiest_share * 100:.0f}% of a core (one process is the limit)")
    elif total / run.wall >= 0.9 * cores:
        print(f"saturation: the machine (the platform used {used}); busiest {busiest}")
    elif burst is not None and burst.machine >= 0.9:
        top, top_share = max(burst.shares.items(), key=lambda item: item[1])
        print(
            f"saturation: the machine in its busiest {burst.length:.0f} s ({burst.machine * 100:.0f}% of "
            f"{cores} cores; busiest {top} at {top_share * 100:.0f}% of a core), not over the run "
            f"(the platform used {used}, busiest {busiest} at {busiest_share * 100:.0f}% of a core)"
        )
    else:
        print(
            f"saturation: not reached (busiest {busiest} at {busiest_share * 100:.0f}% of a core; "
            f"the platform used {used})"
        )
    s95 = percentile([v * 1000 for v in results.first_status], 95) if results.first_status else float("nan")
    o95 = percentile([v * 1000 for v in results.overhead], 95) if results.overhead else float("nan")
    print(
        f"chats {args.chats}, sent {results.sent}, answered {results.answered}, lost {results.lost}, "
        f"first status p95 {s95:.0f} ms, overhead p95 {o95:.0f} ms"
    )
