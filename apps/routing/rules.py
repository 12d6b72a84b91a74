"""Readable rules on top of the classifier: what a support lead would insist on.

Each rule can only make routing more careful (a safer tier, or a person), never less.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from apps.routing.artifact import Thresholds
from apps.routing.labels import FAST, HUMAN, LABELS, REASONING, Tier, safer_tier, tier_for

# Why a message went where it went (RoutingDecision.reason and the audit trail).
REASON_MODEL: Final = "model"
REASON_EMPTY: Final = "empty"
REASON_EXPLICIT_HUMAN: Final = "explicit_human"
REASON_FRUSTRATION: Final = "frustration"
REASON_LOW_CONFIDENCE: Final = "low_confidence"
REASON_STICKY_TRANSACTION: Final = "sticky_transaction"
REASON_ANSWER: Final = "answer_to_agent"

_PERSON = (
    r"(?:human|person|agent|representative|rep|manager|supervisor|operator"
    r"|staff\s+member|somebody|someone)"
)
# "a", "your", "one of your" ... then any of "real", "live", "support" ...
_REAL = (
    r"(?:(?:a|an|the|your|some|one\s+of\s+your)\s+)?"
    r"(?:(?:real|live|actual|human|support|customer\s+service)\s+)*"
)

# A request for a person, phrased so that questions about the bot ("are you a real
# person?") and mentions of people ("the agent said...") do not match.
EXPLICIT_HUMAN: Final = re.compile(
    rf"""
    \b(?:talk|speak|chat)\s+(?:to|with)\s+{_REAL}{_PERSON}\b
    | \b(?:connect|transfer|put|pass|hand)\s+me\s+(?:over\s+|through\s+)?(?:to|with)\s+{_REAL}{_PERSON}\b
    | \b(?:get|give|find)\s+me\s+{_REAL}{_PERSON}\b
    | \b(?:i\s+)?(?:want|need|demand|request)\s+{_REAL}(?:human|person|representative|manager|supervisor)\b
    | \b(?:human|real\s+person|live\s+agent|representative|operator)\s*,?\s*(?:please|pls|plz|now|asap)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Strong words: profanity, insults and name-calling, threats to leave or to escalate outside.
_STRONG_FRUSTRATION: Final = re.compile(
    r"""
    \b(?:fuck\w*|f\*+k\w*|shit\w*|bullshit|wtf|ffs|crap(?:py)?|sucks?|screw\s+(?:you|this))\b
    | \b(?:ridiculous|unacceptable|outrageous|pathetic|useless|incompetent|disgusting|disgraceful)\b
    | \b(?:worst(?!\s+case)|scam\w*|fraud\w*|rip\s*-?\s*off|robbery|furious|livid)\b
    | \b(?:fed\s+up|sick\s+(?:and\s+tired\s+)?of|this\s+is\s+a\s+joke|are\s+you\s+kidding)\b
    | \b(?:charge\s*-?\s*backs?|dispute\s+(?:the|this)\s+charge)\b
    | \b(?:lawyers?|attorneys?|sue\s+you|legal\s+action|bbb|better\s+business\s+bureau|report\s+you)\b
    | \bnever\s+(?:shop\w*|order\w*|buy\w*|com\w*)\s+(?:here|from\s+you|with\s+you|back)(?:\s+again)?\b
    | \b(?:take|taking)\s+my\s+(?:business|money)\s+elsewhere\b
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Shouting: three capitalised words and an exclamation mark, or a burst of "!!!".
_SHOUTED_WORD: Final = re.compile(r"\b[A-Z]{2,}\b")
_EXCLAMATIONS: Final = re.compile(r"!{3,}|(?:\?+!+){2,}|(?:!+\?+){2,}")

_LABELS_FRUSTRATION_OVERRIDES: Final = frozenset({"smalltalk", "faq", "lookup", "transaction"})


def is_explicit_human_request(text: str) -> bool:
    """The customer plainly asks for a person."""
    return EXPLICIT_HUMAN.search(text) is not None


def frustration_signal(text: str, *, label: str) -> str | None:
    """The kind of strong frustration in the text ("words" or "shouting"), or None.

    Punctuation and capitals alone are read as enthusiasm in small talk ("THANK YOU!!!"),
    so they count only for the other labels.
    """
    if _STRONG_FRUSTRATION.search(text):
        return "words"
    if label == "smalltalk":
        return None
    shouting = len(_SHOUTED_WORD.findall(text)) >= 3 and "!" in text
    if shouting or _EXCLAMATIONS.search(text):
        return "shouting"
    return None


@dataclass(frozen=True)
class RuledLabel:
    """The label, tier and reason after the rules."""

    label: str
    tier: Tier
    reason: str


def apply_rules(
    text: str,
    *,
    label: str,
    scores: Mapping[str, float],
    thresholds: Thresholds,
    transaction_open: bool = False,
    answering: bool = False,
    previous_label: str | None = None,
) -> RuledLabel:
    """Turn the classifier's label and probabilities into a routing, rule by rule.

    `answering`: the message answers the question the agent just asked (replies.py): it never
    goes to a person unless it explicitly asks for one (a "human" label becomes what the
    conversation was about, `previous_label`), and an open transaction keeps it on the
    reasoning tier.
    """
    if not text.strip():
        return RuledLabel("smalltalk", "fast", REASON_EMPTY)
    if is_explicit_human_request(text):
        return RuledLabel(HUMAN, "human", REASON_EXPLICIT_HUMAN)
    if answering:
        if frustration_signal(text, label="answer"):
            return RuledLabel("complaint", "reasoning", REASON_FRUSTRATION)
        # The classifier reads a bare "no" or "the second one" without the question: its label
        # stands unless it says "a person", which only an explicit request may mean here.
        kept = previous_label if previous_label in LABELS and previous_label != HUMAN else "smalltalk"
        answer_label = label if label != HUMAN else kept
        tier = tier_for(answer_label)
        if transaction_open and tier == FAST:
            tier = REASONING
        return RuledLabel(answer_label, tier, REASON_ANSWER)
    if label == HUMAN:
        return RuledLabel(HUMAN, "human", REASON_MODEL)
    if label in _LABELS_FRUSTRATION_OVERRIDES and frustration_signal(text, label=label):
        return RuledLabel("complaint", "reasoning", REASON_FRUSTRATION)

    tier = tier_for(label)
    if tier == FAST and is_low_confidence(scores, thresholds):
        return RuledLabel(label, safer_tier(tier, REASONING), REASON_LOW_CONFIDENCE)
    if transaction_open and tier == "fast":
        # A question in the middle of a change stays with the tier that holds the change.
        return RuledLabel(label, "reasoning", REASON_STICKY_TRANSACTION)
    return RuledLabel(label, tier, REASON_MODEL)


def is_low_confidence(scores: Mapping[str, float], thresholds: Thresholds) -> bool:
    """The best label is weak, or nearly tied with a label of another tier."""
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if not ranked or ranked[0][1] < thresholds.min_top_probability:
        return True
    if len(ranked) < 2:
        return False
    (top_label, top), (second_label, second) = ranked[0], ranked[1]
    return tier_for(top_label) != tier_for(second_label) and top - second < thresholds.min_margin
