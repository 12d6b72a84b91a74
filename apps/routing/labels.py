"""The router's six labels and the model tier each one is served by."""

from __future__ import annotations

from typing import Final, Literal

Tier = Literal["fast", "reasoning", "human"]

LABELS: Final[tuple[str, ...]] = ("smalltalk", "faq", "lookup", "transaction", "complaint", "human")

FAST: Final = "fast"
REASONING: Final = "reasoning"
HUMAN: Final = "human"

TIER_BY_LABEL: Final[dict[str, Tier]] = {
    "smalltalk": "fast",
    "faq": "fast",
    "lookup": "fast",
    "transaction": "reasoning",
    "complaint": "reasoning",
    "human": "human",
}

# How much care a tier gives a message; rules only ever move a message up this scale.
_TIER_RANK: Final[dict[str, int]] = {"fast": 0, "reasoning": 1, "human": 2}


def tier_for(label: str) -> Tier:
    """The tier that serves a label."""
    return TIER_BY_LABEL[label]


def safer_tier(current: Tier, candidate: Tier) -> Tier:
    """Whichever of the two tiers gives the message more care."""
    return candidate if _TIER_RANK[candidate] > _TIER_RANK[current] else current
