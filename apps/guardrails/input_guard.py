"""The input guard: a customer's message is measured and read for attempts to instruct the agent.

It only reports. Flagging a message never grants or removes anything: what the agent may do is
decided by the conversation's principal at `tool_execute`, and nothing in a message, a fact or
a tool observation reaches that check. The turn refuses oversized messages with the error
below and records flagged ones in the audit trail.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field

# (flag, pattern): each names the trick it catches, so the audit trail says what was seen.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (flag, re.compile(pattern, re.IGNORECASE))
    for flag, pattern in (
        (
            "ignore_instructions",
            r"\b(?:ignore|disregard|forget|override|bypass|skip)\b[^.!?\n]{0,40}\b(?:previous|prior|above|"
            r"earlier|all|any|your|the|these|those|system)\b[^.!?\n]{0,30}\b(?:instructions?|rules?|prompts?|"
            r"polic(?:y|ies)|guidelines?|directives?|constraints?|restrictions?)",
        ),
        (
            "new_identity",
            r"\byou are now\b|\bfrom now on,? you(?:'re| are| will)\b|\byour new (?:role|instructions?|task)"
            r" is\b",
        ),
        (
            "system_prompt",
            r"\b(?:system|developer|hidden|initial|original)\s+(?:prompt|message|instructions?)\b|"
            r"\b(?:reveal|show|print|repeat|output|leak|tell me)\b[^.!?\n]{0,30}\b(?:prompt|instructions"
            r"|rules)\b",
        ),
        (
            "mode_switch",
            r"\b(?:developer|debug|god|admin|sudo|jailbreak|unrestricted|dan)\s+mode\b|\bdo anything now\b",
        ),
        (
            "role_claim",
            r"\b(?:act|acting|behave|respond|pretend)\s+(?:as|like)\s+(?:an?\s+)?(?:admin\w*|administrator"
            r"|supervisor|"
            r"developer|root|system|manager|staff)\b|\bas an? (?:admin\w*|administrator|supervisor|developer"
            r"|employee|"
            r"manager)\b[^.!?\n]{0,40}\b(?:authori[sz]e|approve|allow|grant|order|instruct)|\bi am (?:an? "
            r"|the )?"
            r"(?:admin\w*|administrator|developer|supervisor|ceo|owner)\b",
        ),
        (
            "markup",
            r"</?\s*(?:system|assistant|developer|instructions?|tool|im_start|im_end)\s*>|<\|im_(?:start"
            r"|end)\|>|\[/?INST\]|###\s*(?:system|instruction)",
        ),
        (
            "role_play",
            r"\b(?:let's|lets|we will|we'll)\s+(?:play|pretend|role[- ]?play)\b|\bpretend (?:that )?you\b|"
            r"\bimagine you(?:'re| are)\b[^.!?\n]{0,40}\b(?:no|without)\s+(?:rules|restrictions|limits)|"
            r"\bhypothetically\b[^.!?\n]{0,40}\b(?:no|without)\s+(?:rules|restrictions)",
        ),
        (
            "tool_forcing",
            r"\b(?:call|run|execute|invoke|use)\s+(?:the\s+)?(?:tool|function)\b|\b(?:cancel_pending_order|"
            r"modify_pending_order_\w+|modify_user_address|return_delivered_order_items|"
            r"exchange_delivered_order_items|transfer_to_human_agents|get_user_details)\s*\(",
        ),
        (
            "other_customer",
            r"\b(?:another|other|someone else'?s?|a different)\s+(?:customer|user"
            r"|account)'?s?\b[^.!?\n]{0,40}"
            r"\b(?:order|account|address|details|data)\b|\bskip (?:the )?(?:verification|authentication)\b",
        ),
    )
)
_BASE64 = re.compile(r"(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=])")


@dataclass(frozen=True)
class InputFinding:
    """What the input guard saw in a message. `allowed` is False only for an oversized one."""

    flags: tuple[str, ...] = ()
    injection: bool = False
    too_long: bool = False
    error: str = ""  # the clear error for the customer when the message is refused
    matches: tuple[str, ...] = field(default=(), repr=False)  # the words that raised each flag

    @property
    def allowed(self) -> bool:
        return not self.too_long


def _looks_encoded(token: str) -> bool:
    if len(set(token)) < 12 or not (re.search(r"[A-Z]", token) and re.search(r"[a-z]", token)):
        return False
    try:
        decoded = base64.b64decode(token + "=" * (-len(token) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    printable = sum(32 <= byte < 127 or byte in (9, 10, 13) for byte in decoded)
    return printable / max(len(decoded), 1) > 0.9


def inspect_message(text: str, *, max_chars: int | None = None) -> InputFinding:
    """Measure a customer's message and flag attempts to instruct the agent (no side effects)."""
    if max_chars is None:
        from apps.core.conf import product_setting

        max_chars = int(product_setting("MAX_MESSAGE_CHARS"))
    if len(text) > max_chars:
        return InputFinding(
            flags=("too_long",),
            too_long=True,
            error=(
                f"Your message is {len(text):,} characters long; the limit is {max_chars:,}. "
                "Please shorten it or send it in parts."
            ),
        )
    flags, matches = [], []
    for flag, pattern in _PATTERNS:
        match = pattern.search(text)
        if match:
            flags.append(flag)
            matches.append(match.group()[:120])
    for token in _BASE64.findall(text):
        if _looks_encoded(token):
            flags.append("encoded_payload")
            matches.append(token[:60])
            break
    return InputFinding(flags=tuple(flags), injection=bool(flags), matches=tuple(matches))
