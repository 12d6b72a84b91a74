"""Which language an answer is written in, and how figures read in Spanish, French and German.

What is covered: English is read in full (topics, products, totals, policy statements,
actions). Spanish, French and German answers are read for action reports (the same claim
families as English, see patterns/actions_intl.py) and for figures: an amount must be one the
conversation's observations hold or a money fact; a number of days, weeks or months must be a
duration fact's value (any fact: the topic is not read) or an observed number; a percentage
must be observed or a percentage fact. Policy statements in words ("gift cards expire") are
not read in those languages. Any other language (Italian, Portuguese, Dutch...) or script
(Cyrillic, Greek, CJK, Arabic...) is text the checker cannot read: the answer is blocked by
policy rather than passed unread.

The language guess counts common function words: cheap, no model, and enough to tell these
languages apart in a sentence or two.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

Language = Literal["en", "es", "fr", "de", "unreadable"]
READ_FIGURES_IN: frozenset[str] = frozenset({"es", "fr", "de"})

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "and",
            "your",
            "you",
            "is",
            "to",
            "of",
            "for",
            "has",
            "have",
            "been",
            "it",
            "we",
            "i",
            "this",
            "that",
            "with",
            "will",
            "be",
            "are",
            "was",
            "on",
            "at",
            "can",
            "order",
            "my",
            "our",
            "not",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "que",
            "y",
            "su",
            "sus",
            "tu",
            "pedido",
            "ha",
            "sido",
            "hemos",
            "es",
            "por",
            "para",
            "con",
            "una",
            "un",
            "del",
            "al",
            "se",
            "lo",
            "le",
            "está",
            "esta",
            "pero",
            "como",
            "también",
            "ya",
            "no",
            "usted",
            "nuestro",
            "nuestra",
            "nuestros",
            "hasta",
            "gracias",
            "reembolso",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "les",
            "des",
            "votre",
            "vous",
            "est",
            "et",
            "été",
            "nous",
            "pour",
            "avec",
            "une",
            "commande",
            "du",
            "au",
            "ce",
            "cette",
            "sur",
            "pas",
            "qui",
            "dans",
            "sont",
            "je",
            "ne",
            "notre",
            "nos",
            "vos",
            "aux",
            "merci",
            "remboursement",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "ihre",
            "ihr",
            "wurde",
            "wir",
            "haben",
            "sie",
            "bestellung",
            "mit",
            "für",
            "ein",
            "eine",
            "den",
            "dem",
            "nicht",
            "ich",
            "auf",
            "zu",
            "es",
            "wird",
            "werden",
            "unser",
            "unsere",
            "unseren",
            "nach",
            "bis",
            "von",
            "vom",
            "ihnen",
            "danke",
        ]
    ),
    # Languages we do not read: recognised so that they are not mistaken for one we do.
    "it": frozenset(
        [
            "il",
            "di",
            "che",
            "è",
            "gli",
            "ordine",
            "stato",
            "abbiamo",
            "sua",
            "suo",
            "per",
            "con",
            "una",
            "del",
            "della",
            "sono",
            "non",
            "ha",
            "lo",
        ]
    ),
    "pt": frozenset(
        [
            "o",
            "os",
            "seu",
            "sua",
            "foi",
            "pedido",
            "com",
            "uma",
            "não",
            "do",
            "da",
            "em",
            "você",
            "nós",
            "são",
            "ao",
            "pelo",
        ]
    ),
    "nl": frozenset(
        [
            "het",
            "een",
            "uw",
            "en",
            "van",
            "bestelling",
            "wij",
            "zijn",
            "niet",
            "met",
            "voor",
            "dat",
            "op",
            "ook",
            "geen",
            "naar",
        ]
    ),
}
# Each function word -> the languages that have it: one look-up per word of the text.
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {
    word: tuple(lang for lang, vocab in _FUNCTION_WORDS.items() if word in vocab)
    for word in frozenset().union(*_FUNCTION_WORDS.values())
}
# Function words of another language that are English words as well: alone they name no language.
_ENGLISH_HOMOGRAPHS = frozenset(["no", "die", "den", "ha", "con", "do", "da", "em", "en", "op", "van", "so"])
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
_MIN_WORDS = 3


def guess_language(text: str) -> Language:
    """ "en", "es", "fr", "de", or "unreadable" (another language or script). Short or unclear
    text counts as English, which the checker reads in full."""
    if not text.isascii():  # ASCII text holds no letter of another script
        letters = [ch for ch in text if ch.isalpha()]
        if not letters:
            return "en"
        foreign_script = sum(1 for ch in letters if not (ch.isascii() or "LATIN" in unicodedata.name(ch, "")))
        if foreign_script >= 4 and foreign_script / len(letters) > 0.3:
            return "unreadable"
    words = [w.lower() for w in _TOKEN.findall(text)]
    if len(words) < _MIN_WORDS:
        return "en"
    scores = dict.fromkeys(_FUNCTION_WORDS, 0)
    for word in words:
        for lang in _LANGUAGES_OF.get(word, ()):
            scores[lang] += 1
    best = max(scores, key=lambda lang: (scores[lang], lang == "en"))
    if scores[best] == 0 or scores[best] <= scores["en"]:
        return "en"
    if all(word in _ENGLISH_HOMOGRAPHS for word in words if best in _LANGUAGES_OF.get(word, ())):
        # Only words English has too: "reason: no longer needed" in a terse note is English.
        return "en"
    if best in ("it", "pt", "nl"):
        # Shared words ("la", "de", "con") make Spanish look Italian or Portuguese: only a clear lead counts.
        runner_up = max(scores[lang] for lang in ("es", "fr", "de"))
        if scores[best] >= runner_up + 2:
            return "unreadable"
        return max(("es", "fr", "de"), key=lambda lang: scores[lang])
    return best  # type: ignore[return-value]


_INT = r"\d{1,3}(?:[.,\s]\d{3})+|\d+"
FOREIGN_MONEY = re.compile(
    rf"(?:(?:US\$|\$|USD)\s?(?P<a>{_INT})(?:[.,](?P<ac>\d{{2}}))?(?!\d)"
    rf"|(?<![\w.,])(?P<b>{_INT})(?:[.,](?P<bc>\d{{2}}))?\s?"
    r"(?:US[- ]?Dollars?\b|US\$|\$|USD\b|d[oó]lares\b|dollars?\b|Dollars?\b|€|euros?\b|EUR\b))",
    re.IGNORECASE,
)
FOREIGN_DURATION = re.compile(
    r"(?<![\w.,])(?P<lo>\d+)(?:\s?(?:-|\u2013|a|à|y|bis|und|o|ou|oder)\s?(?P<hi>\d+))?\s?"
    r"(?P<unit>d[ií]as?|jours?|(?:werk|arbeits|geschäfts|kalender)?tage?n?|semanas?|semaines?|wochen?|"
    r"mes(?:es)?|mois|monaten?|heures?|horas?|stunden?)\b",
    re.IGNORECASE,
)
FOREIGN_PERCENT = re.compile(
    r"(?<![\w.])(?P<n>\d+(?:[.,]\d+)?)\s?(?:%|por ciento\b|pour cent\b|prozent\b)", re.IGNORECASE
)


def foreign_cents(whole: str, fraction: str | None) -> int:
    return int(re.sub(r"[.,\s]", "", whole)) * 100 + (int(fraction) if fraction else 0)


def unit_days(unit: str) -> int:
    """Days per unit; 0 for hours (as patterns.UNIT_DAYS)."""
    unit = unit.lower()
    if unit.startswith(("heure", "hora", "stunde")):
        return 0
    if unit.startswith(("sem", "woch")):
        return 7
    if unit.startswith(("mes", "mois", "monat")):
        return 30
    return 1
