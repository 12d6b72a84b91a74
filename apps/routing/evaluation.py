"""Scoring a router on labelled messages: label macro-F1, tier accuracy, per-label F1.

"model" figures score the classifier alone; the others score the routing decision after
the rules (outside a transaction), which is what customers get.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.metrics import f1_score

from apps.routing.artifact import FloatArray, Thresholds
from apps.routing.labels import LABELS, tier_for
from apps.routing.rules import apply_rules


def routing_report(
    texts: Sequence[str],
    true_labels: Sequence[str],
    probabilities: FloatArray,
    classes: Sequence[str],
    thresholds: Thresholds,
) -> dict[str, Any]:
    """Metrics of a router's predictions (`probabilities` columns follow `classes`)."""
    if not texts:
        return {"n": 0}
    model_labels = [classes[i] for i in np.asarray(probabilities).argmax(axis=1)]
    routed = [
        apply_rules(
            text,
            label=label,
            scores={c: round(float(p), 4) for c, p in zip(classes, row, strict=True)},
            thresholds=thresholds,
        )
        for text, label, row in zip(texts, model_labels, probabilities, strict=True)
    ]
    # Score only the labels that occur in the data (banking77 has no small talk or human).
    present = [label for label in LABELS if label in set(true_labels)]
    true_tiers = [tier_for(label) for label in true_labels]
    routed_labels = [r.label for r in routed]
    per_label = f1_score(true_labels, routed_labels, labels=present, average=None, zero_division=0)
    return {
        "n": len(texts),
        "labels": present,
        "macro_f1": _macro_f1(true_labels, routed_labels, present),
        "model_macro_f1": _macro_f1(true_labels, model_labels, present),
        "tier_accuracy": _accuracy(true_tiers, [r.tier for r in routed]),
        "model_tier_accuracy": _accuracy(true_tiers, [tier_for(label) for label in model_labels]),
        "per_label_f1": {label: round(float(f), 4) for label, f in zip(present, per_label, strict=True)},
        "reasons": dict(Counter(r.reason for r in routed)),
    }


def _macro_f1(true: Sequence[str], predicted: Sequence[str], labels: list[str]) -> float:
    return round(float(f1_score(true, predicted, labels=labels, average="macro", zero_division=0)), 4)


def _accuracy(true: Sequence[str], predicted: Sequence[str]) -> float:
    return round(sum(t == p for t, p in zip(true, predicted, strict=True)) / len(true), 4)
