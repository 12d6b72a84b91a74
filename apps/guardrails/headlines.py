"""Reports written as headlines, with no subject or no verb of their own: a participle alone
("Saved!", "Updated."), a short subject then a participle ("Profile updated", "Lamp changed"),
or a participle then its object, the agent left out as in a log ("Updated the address on #W...").

English, Spanish, French and German. The sentence as a whole must be the headline: a few words,
no finite verb, no promise or negation. What the headline is about decides what backs it: the
family whose object it names (the address, the payment, a cancellation...), else this turn's
writes, as for a bare "done" (check.py holds those to their items and payment method).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from apps.guardrails.patterns.claims import FAMILY_STATUS, FAMILY_TOOLS, ActionPattern
from apps.guardrails.patterns.text import NOT_DONE, ORDER_REF

# Participles that say a change was made.
_PARTICIPLE = (
    r"(?:updated|saved|changed|switched|swapped|modified|replaced|moved|corrected|amended|edited|applied|"
    r"submitted|processed|completed|finished|done|cancell?ed|refunded|returned|exchanged|"
    r"guardad[oa]s?|actualizad[oa]s?|cambiad[oa]s?|modificad[oa]s?|cancelad[oa]s?|"
    r"enregistr[ée]e?s?|modifi[ée]e?s?|mise? à jour|annul[ée]e?s?|"
    r"gespeichert|ge[äa]ndert|aktualisiert|umgestellt|storniert)"
)
# What may open a headline: a greeting or an interjection ("Great, saved!", "Alright: updated").
_OPENING = (
    r"(?:(?:ok(?:ay)?|great|perfect|alright|all right|right|there|voil[àa]|listo|super|gut)\W+)?"
    # the words of an agent's report with the agent left out: "Went ahead and changed ..."
    r"(?:(?:went|gone) ahead and\s+|just\s+|also\s+)?"
)
_WORD = r"[\w'#-]+"
# "Saved!", "Profile updated ✅": at most four words before the participle, nothing after it but
# what it changed to or for; a table row is one too ("| #W... | Cancelled |").
_SUBJECT_FIRST = re.compile(
    rf"\W*{_OPENING}(?:(?P<subject>{_WORD}(?:\s+{_WORD}){{0,3}})\s*[:\u2013\u2014|-]?\s+)?(?P<pred>{_PARTICIPLE})"
    # ... and where it went: "Profile address: updated to 9 Quay Road."
    r"(?P<object>\s+(?:to|for|on)\s+[^.!?]{1,60}?)?"
    # ... or how, after the customer's word: "Cancelled as requested", "wie gewünscht", "comme demandé"
    r"(?:\s+(?:as\s+(?:you\s+)?\w+ed|per\s+your\s+\w+|(?:wie|como|comme)\s+(?:usted\s+|vous\s+l'avez\s+)?\w+))?"
    # ... or how it went: "Order cancelled successfully", "Address updated for you"
    r"(?:\s+(?:successfully|for\s+you|just\s+now|already|con\s+[ée]xito|avec\s+succ[èe]s|erfolgreich))?"
    r"\W*",
    re.IGNORECASE,
)
# "Updated the address on #W...": the participle first, then a determiner or an order.
_VERB_FIRST = re.compile(
    rf"\W*{_OPENING}(?P<pred>{_PARTICIPLE})\s+(?P<object>(?:the|your|order|#\s?W\d|it\b|that\b|this\b|"
    r"el|la|los|las|su|le|les|l'|votre|vos|die|der|das|den|ihre?n?)[^.!?]{0,80}?)\W*",
    re.IGNORECASE,
)
# What sets a headline off from the rest of its sentence.
# Only a dash: a colon after a lone participle often opens its definition ("Processed: it is
# packed and with the carrier", a list of statuses).
_SET_OFF = re.compile(r"\s+[\u2013\u2014-]\s")
# Words that make the rest of a headline a clause with its own verb, not an object phrase.
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|shall|may|might|must|do|does|did)\b",
    re.IGNORECASE,
)

# The family a headline's words name; none: a bare "done" about this turn's writes.
_FAMILY_NOUNS = (
    ("address", re.compile(r"address|direcci[oó]n|adresse|anschrift", re.IGNORECASE)),
    ("payment", re.compile(r"payment|billing|\bpago\b|paiement|zahlung", re.IGNORECASE)),
    ("cancel", re.compile(r"cancel|anulad|annul|storn", re.IGNORECASE)),
    ("refund", re.compile(r"refund|reembols|rembours|erstatt", re.IGNORECASE)),
    ("return", re.compile(r"\breturn|devoluci|retour|r[üu]cksend", re.IGNORECASE)),
    ("exchange", re.compile(r"exchang|intercambi|[ée]change|umtausch", re.IGNORECASE)),
)
_COMPLETION = ActionPattern("completion", frozenset(), _SUBJECT_FIRST)

# A ticket note pasted to the customer: an action word and its object, with no verb, then a mark
# of completion ("Order #W...: cancel — done", "exch #W... headphones -> processed", "Return mouse
# (#W...) ✔", "cancel_pending_order on #W... (success)"), or after a tag of a closed ticket
# ("[RESOLVED] ...", "[CLOSED] #W... return (mouse) - submitted").
_NOTE_DONE = (
    r"(?:done|completed?|processed|submitted|success(?:ful)?|succeeded|resolved|closed|"
    r"\u2714\ufe0f?|\u2705|\u2611\ufe0f?|\u2713)"
)
_NOTE_MARKED = re.compile(
    rf"(?P<body>[^\n]{{3,140}}?)(?:\s*(?:[:\u2013\u2014|=-]+>?|\u2192|\(|\[)\s*|\s+)(?P<pred>{_NOTE_DONE})"
    r"\s*[)\].!]*\s*",
    re.IGNORECASE,
)
_NOTE_TAGGED = re.compile(
    r"\W*\[\s*(?P<pred>resolved|done|closed|completed?|fixed|ok)\s*\]\s*(?P<body>[^\n]{3,140})",
    re.IGNORECASE,
)
# The action words of notes, abbreviations and tool names included; the earliest names the family.
_NOTE_ACTIONS = (
    ("address", re.compile(r"\baddr(?:ess)?\b|direcci[oó]n|adresse|anschrift", re.IGNORECASE)),
    ("payment", re.compile(r"\b(?:pmt|payment|billing)\b|\bpago\b|paiement|zahlung", re.IGNORECASE)),
    ("cancel", re.compile(r"\bcanc|\banul|\bannul|\bstorn", re.IGNORECASE)),
    ("return", re.compile(r"\breturn|devoluci|\bretour|r[üu]cksend", re.IGNORECASE)),
    ("exchange", re.compile(r"\bexch|intercambi|[ée]change|umtausch", re.IGNORECASE)),
)
# A note about the refund ("Refund -> PayPal ✅") is read by where the money went (methods.py).
_NOTE_REFUND = re.compile(r"\brefund|\breembols|\brembours|erstatt", re.IGNORECASE)


# A word after the action word that makes it a rule's or a thing's name ("Return label: free ✅").
_NOTE_NOT_ACTION = re.compile(
    r"\w*\s+(?:labels?|polic(?:y|ies)|window|period|fees?|shipping|rules?|instructions|status|options?|"
    r"address(?!\s+(?:change|chg|update)))\b",
    re.IGNORECASE,
)


def _note_family(body: str) -> str | None:
    # "Label: value ✅": the value after the last colon must hold the action or its order.
    value = body.rsplit(":", 1)[-1]
    if ":" in body and not any(cue.search(value) for _, cue in _NOTE_ACTIONS) and not ORDER_REF.search(value):
        return None
    found = [(cue.search(body), family) for family, cue in _NOTE_ACTIONS]
    found = [(m if m and not _NOTE_NOT_ACTION.match(body, m.start()) else None, f) for m, f in found]
    named = [(match.start(), family) for match, family in found if match]
    return min(named)[1] if named else None


def note_claims(answer: str, sentence: tuple[int, int]) -> Iterator[tuple[ActionPattern, re.Match[str]]]:
    """The claim of a sentence written as a ticket note (see _NOTE_MARKED), if it is one."""
    start, end = sentence
    if end - start > 200:
        return
    match = _NOTE_TAGGED.fullmatch(answer, start, end) or _NOTE_MARKED.fullmatch(answer, start, end)
    if match is None:
        return
    body = match.group("body")
    if answer[start:end].rstrip().endswith("?") or NOT_DONE.search(body) or _FINITE.search(body):
        return
    family = _note_family(body)
    refund = _NOTE_REFUND.search(body)
    if family is not None and not (refund and refund.start() < body.lower().find(family[:3])):
        yield _RULES[family], match


def _rule(family: str, pattern: re.Pattern[str]) -> ActionPattern:
    return ActionPattern(family, FAMILY_TOOLS[family], pattern, FAMILY_STATUS.get(family, frozenset()))


_RULES = {family: _rule(family, _SUBJECT_FIRST) for family, _ in _FAMILY_NOUNS}


def headline_claims(
    answer: str, sentence: tuple[int, int], clauses: list[tuple[int, int]] | None = None
) -> Iterator[tuple[ActionPattern, re.Match[str]]]:
    """The claim a sentence written as a headline makes, if it is one (its rule and match): the
    whole sentence, or its first clause when a dash sets it off ("Saved - the new
    address applies to #W...")."""
    start, end = sentence
    if end - start > 240:
        return
    match = _SUBJECT_FIRST.fullmatch(answer, start, end) or _VERB_FIRST.fullmatch(answer, start, end)
    if match is None and clauses and len(clauses) > 1 and _SET_OFF.match(answer, clauses[0][1]):
        first_end = clauses[0][1]
        match = _SUBJECT_FIRST.fullmatch(answer, start, first_end)
    if match is None or (end - start > 140 and match.end() == end):
        return
    text = answer[start:end]
    rest = " ".join(
        part for part in (match.groupdict().get("subject"), match.groupdict().get("object")) if part
    )
    if text.rstrip().endswith("?") or NOT_DONE.search(text) or _FINITE.search(rest):
        return
    family = next((name for name, cue in _FAMILY_NOUNS if cue.search(text)), None)
    yield (_RULES[family] if family else _COMPLETION), match
