"""Action reports read by their structure (patterns/reports_*.py): an action noun, the phrase
that attaches its object, and a completion predicate, in any of the orders a report takes.

A structural match is a report only when:
- its object phrase holds no modal or other finite verb ("the refund you can request is...");
- the linking verb fits the predicate ("went" goes with "through");
- in the present tense (or with no verb, a headline) it is about a particular thing, not a rule:
  no generic determiner ("a refund is issued..."), no bare plural ("refunds are processed..."),
  and no timing or condition after the predicate ("...within 5 days", "...once we receive it");
- a headline ("Exchange for #W... submitted.") starts its clause; a predicate that comes first
  ("Submitted: the exchange...") has an agent ("I've", "we") or a colon or a determiner after it.
Whether it is a promise ("once you confirm, ...") is decided by the caller, as for every claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from apps.guardrails.patterns.claims import FAMILY_STATUS, FAMILY_TOOLS, ActionPattern, ReportShape
from apps.guardrails.patterns.reports_en import PARTICIPLES, REPORT_SHAPES_EN, STATES
from apps.guardrails.patterns.reports_intl import REPORT_SHAPES_INTL

# Substrings one of the nouns needs (any language): most sentences are ruled out by these.
NOUN_HINTS = (
    "cancel",
    "annul",
    "storn",
    "refund",
    "reimburs",
    "reembols",
    "reintegr",
    "rembours",
    "erstatt",
    "rückzahl",
    "gutschrift",
    "return",
    "rma",
    "devoluci",
    "retour",
    "rücksend",
    "retoure",
    "rückgabe",
    "exchang",
    "cambio",
    "intercambio",
    "canje",
    "échange",
    "umtausch",
    "austausch",
    "swap",
    "replacement",
    "address",
    "direcci",
    "adresse",
    "anschrift",
    "payment",
    "pago",
    "paiement",
    "zahlung",
    "size",
    "colo",
    "item",
    "talla",
    "taille",
    "änderung",
    "wechsel",
    "request",  # "your request to cancel #W... has been granted"
    "pmt",  # a ticket's "pmt method switched"
)
_FAMILIES = ("refund_request", "cancel", "refund", "return", "exchange", "items", "address", "payment")
# The rule each family's structural report is checked by (add_action reads its family, tools and
# statuses; the matching is done here, so its own pattern is only a label).
_RULES = {
    family: ActionPattern(
        "refund" if family == "refund_request" else family,
        FAMILY_TOOLS[family],
        re.compile(family),
        FAMILY_STATUS.get(family, frozenset()),
    )
    for family in _FAMILIES
}
_SHAPES: dict[str, tuple[ReportShape, ...]] = {
    "en": REPORT_SHAPES_EN,
    **{
        language: tuple(s for s in REPORT_SHAPES_INTL if s.language == language)
        for language in ("es", "fr", "de")
    },
}
_STATE = re.compile(rf"(?:{STATES})", re.IGNORECASE)
_TO_VALUE = re.compile(r"\s+to\b", re.IGNORECASE)
_GENERIC_DETERMINERS = frozenset(
    {"a", "an", "any", "every", "each", "all", "no", "some", "un", "una", "cualquier", "todo", "une", "tout"}
    | {"toute", "chaque", "ein", "eine", "jede", "jeder", "jedes", "alle"}
)
_DETERMINER = re.compile(r"([\w']+)\W*$")
# What may come before a headline or a leading predicate in its clause: determiners,
# possessives, an order id, a greeting word.
_HEADLINE_LEAD = re.compile(
    r"^[\W_]*(?:(?:the|your|our|this|that|ok|okay|great|good\s+news|update|also|plus|now|so|and|"
    r"order|el|la|los|las|su|sus|tu|le|les|l'|votre|vos|der|die|das|ihre?n?|unsere?n?|#?W\d{7}'?s?|"
    # a ticket's label: "STATUS: #W... pmt method switched", "[CLOSED] ..."
    r"status|ticket|update|note|internal|resolution|action\s+taken|\[[^\]\n]{1,20}\]|"
    # a modifier of the noun: "Shipping address change for #W... confirmed"
    r"shipping|delivery|mailing|default|billing|home|new|full|partial)"
    r"(?![\w'])[\W_]*)*$",
    re.IGNORECASE,
)
_RELATIVE = frozenset({"whose", "which", "where", "cuyo", "cuya", "dont", "deren", "dessen"})
_PARTICIPLE_IN_GAP = re.compile(rf"\b(?:{PARTICIPLES})\b|\bor\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\s*(?:$|[.,;:!?)\u2013\u2014-]|\s(?:and|but|so|y|et|und)\b)", re.IGNORECASE)
_THROUGH_LINKS = frozenset({"went", "came", "has gone", "have gone", "has come", "have come"})


def _family(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    return next((family for family in _FAMILIES if groups.get(family)), None)


def _is_report(shape: ReportShape, match: re.Match[str], text: str, lead: str, end: int) -> bool:
    family = _family(match)
    if family is None:
        return False
    after = text[match.end() : end]
    if shape.form == "verb":
        agent = match.groupdict().get("agent")
        # English makes the agent optional (a headline may lead with the predicate); the other
        # languages' verb forms always have one, if only the verb's own person ("registramos").
        if agent is not None and (agent.strip() or shape.language != "en"):
            return True
        # A headline that leads with its predicate: an -ed participle ("Set up a return within 30
        # days" is an instruction), then a colon or a definite determiner.
        separated = bool(re.search(r"[:\u2013\u2014-]", match.group("sep") or ""))
        definite = (match.group("det") or "").lower() not in ("", "a", "an")
        return (
            bool(_HEADLINE_LEAD.match(lead))
            and match.group("pred").lower().endswith("ed")
            and (separated or definite)
        )
    gap = match.group("gap") or ""
    if shape.blockers.search(_PARENTHESIS.sub(" ", gap)):  # a product's options are not the sentence's
        return False
    bare = match.groupdict().get("bpred") is not None
    predicate = (match.group("pred") or match.groupdict().get("bpred") or "").lower()
    link = " ".join((match.group("link") or "").lower().replace("\u2019", "'").split())
    noun = match.group(family).lower()
    plural = noun.endswith("s") and not noun.endswith("ss") and shape.language == "en"
    words = _DETERMINER.search(lead)
    determiner = words.group(1).lower() if words else ""
    if shape.language == "en":
        if link in _THROUGH_LINKS and predicate not in ("through", "ahead"):
            return False
        if predicate == "ahead" and link not in _THROUGH_LINKS:
            return False
        if not gap and not plural and link in ("are", "were", "have been"):
            return False  # "items you return are processed": a verb, not the noun
    if determiner in _RELATIVE:
        return False  # "orders whose items were changed": describes, does not report
    if bare and _PARTICIPLE_IN_GAP.search(gap):
        return False  # "return requested or exchange requested: ..." is a list of statuses
    present = bare or link in shape.present
    if present:
        if determiner in _GENERIC_DETERMINERS or (plural and not determiner):
            return False
        if shape.generic.search(after):
            return False
        if (
            shape.language == "en"
            and not bare
            and not (match.group("adv") or "").strip()
            and not _STATE.fullmatch(predicate)
            and not _CLAUSE_END.match(after)
        ):
            return False  # "the refund is issued to the original method": how, not what happened
        if predicate == "in" and not _CLAUSE_END.match(after):
            return False
        if predicate == "set" and not (match.group("adv") or "").strip() and _TO_VALUE.match(after):
            return False  # "the address on #W... is set to 12 Elm Street": what is on file
    if bare:
        if shape.perfect_auxiliaries is not None:
            return bool(shape.perfect_auxiliaries.search(lead) or shape.perfect_auxiliaries.search(gap))
        return bool(_HEADLINE_LEAD.match(lead))
    return True


_PARENTHESIS = re.compile(r"\([^()\n]*\)")
_PRESENT_LINK = re.compile(r"\b(?:is|are|est|sont|ist|sind|es|son)\b", re.IGNORECASE)
_ANY_LINK = re.compile(
    r"\b(?:is|are|was|were|has|have|had|been|est|sont|a|ont|été|ist|sind|wurden?|es|son|ha|han|fue|fueron)\b"
    r"|['\u2019]s\b",
    re.IGNORECASE,
)
_MODAL_AFTER = re.compile(
    r"\b(?:may|might|will|can|could|should|would|takes?|usually|typically)\b", re.IGNORECASE
)
_ANY_GENERIC = tuple({shape.generic for shapes in _SHAPES.values() for shape in shapes})


def reads_as_rule(text: str, match: re.Match[str], clause_end: int) -> bool:
    """A family pattern's match that states how things go rather than what was done: a present
    passive followed by a timing ("le remboursement est effectué sous 5 jours"), or a bare
    participle whose clause goes on with a modal ("the refund processed by your bank may take")."""
    after = text[match.end() : clause_end]
    if _PRESENT_LINK.search(match.group()) and any(generic.search(after) for generic in _ANY_GENERIC):
        return True
    return not _ANY_LINK.search(match.group()) and bool(_MODAL_AFTER.search(after))


def _noun_starts(lowered: str, offset: int) -> list[int]:
    """Where the words holding a noun hint start: the subject forms are tried only there."""
    starts = set()
    for hint in NOUN_HINTS:
        at = lowered.find(hint)
        while at != -1:
            start = at
            while start > 0 and lowered[start - 1].isalnum():
                start -= 1
            starts.add(offset + start)
            at = lowered.find(hint, at + 1)
    return sorted(starts)


def _searches(pattern: re.Pattern[str], text: str, sentence: tuple[int, int]) -> Iterator[re.Match[str]]:
    position = sentence[0]
    while (found := pattern.search(text, position, sentence[1])) is not None:
        yield found
        position = found.start() + 1


def action_reports(
    text: str, sentence: tuple[int, int], clauses: list[tuple[int, int]], language: str
) -> Iterator[tuple[ActionPattern, re.Match[str]]]:
    """The action reports read by structure in a sentence: (the family's rule, the match)."""
    starts = _noun_starts(text[sentence[0] : sentence[1]].lower(), sentence[0])
    if not starts:
        return

    def clause_start(at: int) -> int:
        return next((c[0] for c in clauses if c[0] <= at < c[1]), sentence[0])

    lowered = text[sentence[0] : sentence[1]].lower()
    for shape in _SHAPES.get(language, ()):
        if shape.needs and not any(word in lowered for word in shape.needs):
            continue
        matches: Iterator[re.Match[str] | None]
        if shape.at_clause_start:
            matches = (shape.pattern.match(text, clause[0], sentence[1]) for clause in clauses or [sentence])
        elif shape.form == "subject":
            matches = (shape.pattern.match(text, start, sentence[1]) for start in starts)
        else:
            matches = _searches(shape.pattern, text, sentence)
        done_to = sentence[0]
        for match in matches:
            if match is None or match.start() < done_to:
                continue
            family = _family(match)
            lead = "" if shape.at_clause_start else text[clause_start(match.start()) : match.start()]
            if family is not None and _is_report(shape, match, text, lead, sentence[1]):
                yield _RULES[family], match
                done_to = match.end()
