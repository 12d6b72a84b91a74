"""Figures in the customer's own words: "you mentioned you were charged $X", "you were told the
window is 60 days", "vous avez indiqué 45,00 $". The agent repeats them to answer them; they are
not the agent's claims, so no figure check holds them to the evidence.

The customer's words run from a reporting verb whose subject is the customer to the end of its
sentence, unless a later clause takes the word back: a contrast ("but", "however", "actually"), a
semicolon or dash, or a clause whose subject is the agent ("I've checked", "we show"). A reporting
verb that agrees ("as you said") does not make the figure the customer's: the agent states it too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from apps.guardrails import patterns as p
from apps.guardrails.reader import ReaderBase
from apps.guardrails.types import ClaimKind

# The customer reporting, being told, or having seen something: in English (after "you"; "as
# you said" agrees, so it is left out), and in Spanish, French and German.
_REPORTING = re.compile(
    r"\byou(?<!\bas you)(?<!\blike you)(?:'ve|'d|\u2019ve|\u2019d)?\s+"
    r"(?:also\s+|just\s+|originally\s+)?"
    r"(?:(?:have|had)\s+)?(?:mentioned|said|wrote|written|told (?:us|me)|let (?:us|me) know|stated|"
    r"noted|quoted|claimed|reported|"
    r"indicated|saw|seen|heard|read|thought|believed|expected|assumed|remembered|recalled|"
    r"(?:were|was|have been|had been|been|got) (?:told|quoted|promised|offered|shown|given)|"
    r"were under the impression|came across|found|spotted|asked (?:if|whether)|wondered (?:if|whether))\b"
    r"|\baccording to (?:you|your (?:message|note|email))\b",
    re.IGNORECASE,
)
_REPORTING_FOREIGN = re.compile(
    r"\b(?:usted|tú|tu)\s+(?:nos\s+)?(?:mencion[oó]|dijo|dijiste|escribi[oó]|indic[oó]|coment[oó]|vio)\b"
    r"|\bvous (?:nous )?(?:avez|aviez) (?:mentionn[ée]|dit|[ée]crit|indiqu[ée]|signal[ée]|vu|lu)\b"
    r"|\bSie (?:haben|hatten) (?:uns )?(?:\w+\s+){0,4}?(?:erw[äa]hnt|geschrieben|gesagt|angegeben|gesehen)\b"
    r"|\bSie (?:erw[äa]hnten|schrieben|sagten)\b",
    re.IGNORECASE,
)
_FOREIGN_HINTS = ("usted", "tú", "tu ", "vous", "sie ")
_DOCUMENT_HINTS = (
    "shot",
    "mail",
    "receipt",
    "invoice",
    "message",
    "note",
    "statement",
    "photo",
    "picture",
    "attach",
    "quote",
    "ad ",
    "advert",
    "listing",
    "flyer",
    "letter",
    "text",
)
# Something of the customer's that shows a figure: "your screenshot shows", "the email you
# forwarded lists", "your receipt says".
_CUSTOMERS_DOCUMENT = re.compile(
    r"\b(?:your|the)\s+(?:\w+\s+)?(?:screenshot|e-?mail|receipt|invoice|message|note|statement|photo|"
    r"picture|attachment|quote|ad|advert|listing|flyer|letter|text)s?\b"
    r"(?:\s+(?:that\s+)?you\s+(?:\w+\s+)?(?:sent|forwarded|attached|shared|uploaded|got|received|saw|found))?"
    r"\s+(?:shows?|showed|says?|said|lists?|listed|reads?|mentions?|states?|quotes?|has|had)\b",
    re.IGNORECASE,
)
# A figure the sentence denies: "there's no $25 fee", "you weren't charged $600", "I can't find a
# charge of $99.00". A comparison after the negation ("no more than $10") is still a claim.
_DENIAL = re.compile(
    r"(?:\bno|\bnot|n['\u2019]t|\bnever|\bwithout|\bnothing like)\b(?:\s+[\w']+){0,5}?\s*$", re.IGNORECASE
)
_COMPARED = re.compile(r"\b(?:more|less|over|under|above|below|beyond|except|but|only|just)\b", re.I)


def denied(answer: str, sentence: tuple[int, int], at: int) -> bool:
    """Whether the figure at `at` is one the sentence says is not there ("there's no $25 fee")."""
    lead = answer[max(sentence[0], at - 50) : at]
    denial = _DENIAL.search(lead)
    return denial is not None and not _COMPARED.search(denial.group())


# A question about what a figure is or where it came from ("Are you asking about a $500 charge?",
# "Is the $510 on your statement a hold?", "Where did the $99 come from?"), not an offer of it.
_ASKS_ABOUT = re.compile(
    r"^\W*(?:(?:are|were) you (?:asking|talking|thinking|writing) about|(?:do|did) you mean|"
    r"(?P<near>(?:is|was|could|might|would) (?:the|that|this|a))\b|where (?:did|does|do)|what (?:is|was)|"
    r"what's|which)\b",
    re.IGNORECASE,
)
_OFFER = re.compile(
    r"\b(?:shall|should I|would you like|do you want|want me|like me|can I|may I|let me)\b", re.IGNORECASE
)


# "A 10% restocking fee? No, we never charge one.": a question that echoes a figure, answered by a
# denial right after it.
_ECHO_DENIED = re.compile(
    r"\W*(?:no|nope|not at all|never|not really|absolutely not|nein|non)\b", re.IGNORECASE
)


def echoed_and_denied(answer: str, sentence: tuple[int, int]) -> bool:
    """Whether the sentence is a question the next sentence answers with a denial."""
    text = answer[sentence[0] : sentence[1]].rstrip()
    if not text.endswith("?") or _OFFER.search(text):
        return False
    return bool(_ECHO_DENIED.match(answer, sentence[1]))


def asked_about(answer: str, sentence: tuple[int, int], at: int) -> bool:
    """Whether the figure at `at` is what a question asks about rather than something it states."""
    text = answer[sentence[0] : sentence[1]].rstrip()
    if not text.endswith("?") or _OFFER.search(text):
        return False
    opener = _ASKS_ABOUT.match(text)
    if opener is None or "," in answer[sentence[0] : at]:
        return False
    # "Is the $510 on your statement a hold?" asks about the figure; "Is the price of $X okay?"
    # states it: after "is the" the figure must come first.
    return not opener.group("near") or sentence[0] + opener.end() >= at - 2


# What ends the customer's words inside a sentence: a contrast, or the agent speaking.
_TAKEN_BACK = re.compile(
    r"^\s*(?:(?:and|so)\s+)?(?:but|however|though|although|whereas|while|actually|in fact|yet|still|instead|"
    r"indeed|in reality|sure enough|"
    r"pero|sin embargo|mais|cependant|en fait|aber|jedoch|allerdings)\b"
    r"|^\s*(?:so\s+|and\s+|then\s+)?(?:I|I've|I'd|I'm|we|we've|we're|our|my|here|"
    r"yo|nosotros|je|j'|nous|ich|wir)\b",
    re.IGNORECASE,
)
_HARD_BREAK = re.compile(r"[;\u2014]|\s[-\u2013]\s")


@lru_cache(maxsize=512)
def _reporting_ends(sentence_text: str) -> tuple[int, ...]:
    """Where the customer's words may start in a sentence: the ends of its reporting verbs, sorted.
    Once per sentence: every figure and clause of it asks."""
    lowered = sentence_text.lower()
    ends = [m.end() for m in _REPORTING.finditer(sentence_text)] if "you" in lowered else []
    if any(hint in lowered for hint in _FOREIGN_HINTS):
        ends += [m.end() for m in _REPORTING_FOREIGN.finditer(sentence_text)]
    if any(hint in lowered for hint in _DOCUMENT_HINTS):
        ends += [m.end() for m in _CUSTOMERS_DOCUMENT.finditer(sentence_text)]
    return tuple(sorted(ends))


def in_customer_words(answer: str, sentence: tuple[int, int], at: int) -> bool:
    """Whether the figure at `at` lies in what the answer reports the customer said, was told or saw."""
    ends = _reporting_ends(answer[sentence[0] : sentence[1]])
    before = [end for end in ends if end <= at - sentence[0]]
    if not before:
        return False
    between_start = sentence[0] + before[-1]
    between = answer[between_start:at]
    if _HARD_BREAK.search(between):
        return False
    # Each later clause may take the word back: it starts with a contrast or the agent's "I"/"we".
    return not any(
        _TAKEN_BACK.match(answer[boundary.start() : at].lstrip(" ,:\n"))
        for boundary in p.CLAUSE.finditer(answer, between_start, at)
    )


_STRUCK = re.compile(r"~~[^~\n]+~~")


@lru_cache(maxsize=256)
def _struck_spans(answer: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in _STRUCK.finditer(answer)) if "~~" in answer else ()


def struck_out(answer: str, at: int) -> bool:
    """Whether the figure at `at` is struck out in markdown ("~~$2,520.04~~ $2,502.04")."""
    return any(start < at < end for start, end in _struck_spans(answer))


class CustomerWords(ReaderBase):
    """The figure checks' common first step: a figure in the customer's own words, or one the
    sentence denies, is noted as such."""

    def said_by_customer(self, kind: ClaimKind, start: int, end: int, sentence: tuple[int, int]) -> bool:
        """True (and an ok finding added) when the figure at start..end is the customer's words."""
        if struck_out(self.answer, start):
            self.add(kind, start, end, True, "struck out (~~...~~): a correction, not a claim")
            return True
        if in_customer_words(self.answer, sentence, start):
            self.add(kind, start, end, True, "the customer's own words, repeated: not a claim")
            return True
        if echoed_and_denied(self.answer, sentence):
            self.add(kind, start, end, True, "a figure the answer echoes and denies: not a claim")
            return True
        if kind == "money" and asked_about(self.answer, sentence, start):
            self.add(kind, start, end, True, "a figure the question asks about: not a claim")
            return True
        if kind == "money" and denied(self.answer, sentence, start):
            self.add(kind, start, end, True, "a figure the sentence says is not there: not a claim")
            return True
        return False
