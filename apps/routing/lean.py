"""Serving a RouterArtifact in pure Python + numpy: n-grams, one sparse dot product, softmax."""

from __future__ import annotations

import math
from collections import Counter
from typing import Final

import numpy as np

from apps.routing.artifact import FloatArray, RouterArtifact, Thresholds
from apps.routing.features import normalise, word_char_ngrams, word_ngrams

# Char n-grams are computed per word, and customers reuse words, so each word's known
# n-gram indices are remembered. Bounded: the memo is dropped when it grows this large.
MAX_REMEMBERED_WORDS: Final = 50_000


class LeanClassifier:
    """Scores a message the way the trained sklearn pipeline would, about ten times faster."""

    def __init__(self, artifact: RouterArtifact) -> None:
        self.labels: tuple[str, ...] = artifact.labels
        self.thresholds: Thresholds = artifact.thresholds
        self._word_vocabulary = artifact.word_vocabulary
        self._char_vocabulary = artifact.char_vocabulary
        self._word_idf = artifact.word_idf
        self._char_idf = artifact.char_idf
        # sklearn's FeatureUnion puts word features first, then char features.
        n_word = len(artifact.word_vocabulary)
        self._word_coef = np.ascontiguousarray(artifact.coef[:n_word])
        self._char_coef = np.ascontiguousarray(artifact.coef[n_word:])
        self._intercept = artifact.intercept
        self._char_indices_by_word: dict[str, tuple[int, ...]] = {}

    def decision_function(self, text: str) -> FloatArray:
        """One linear score per label (sklearn's `decision_function` for one message)."""
        normalised = normalise(text)
        word_vocabulary = self._word_vocabulary
        word_indices = [i for gram in word_ngrams(normalised) if (i := word_vocabulary.get(gram)) is not None]
        scores: FloatArray = (
            self._intercept
            + _tfidf_dot(word_indices, self._word_idf, self._word_coef)
            + _tfidf_dot(self._char_indices(normalised), self._char_idf, self._char_coef)
        )
        return scores

    def predict_proba(self, text: str) -> FloatArray:
        """Label probabilities (a softmax over the linear scores, as multinomial regression)."""
        scores = self.decision_function(text)
        exp = np.exp(scores - scores.max())
        probabilities: FloatArray = exp / exp.sum()
        return probabilities

    def _char_indices(self, normalised: str) -> list[int]:
        """Vocabulary indices of the text's known char n-grams, with repeats."""
        memo = self._char_indices_by_word
        vocabulary = self._char_vocabulary
        indices: list[int] = []
        for word in normalised.split():
            known = memo.get(word)
            if known is None:
                known = tuple(i for gram in word_char_ngrams(word) if (i := vocabulary.get(gram)) is not None)
                if len(memo) >= MAX_REMEMBERED_WORDS:
                    memo.clear()
                memo[word] = known
            indices.extend(known)
        return indices


def _tfidf_dot(indices: list[int], idf: FloatArray, coef: FloatArray) -> FloatArray | float:
    """The l2-normalised sublinear tf-idf vector of these n-grams, times the coefficients."""
    if not indices:
        return 0.0
    counts = Counter(indices)
    unique = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
    tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
    weights = (1.0 + np.log(tf)) * idf[unique]
    weights /= math.sqrt(float(weights @ weights))
    product: FloatArray = weights @ coef[unique]
    return product
