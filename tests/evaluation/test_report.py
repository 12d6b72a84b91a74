"""pass^k, costs and the saving, as tau-bench defines them and the table shows them."""

from __future__ import annotations

import pytest

from apps.evaluation.records import TierUsage, TrialRecord
from apps.evaluation.report import pass_hat_k, render_table, summarize


def record(task, trial, success, cost=0.0, tier="reasoning"):
    usage = {tier: TierUsage(calls=1, input_tokens=100, output_tokens=10, cost=cost)} if cost else {}
    return TrialRecord(
        task_index=task,
        trial=trial,
        success=success,
        fingerprint="f",
        reference_fingerprint="f" if success else "g",
        usage=usage,
        cost=cost,
        tiers={tier: 2},
        routes={"transaction": 2},
    )


def test_pass_k_is_the_chance_that_k_trials_of_a_task_all_succeed():
    # task 0: 3 of 3; task 1: 2 of 3; task 2: 0 of 3
    records = [record(0, t, True) for t in range(3)]
    records += [record(1, t, t < 2) for t in range(3)]
    records += [record(2, t, False) for t in range(3)]

    assert pass_hat_k(records, 1) == pytest.approx((1 + 2 / 3 + 0) / 3)
    assert pass_hat_k(records, 2) == pytest.approx((1 + 1 / 3 + 0) / 3)
    assert pass_hat_k(records, 3) == pytest.approx(1 / 3)
    assert pass_hat_k(records, 4) is None


def test_the_table_prices_each_tier_and_the_saving_against_all_reasoning():
    # given a routed run whose second task moved to the cheap tier, and an all-reasoning run
    routed = [record(0, 0, True, cost=0.5), record(1, 0, False, cost=0.1, tier="fast")]
    baseline = [record(0, 0, True, cost=0.5), record(1, 0, True, cost=0.7)]

    summary = summarize(routed, trials=1, baseline=baseline, baseline_name="reasoning.json")
    table = render_table(summary, title="train")

    assert summary.cost == pytest.approx(0.6)
    assert summary.cost_per_task == pytest.approx(0.3)
    assert summary.cost_per_resolved == pytest.approx(0.6)
    assert summary.saving is not None
    assert summary.saving.saved == pytest.approx(0.6)
    assert summary.saving.fraction == pytest.approx(0.5)
    assert "fast" in table
    assert "0.100000" in table  # the fast tier's cost
    assert "saving 0.300000 per task (50.0%)" in table
    assert table.splitlines()[-1] == "pass^1 1/2"
