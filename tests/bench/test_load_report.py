"""The load bench's own arithmetic: who asks for a person, the offered load, hand-off matching."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "bench") not in sys.path:
    sys.path.insert(0, str(ROOT / "bench"))

from loadlib.client import HandoffAsked, Results, asks_for_person  # noqa: E402
from loadlib.report import handoffs_print, offered_load  # noqa: E402


def test_a_share_of_each_daphnes_customers_ask_for_a_person():
    # Given 400 customers round robin over two daphne processes and a share of 5%
    picked = [n for n in range(400) if asks_for_person(n, 0.05, 2)]

    # Then 20 ask, half of them on each process
    assert len(picked) == 20
    assert sum(n % 2 for n in picked) == 10


def test_no_share_means_nobody_asks():
    assert not any(asks_for_person(n, 0.0, 1) for n in range(1000))


def test_the_offered_load_is_the_mean_rate_and_the_busiest_window():
    # Given 10 messages in the first second and 10 more spread over the next 19 s
    results = Results(sent_at=[0.1 * i for i in range(10)] + [1.0 + 2.0 * i for i in range(10)])

    mean, peak = offered_load(results, elapsed=20.0)

    assert mean == 1.0
    # The busiest 5 s hold the burst and the messages at 1, 3 and 5 s: 13 messages.
    assert peak == 13 / 5


def test_a_hand_off_counts_only_when_the_console_lists_that_customer(capsys):
    # Given two hand-offs from another daphne, and console updates listing only the first
    results = Results(console_port=2)
    results.handoffs = [
        HandoffAsked(customer="c1", port=1, requested=10.0, stored=10.05, told=10.06),
        HandoffAsked(customer="c3", port=1, requested=11.0, stored=11.05),
    ]
    results.console = [(9.0, frozenset()), (10.2, frozenset({"c1"})), (11.5, frozenset({"c1", "c9"}))]

    handoffs_print(results, [1, 2])

    out = capsys.readouterr().out
    assert "asked 2, stored 2, heard on the customer's own socket 1" in out
    assert "3 queue updates received" in out
    assert "hand-offs from another daphne: 1 of 2 reached the console" in out
    assert "p50 200 ms" in out
    assert "its own daphne" not in out


def test_the_report_takes_the_new_options():
    from load import build_parser

    args = build_parser().parse_args(["--think", "1", "--ramp", "10", "--person", "0"])
    assert (args.think, args.ramp, args.person) == (1.0, 10.0, 0.0)
    # people's pace by default: a customer reads and types for 20 s, arrivals over a minute
    defaults = build_parser().parse_args([])
    assert (defaults.think, defaults.person, defaults.ramp) == (20.0, 0.05, 60.0)


def test_the_busiest_window_is_where_the_machine_was_fullest_not_the_runs_average():
    from loadlib.sampler import busiest_window

    # Given a 2-core machine sampled each second: full (2 busy s per s) from 10 s to 15 s, a
    # quarter busy otherwise; the worker used a core in that burst and a tenth of one after
    samples, busy, worker = [], 0.0, 0.0
    for second in range(31):
        samples.append((float(second), {"worker-1": worker}, busy))
        burst = 10 <= second < 15
        busy += 2.0 if burst else 0.5
        worker += 1.0 if burst else 0.1

    window = busiest_window(samples, seconds=5.0, cores=2)

    # Then the window is the burst: the machine full, the worker at a core
    assert (window.start, window.length) == (10.0, 5.0)
    assert window.machine == 1.0
    assert window.shares == {"worker-1": 1.0}
    # while over the whole run the machine was under half busy
    assert samples[-1][2] / 30 / 2 < 0.5


def test_a_run_shorter_than_the_window_has_none():
    from loadlib.sampler import busiest_window

    assert busiest_window([(0.0, {}, 0.0), (2.0, {}, 1.0)], seconds=5.0, cores=2) is None


def test_the_sampler_reads_the_machine_and_each_process_until_stopped():
    from loadlib.sampler import CpuSampler, machine_busy_seconds

    reads = []
    with CpuSampler(lambda: reads.append(1) or {"x": float(len(reads))}, period=0.05) as sampler:
        first_busy = machine_busy_seconds()
        while len(reads) < 3:
            pass
    # one sample a period while running, one more as it stops; times and busy seconds never go back
    assert len(sampler.samples) >= 4
    times = [t for t, _, _ in sampler.samples]
    busy = [b for _, _, b in sampler.samples]
    assert times == sorted(times)
    assert busy == sorted(busy)
    assert busy[-1] >= first_busy


def test_a_run_that_filled_the_machine_in_its_burst_says_so_in_cores(capsys, monkeypatch):
    from load import build_parser
    from loadlib.report import Run, report_print
    from loadlib.sampler import Window

    # Given a 60 s run on 2 cores whose processes used 0.9 cores on average, and a burst in
    # which the machine was 97% busy with the worker at 80% of a core
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    run = Run(
        elapsed=60.0,
        wall=60.0,
        cpu={"worker-1": 30.0, "daphne-1": 18.0},
        postgres=6.0,
        bench={},
        load_start=(1.0, 1.0, 1.0),
        load_end=(2.0, 1.0, 1.0),
        pool=20,
        busiest=Window(start=2.0, length=5.0, machine=0.97, shares={"worker-1": 0.8, "daphne-1": 0.6}),
    )
    results = Results(sent=10, acked=10, answered=10, sent_at=[float(i) for i in range(10)])

    report_print(
        build_parser().parse_args([]), results, run, model_time=None, visit_length=3, fast=0.6, reasoning=3.0
    )

    out = capsys.readouterr().out
    assert "busiest 5 s (2-7 s into the run): the machine 97% of 2 cores" in out
    assert (
        "saturation: the machine in its busiest 5 s (97% of 2 cores; busiest worker-1 at 80% of a core)"
        in out
    )
    # the average is told in cores, not as a percentage that reads as a share of both
    assert "the platform used 0.90 of 2 cores" in out
