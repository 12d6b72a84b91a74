"""The lean inference path must score exactly as the sklearn pipeline it was exported from."""

from __future__ import annotations

import io
import pickle

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from apps.routing.artifact import ArtifactError, artifact_dumps, artifact_loads
from apps.routing.dataset import DATA_DIR, read_jsonl
from apps.routing.features import (
    CHAR_VECTORIZER,
    WORD_VECTORIZER,
    char_wb_ngrams,
    normalise,
    word_ngrams,
)
from apps.routing.lean import LeanClassifier
from apps.routing.training import TrainingSet, predict_proba_batch, router_fit

TRICKY = [
    "",
    "   ",
    "a",
    "I",
    "ok",
    "Crème brûlée!! Où est ma commande #W1234567?",
    "ÇA NE MARCHE PAS",
    "naïve café résumé",
    "\ufb01ne ligature and full-width \uff21\uff22\uff23",
    "tabs\tand\nnewlines   and  double  spaces",
    "emoji 😭😭 please!!! 🙏",
    "x" * 40,
    "under_score and hy-phen and dots...and,commas",
    "İstanbul ß straße",
    "order W7242015 / #w7242015 / w-724-2015",
]


def _messages() -> list[str]:
    heldout = [row["text"] for row in read_jsonl(DATA_DIR / "heldout.jsonl")]
    clinc = [row["text"] for row in read_jsonl(DATA_DIR / "clinc150" / "small_talk_test.jsonl")]
    return TRICKY + heldout[::2] + clinc[::5]


@pytest.mark.parametrize("text", TRICKY)
def test_ngrams_match_sklearn_analyzers(text):
    # given sklearn's own analyzers with the router's settings
    word = TfidfVectorizer(**WORD_VECTORIZER).build_analyzer()
    char = TfidfVectorizer(**CHAR_VECTORIZER).build_analyzer()

    # when the lean path splits the same text
    normalised = normalise(text)

    # then it produces the same n-grams in the same order
    assert word_ngrams(normalised) == word(text)
    assert char_wb_ngrams(normalised) == char(text)


def test_lean_probabilities_equal_sklearn_on_hundreds_of_messages(trained_router):
    # given the exported artifact, round-tripped through its stored form
    lean = LeanClassifier(artifact_loads(artifact_dumps(trained_router.artifact)))
    messages = _messages()
    assert len(messages) > 300

    # when both paths score the messages
    expected_proba = predict_proba_batch(trained_router.pipeline, messages)
    expected_scores = trained_router.pipeline.decision_function(messages)
    lean_proba = np.array([lean.predict_proba(text) for text in messages])
    lean_scores = np.array([lean.decision_function(text) for text in messages])

    # then they agree far beyond the rounding of the audit trail
    assert lean.labels == tuple(trained_router.pipeline.classes_)
    np.testing.assert_allclose(lean_proba, expected_proba, rtol=0, atol=1e-9)
    np.testing.assert_allclose(lean_scores, expected_scores, rtol=0, atol=1e-9)


def test_lean_path_matches_a_two_label_model():
    # given a router trained on two labels only (sklearn then keeps a single coefficient row)
    training_set = TrainingSet(
        texts=["hi", "hello", "hey there", "cancel my order", "cancel it", "refund me please"],
        labels=["smalltalk", "smalltalk", "smalltalk", "transaction", "transaction", "transaction"],
        sources=["own"] * 6,
    )
    trained = router_fit(training_set, tune=False)
    lean = LeanClassifier(trained.artifact)
    messages = ["hello friend", "please cancel", "something else entirely"]

    # when both paths score messages
    lean_proba = np.array([lean.predict_proba(text) for text in messages])

    # then the softmax export reproduces sklearn's sigmoid
    np.testing.assert_allclose(lean_proba, predict_proba_batch(trained.pipeline, messages), atol=1e-9)


def test_artifact_loading_refuses_pickles_and_garbage(trained_router):
    # given bytes that are not an artifact: a pickle (which could run code) and noise
    pickled = pickle.dumps(trained_router.artifact.info)
    buffer = io.BytesIO()
    np.savez(buffer, meta=np.array([{"format": 1}], dtype=object))

    # when / then: loading them fails without unpickling anything
    for data in (pickled, b"not a zip", buffer.getvalue()):
        with pytest.raises(ArtifactError):
            artifact_loads(data)


def test_artifact_round_trip_keeps_every_array(trained_router):
    # given the trained artifact
    artifact = trained_router.artifact

    # when it is stored and read back
    loaded = artifact_loads(artifact_dumps(artifact))

    # then nothing is lost
    assert loaded.labels == artifact.labels
    assert loaded.word_vocabulary == artifact.word_vocabulary
    assert loaded.char_vocabulary == artifact.char_vocabulary
    assert loaded.thresholds == artifact.thresholds
    np.testing.assert_array_equal(loaded.coef, artifact.coef)
    np.testing.assert_array_equal(loaded.intercept, artifact.intercept)
