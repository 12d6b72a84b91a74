"""Reports of a change of state, in the shapes agents write them beyond the verb-first ones of
actions_en / actions_intl, built from the lexicon (apps/guardrails/lexicon.py):

- the object, then what says it happened: "the cancellation of #W... went through", "Address
  change saved for #W...", "le retour pour la commande #W... est validé", "die Rücksendung ...
  angelegt";
- the agent's own work on the object: "I've processed the cancellation", "he registrado la
  devolución", "j'ai enregistré le retour";
- other words for the change itself: "called off", "is being exchanged for", "has been changed to",
  "is now marked for return", "is now paid with", "has had its address changed", "now has ...
  instead", "Cancelled: #W...".

A report is a claim: it needs a successful call of a tool that does it, like every action claim.
Words between the object and its predicate that make it a promise, a condition or a refusal
("the refund *will* be issued", "sera lancé", "nicht") are read by `gap_not_done`.
"""

from __future__ import annotations

import re

from apps.guardrails import lexicon as lx
from apps.guardrails.patterns.actions_en import ACTION_PATTERNS
from apps.guardrails.patterns.claims import ActionPattern

_FAMILY = {rule.family: rule for rule in ACTION_PATTERNS}
_FLAGS = re.IGNORECASE
# Text inside one report: no clause or sentence break (a comma only inside a figure, "$1,234";
# a hyphen only inside a word, "15-inch").
# A parenthesis (a product's options, "(blue, 10 hours)") is one piece of the object phrase.
_GAP = r"(?:\([^()\n]{1,60}\)|[^-,;:!?\n\u2013\u2014]|,(?=\d)|(?<=\w)-(?=\w))"
# Not a claim about the customer's own object: "a return is processed within...", "no refund".
# Not a claim about the customer's own object: "a return is processed within...", "no refund".
# Checked on the words before the object (see gap_not_done) rather than by lookbehinds at every
# position of every sentence, which is slow.
_GENERIC = re.compile(r"(?:^|\W)(?:a|an|any|no|each|every|un|una|une)\s+$", _FLAGS)
_PREDICATE = lx.alternation(lx.PREDICATES)
_CHANGE_PREDICATE = lx.alternation(lx.CHANGE_PREDICATES)
_CHANGES = frozenset({"address", "payment", "items"})
_SELF = "(?:" + "|".join(lx.SELF) + ")"
_DID = lx.alternation(lx.DID)
_DETERMINER = (
    r"(?:(?:the|your|this|that|an?|el|la|los|las|tu|su|una?|le|les|l'|une?|votre|vos|die|den|das|eine?n?|"
    r"ihre?n?|eure?n?)\s*)?"
)
_ORDER = r"(?:#\s?W\d{7}|\border\b|\bpedido\b|\bcommande\b|\bbestellung\b)"
# The subject of "has been changed to" is something other than an item ("the payment method on
# #W... has been switched to PayPal"): read as the payment or address claims instead.
_NOT_AN_ITEM = re.compile(
    r"\b(?:payment|billing|paid|charged|card|paypal|address|shipping to|ships? to|pago|paiement|"
    r"zahlung|adresse|anschrift|direcci)",
    _FLAGS,
)
# A clause about an object the action left alone ("#W... keeps its old address").
# An adverb or a floating quantifier between the auxiliary and the participle: "have both been
# changed to", "were all swapped for", "has now been returned".
_FLOAT = r"(?:(?:now|just|already|both|all|each|successfully|also)\s+){0,2}"
LEFT_ALONE = re.compile(rf"\b(?:{lx.alternation(lx.LEFT_ALONE)})(?!\w)", _FLAGS)
_PARENTHESIS = re.compile(r"\([^()\n]*\)")
_NOT_DONE_IN_GAP = re.compile(rf"\b(?:{lx.NOT_IN_GAP}|{lx.OTHER_SUBJECT})(?!\w)", _FLAGS)


# An action noun that modifies a noun of the rules ("the return policy", "the refund window") names
# the rule, not an action.
_NOT_THE_ACTION = (
    r"(?!\s+(?:polic(?:y|ies)|window|period|rates?|rules?|terms|conditions|process|procedures?|fees?|"
    r"eligibility|deadline|guidelines?|instructions?)\b)"
)


def _noun_report(family: str) -> str:
    """The family's object, then what says it happened: "the cancellation of #W... went through"."""
    nouns = lx.alternation(lx.NOUNS[family])
    predicate = _CHANGE_PREDICATE if family in _CHANGES else _PREDICATE
    return (
        rf"\b(?P<object>{nouns})(?!\w){_NOT_THE_ACTION}(?P<gap_{family}_noun>{_GAP}{{0,70}}?)"
        rf"(?<!\w)(?:(?:has|have|had|was|were|is|are|'s|ha|han|fue|fueron|est[aá]|qued[oó]|"
        rf"a|ont|est|sont|wurde|wurden|ist|sind)\s+(?:now\s+|just\s+|already\s+|been\s+|sido\s+|été\s+|bien\s+|"
        rf"bereits\s+|schon\s+|ya\s+)*)?(?:{predicate})(?!\w)"
    )


def _self_report(family: str) -> str:
    """The agent's own work on the family's object: "I've processed the cancellation"."""
    nouns = lx.alternation(lx.NOUNS[family])
    return (
        rf"{_SELF}\s+(?:{_DID})\s+{_DETERMINER}(?P<gap_{family}_self>{_GAP}{{0,30}}?)"
        rf"(?<!\w)(?:{nouns})(?!\w){_NOT_THE_ACTION}"
    )


def _self_change(family: str) -> str:
    """The agent changing the family's object, in the other languages: "he cambiado la dirección"."""
    nouns = lx.alternation(lx.NOUNS[family])
    return (
        rf"{_SELF}\s+(?:{lx.alternation(lx.CHANGE_VERBS_INTL)})\s+{_DETERMINER}"
        rf"(?P<gap_{family}_change>{_GAP}{{0,30}}?)(?<!\w)(?:{nouns})(?!\w){_NOT_THE_ACTION}"
    )


def _rule(
    family: str, body: str, hints: tuple[str, ...], unless: re.Pattern[str] | None = None
) -> ActionPattern:
    base = _FAMILY[family]
    return ActionPattern(family, base.tools, re.compile(body, _FLAGS), base.status, unless, hints)


_CHANGE = lx.alternation(lx.CHANGE_VERBS)
# Money going back to the customer ("sent back to your card"), not an item ("on your behalf").
_TO_YOU = (
    r"(?:to you|to your|onto your|into your|on your (?:card|account|gift|paypal|visa|mastercard|credit|"
    r"original))"
)
_CANCEL = lx.alternation(lx.CANCEL_VERBS)
_NOUN = lx.NOUN_HINTS
_CHANGED = ("changed", "updated", "switched", "swapped", "upgraded", "converted", "modified")

# One pattern per shape, each behind the substrings it cannot match without: most sentences
# run none of them.
CHANGE_ACTION_PATTERNS: tuple[ActionPattern, ...] = (
    _rule("cancel", rf"{_noun_report('cancel')}|{_self_report('cancel')}", _NOUN["cancel"]),
    _rule(
        "cancel",
        rf"{_SELF}\s+(?:{_CANCEL})\s+(?:off\s+)?{_DETERMINER}(?:order|purchase|#\s?W\d|it\b)",
        lx.CANCEL_HINTS,
    ),
    # the particle after its object: "I've called it off", "we called #W... off"
    _rule(
        "cancel",
        rf"{_SELF}\s+called\s+(?:it|that|this|{_DETERMINER}(?:order|purchase)|(?:order\s+)?#\s?W\d{{7}})\s+off\b",
        ("called",),
    ),
    _rule(
        "cancel",
        r"#\s?W\d{7}\s*(?:[-\u2013\u2014:\u2192]\s*|[-=]>\s*|(?:is|'s)\s+now\s+)?cancell?ed\b"
        # an order that is no longer active, or that has been voided / called off
        r"|(?:#\s?W\d{7}|\border)\s+(?:is|'s|has been)\s+no longer\s+(?:active|live|going ahead)\b"
        r"|(?:#\s?W\d{7}|\border)\s+(?:has been|'s been|was|got)\s+(?:voided|called off|scrapped|withdrawn)\b"
        r"|(?:^|(?<=[\s(]))cancell?ed\s*[-\u2013\u2014:]\s*(?:order\s*)?#?\s?W\d{7}",
        ("cancel", "no longer", "voided", "called off", "scrapped", "withdrawn"),
    ),
    _rule("refund", rf"{_noun_report('refund')}|{_self_report('refund')}", _NOUN["refund"]),
    _rule(
        "refund",
        rf"\b(?:has|have|was|were) {_FLOAT}(?:been )?(?:sent|paid|credited|transferred|put|"
        rf"refunded) back {_TO_YOU}\b"
        rf"|{_SELF}\s+(?:sent|paid|credited|transferred|put|returned)\s+(?P<gap_refund_back>{_GAP}{{0,60}}?)"
        rf"\bback {_TO_YOU}\b",
        ("back to you", "back on you", "back onto you", "back into you"),
    ),
    _rule("return", rf"{_noun_report('return')}|{_self_report('return')}", _NOUN["return"]),
    _rule(
        "return",
        r"\bmarked (?:for|as) (?:a )?return(?:ed)?\b"
        rf"|\b(?:logged|marked|booked|registered|recorded|flagged|set)\b"
        rf"(?P<gap_return_as>{_GAP}{{0,60}}?) as "
        r"(?:coming back|being returned|returned|a return|on its way back)\b"
        rf"|\b(?:has|have) {_FLOAT}been (?:returned|sent back)\b(?! to you)"
        r"|\b(?:is|are|'s) (?:now )?(?:on (?:its|their) way back to us|coming back to us|"
        r"heading back to us)\b",
        ("return", "back"),
    ),
    _rule(
        "return",
        rf"\blabel\b(?P<gap_return_label>{_GAP}{{0,70}}?)\b(?:has|have|was|were|is|'s)"
        r"(?: now| just| already)?"
        r"(?: been)? (?:emailed|e-mailed|sent|mailed|attached|in your (?:inbox|email|e-mail|mailbox))",
        ("label",),
    ),
    _rule("exchange", rf"{_noun_report('exchange')}|{_self_report('exchange')}", _NOUN["exchange"]),
    _rule(
        "exchange",
        r"\b(?:is|are|'s) (?:now )?being exchanged\b"
        rf"|\b(?:has|have|had|was|were) {_FLOAT}(?:been )?exchanged (?:for|with)\b",
        ("exchanged",),
    ),
    # Swapped or replaced: an exchange of a delivered item or a change of a pending order's item.
    _rule(
        "items",
        r"\b(?:is|are|'s) (?:now )?being (?:swapped|replaced)\b"
        rf"|\b(?:has|have|had|was|were) {_FLOAT}(?:been )?(?:swapped|replaced) (?:for|with)\b",
        ("swapped", "replaced"),
        _NOT_AN_ITEM,
    ),
    _rule(
        "address",
        rf"{_noun_report('address')}|{_self_change('address')}"
        r"|\bhad (?:its|the|their|your) (?:shipping |delivery |default )?address "
        r"(?:changed|updated|corrected|modified|replaced)\b"
        rf"|\baddress (?:on|for) (?P<gap_address_now>{_GAP}{{0,30}}?)\bis now (?=\d|set to|updated)"
        rf"|{_SELF}\s+(?:{_CHANGE})\s+(?:the |your )?(?P<gap_address_to>{_GAP}{{0,40}}?)\baddress\b"
        # a new address put on an order, or a street saved as the address: "I've put the new
        # address on #W...", "I've saved 9 Quay Lane as your default address"
        rf"|{_SELF}\s+(?:put|set|added|entered|saved)\s+(?:the |your )?new (?:shipping |delivery )?address "
        r"(?:on|to|onto|for|in)\b"
        rf"|{_SELF}\s+(?:saved|set|made|added|stored|entered|recorded)\s+(?P<gap_address_as>[^.;:!?\n]{{1,60}}?)"
        r"\bas (?:the|your) (?:(?:new|default|shipping|delivery|home|primary) )*address\b",
        _NOUN["address"],
    ),
    _rule(
        "payment",
        rf"{_noun_report('payment')}|{_self_change('payment')}"
        rf"|{_SELF}\s+(?:set|made|selected|chosen)\s+(?P<gap_payment_as>{_GAP}{{1,40}}?)\bas (?:the|your) "
        r"(?:new |default )?(?:payment|billing)"
        rf"|\b(?:payment(?: method)?|billing)\b(?P<gap_payment_to>{_GAP}{{0,40}}?)(?:has|have|was|were|is)"
        rf"(?: now| just)?(?: been)? (?:{_CHANGE}|transferred)(?: over)? to\b"
        rf"|{_SELF}\s+(?:{_CHANGE}|transferred|put)\s+(?:the |your )?(?:order'?s? )?(?:payment|billing)\b",
        _NOUN["payment"],
    ),
    _rule(
        "payment",
        r"\b(?:is|are) now (?:being )?(?:paid|charged|billed) (?:with|to|on|via|through|by|using)\b",
        ("now paid", "now charged", "now billed", "now being"),
    ),
    _rule(
        "payment",
        r"(?:#\s?W\d{7}|\b(?:order|it))\s+will be (?:charged|billed|paid) [^;:!?\n]{0,50}?\bfrom now on\b",
        ("from now on",),
    ),
    _rule("items", _noun_report("items"), ("change",), unless=_NOT_AN_ITEM),
    _rule(
        "items",
        rf"\b(?:has|have|had|was|were|is|are|'s) {_FLOAT}(?:been )?(?:changed|updated|"
        r"switched|swapped|upgraded|converted|modified) (?:over )?to\b",
        _CHANGED,
        unless=_NOT_AN_ITEM,
    ),
    _rule(
        "items",
        rf"{_SELF}\s+(?:{_CHANGE})\s+(?:the |your )(?P<gap_items_to>{_GAP}{{1,60}}?)"
        r"\b(?:over )?to (?:the|a|an)\b",
        (*_CHANGED, "moved", "amended", "set "),
        unless=_NOT_AN_ITEM,
    ),
    _rule(
        "items",
        r"\bnow (?:has|contains|includes|shows) [^;:!?\n]{1,80}?\binstead\b",
        ("instead",),
        _NOT_AN_ITEM,
    ),
    _rule(
        "items",
        rf"\b(?:size|colou?r|capacity|option|variant|version|model)\b(?P<gap_items_now>{_GAP}{{0,40}}?)"
        r"\b(?:is|are) now\b",
        ("is now", "are now"),
        _NOT_AN_ITEM,
    ),
)


def gap_not_done(match: re.Match[str]) -> bool:
    """Whether the words inside a report make it a promise, a condition or a refusal, or give its
    predicate another subject ("the address they were placed with")."""
    groups = match.groupdict()
    if groups.get("object") and _GENERIC.search(
        match.string[max(0, match.start("object") - 8) : match.start("object")]
    ):
        return True
    # Words inside a parenthesis are a product's options ("(wireless: no)"), not the sentence's.
    return any(
        gap and _NOT_DONE_IN_GAP.search(_PARENTHESIS.sub(" ", gap))
        for name, gap in groups.items()
        if name.startswith("gap_")
    )


# After a noun report's predicate, what ends its clause ("... went through.", "... is in, and").
_CLAUSE_END = re.compile(r"\s*(?:$|[.,;:!?)\u2013\u2014-]|\s(?:and|but|so)\b)", _FLAGS)
_PRESENT_EN = re.compile(r"(?:is|are|'s)\s", _FLAGS)
_PLURAL_VERB_EN = re.compile(r"(?:are|were)\s", _FLAGS)
_ADVERB_EN = re.compile(r"\b(?:now|just|already)\b", _FLAGS)
_STATE_EN = re.compile(r"\b(?:through|in place|in|live|active|on file|all set|sorted|done)\s*$", _FLAGS)


def noun_report_is_rule(match: re.Match[str], clause_end: int) -> bool:
    """Whether an English noun report ("the refund is issued ...") states how things go rather
    than what was done: the noun used as a verb ("items you return are processed quickly"), or
    a bare present predicate that goes on in its clause ("the refund is issued to the original
    payment method"). A present state ("is now through", "is in.") stays a report."""
    gap = next((name for name in match.groupdict() if name.endswith("_noun")), None)
    if gap is None or match.group(gap) is None:
        return False
    noun = match.group("object").lower()
    tail = match.string[match.end(gap) : match.end()].lstrip()
    if not match.group(gap).strip() and _PLURAL_VERB_EN.match(tail) and not noun.endswith("s"):
        return True
    after = match.string[match.end() : clause_end]
    return bool(
        _PRESENT_EN.match(tail)
        and not _ADVERB_EN.search(tail)
        and not _STATE_EN.search(tail)
        and not _CLAUSE_END.match(after)
    )
