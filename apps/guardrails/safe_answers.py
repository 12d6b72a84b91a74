"""What the customer sees instead of an answer that failed the guardrails. Our own wording:
honest that nothing was changed or confirmed, never blaming, never quoting the wrong figure."""

from __future__ import annotations

_HANDOFF = " I've asked a colleague from our support team to look at this; they will reply here shortly."
_NO_HANDOFF = " Could you tell me once more what you need, so I can check it properly?"


def safe_reply(reason: str, *, handoff: bool) -> str:
    if reason == "action":
        text = (
            "I'm sorry, I haven't made that change yet, so nothing on your account or order has "
            "changed so far."
        )
    elif reason == "unreadable":
        text = "I'm sorry, I couldn't check my answer against our records before sending it."
    elif reason == "policy":
        text = "I'm sorry, I'm not able to confirm that policy detail right now."
    else:
        text = "I'm sorry, I couldn't confirm the figures in my answer against our records, so I won't guess."
    return text + (_HANDOFF if handoff else _NO_HANDOFF)
