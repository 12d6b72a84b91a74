"""Does a customer message explicitly agree to what the agent proposed?

Deliberately strict: the gate runs a write only on a plain yes. Anything hedged ("yes,
but...", "wait", "not yet") or mixed with a no is not agreement; the agent asks again.
"""

from __future__ import annotations

import re

_YES = re.compile(
    r"^\s*(?:(?:yes|yeah|yea|yep|yup|y|sure|ok|okay|confirm(?:ed)?|correct|absolutely|definitely|"
    r"go ahead|please do|do it|proceed|that'?s (?:right|correct|fine)|sounds good|affirmative)\b)",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?:no|nope|not|don'?t|do not|didn'?t|wait|stop|hold on|hang on|never ?mind|but|instead|"
    r"actually|change|rather|unless|maybe|perhaps)\b|\?",
    re.IGNORECASE,
)
_MAX_LENGTH = 160  # a long message is a new request, not a yes


def is_explicit_yes(text: str) -> bool:
    """True for a short, unhedged agreement such as "yes", "Yes please, go ahead." or "ok do it"."""
    cleaned = text.strip()
    if not cleaned or len(cleaned) > _MAX_LENGTH:
        return False
    if "?" in cleaned or _HEDGE.search(cleaned):
        return False
    return bool(_YES.match(cleaned))


def is_explicit_no(text: str) -> bool:
    cleaned = text.strip().lower()
    return bool(re.match(r"^(?:no|nope|nah|n|don'?t|do not|stop|cancel that|never ?mind|not now)\b", cleaned))
