"""Action reports in English read by their structure, not by a list of sentences: an action noun
with its object attached by a preposition and a completion predicate, in either order.

    the exchange on order #W... has been submitted / went through / is underway
    your refund for #W... was issued          the return request for order W... is in
    cancellation of #W... is confirmed        exchange for #W... submitted.
    Submitted: the exchange on order #W...    I've put through the exchange for #W...

action_reports.py applies the rules that tell a report from a rule or a promise (tense,
determiner, what follows the predicate)."""

from __future__ import annotations

import re

from apps.guardrails.patterns.claims import ReportShape

# Nouns that name an action, one group per family. A noun followed by a word that makes it
# something else (the return *policy*, the exchange *rate*) is not an action.
_NOT_THE_ACTION = (
    r"(?!\s+(?:details?|polic(?:y|ies)|window|period|rates?|options?|eligib\w*|instructions?|"
    r"terms|conditions|rules|fees?|costs?|shipping|form|link|status|reasons?|deadline|address|"
    r"method|time\w*|info\w*|steps?|quotes?)\b)"
)
_NOUNS = (
    r"(?:(?P<refund_request>refund\s+(?:requests?|claims?|applications?))"
    r"|(?P<cancel>(?:order\s+)?cancell?ations?(?:\s+requests?)?|cancel\s+requests?|requests?\s+to\s+cancel)"
    r"|(?P<refund>refunds?|reimbursements?)"
    r"|(?P<return>returns?(?:\s+(?:requests?|labels?|authori[sz]ations?|shipments?|slips?))?|RMAs?|"
    r"requests?\s+to\s+return)"
    r"|(?P<exchange>exchanges?(?:\s+(?:requests?|orders?))?|requests?\s+to\s+exchange)"
    r"|(?P<items>(?:item|size|colou?r|variant|option|model|product)\s+(?:changes?|swaps?|updates?|"
    r"modifications?|corrections?)|swaps?|replacement(?:\s+orders?)?)"
    r"|(?P<address>address\s+(?:changes?|updates?|corrections?|modifications?))"
    r"|(?P<payment>payment(?:\s+method)?\s+(?:changes?|updates?|switch(?:es)?)))"
    rf"\b{_NOT_THE_ACTION}"
)
# Objects that only a change makes a claim of: "the address ... has been updated" is one, "the
# address ... has been confirmed" is not (a check, not a change).
_CHANGED_NOUNS = (
    r"(?:(?P<address>(?:(?:shipping|delivery|mailing|default|new|home)\s+)*address(?:es)?)"
    r"|(?P<payment>(?:payment|pmt)\s+(?:method|option|details)s?))\b"
)
# Items, sizes and colours are changed only in the perfect ("the size ... has been changed"):
# "whose items were changed" describes an order, it does not report a change.
_CHANGED_ITEMS = r"(?P<items>items?|sizes?|colou?rs?|options?|variants?)\b"
_ADV = (
    r"(?:now|just|already|also|successfully|officially|fully|finally|all|both|currently|formally|"
    r"properly|duly|completely)"
)
# Participles that report a thing done ("has been submitted"), and states that do ("is underway").
PARTICIPLES = (
    r"submitted|processed|placed|initiated|issued|lodged|filed|logged|raised|opened|created|set\s+up|"
    r"arranged|booked|registered|started|completed|confirmed|finali[sz]ed|approved|accepted|"
    r"authori[sz]ed|sent(?:\s+(?:out|through))?|e-?mailed|requested|entered|recorded|executed|actioned|"
    r"applied|granted|released|made|put\s+through|pushed\s+through|put\s+in|queued|handled|"
    r"taken\s+care\s+of|sorted(?:\s+out)?|triggered|generated|paid(?:\s+out)?|credited|refunded|"
    r"posted|transferred|finished|effected|carried\s+out|ordered|kicked\s+off|fulfilled|dealt\s+with|done"
)
STATES = (
    r"complete|done|through|under\s?way|in\s+(?:progress|process|motion|the\s+works|the\s+system|place)|"
    r"on\s+(?:its|the|their)\s+way|all\s+set|set|confirmed|approved|active|final|good\s+to\s+go|"
    r"successful|being\s+(?:processed|handled|prepared|reviewed|actioned)|ahead|in"
)
_CHANGES = (
    r"updated|changed|modified|corrected|amended|adjusted|switched|replaced|saved|swapped|edited|"
    r"applied|stored|set|in\s+place"
)
# One word of an object phrase: "on", "order", "#W1234567", "$1,234.56" (no clause punctuation),
# or a parenthesis, which holds a product's options: "(blue, 10 hours)".
# A word may end in the comma of a list of objects ("the return of the Tablet, the Kettle and the
# Lamp from #W..."): a comma before a determiner or a capitalised name.
_WORD = (
    r"\s+(?:\([^()\n]{1,60}\)|(?>[^\s.,;:!?]+)(?:[.,](?>[^\s.,;:!?]+))*)"
    r"(?:,(?=\s+(?:the|your|its|a|an|and|(?-i:[A-Z]))\b))?"
)
_GAP = rf"(?P<gap>(?:{_WORD}){{0,16}}?)"
_LINK = (
    rf"(?P<link>\s*['\u2019]s\s+(?:{_ADV}\s+)*been|\s+(?:has|have|had)(?:\s+{_ADV})*\s+been|\s*['\u2019]s"
    r"|\s+(?:was|were|is|are|got|went|came|has\s+gone|have\s+gone|has\s+come|have\s+come))"
)
_PERFECT_LINK = rf"(?P<link>\s*['\u2019]s\s+(?:{_ADV}\s+)*been|\s+(?:has|have|had)(?:\s+{_ADV})*\s+been)"
# A headline has no linking verb ("Exchange for #W... submitted."): its predicate must end the
# clause or lead into the object, so that "the refund processed by your bank" is not one.
_HEADLINE_END = (
    r"(?=\s*(?:$|[^\w\s$#]|\s(?:and|but|so|for|to|on|of|with|via|as|today|just|now|"
    r"successfully|already)\b))"
)


def _subject(nouns: str, predicates: str, link: str = _LINK, headline: bool = True) -> re.Pattern[str]:
    bare = (
        rf"|(?P<sep>\s*[:\u2013\u2014-]\s*|\s+)(?P<bpred>{predicates})\b{_HEADLINE_END}" if headline else ""
    )
    return re.compile(
        rf"\b{nouns}{_GAP}(?:{link}(?P<adv>(?:\s+{_ADV})*)\s+(?P<pred>{predicates})\b"
        rf"{bare})",
        re.IGNORECASE,
    )


_AGENT = (
    r"\b(?P<agent>(?:I|we|(?:the\s+undersigned|our\s+(?:team|staff|warehouse))(?=\s+ha[sd]\s))"
    r"(?:['\u2019]ve|['\u2019]d|\s+have|\s+had|\s+has)?(?:\s+(?:just|already|now|also|"
    r"successfully|gone\s+ahead\s+and|went\s+ahead\s+and|have\s+gone\s+ahead\s+and|go\s+ahead\s+and))*\s+)"
)
# A headline that leads with its predicate ("Submitted: the exchange on #W..."), matched only at
# the start of a clause.
_HEADLINE_START = r"[\W_]*(?:(?:ok|okay|great|so|also|now|just|successfully)\s+)*"
_VERBS = (
    r"submitted|processed|placed|initiated|issued|lodged|filed|logged|raised|opened|created|set\s+up|"
    r"arranged|booked|registered|started|completed|confirmed|finali[sz]ed|approved|accepted|"
    r"authori[sz]ed|sent|e-?mailed|requested|entered|recorded|executed|actioned|applied|granted|"
    r"released|put\s+through|pushed\s+through|put\s+in|queued|handled|taken\s+care\s+of|took\s+care\s+of|"
    r"sorted(?:\s+out)?|triggered|generated|posted|finished|effected|carried\s+out|kicked\s+off|"
    r"proceeded\s+with|performed|completed"
)
# Words between the determiner and the noun: "the full refund", "your Water Bottle exchange";
# never a preposition, which would make the noun another phrase's object ("a note of the exchange").
_MODIFIERS = (
    r"(?P<mods>(?:(?!(?:of|for|about|on|regarding|to|with|from|and|or|but|in|at|by|as|into|that|which|"
    r"if|when|you|me|us)\b)[\w'\u2019#$-]+\s+){0,3}?)"
)


def _verb_first(lead: str, verbs: str = _VERBS) -> re.Pattern[str]:
    return re.compile(
        rf"{lead}(?P<pred>{verbs})(?P<sep>\s*[:\u2013\u2014-]\s*|\s+)"
        rf"(?:(?P<det>the|your|this|that|an?|our|its)\s+)?{_MODIFIERS}{_NOUNS}",
        re.IGNORECASE,
    )


# A performative "we (hereby) confirm the cancellation of #W...": the confirming is the report.
_CONFIRMING = (
    r"\b(?P<agent>(?:I|we)\s+(?:(?:hereby|herewith|formally)\s+|(?:are|am)\s+(?:pleased|happy|glad|writing)"
    r"\s+to\s+|(?:would\s+like|wish)\s+to\s+)*)"
)
# ... of a particular one (a definite determiner), with no time or condition after it: "we
# confirm returns within 2 days" is a rule.
_CONFIRMED = re.compile(
    rf"{_CONFIRMING}(?P<pred>confirm)(?P<sep>\s+)(?P<det>the|your|this|that|our)\s+{_MODIFIERS}{_NOUNS}"
    r"(?![^.;!?]*\b(?:once|when|after|as\s+soon\s+as|within|if|upon|before|until)\b)",
    re.IGNORECASE,
)
# "I've put the exchange for #W... through", "we got your refund processed".
_CAUSATIVE = re.compile(
    rf"\b(?P<agent>(?:I|we)(?:['\u2019]ve|\s+have)?(?:\s+(?:just|already|now|also|successfully|(?:gone|went)"
    r"(?:\s+ahead)?\s+and))*\s+)(?:put|pushed|got|gotten|"
    rf"had)\s+(?:(?P<det>the|your|this|that|an?|our)\s+)?{_MODIFIERS}{_NOUNS}{_GAP}\s+"
    r"(?P<pred>through|in|submitted|processed|approved|placed|issued|done|sorted|started|going|underway|"
    r"moving)\b",
    re.IGNORECASE,
)

# Inside an object phrase: another finite verb or a modal means the predicate is not the noun's.
_BLOCKERS = re.compile(
    r"\b(?:is|are|was|were|has|have|had|be|being|been|do|does|did|will|would|can|could|should|may|"
    r"might|must|shall|once|if|when|after|until|unless|not|no|never|n't|yet|pending|awaiting)\b|n't\b",
    re.IGNORECASE,
)
# After a present-tense predicate: the sentence states a rule, not what happened.
_GENERIC = re.compile(
    r"^\s*(?:(?:with)?in\b|once\b|when\b|whenever\b|after\b|if\b|unless\b|until\b|before\b|as soon as\b|"
    r"usually\b|typically\b|normally\b|generally\b|always\b|automatically\b|only\b|by default\b|"
    r"according\b|per\b|under\b)",
    re.IGNORECASE,
)
_AGENT_WORDS = ("i ", "i'", "i\u2019", "we ", "we'", "we\u2019", "undersigned", "our ")
_PRESENT = frozenset({"is", "are", "'s", "\u2019s", ""})

REPORT_SHAPES_EN: tuple[ReportShape, ...] = (
    ReportShape("en", "subject", _subject(_NOUNS, f"{PARTICIPLES}|{STATES}"), _BLOCKERS, _GENERIC, _PRESENT),
    ReportShape("en", "subject", _subject(_CHANGED_NOUNS, _CHANGES), _BLOCKERS, _GENERIC, _PRESENT),
    ReportShape(
        "en",
        "subject",
        _subject(_CHANGED_ITEMS, _CHANGES, _PERFECT_LINK, headline=False),
        _BLOCKERS,
        _GENERIC,
        _PRESENT,
    ),
    ReportShape("en", "verb", _verb_first(_AGENT), _BLOCKERS, _GENERIC, _PRESENT, needs=_AGENT_WORDS),
    ReportShape(
        "en", "verb", _verb_first(_HEADLINE_START), _BLOCKERS, _GENERIC, _PRESENT, at_clause_start=True
    ),
    ReportShape("en", "verb", _CAUSATIVE, _BLOCKERS, _GENERIC, _PRESENT, needs=_AGENT_WORDS),
    ReportShape("en", "verb", _CONFIRMED, _BLOCKERS, _GENERIC, _PRESENT, needs=("confirm",)),
)
