"""Choosing C and the low-confidence thresholds by cross-validation on the train split.

Only rows written for this store are scored (bitext and clinc150 always stay in the
training folds): they are the ones that sound like our customers. Held-out rows are
never seen here.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from apps.routing.artifact import FloatArray, Thresholds
from apps.routing.estimator import make_classifier
from apps.routing.labels import tier_for
from apps.routing.rules import REASON_MODEL, apply_rules

logger = logging.getLogger(__name__)

DEFAULT_C: Final = 10.0
C_GRID: Final = (10.0, 30.0, 100.0)
CV_FOLDS: Final = 3
CV_TOLERANCE: Final = 0.002  # macro-F1 differences smaller than this are noise
TOP_PROBABILITY_GRID: Final = tuple(round(0.30 + 0.05 * i, 2) for i in range(9))  # 0.30 .. 0.70
MARGIN_GRID: Final = (0.0, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30)
# Sending a complaint or a change request to the fast tier risks a careless answer; sending
# small talk to the reasoning tier only costs money and latency. Twice as bad, we say.
UNDER_TIER_COST: Final = 2.0
OVER_TIER_COST: Final = 1.0
_RANK: Final = {"fast": 0, "reasoning": 1, "human": 2}


@dataclass(frozen=True)
class Tuning:
    """The chosen settings and the cross-validated scores behind them."""

    c: float
    thresholds: Thresholds
    cv_macro_f1: float | None = None
    cv_scores: dict[str, float] = field(default_factory=dict)  # str(C) -> macro-F1

    @classmethod
    def untuned(cls) -> Tuning:
        return cls(c=DEFAULT_C, thresholds=Thresholds())

    def as_dict(self) -> dict[str, Any]:
        return {
            "c": self.c,
            "min_top_probability": self.thresholds.min_top_probability,
            "min_margin": self.thresholds.min_margin,
            "cv_macro_f1": self.cv_macro_f1,
            "cv_scores": self.cv_scores,
        }


def tune_router(
    features: Any,
    labels: np.ndarray,
    *,
    weights: FloatArray,
    scored: np.ndarray,
    texts: list[str],
    c_grid: tuple[float, ...] = C_GRID,
    folds: int = CV_FOLDS,
) -> Tuning:
    """Pick C by CV macro-F1, then the thresholds that route the CV predictions best."""
    scored_rows = np.flatnonzero(scored)
    _, counts = np.unique(labels[scored_rows], return_counts=True)
    if len(counts) < 2 or counts.min() < folds:
        logger.warning("too few own examples per label to cross-validate; using default settings")
        return Tuning.untuned()
    other_rows = np.flatnonzero(~scored)
    true = labels[scored_rows]
    # Positions within scored_rows; external rows join every training fold.
    splits = list(StratifiedKFold(folds, shuffle=True, random_state=0).split(scored_rows, true))
    # Threads, not processes: much of the solver's time is spent in numpy and scipy, which
    # release the GIL, and threads share the feature matrix instead of copying it to workers.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        futures = {
            c: [
                pool.submit(
                    _fit_and_predict,
                    features,
                    labels,
                    weights,
                    c,
                    np.concatenate([other_rows, scored_rows[train]]),
                    scored_rows[test],
                )
                for train, test in splits
            ]
            for c in c_grid
        }
        cross_validated = {c: _out_of_fold(splits, [f.result() for f in fs]) for c, fs in futures.items()}

    cv_scores: dict[str, float] = {}
    for c, (classes, probabilities) in cross_validated.items():
        predicted = np.array(classes)[probabilities.argmax(axis=1)]
        cv_scores[str(c)] = round(float(f1_score(true, predicted, average="macro")), 4)
    # The smallest C within noise of the best: the more regularised model generalises better
    # to customers unlike our examples, and the CV curve is flat at the top.
    top_score = max(cv_scores.values())
    best_c = min(c for c in c_grid if cv_scores[str(c)] >= top_score - CV_TOLERANCE)
    classes, probabilities = cross_validated[best_c]
    thresholds = choose_thresholds([texts[row] for row in scored_rows], list(true), probabilities, classes)
    return Tuning(c=best_c, thresholds=thresholds, cv_macro_f1=cv_scores[str(best_c)], cv_scores=cv_scores)


def _fit_and_predict(
    features: Any, labels: np.ndarray, weights: FloatArray, c: float, train: np.ndarray, test: np.ndarray
) -> tuple[list[str], FloatArray]:
    model = make_classifier(c)
    model.fit(features[train], labels[train], sample_weight=weights[train])
    return [str(label) for label in model.classes_], model.predict_proba(features[test])


def _out_of_fold(
    splits: list[tuple[np.ndarray, np.ndarray]], results: list[tuple[list[str], FloatArray]]
) -> tuple[list[str], FloatArray]:
    """Each scored row's probabilities from the fold that did not train on it."""
    classes = results[0][0]
    probabilities = np.zeros((sum(len(test) for _, test in splits), len(classes)))
    for (_, test), (fold_classes, fold_probabilities) in zip(splits, results, strict=True):
        if fold_classes != classes:
            raise ValueError("cross-validation folds disagree on the labels")
        probabilities[test] = fold_probabilities
    return classes, probabilities


def choose_thresholds(
    texts: list[str], true_labels: list[str], probabilities: FloatArray, classes: list[str]
) -> Thresholds:
    """The (top probability, margin) pair with the lowest tiering cost on CV predictions.

    Ties go to the lower settings, which escalate fewer messages.
    """
    never = Thresholds(min_top_probability=0.0, min_margin=0.0)
    true_rank = np.array([_RANK[tier_for(label)] for label in true_labels])
    base_rank = np.empty(len(texts), dtype=int)
    adjustable = np.zeros(len(texts), dtype=bool)  # fast-tier model decisions no rule overrode
    for i, text in enumerate(texts):
        row = probabilities[i]
        scores = dict(zip(classes, row.tolist(), strict=True))
        ruled = apply_rules(text, label=classes[int(row.argmax())], scores=scores, thresholds=never)
        base_rank[i] = _RANK[ruled.tier]
        adjustable[i] = ruled.reason == REASON_MODEL and ruled.tier == "fast"
    ordered = np.sort(probabilities, axis=1)
    top, gap = ordered[:, -1], ordered[:, -1] - ordered[:, -2]
    top_two = np.argsort(probabilities, axis=1)[:, -2:]
    tiers = np.array([_RANK[tier_for(label)] for label in classes])
    split_tiers = tiers[top_two[:, 0]] != tiers[top_two[:, 1]]

    best: tuple[float, Thresholds] | None = None
    for minimum in TOP_PROBABILITY_GRID:
        for margin in MARGIN_GRID:
            unsure = adjustable & ((top < minimum) | (split_tiers & (gap < margin)))
            routed = np.where(unsure, _RANK["reasoning"], base_rank)
            cost = UNDER_TIER_COST * np.sum(routed < true_rank) + OVER_TIER_COST * np.sum(routed > true_rank)
            if best is None or cost < best[0]:
                best = (float(cost), Thresholds(min_top_probability=minimum, min_margin=margin))
    assert best is not None
    return best[1]
