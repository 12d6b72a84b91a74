"""The scikit-learn estimators the router is trained with (training and tuning share them)."""

from __future__ import annotations

from typing import Final

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion

from apps.routing.features import CHAR_VECTORIZER, WORD_VECTORIZER

MAX_ITERATIONS: Final = 1000


def make_vectorizer() -> FeatureUnion:
    """Word 1-2 grams and char_wb 2-5 grams, each an l2-normalised sublinear TF-IDF."""
    return FeatureUnion(
        [("word", TfidfVectorizer(**WORD_VECTORIZER)), ("char", TfidfVectorizer(**CHAR_VECTORIZER))]
    )


def make_classifier(c: float) -> LogisticRegression:
    """Multinomial logistic regression, balanced so the smaller labels count as much."""
    return LogisticRegression(C=c, class_weight="balanced", max_iter=MAX_ITERATIONS)
