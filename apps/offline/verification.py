"""Proving who the customer is: when the gate says verification is required, the engine emails
a one-time code (through the same tool a model would use) and checks the code the customer
types. Kept apart from the dialogue flows: they only see an observation that stopped them."""

from __future__ import annotations

import re
from typing import Any

# The turn and its observations are passed in (apps/offline/turn.py calls this module), typed
# loosely here so the two modules do not import each other.
Turn = Any
Observed = Any

SEND_TOOL = "send_verification_code"
CHECK_TOOL = "verify_identity_code"
CODE = re.compile(r"(?<![\d#W])(\d{6})(?!\d)")
# Wrong codes in a row before a person takes over (the gate limits attempts too).
MAX_CODE_TRIES = 3


def needs_verification(observation: Observed) -> bool:
    return observation.text.lstrip().lower().startswith("error: verification required")


def code_in(text: str) -> str | None:
    found = CODE.search(text)
    return found.group(1) if found else None


def code_sent(turn: Turn) -> str:
    """Email the code and say so (raises NeedCall until the send has run)."""
    sent = turn.call(
        SEND_TOOL, {}, "Thought: the customer is identified but not verified; I will email a code."
    )
    if not sent.ok:
        turn.slots.pop("awaiting_code", None)
        turn.slots["offer_human"] = True
        return (
            "I couldn't send you a verification code just now. Would you like me to bring in a member "
            "of our team?"
        )
    turn.slots["awaiting_code"] = True
    return (
        "To keep your account safe, I've emailed a 6-digit code to the address we have on file. "
        "Please type the code here and I'll carry on."
    )


def code_check(turn: Turn, code: str) -> str | None:
    """Check the code; None when it worked (the caller carries on), else the reply."""
    checked = turn.call(
        CHECK_TOOL, {"code": code}, "Thought: the customer typed their code; I will check it."
    )
    if checked.ok:
        turn.slots.pop("awaiting_code", None)
        turn.slots.pop("code_tries", None)
        turn.context.verified = True
        return None
    tries = turn.slots["code_tries"] = int(turn.slots.get("code_tries", 0)) + 1
    if tries >= MAX_CODE_TRIES or "too many" in checked.text.lower():
        turn.slots.pop("awaiting_code", None)
        turn.slots["offer_human"] = True
        return "That code didn't work either. Would you like me to bring in a member of our team?"
    return "That code doesn't match. Could you check the email and type the 6 digits again?"
