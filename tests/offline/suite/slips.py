"""Customers who slip: typos (typos), corrections before the yes (corrections), and a change
of mind that must leave everything as it was (changing-mind)."""

from __future__ import annotations

from .cases import add, cancelled, ends, readdressed, return_requested, unchanged
from .store import email, rng, users_with
from .words import CANCEL_TYPOS, MISTAKE, NOT_NEEDED, REASON_WORDS, YES, typo


def typo_conversations() -> None:
    for n, (user_id, orders) in enumerate(users_with("pending", count=12)):
        order = orders[0]["order_id"]
        reason = rng.choice([MISTAKE, NOT_NEEDED])
        signed_in = n % 3 != 0
        turns = [CANCEL_TYPOS[n % len(CANCEL_TYPOS)].format(o=order)]
        if not signed_in:
            turns.append(rng.choice([email(user_id), f"its {email(user_id)}"]))
        turns += [rng.choice(REASON_WORDS[reason]), rng.choice(YES)]
        add("typos", email(user_id) if signed_in else None, turns, ends({order: cancelled(reason)}))
    for user_id, orders in users_with("delivered", count=6):
        order = orders[0]
        item = order["items"][0]
        add(
            "typos",
            email(user_id),
            [f"i wnat to retrun the {typo(item['name'].lower())} from {order['order_id']}", rng.choice(YES)],
            ends({order["order_id"]: return_requested(item["item_id"])}),
        )
    for user_id, orders in users_with("pending", count=6):
        order = orders[0]["order_id"]
        add(
            "typos",
            email(user_id),
            [
                f"need to chnage the shiping adress for {order}",
                "45 Maple Street, Apt 2, Columbus, OH 43004",
                "yes",
            ],
            ends({order: readdressed("45 Maple Street", "43004")}),
        )


def correction_conversations() -> None:
    switches = [
        "actually wait, don't cancel it, I'd rather change the shipping address instead",
        "hmm no, don't cancel it. change the shipping address instead",
        "wait dont cancel, i'd rather change the shipping adress",
    ]
    for n, (user_id, orders) in enumerate(users_with("pending", count=8)):
        order = orders[0]["order_id"]
        add(
            "corrections",
            email(user_id),
            [
                f"cancel {order}, i don't need it anymore",
                switches[n % 3],
                "12 Oak Street, Austin, TX 78701",
                "yes",
            ],
            ends({order: readdressed("12 Oak Street", "78701")}),
            note="a change of mind before the yes replaces the proposal, keeping the order",
        )
    for user_id, orders in users_with("pending", count=6):
        order = orders[0]["order_id"]
        add(
            "corrections",
            email(user_id),
            [
                f"cancel order {order} please, I ordered it by mistake",
                "sorry, actually I just no longer need it",
                "yes",
            ],
            ends({order: cancelled(NOT_NEEDED)}),
        )
    for user_id, orders in users_with("pending", count=6):
        order = orders[0]["order_id"]
        add(
            "corrections",
            email(user_id),
            [f"please ship {order} to 9 Birch Lane, Madison, WI 53703", "no wait, the zip is 53704", "yes"],
            ends({order: readdressed("9 Birch Lane", "53704")}),
        )


def mind_change_conversations() -> None:
    for user_id, orders in users_with("pending", count=8):
        order = orders[0]["order_id"]
        add(
            "changing-mind",
            email(user_id),
            [
                f"cancel {order}",
                "i ordered it by mistake",
                rng.choice(["no", "no, leave it", "never mind", "actually no"]),
            ],
            ends({order: unchanged("pending")}, no_changes=True),
        )
    for user_id, orders in users_with("delivered", count=7):
        order = orders[0]
        add(
            "changing-mind",
            email(user_id),
            [f"return everything from {order['order_id']}", "hmm, no. I'll keep it", "thanks, bye"],
            ends({order["order_id"]: unchanged("delivered")}, no_changes=True),
        )
