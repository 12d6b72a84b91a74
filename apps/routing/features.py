"""Text -> n-grams, exactly as scikit-learn's TfidfVectorizer does it, without scikit-learn.

The trained model is a TF-IDF + linear classifier. Serving it through a full sklearn
pipeline costs 1-3 ms a message; re-implementing the few steps we use (lowercase, strip
accents, word 1-2 grams, char_wb 2-5 grams) keeps a classification well under a millisecond.
`training.py` builds its vectorizers from the same constants, and a test checks that both
paths produce the same n-grams and scores.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Final

WORD_NGRAM_RANGE: Final = (1, 2)
CHAR_NGRAM_RANGE: Final = (2, 5)
# sklearn's default token pattern: runs of two or more word characters.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")

# Keyword arguments for sklearn's TfidfVectorizer; the functions below mirror them.
VECTORIZER_COMMON: Final[dict[str, Any]] = {
    "lowercase": True,
    "strip_accents": "unicode",
    "sublinear_tf": True,
    "norm": "l2",
    "use_idf": True,
    "smooth_idf": True,
}
WORD_VECTORIZER: Final[dict[str, Any]] = {
    **VECTORIZER_COMMON,
    "analyzer": "word",
    "ngram_range": WORD_NGRAM_RANGE,
}
CHAR_VECTORIZER: Final[dict[str, Any]] = {
    **VECTORIZER_COMMON,
    "analyzer": "char_wb",
    "ngram_range": CHAR_NGRAM_RANGE,
}


def normalise(text: str) -> str:
    """Lowercase, then drop combining accents (sklearn's `strip_accents="unicode"`)."""
    text = text.lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def word_ngrams(normalised: str) -> list[str]:
    """Word unigrams, then bigrams, of an already normalised text."""
    tokens = _TOKEN.findall(normalised)
    low, high = WORD_NGRAM_RANGE
    grams: list[str] = []
    for n in range(low, min(high, len(tokens)) + 1):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


def char_wb_ngrams(normalised: str) -> list[str]:
    """Character n-grams inside each space-padded word of an already normalised text."""
    grams: list[str] = []
    for word in normalised.split():
        grams.extend(word_char_ngrams(word))
    return grams


def word_char_ngrams(word: str) -> list[str]:
    """The char_wb n-grams of one word (a text's are the concatenation over its words)."""
    low, high = CHAR_NGRAM_RANGE
    padded = f" {word} "
    length = len(padded)
    grams: list[str] = []
    for n in range(low, high + 1):
        if n >= length:
            # sklearn counts a word no longer than n once, as a whole, and stops there.
            grams.append(padded)
            break
        grams.extend([padded[i : i + n] for i in range(length - n + 1)])
    return grams
