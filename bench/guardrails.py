"""Benchmark: the answer guardrails on a corpus of right and wrong answers.

    .venv/bin/python bench/guardrails.py [--rounds 5] [--show-misses] [--summary-only]

Corpora: corpus.jsonl and handwritten.jsonl (the first checker's, tuned on) and issue9.jsonl
(make_issue9.py: one category per miss class and false block of issue 9, each split into a
"tune" part and a "heldout" part phrased by templates nobody tuned on), blind.jsonl
(make_blind.py: written blind, without reading the checker's reading code or the other corpora;
split "blind"), untouched.jsonl (make_untouched.py: hand-written scenarios by another author,
written blind to the checker, split "untouched") and fresh.jsonl (make_fresh.py: a third author,
written blind the same way, split "fresh"), fourth.jsonl (make_fourth.py: a fourth author,
written blind the same way, split "fourth") and fifth.jsonl (make_fifth.py: a fifth author,
written blind the same way, split "fifth"). The summary at the end gives recall, false blocks and
p99 per category and overall, for each split.

Five splits are no longer held out, and the report labels them as dev splits: "heldout" (issue 9's
structural action reports were made after looking at its misses), "blind" (the second round of
issue 9 was made after reading its first run, bench/data/guardrails/blind_first_run.txt),
"untouched" (measured once, then used as the third round's dev set), "fresh" (measured twice,
before and after the third round, then used as the fourth round's dev set) and "fourth" (measured
before and after the fourth round, then looked at by the fifth). Their rows are kept as they are.
"fifth" is the held-out measure: it was written blind before the fifth round read "fourth", and
nobody improving the checker read it while the round ran; it was measured before and after the
round. Its arithmetic category was then read (its false blocks were one checker fault, fixed in
general form), so that category is no longer unseen; the rest must never be tuned on, and
`--show-misses` does not print its rows. The next round should write a sixth corpus before it
reads this one.

No database: the facts come from apps/knowledge/seed/policy.json and the prices from the demo
store's products.json, exactly as seed_knowledge would mirror them. Reports the recall of wrong
answers and wrong claims, the share of correct answers wrongly repaired or blocked, the
verdict confusion matrix, latency per answer (evidence digest included), and a naive baseline.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apps.guardrails import patterns as p  # noqa: E402
from apps.guardrails import topics  # noqa: E402
from apps.guardrails.check import guard_answer  # noqa: E402
from apps.guardrails.evidence import ActionRecord, Evidence, cents, digest_observations  # noqa: E402
from apps.knowledge.snapshot import KnowledgeSnapshot  # noqa: E402

DATA = ROOT / "bench" / "data" / "guardrails"
# corpus.jsonl: generated from templates over the demo store (make_corpus.py); handwritten.jsonl:
# free-form answers written separately, to see how far the templates' wording generalises.
# blind.jsonl (make_blind.py), untouched.jsonl (make_untouched.py), fresh.jsonl (make_fresh.py) and
# fourth.jsonl (make_fourth.py): written blind to the checker, since used as dev sets; fifth.jsonl
# (make_fifth.py) never is (see the docstring).
CORPORA = (
    "corpus.jsonl",
    "handwritten.jsonl",
    "issue9.jsonl",
    "blind.jsonl",
    "untouched.jsonl",
    "fresh.jsonl",
    "fourth.jsonl",
    "fifth.jsonl",
)
HELD_OUT = "fifth"
# The rows keep their split labels; the report says what each has become (see the docstring).
SPLIT_LABELS = {
    "heldout": "dev (was held-out, looked at by issue 9's fix)",
    "blind": "dev (was blind, looked at by issue 9's second round)",
    "untouched": "dev (was untouched, measured once, then looked at by issue 9's third round)",
    "fresh": "dev (was fresh, measured twice, then looked at by issue 9's fourth round)",
    "fourth": (
        "dev (was fourth, measured before and after issue 9's fourth round, then looked at by its fifth)"
    ),
    "fifth": "fifth (held out, but for its arithmetic category, read after the round's measure)",
}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def naive_trips(row: dict, snapshot: KnowledgeSnapshot) -> bool:
    """The baseline: any money figure or number of days not found in the observations or facts fails."""
    digest = digest_observations(row["observations"])
    known = digest.numbers | {cents(f.number) for f in snapshot.facts.values() if f.number is not None}
    for match in p.MONEY.finditer(row["answer"]):
        whole = (match.group("a") or match.group("b")).replace(",", "")
        fraction = match.group("ac") or match.group("bc") or "00"
        if int(whole) * 100 + int(fraction.ljust(2, "0")) not in known:
            return True
    for number in re.findall(r"\b(\d+)(?:-\d+)? (?:business )?days?\b", row["answer"]):
        if int(number) * 100 not in known:
            return True
    return False


def extraction_only(answer: str) -> int:
    return sum(
        1
        for pattern in (p.MONEY, p.DURATION, p.PERCENT)
        for sentence in p.SENTENCE.split(answer)
        for _ in pattern.finditer(sentence)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timing rounds over the corpus")
    parser.add_argument(
        "--show-misses", action="store_true", help="print wrong answers passed and right ones tripped"
    )
    parser.add_argument("--summary-only", action="store_true", help="only the per-category summary")
    args = parser.parse_args()

    policy = json.loads((ROOT / "apps" / "knowledge" / "seed" / "policy.json").read_text())
    products = json.loads((ROOT / "apps" / "commerce" / "demo_data" / "products.json").read_text())
    snapshot = KnowledgeSnapshot.from_files(policy, products)
    topics.knowledge_index(snapshot)  # built once per snapshot in production too
    everything: list[dict] = []
    for name in CORPORA:
        if not (DATA / name).exists():
            print(f"!! {name} is missing: its split is not measured", file=sys.stderr)
            continue
        rows = [json.loads(line) for line in (DATA / name).read_text().splitlines() if line.strip()]
        for row in rows:
            row.setdefault("split", "tune")  # the first corpora were tuned on
            if row["expect"] == "trip":
                row["expect"] = "block"
        everything += rows
        if not args.summary_only:
            print(f"== {name}")
            report(rows, snapshot, args)
    summary(everything, snapshot, args)


def evidence(row: dict, snapshot: KnowledgeSnapshot) -> Evidence:
    return Evidence(
        knowledge=snapshot,
        observations=tuple(row["observations"]),
        actions=tuple(
            ActionRecord(a["name"], a["ok"], a.get("arguments") or {}, a.get("this_turn", True))
            for a in row["actions"]
        ),
    )


def summary(rows: list[dict], snapshot: KnowledgeSnapshot, args: argparse.Namespace) -> None:
    """Recall, false blocks and p99 per category and overall, for each split."""
    # Wall time, and the thread's CPU time: on a loaded machine (several processes per core) the
    # wall clock also counts time the scheduler gave to others; the CPU time is the checker's own.
    timings: dict[int, list[float]] = defaultdict(list)
    cpu: dict[int, list[float]] = defaultdict(list)
    tripped: dict[int, bool] = {}
    for _ in range(args.rounds):
        for index, row in enumerate(rows):
            built = evidence(row, snapshot)
            started, started_cpu = time.perf_counter_ns(), time.thread_time_ns()
            verdict = guard_answer(row["answer"], built)
            cpu[index].append((time.thread_time_ns() - started_cpu) / 1000)
            timings[index].append((time.perf_counter_ns() - started) / 1000)
            tripped[index] = verdict.tripped
    for split in ("tune", "heldout", "blind", "untouched", "fresh", "fourth", HELD_OUT):
        chosen = [i for i, row in enumerate(rows) if row["split"] == split]
        if not chosen:
            continue
        print(f"\n== summary, {SPLIT_LABELS.get(split, split)} split ({len(chosen)} answers)")
        print(f"  {'category':34}{'n':>5}{'recall':>9}{'false blocks':>14}{'p99 us':>9}{'p99 cpu us':>12}")
        by: dict[str, list[int]] = defaultdict(list)
        for i in chosen:
            by[rows[i]["category"]].append(i)
        for category in sorted(by):
            _line(category, by[category], rows, tripped, timings, cpu)
        _line("OVERALL", chosen, rows, tripped, timings, cpu)
        if args.show_misses and split == HELD_OUT:
            print("  (misses of the held-out split are not shown: reading them would make it a dev set)")
        elif args.show_misses:
            for i in chosen:
                wrong = rows[i]["expect"] != "pass"
                if wrong != tripped[i]:
                    print(
                        "  MISS" if wrong else "  FALSE", rows[i]["category"], repr(rows[i]["answer"][:160])
                    )


def _line(label: str, chosen: list[int], rows: list[dict], tripped: dict[int, bool], timings, cpu) -> None:
    wrong = [i for i in chosen if rows[i]["expect"] != "pass"]
    right = [i for i in chosen if rows[i]["expect"] == "pass"]
    recall = f"{sum(tripped[i] for i in wrong) / len(wrong):.3f}" if wrong else "-"
    false = f"{sum(tripped[i] for i in right) / len(right):.2%}" if right else "-"
    p99 = percentile([t for i in chosen for t in timings[i]], 99)
    p99_cpu = percentile([t for i in chosen for t in cpu[i]], 99)
    print(f"  {label:34}{len(chosen):>5}{recall:>9}{false:>14}{p99:>9.0f}{p99_cpu:>12.0f}")


def report(rows: list[dict], snapshot: KnowledgeSnapshot, args: argparse.Namespace) -> None:
    def build(row: dict) -> Evidence:
        return evidence(row, snapshot)

    verdicts = [guard_answer(row["answer"], build(row)) for row in rows]
    timings: list[float] = []
    extraction: list[float] = []
    for _ in range(args.rounds):
        for row in rows:
            started = time.perf_counter_ns()
            guard_answer(row["answer"], build(row))
            timings.append((time.perf_counter_ns() - started) / 1000)
            started = time.perf_counter_ns()
            extraction_only(row["answer"])
            extraction.append((time.perf_counter_ns() - started) / 1000)

    wrong = [(row, v) for row, v in zip(rows, verdicts, strict=True) if row["wrong_claims"]]
    right = [(row, v) for row, v in zip(rows, verdicts, strict=True) if not row["wrong_claims"]]
    caught = sum(v.tripped for _, v in wrong)
    claims_total = sum(row["wrong_claims"] for row, _ in wrong)
    claims_caught = sum(min(len(v.failed), row["wrong_claims"]) for row, v in wrong)
    false_blocks = sum(v.tripped for _, v in right)
    naive = [naive_trips(row, snapshot) for row in rows]
    naive_caught = sum(t for row, t in zip(rows, naive, strict=True) if row["wrong_claims"])
    naive_false = sum(t for row, t in zip(rows, naive, strict=True) if not row["wrong_claims"])

    print(
        f"corpus: {len(rows)} answers ({len(right)} correct, {len(wrong)} wrong, {claims_total} wrong claims)"
    )
    print(f"recall of wrong answers (repaired or blocked): {caught / len(wrong):.3f} ({caught}/{len(wrong)})")
    print(f"recall of wrong claims:                        {claims_caught / claims_total:.3f}")
    print(
        f"correct answers wrongly repaired or blocked:   {false_blocks / len(right):.2%}"
        f" ({false_blocks}/{len(right)})"
    )
    print(
        f"latency per answer (us, {args.rounds} rounds, evidence digest included): "
        f"p50 {percentile(timings, 50):.0f}  p99 {percentile(timings, 99):.0f}  max {max(timings):.0f}  "
        f"mean {statistics.mean(timings):.0f}"
    )
    print("baseline, same run:")
    print(
        f"  regex extraction only: p50 {percentile(extraction, 50):.0f} us  "
        f"p99 {percentile(extraction, 99):.0f} us"
    )
    print(
        f"  naive checker (any figure not in observations or facts fails, no actions, no topics): "
        f"recall {naive_caught / len(wrong):.3f}, false blocks {naive_false / len(right):.2%}"
    )
    matrix: dict[str, Counter[str]] = defaultdict(Counter)
    for row, v in zip(rows, verdicts, strict=True):
        matrix[row["expect"]][v.verdict] += 1
    print("verdicts (rows: expected, columns: got):")
    print(f"  {'':8}{'pass':>8}{'repair':>8}{'block':>8}")
    for expect in ("pass", "repair", "block"):
        print(f"  {expect:8}" + "".join(f"{matrix[expect][got]:>8}" for got in ("pass", "repair", "block")))
    print("by category (tripped / answers):")
    categories: dict[str, list[bool]] = defaultdict(list)
    for row, v in zip(rows, verdicts, strict=True):
        categories[row["category"]].append(v.tripped)
    for category, tripped in sorted(categories.items()):
        print(f"  {category:24}{sum(tripped):>4} / {len(tripped)}")
    if args.show_misses and any(row["split"] == HELD_OUT for row in rows):
        print("(misses of the held-out split are not shown: reading them would make it a dev set)")
    elif args.show_misses:
        for row, v in wrong:
            if not v.tripped:
                print("MISSED:", row["category"], row["answer"], list(v.claims))
        for row, v in right:
            if v.tripped:
                print("FALSE:", row["category"], row["answer"], "->", v.text, list(v.failed))


if __name__ == "__main__":
    main()
