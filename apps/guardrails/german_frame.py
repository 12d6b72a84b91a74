"""German reports whose verb frame spans the clause: the auxiliary comes second and the
participle last ("Die Lieferadresse der Bestellung #W... wurde auf 12 Elm Street, Suite 4,
Tulsa, USA geändert."). What stands between them (the middle field) may hold commas, an
address, an amount: the comma splitting that the other readers rely on would cut the frame.

A report when: an action noun is the subject, then "wurde/wurden/ist/sind/hat/haben", then a
middle field with no conjunction, negation or modal, then a participle of completion or change
that ends the sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from apps.guardrails import lexicon as lx
from apps.guardrails.patterns.claims import FAMILY_STATUS, FAMILY_TOOLS, ActionPattern

_GERMAN_NOUNS = {
    "cancel": r"stornierung|storno",
    "refund": r"(?:r[üu]ck)?erstattung",
    "return": r"r[üu]cksendung|retoure|r[üu]ckgabe",
    "exchange": r"umtausch",
    "address": r"(?:liefer)?(?:adresse|anschrift)",
    "payment": r"zahlungs(?:methode|art|mittel)",
}
_PARTICIPLE = lx.alternation(
    tuple(w for w in (*lx.PREDICATES, *lx.CHANGE_PREDICATES) if re.match(r"^[a-zäöü]", w))
)
# Words that end the middle field: a conjunction starts another clause; a negation or a modal
# makes the frame something else than a report.
_BREAK = re.compile(
    # "und" before a capitalised word joins a list of objects ("für E-Reader, Kettle und Desk Lamp");
    # before anything else it starts another clause
    r"\b(?:und(?!\s+(?-i:[A-ZÄÖÜ]))|aber|oder|dass|weil|sobald|wenn|falls|nachdem|bevor|nicht|kein\w*|noch|"
    r"wird|werden|"
    r"würde\w*|kann|können|soll\w*|muss|müssen)\b",
    re.IGNORECASE,
)
_FRAME = re.compile(
    rf"\b(?P<noun>{'|'.join(_GERMAN_NOUNS.values())})\b(?P<subject>[^.;!?]{{0,60}}?)\s"
    r"(?:wurden?|ist|sind|hat|haben)(?P<middle>(?:\s[^;!?]{0,160}?)?)\s"
    rf"(?P<pred>{_PARTICIPLE})\s*[.!]?\s*$",
    re.IGNORECASE,
)


# The agent's own frame: "Wir haben die Rücksendung für ... aus Bestellung #W... angelegt", "Für
# #W... habe ich die Adresse auf 9 Quay Lane geändert".
_AGENT_FRAME = re.compile(
    r"\b(?:(?:wir|ich)\s+(?:haben|habe)|(?:haben|habe)\s+(?:wir|ich))\s+(?P<subject>(?:[^.;!?]{0,40}?\s)?)"
    rf"(?:die|den|das|ihre?n?|eine?n?)\s+(?P<noun>{'|'.join(_GERMAN_NOUNS.values())})\b"
    r"(?P<middle>[^;!?]{0,160}?)\s"
    rf"(?P<pred>{_PARTICIPLE})\s*[.!]?\s*$",
    re.IGNORECASE,
)


def _rule(family: str) -> ActionPattern:
    return ActionPattern(family, FAMILY_TOOLS[family], _FRAME, FAMILY_STATUS.get(family, frozenset()))


_RULES = {family: _rule(family) for family in _GERMAN_NOUNS}
_FAMILY_OF = [
    (family, re.compile(rf"^(?:{nouns})$", re.IGNORECASE)) for family, nouns in _GERMAN_NOUNS.items()
]


def german_frames(answer: str, sentence: tuple[int, int]) -> Iterator[tuple[ActionPattern, re.Match[str]]]:
    """The report a German sentence makes across its verb frame, if any."""
    match = _FRAME.search(answer, *sentence) or _AGENT_FRAME.search(answer, *sentence)
    if match is None or _BREAK.search(match.group("subject")) or _BREAK.search(match.group("middle")):
        return
    noun = match.group("noun")
    family = next((name for name, cue in _FAMILY_OF if cue.match(noun)), None)
    if family is not None:
        yield _RULES[family], match
