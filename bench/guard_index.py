"""Benchmark: one long answer through the guardrails, with the per-snapshot index cold and warm.

    .venv/bin/python bench/guard_index.py [--rounds 200]

The figure tests/guardrails/test_guard.py used to assert (`verdict.micros < 50_000`); the test
now checks that the index is built once per knowledge snapshot, and this prints what that is
worth. No database: the facts come from apps/knowledge/seed/policy.json and the prices from the
demo store's products.json, as in bench/guardrails.py (which times the whole corpus). Never
fails on a figure.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apps.guardrails.check import guard_answer  # noqa: E402
from apps.guardrails.evidence import Evidence  # noqa: E402
from apps.guardrails.topics import knowledge_index  # noqa: E402
from apps.knowledge.snapshot import KnowledgeSnapshot  # noqa: E402

DEMO = ROOT / "apps" / "commerce" / "demo_data"
# The test's answer: two prices from order #W2611340 and two policy windows, all correct.
ANSWER = (
    "Order #W2611340 has a Water Bottle ($47.84) and an Office Chair ($488.81). Delivered items can be "
    "returned within 30 days, and refunds to a card take 5-7 business days. Shall I start a return?"
)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def evidence_for(snapshot: KnowledgeSnapshot) -> Evidence:
    order = json.loads((DEMO / "orders.json").read_text())["#W2611340"]
    for item in order["items"]:
        item["price"] = f"{item['price']:.2f}"
    return Evidence(knowledge=snapshot, observations=(order,))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()

    policy = json.loads((ROOT / "apps" / "knowledge" / "seed" / "policy.json").read_text())
    products = json.loads((DEMO / "products.json").read_text())
    snapshot = KnowledgeSnapshot.from_files(policy, products)
    evidence = evidence_for(snapshot)
    if guard_answer(ANSWER, evidence).verdict != "pass":
        sys.exit("the answer no longer passes; the figures would time a different path")

    fresh: list[float] = []
    cold: list[float] = []
    warm: list[float] = []
    for _ in range(args.rounds):
        knowledge_index.cache_clear()
        re.purge()  # as in a new process: the index's patterns compiled from scratch
        fresh.append(guard_answer(ANSWER, evidence).micros / 1000)
        knowledge_index.cache_clear()  # as after a fact changes: re's own cache still has the patterns
        cold.append(guard_answer(ANSWER, evidence).micros / 1000)
        warm.append(guard_answer(ANSWER, evidence).micros / 1000)

    print(f"guard_answer on one long answer (4 claims), {args.rounds} rounds; verdict.micros, in ms")
    print(f"{'index':44} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}")
    rows = (
        ("built for this answer, patterns compiled", fresh),
        ("built for this answer, patterns cached by re", cold),
        ("built once per snapshot (baseline)", warm),
    )
    for label, values in rows:
        print(
            f"{label:44} {percentile(values, 50):8.2f} {percentile(values, 95):8.2f} "
            f"{percentile(values, 99):8.2f} {max(values):8.2f}"
        )
    baseline = percentile(warm, 50)
    print(
        f"ratio to the baseline (p50): {percentile(fresh, 50) / baseline:.1f}x compiled, "
        f"{percentile(cold, 50) / baseline:.1f}x cached by re"
    )


if __name__ == "__main__":
    main()
