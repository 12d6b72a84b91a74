"""The guardrails' result types: small frozen dataclasses, like openai-agents' guardrail results."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ClaimKind = Literal[
    "money", "price", "duration", "percentage", "date", "policy", "action", "declared", "unreadable"
]
VerdictKind = Literal["pass", "repair", "block"]


@dataclass(frozen=True)
class Claim:
    """One checkable statement in an answer and what the evidence says about it."""

    text: str  # the words of the answer that make the claim
    kind: ClaimKind
    ok: bool
    evidence: str  # what supports or contradicts it, in a line a supervisor can read
    repair: str | None = None  # the corrected words, when the evidence gives exactly one


@dataclass(frozen=True)
class Verdict:
    """What happens to an answer: sent as it is, sent repaired, or replaced by a safe reply."""

    verdict: VerdictKind
    text: str  # what the customer sees
    claims: tuple[Claim, ...] = ()
    original: str = ""
    handoff: bool = False  # a blocked answer also goes to a person (the admin setting)
    reason: str = ""  # why it tripped: "action", "figures", "policy", "unreadable"; "" when it passed
    micros: int = 0  # time spent checking

    @property
    def tripped(self) -> bool:
        return self.verdict != "pass"

    @property
    def failed(self) -> tuple[Claim, ...]:
        return tuple(claim for claim in self.claims if not claim.ok)


@dataclass(frozen=True)
class Finding:
    """A claim plus where it sits in the answer and how to rewrite it (internal)."""

    claim: Claim
    start: int
    end: int
    replacement: str | None = None
    whole_sentence: bool = False
