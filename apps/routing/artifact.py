"""The trained router as plain arrays: what `train_router` stores and the lean path serves.

Serialised with numpy's `.npz` format and `allow_pickle=False`, so loading an artifact
from the database can never run code; vocabularies and settings travel as JSON text.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

FORMAT_VERSION = 1

FloatArray = npt.NDArray[np.float64]


class ArtifactError(ValueError):
    """The bytes are not a router artifact this code can read."""


@dataclass(frozen=True)
class Thresholds:
    """When the classifier is unsure enough that the message goes to the safer tier."""

    min_top_probability: float = 0.45
    min_margin: float = 0.10  # between the two best labels, when they belong to different tiers


@dataclass(frozen=True)
class RouterArtifact:
    """Everything inference needs: vocabularies, idf weights and the linear model.

    `coef` holds one row per feature (word features first, then char features) and one
    column per label, so a message's score is a sum of a few gathered rows.
    """

    labels: tuple[str, ...]
    word_vocabulary: dict[str, int]
    word_idf: FloatArray
    char_vocabulary: dict[str, int]
    char_idf: FloatArray
    coef: FloatArray  # shape (n_word + n_char, n_labels)
    intercept: FloatArray  # shape (n_labels,)
    thresholds: Thresholds = field(default_factory=Thresholds)
    info: dict[str, Any] = field(default_factory=dict)  # training settings, for people reading it

    def __post_init__(self) -> None:
        n_features = len(self.word_vocabulary) + len(self.char_vocabulary)
        if self.coef.shape != (n_features, len(self.labels)):
            expected = (n_features, len(self.labels))
            raise ArtifactError(f"coef has shape {self.coef.shape}, expected {expected}")
        if self.intercept.shape != (len(self.labels),):
            raise ArtifactError(f"intercept has shape {self.intercept.shape}")
        if self.word_idf.shape != (len(self.word_vocabulary),):
            raise ArtifactError("word_idf does not match the word vocabulary")
        if self.char_idf.shape != (len(self.char_vocabulary),):
            raise ArtifactError("char_idf does not match the char vocabulary")


def _terms(vocabulary: dict[str, int]) -> list[str]:
    terms = [""] * len(vocabulary)
    for term, index in vocabulary.items():
        terms[index] = term
    return terms


def _json_array(value: Any) -> npt.NDArray[np.uint8]:
    return np.frombuffer(json.dumps(value, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)


def _text(array: npt.NDArray[Any]) -> str:
    return bytes(array.astype(np.uint8)).decode("utf-8")


def artifact_dumps(artifact: RouterArtifact) -> bytes:
    """The artifact as compressed `.npz` bytes."""
    meta = {
        "format": FORMAT_VERSION,
        "labels": list(artifact.labels),
        "thresholds": {
            "min_top_probability": artifact.thresholds.min_top_probability,
            "min_margin": artifact.thresholds.min_margin,
        },
        "info": artifact.info,
    }
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        meta=_json_array(meta),
        word_terms=_json_array(_terms(artifact.word_vocabulary)),
        char_terms=_json_array(_terms(artifact.char_vocabulary)),
        word_idf=artifact.word_idf,
        char_idf=artifact.char_idf,
        coef=artifact.coef,
        intercept=artifact.intercept,
    )
    return buffer.getvalue()


def artifact_loads(data: bytes) -> RouterArtifact:
    """Read bytes written by `artifact_dumps`; never unpickles anything."""
    try:
        with np.load(io.BytesIO(bytes(data)), allow_pickle=False) as arrays:
            meta = json.loads(_text(arrays["meta"]))
            if meta.get("format") != FORMAT_VERSION:
                raise ArtifactError(f"unsupported router artifact format {meta.get('format')!r}")
            word_terms = json.loads(_text(arrays["word_terms"]))
            char_terms = json.loads(_text(arrays["char_terms"]))
            return RouterArtifact(
                labels=tuple(meta["labels"]),
                word_vocabulary={term: i for i, term in enumerate(word_terms)},
                word_idf=np.ascontiguousarray(arrays["word_idf"], dtype=np.float64),
                char_vocabulary={term: i for i, term in enumerate(char_terms)},
                char_idf=np.ascontiguousarray(arrays["char_idf"], dtype=np.float64),
                coef=np.ascontiguousarray(arrays["coef"], dtype=np.float64),
                intercept=np.ascontiguousarray(arrays["intercept"], dtype=np.float64),
                thresholds=Thresholds(**meta["thresholds"]),
                info=meta.get("info", {}),
            )
    except ArtifactError:
        raise
    except (OSError, KeyError, ValueError, TypeError, zipfile.BadZipFile) as error:
        raise ArtifactError(f"not a router artifact: {error}") from error
