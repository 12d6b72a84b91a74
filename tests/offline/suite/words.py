"""How the suite's customers word things: typos, reasons, yeses, payment methods.

The functions draw from the store module's random source, so calling them changes the picks
that follow (build.py builds the categories in a fixed order for that reason).
"""

from __future__ import annotations

from .store import USERS, rng

MISTAKE, NOT_NEEDED = "ordered by mistake", "no longer needed"

CANCEL_TYPOS = [
    "helo, i wnat to cancle my ordr {o}",
    "pls cancel ordr {o}",
    "I need to cancell order {o}",
    "cancle {o} asap",
    "can u cancel {o} for me",
    "i wnat to cancel my order {o}",
    "CANCEL ORDER {o}",
    "canel {o} please",
]
REASON_WORDS = {
    MISTAKE: [
        "ordred by mistke",
        "by accident",
        "i ordered it by mistake",
        "mistake",
        "ordered twice, my bad",
    ],
    NOT_NEEDED: ["dont need it anymore", "no longer need it", "don't need it", "no longer needed"],
}
YES = ["yes", "yes please", "yep", "ok", "sure, go ahead", "yes, do it", "Yes.", "yeah"]


def method_words(user_id: str, method_id: str) -> str:
    method = USERS[user_id]["payment_methods"][method_id]
    if method["source"] == "paypal":
        return rng.choice(["paypal", "my PayPal", "pay pal please"])
    if method["source"] == "gift_card":
        return rng.choice(["my gift card", "the gift card", "giftcard"])
    return rng.choice(
        [f"my {method['brand']}", f"the card ending {method['last_four']}", f"{method['brand']} card"]
    )


def typo(word: str) -> str:
    """One slip of the finger in a word of six letters or more: two letters swapped or one dropped."""
    if len(word) < 6 or not word.isalpha():
        return word
    at = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5:
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word[:at] + word[at + 1 :]
