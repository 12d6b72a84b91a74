"""Fitting the router with scikit-learn and exporting it for the lean path.

Training runs in `train_router` (and the bench); serving never imports scikit-learn.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from threadpoolctl import threadpool_limits  # a dependency of scikit-learn

from apps.routing.artifact import FloatArray, RouterArtifact, Thresholds
from apps.routing.dataset import SPLIT_TRAIN, LabelledText
from apps.routing.estimator import make_classifier, make_vectorizer
from apps.routing.tuning import Tuning, tune_router

# bitext is templated and clinc150 small talk is generic: they widen the vocabulary but
# must not outvote our own examples. A 5-fold CV on our train split scored external
# weights of 0.1, 0.25, 0.5 and 1 at macro-F1 0.897, 0.896, 0.892, 0.887 (best C each).
# Sources not listed here (own, admin) weigh 1.
SOURCE_WEIGHTS: Final[dict[str, float]] = {"bitext": 0.1, "clinc150": 0.1}


@dataclass(frozen=True)
class TrainingSet:
    """Texts, labels and sources of the rows the router learns from."""

    texts: list[str]
    labels: list[str]
    sources: list[str]

    @classmethod
    def from_rows(cls, rows: Iterable[LabelledText]) -> TrainingSet:
        """The train-split rows; held-out rows are dropped here so they can never leak in."""
        train = [row for row in rows if row.split == SPLIT_TRAIN]
        return cls([r.text for r in train], [r.label for r in train], [r.source for r in train])

    def __len__(self) -> int:
        return len(self.texts)

    def sample_weights(self) -> FloatArray:
        return np.array([SOURCE_WEIGHTS.get(source, 1.0) for source in self.sources], dtype=np.float64)

    def first_class_rows(self) -> np.ndarray:
        """Rows written for this store (weight 1): cross-validation scores only these."""
        return np.array([source not in SOURCE_WEIGHTS for source in self.sources], dtype=bool)


@dataclass(frozen=True)
class TrainedRouter:
    """The fitted sklearn pipeline, its lean export, and how it was tuned."""

    pipeline: Pipeline
    artifact: RouterArtifact
    tuning: Tuning
    seconds: float


def router_fit(training_set: TrainingSet, *, tune: bool = True) -> TrainedRouter:
    """Fit the router; with `tune`, choose C and the low-confidence thresholds by CV first."""
    if len(set(training_set.labels)) < 2:
        raise ValueError("the router needs training examples of at least two labels")
    # One BLAS thread per fit: the solver's matrix products are small, and several BLAS
    # threads per fit (times the CV's parallel fits) made training 2-4 times slower here.
    with threadpool_limits(limits=1):
        return _fit(training_set, tune=tune)


def _fit(training_set: TrainingSet, *, tune: bool) -> TrainedRouter:
    started = time.monotonic()
    labels = np.array(training_set.labels)
    weights = training_set.sample_weights()
    vectorizer = make_vectorizer()
    # Fitted once on all training texts and reused by the CV folds: the vocabulary and idf
    # come from train data only, and refitting them per fold would double the tuning time.
    features = vectorizer.fit_transform(training_set.texts)
    tuning = (
        tune_router(
            features,
            labels,
            weights=weights,
            scored=training_set.first_class_rows(),
            texts=training_set.texts,
        )
        if tune
        else Tuning.untuned()
    )
    classifier = make_classifier(tuning.c).fit(features, labels, sample_weight=weights)
    pipeline = Pipeline([("features", vectorizer), ("model", classifier)])
    info = {
        "c": tuning.c,
        "trained_on": len(training_set),
        "source_weights": SOURCE_WEIGHTS,
        "cv_macro_f1": tuning.cv_macro_f1,
    }
    artifact = artifact_from_pipeline(pipeline, thresholds=tuning.thresholds, info=info)
    return TrainedRouter(pipeline, artifact, tuning, seconds=time.monotonic() - started)


def artifact_from_pipeline(
    pipeline: Pipeline, *, thresholds: Thresholds, info: dict[str, Any] | None = None
) -> RouterArtifact:
    """Copy the fitted vocabularies, idf weights and coefficients into a RouterArtifact."""
    union: FeatureUnion = pipeline.named_steps["features"]
    word, char = (transformer for _, transformer in union.transformer_list)
    classifier: LogisticRegression = pipeline.named_steps["model"]
    coef = np.asarray(classifier.coef_, dtype=np.float64)
    intercept = np.asarray(classifier.intercept_, dtype=np.float64)
    if coef.shape[0] == 1:
        # With two labels sklearn keeps one row w and uses sigmoid(w.x); a softmax over
        # (-w/2, w/2) gives exactly the same probabilities, so the lean path needs no branch.
        coef = np.vstack([-coef / 2, coef / 2])
        intercept = np.concatenate([-intercept / 2, intercept / 2])
    return RouterArtifact(
        labels=tuple(str(label) for label in classifier.classes_),
        word_vocabulary={str(term): int(i) for term, i in word.vocabulary_.items()},
        word_idf=np.asarray(word.idf_, dtype=np.float64),
        char_vocabulary={str(term): int(i) for term, i in char.vocabulary_.items()},
        char_idf=np.asarray(char.idf_, dtype=np.float64),
        coef=np.ascontiguousarray(coef.T),
        intercept=intercept,
        thresholds=thresholds,
        info=dict(info or {}),
    )


def predict_proba_batch(pipeline: Pipeline, texts: Sequence[str]) -> FloatArray:
    """sklearn's probabilities for many texts at once (columns in `classes_` order)."""
    probabilities: FloatArray = np.asarray(pipeline.predict_proba(list(texts)), dtype=np.float64)
    return probabilities
