"""Typo tolerance: the words the engine's rules look for, recovered from how people type them.

"helo, i wnat to cancle my ordr" becomes "hello, i want to cancel my order" before the rules
read it. Only words of the support vocabulary are ever produced, only from words of four
letters or more that are not ordinary English words themselves ("help" stays "help", it is not
a misspelt "hello"), and only within one edit (two for long words; a swap of two neighbouring
letters counts as one edit). Emails, order ids, numbers and addresses are left alone: the
slots are read from the text as the customer wrote it.

The matching itself is RapidFuzz's optimal string alignment distance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

# The words the intent and slot rules are written with.
VOCABULARY = frozenset(
    """
    account accident actually address addresses again agent anymore anything arrive arrived back
    balance billing bought broken cancel cancellation cancelled cancelling change changed charge
    colour color customer damaged default delivered delivery deliver different double duplicate
    email everything exchange exchanging exchanged hello human instead international internationally
    item items keep later length longer manager method mistake modify money moved moving number
    order ordered orders original package parcel payment paypal person please policy product
    purchase quick rather reason refund refunds replace representative return returning returned
    returns shipment shipped shipping status supervisor switch thanks thank today track tracking
    update want wrong tablet
    """.split()  # noqa: SIM905 - a word block reads best
)

# Ordinary words one edit away from a vocabulary word: never "corrected".
_KEEP = frozenset(
    """
    help held hell hull went wont what when then than them they thin this that with wish will well
    want wait were where there here whom your yours over other odder older border ordered order
    ready read real reel rent sent send lend bend mend tend vend find fine mine line nine kind mind
    bank band hand land sand card care core cord word work worn form from farm firm fore more
    mode made make male mail sail tail tall call calm come came name same game lame hate have
    gave cave save wave live love move mode node note vote lose lost last past fast cast vast most
    must rust dust just gust bust list mist fist wise rise rose nose hose pose post host cost
    each much such ship shop stop step steep sleep sheep keen kept seen seem teem team tear term
    item items keep keeps kept back pack park part port sort fort cart dart mart tart part pace
    face race case vase base chance change charge large barge range grange orange arrange
    long lung song sung rung ring sing wing king thing things think thank tank bank
    return retina retire entire street address dress press price prize pride bride ride
    order orders border borders recorder tablet tables table cable label
    person poison prison reason season meson mason
    """.split()  # noqa: SIM905
)
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")


@lru_cache(maxsize=4096)
def _closest(word: str) -> str | None:
    limit = 2 if len(word) >= 8 else 1
    match = process.extractOne(word, VOCABULARY, scorer=OSA.distance, score_cutoff=limit)
    if match is None:
        return None
    best, distance = match[0], match[1]
    if distance == 0:
        return best
    # Two vocabulary words equally close ("canceled" -> cancel? cancelled?): keep the shorter edit
    # only when it is the single best candidate.
    ties = [w for w, d, _ in process.extract(word, VOCABULARY, scorer=OSA.distance, limit=3) if d == distance]
    return best if len(ties) == 1 else None


def correct_word(word: str) -> str:
    """The vocabulary word the customer meant, or the word unchanged."""
    lowered = word.lower()
    if len(lowered) < 4 or lowered in VOCABULARY or lowered in _KEEP or "'" in lowered:
        return word
    closest = _closest(lowered)
    return closest if closest else word


def correct_typos(text: str) -> str:
    """The text with misspelt support words put right; everything else as written."""
    if "@" in text:
        # Leave an email address exactly as typed: only correct the words around it.
        return " ".join(part if "@" in part else correct_typos(part) for part in text.split(" "))
    return _WORD.sub(lambda match: correct_word(match.group(0)), text)


def best_match(text: str, choices: Sequence[str], *, cutoff: float = 80.0) -> str | None:
    """The choice the text names best (RapidFuzz's token-set ratio), or None below the cutoff."""
    if not text.strip() or not choices:
        return None
    match = process.extractOne(text.lower(), [c.lower() for c in choices], scorer=fuzz.token_set_ratio)
    if match is None or match[1] < cutoff:
        return None
    return choices[match[2]]


def close_enough(word: str, candidates: Iterable[str]) -> str | None:
    """A candidate one edit from `word` (two for words of eight letters or more), for product
    names and option values: 'sneekers' names the Sneakers, 'polyster' the polyester one."""
    if len(word) < 4 or word.isdigit():
        return None
    pool = [c for c in candidates if len(c) >= 4 and not c.isdigit()]
    if not pool:
        return None
    limit = 2 if len(word) >= 8 else 1
    match = process.extractOne(word, pool, scorer=OSA.distance, score_cutoff=limit)
    return match[0] if match else None
