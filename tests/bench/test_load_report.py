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

    args = build_parser().parse_args(["--think", "20", "--person", "0"])
    assert (args.think, args.person) == (20.0, 0.0)
    defaults = build_parser().parse_args([])
    assert (defaults.think, defaults.person, defaults.ramp) == (1.0, 0.05, 10.0)
