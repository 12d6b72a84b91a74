"""Text as the checker reads it: Unicode compatibility forms folded (NFKC), invisible characters
dropped, and letters that only look Latin (Cyrillic U+0430, Greek U+03BF, ...) mapped onto the Latin
letter they imitate, so "cancelled" written with a Cyrillic U+0430 is read as "cancelled".

The lookalike table is our own short list of the characters that pass for Latin letters in
ordinary fonts (a small part of Unicode's confusables data, the part an answer can hide a claim
behind); letters of a word written wholly in another script are left alone, so a Russian or
Greek sentence stays Russian or Greek and is judged by `languages.py` as text we cannot read.
"""

from __future__ import annotations

import re
import unicodedata

# Zero-width and formatting characters: they split a word for a regex while staying invisible.
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u00ad\u034f\u061c\u115f\u1160\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c"
        "\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff",
    ),
    None,
)

# Lookalike -> the Latin letter it passes for.
_LOOKALIKES = {
    # Cyrillic
    "\u0430": "a",
    "\u0410": "A",
    "\u0432": "b",
    "\u0412": "B",
    "\u0441": "c",
    "\u0421": "C",
    "\u0435": "e",
    "\u0415": "E",
    "\u0451": "e",
    "\u043d": "h",
    "\u041d": "H",
    "\u0456": "i",
    "\u0406": "I",
    "\u0458": "j",
    "\u0408": "J",
    "\u043a": "k",
    "\u041a": "K",
    "\u043c": "m",
    "\u041c": "M",
    "\u043e": "o",
    "\u041e": "O",
    "\u0440": "p",
    "\u0420": "P",
    "\u0455": "s",
    "\u0405": "S",
    "\u0442": "t",
    "\u0422": "T",
    "\u0443": "y",
    "\u0423": "Y",
    "\u0445": "x",
    "\u0425": "X",
    "\u04bb": "h",
    "\u0501": "d",
    "\u051b": "q",
    "\u051d": "w",
    "\u0461": "w",
    "\u0491": "r",
    "\u0433": "r",
    # Greek
    "\u03b1": "a",
    "\u0391": "A",
    "\u0392": "B",
    "\u03b5": "e",
    "\u0395": "E",
    "\u0396": "Z",
    "\u0397": "H",
    "\u03b9": "i",
    "\u0399": "I",
    "\u039a": "K",
    "\u03ba": "k",
    "\u039c": "M",
    "\u039d": "N",
    "\u03bd": "v",
    "\u03bf": "o",
    "\u039f": "O",
    "\u03c1": "p",
    "\u03a1": "P",
    "\u03a4": "T",
    "\u03c4": "t",
    "\u03c5": "u",
    "\u03a5": "Y",
    "\u03c7": "x",
    "\u03a7": "X",
    # Latin look-alikes outside ASCII that NFKC keeps
    "\u0131": "i",
    "\u0251": "a",
    "\u0261": "g",
    "\u026a": "i",
    "\u1d00": "a",
    "\u1d04": "c",
    "\u1d0f": "o",
    "\u1d1c": "u",
    "\u0280": "r",
    # Punctuation that hides contractions and ranges
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u2032": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2007": " ",
}
_LOOKALIKE_TABLE = str.maketrans(_LOOKALIKES)
_PUNCTUATION_TABLE = str.maketrans({k: v for k, v in _LOOKALIKES.items() if not k.isalpha()})
_LOOKALIKE_LETTERS = frozenset(ch for ch in _LOOKALIKES if ch.isalpha())
_WORD = re.compile(r"\w+", re.UNICODE)


def _is_latin(ch: str) -> bool:
    return ch.isascii() or "LATIN" in unicodedata.name(ch, "")


def _fold_word(match: re.Match[str]) -> str:
    word = match.group()
    # Only a word that mixes scripts hides something: a word wholly in Cyrillic is Russian.
    if any(ch in _LOOKALIKE_LETTERS for ch in word) and any(
        ch.isalpha() and _is_latin(ch) and ch not in _LOOKALIKE_LETTERS for ch in word
    ):
        return word.translate(_LOOKALIKE_TABLE)
    if all(ch in _LOOKALIKE_LETTERS or not ch.isalpha() for ch in word) and len(word) <= 3:
        # A short all-lookalike word (a Cyrillic "a" or "or") inside a Latin sentence reads as Latin.
        return word.translate(_LOOKALIKE_TABLE)
    return word


def skeleton(text: str) -> str:
    """The text as the checker reads it (NFKC, no invisible characters, lookalikes as Latin)."""
    if text.isascii():
        return text
    folded = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    folded = folded.translate(_PUNCTUATION_TABLE)
    if folded.isascii():
        return folded
    return _WORD.sub(_fold_word, folded)


# Markdown bold ("**Cancelled:** #W...", "__Status:__ done"): its markers break a label from what
# follows it. Blanked to spaces of the same length, so that every offset still points into the
# answer as written (a repair edits that text, bold kept).
_EMPHASIS = re.compile(r"\*\*|__")
# Italics: one '*' or '_' on each side of a phrase ("*Cancelled:* #W..."), never a bullet's '*'.
_ITALIC = re.compile(r"(?<![\w*])([*_])(?=[^\s*_])([^*_\n]{1,80}?)(?<=[^\s*_])\1(?![\w*])")


def plain_markup(text: str) -> str:
    """The text with markdown bold and italic markers blanked (same length, same offsets)."""
    if "*" not in text and "_" not in text:
        return text
    text = _EMPHASIS.sub("  ", text)
    return _ITALIC.sub(lambda m: f" {m.group(2)} ", text)


# A self-correction inside a sentence ("I cancelled #W1 — sorry, #W2", "the headphones,
# correction, the mouse", "to your PayPal — my mistake, to your Visa", "#W1, I mean #W2"): the
# object said first is withdrawn and the one after the marker stands in its place.
_CORRECTION = re.compile(
    r"\s*(?:[,;\u2014\u2013]|\s-)+\s*(?:sorry|correction|pardon|my mistake|my bad|I mean|I meant|or rather|"
    r"rather|make that|scratch that|perd[oó]n|correcci[oó]n|quiero decir|pardon|je veux dire|plut[oô]t|"
    r"Korrektur|Entschuldigung|ich meine|besser gesagt)\b(?!\s+(?:for|about|if|to|that|again|I|we)\b)"
    r"\s*[,:]?\s*",
    re.IGNORECASE,
)
_CORRECTION_PREPOSITION = re.compile(r"(?:to|onto|on|for|with|from|a|al|à|sur|auf|an|en)\s+", re.IGNORECASE)
_ORDER_ID = re.compile(r"#\s?W\d{7}\b|\bW\d{7}\b", re.IGNORECASE)
_DETERMINER_WORD = re.compile(
    r"\b(?:the|your|my|a|an|el|la|los|las|su|sus|le|les|l'|votre|vos|der|die|das|den|dem|ihre[nm]?|ihr)\b",
    re.IGNORECASE,
)
_CLOSING_COMMA = re.compile(r"[^,.;:!?\n]{1,40}?,(?=\s)")
_WITHDRAWN_SPAN = 60  # how far back the withdrawn object may start


def drop_withdrawn(text: str) -> str:
    """The text with each object a self-correction withdraws blanked, with its marker (same
    length, same offsets): "I cancelled #W1 — sorry, #W2" reads as "I cancelled #W2"."""
    if not _CORRECTION.search(text):
        return text
    for marker in reversed(list(_CORRECTION.finditer(text))):
        start = _withdrawn_start(text, marker)
        if start is not None:
            end = marker.end()
            lead = _CORRECTION_PREPOSITION.match(text, end)
            if lead and start > 0 and text[:start].rstrip().lower().endswith(lead.group().strip().lower()):
                end = lead.end()  # "to your PayPal — my mistake, to your Visa": one "to" stays
            text = text[:start] + " " * (end - start) + text[end:]
            closing = _CLOSING_COMMA.match(text, end) if marker.group().lstrip().startswith(",") else None
            if closing:  # "#W1, I mean #W2, has been ...": the aside's closing comma goes too
                text = text[: closing.end() - 1] + " " + text[closing.end() :]
    return text


def _withdrawn_start(text: str, marker: re.Match[str]) -> int | None:
    """Where the object a correction withdraws starts, when the object after the marker is of
    the same shape (an order id; a phrase with a determiner; one capitalised name)."""
    after = marker.end()
    lead = _CORRECTION_PREPOSITION.match(text, after)
    head = lead.end() if lead else after
    window = max(0, marker.start() - _WITHDRAWN_SPAN)
    before = text[window : marker.start()]
    if re.search(r"[.!?\n]", before):
        before = before[re.search(r"[^.!?\n]*$", before).start() :]  # type: ignore[union-attr]
        window = marker.start() - len(before)
    if _ORDER_ID.match(text, head):
        ids = list(_ORDER_ID.finditer(before))
        return window + ids[-1].start() if ids else None
    if _DETERMINER_WORD.match(text, head):
        found = list(_DETERMINER_WORD.finditer(before))
        return window + found[-1].start() if found else None
    if text[head : head + 1].isupper():
        word = re.search(r"(?:\b(?:your|the|my)\s+)?\b[A-Z][\w-]*\s*$", before)
        return window + word.start() if word else None
    return None
