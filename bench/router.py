"""Router benchmark: quality on our held-out split, banking77 and clinc150, and latency.

Run from the repository root: `.venv/bin/python bench/router.py [--no-tune] [--messages N]`.
Trains in process on the shipped files, exactly the rows `seed_router_examples` stores and
`train_router` learns from, and touches no database. Prints figures; never fails on them.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportagent.settings.local")

import django  # noqa: E402

django.setup()

import sklearn  # noqa: E402

from apps.routing.artifact import artifact_dumps, artifact_loads  # noqa: E402
from apps.routing.dataset import (  # noqa: E402
    DATA_DIR,
    SPLIT_HELDOUT,
    read_jsonl,
    read_mapping,
    shipped_examples,
)
from apps.routing.evaluation import routing_report  # noqa: E402
from apps.routing.lean import LeanClassifier  # noqa: E402
from apps.routing.rules import apply_rules  # noqa: E402
from apps.routing.training import TrainedRouter, TrainingSet, predict_proba_batch, router_fit  # noqa: E402

BANKING77_TEST = ROOT / "bench" / "data" / "banking77" / "test.jsonl"
CLINC150_TEST = DATA_DIR / "clinc150" / "small_talk_test.jsonl"
WARM_UP = 200
TARGETS = {"macro_f1": 0.90, "tier_accuracy": 0.95, "p99_micros": 1000}


def evaluation_sets() -> dict[str, tuple[list[str], list[str]]]:
    """name -> (texts, labels); banking77 rows whose category maps to null are dropped."""
    heldout = [row for row in shipped_examples() if row.split == SPLIT_HELDOUT]
    banking = read_mapping()["banking77"]
    banking_rows = [
        (r["text"], banking[r["label"]]) for r in read_jsonl(BANKING77_TEST) if banking[r["label"]]
    ]
    clinc = read_mapping()["clinc150"]
    clinc_rows = [(r["text"], clinc[r["intent"]]) for r in read_jsonl(CLINC150_TEST) if clinc[r["intent"]]]
    return {
        "own held-out": ([r.text for r in heldout], [r.label for r in heldout]),
        "banking77 test (mapped)": ([t for t, _ in banking_rows], [str(label) for _, label in banking_rows]),
        "clinc150 small talk test": ([t for t, _ in clinc_rows], [str(label) for _, label in clinc_rows]),
    }


def percentiles(samples_ns: Sequence[int]) -> tuple[float, float]:
    micros = np.asarray(samples_ns) / 1000
    return float(np.percentile(micros, 50)), float(np.percentile(micros, 99))


def time_each(fn: Callable[[str], Any], texts: Sequence[str]) -> list[int]:
    for text in texts[:WARM_UP]:
        fn(text)
    samples = []
    for text in texts:
        started = time.perf_counter_ns()
        fn(text)
        samples.append(time.perf_counter_ns() - started)
    return samples


def lean_decision(classifier: LeanClassifier) -> Callable[[str], Any]:
    """What `route_decide` does per message, minus the cache lookup: classify, round, rules."""

    def decide(text: str) -> Any:
        probabilities = classifier.predict_proba(text)
        scores = {
            label: round(p, 4) for label, p in zip(classifier.labels, probabilities.tolist(), strict=True)
        }
        label = classifier.labels[int(probabilities.argmax())]
        return apply_rules(text, label=label, scores=scores, thresholds=classifier.thresholds)

    return decide


def print_quality(trained: TrainedRouter, sets: dict[str, tuple[list[str], list[str]]]) -> dict[str, Any]:
    """One row per evaluation set: routed figures, then the classifier's own in brackets."""
    artifact = trained.artifact
    header = ("dataset", "n", "labels", "macro-F1", "(model)", "tier acc", "(model)")
    print("\n{:<26} {:>5} {:>6} {:>9} {:>8} {:>9} {:>8}".format(*header))
    reports = {}
    for name, (texts, labels) in sets.items():
        probabilities = predict_proba_batch(trained.pipeline, texts)
        report = routing_report(texts, labels, probabilities, artifact.labels, artifact.thresholds)
        reports[name] = report
        single = len(report["labels"]) == 1  # F1 says little when every row has the same label
        f1 = "-" if single else f"{report['macro_f1']:.3f}"
        model_f1 = "-" if single else f"{report['model_macro_f1']:.3f}"
        print(
            f"{name:<26} {report['n']:>5} {len(report['labels']):>6} {f1:>9} {model_f1:>8} "
            f"{report['tier_accuracy']:>9.3f} {report['model_tier_accuracy']:>8.3f}"
        )
    print("\nper-label F1 (routed)")
    for name in ("own held-out", "banking77 test (mapped)"):
        cells = "  ".join(f"{label} {f1:.3f}" for label, f1 in reports[name]["per_label_f1"].items())
        print(f"  {name:<24} {cells}")
    print("\nreasons (routed)")
    for name, report in reports.items():
        print(f"  {name:<24} " + ", ".join(f"{k} {v}" for k, v in sorted(report["reasons"].items())))
    return reports


def print_latency(trained: TrainedRouter, texts: list[str]) -> float:
    """p50/p99 of the lean path and of sklearn's pipeline on the same messages; returns lean p99."""
    # Serve through the stored form, as production does: bytes -> artifact -> lean classifier.
    stored = artifact_dumps(trained.artifact)
    classifier = LeanClassifier(artifact_loads(stored))
    sample = sorted(set(texts))[:1000]
    lean_probabilities = np.array([classifier.predict_proba(text) for text in sample])
    difference = np.abs(lean_probabilities - predict_proba_batch(trained.pipeline, sample)).max()
    lean = percentiles(time_each(lean_decision(classifier), texts))
    baseline = percentiles(time_each(lambda text: trained.pipeline.predict_proba([text]), texts[:2000]))
    print(f"\nlatency of one message in microseconds: {len(texts)} messages after {WARM_UP} warm-up")
    print(f"{'path':<40} {'p50':>8} {'p99':>8}")
    print(f"{'lean: classify + rules':<40} {lean[0]:>8.0f} {lean[1]:>8.0f}")
    print(f"{'sklearn pipeline predict_proba':<40} {baseline[0]:>8.0f} {baseline[1]:>8.0f}")
    print(f"{'sklearn / lean':<40} {baseline[0] / lean[0]:>7.1f}x {baseline[1] / lean[1]:>7.1f}x")
    print(f"artifact {len(stored) // 1024} KiB")
    print(f"max |lean - sklearn| probability over {len(sample)} messages: {difference:.1e}")
    return lean[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--no-tune", action="store_true", help="skip the CV that chooses C and thresholds")
    parser.add_argument("--messages", type=int, default=3000, help="messages to time (at least 2000)")
    args = parser.parse_args()

    training_set = TrainingSet.from_rows(shipped_examples())
    trained = router_fit(training_set, tune=not args.no_tune)
    tuning = trained.tuning
    print(
        f"router bench: scikit-learn {sklearn.__version__}, {len(training_set)} training rows, "
        f"fitted and tuned in {trained.seconds:.1f}s"
    )
    print(f"  C={tuning.c} (CV macro-F1 by C: {tuning.cv_scores})")
    print(
        f"  low confidence: top probability < {tuning.thresholds.min_top_probability}, "
        f"or the top two within {tuning.thresholds.min_margin} and on different tiers"
    )
    sets = evaluation_sets()
    reports = print_quality(trained, sets)
    pool = [text for texts, _ in sets.values() for text in texts]
    count = max(args.messages, 2000)
    lean_p99 = print_latency(trained, (pool * (count // len(pool) + 1))[:count])

    heldout = reports["own held-out"]
    checks = [
        ("held-out macro-F1 >= 0.90", heldout["macro_f1"] >= TARGETS["macro_f1"]),
        ("held-out tier accuracy >= 0.95", heldout["tier_accuracy"] >= TARGETS["tier_accuracy"]),
        ("lean p99 < 1000 us", lean_p99 < TARGETS["p99_micros"]),
    ]
    print("\ntargets: " + "; ".join(f"{name}: {'met' if ok else 'MISSED'}" for name, ok in checks))


if __name__ == "__main__":
    main()
