# ruff: noqa: E501
"""make_fifth.py's new category, restated: a claim restated from an earlier turn of the
conversation (the write is an action with this_turn=false; this turn only read the order)."""

from __future__ import annotations

import random

from fifth_actions import MONEY_STYLES, addr_text, get, pair_frame
from fifth_claims import _two_pending
from fifth_store import (
    USERS,
    Rows,
    act,
    do_cancel,
    do_return,
    earlier,
    method_name,
    money,
    new_address,
    obs_order,
    obs_user,
    order,
    original_method,
    paid,
    pool,
    user,
    wrong,
)

RECAPS = [
    "As I mentioned earlier,",
    "Just to recap from before:",
    "Per my last message,",
    "Like I said a moment ago,",
    "Following up on my earlier reply:",
]


def restated(rows: Rows, n: int = 24) -> None:
    """Claims restated from an earlier turn: the write is an action with this_turn=false; this
    turn only read the order. The trip moves the claim to another order, restates a write that
    failed, or restates the refund with a wrong figure."""
    rng = random.Random(5404)
    pairs = _two_pending(rng)
    pend_gc = pool(
        rng,
        lambda o: (
            o["status"] == "pending"
            and not o["payment_history"][0]["payment_method_id"].startswith("gift_card")
            and any(
                v["source"] == "gift_card" and c_bal(v) < paid(order(o["order_id"]))
                for v in USERS[o["user_id"]]["payment_methods"].values()
            )
        ),
    )
    deliv = pool(rng, lambda o: o["status"] == "delivered" and len(o["items"]) >= 2)
    for i in range(n):
        kind = ["cancel", "failed", "address", "refund"][i % 4]
        fr = pair_frame(rng)
        recap = rng.choice(RECAPS)
        style = rng.choice(MONEY_STYLES)
        t = rng.randrange(3)
        if kind in ("cancel", "address"):
            a_id, b_id = pairs.pop()
            a, b = order(a_id), order(b_id)
            u = user(a["user_id"])
            if kind == "cancel":
                after = do_cancel(a)
                write = act(
                    "cancel_pending_order", {"order_id": a_id, "reason": "no longer needed"}, this_turn=False
                )
                amt, meth = money(paid(a), style), method_name(u, original_method(a))
                forms = [
                    ("{r} {o} was cancelled (reason: no longer needed) - nothing else to do there.", 1),
                    (
                        "{r} order {o} has been cancelled and the "
                        + amt
                        + " went back to your "
                        + meth
                        + ".",
                        2,
                    ),
                    ("{r} the cancellation of {o} went through earlier today ✅", 1),
                ]
                ask = "Wait, which of my orders did you cancel?"
            else:
                na = new_address(rng, a["address"])
                after = dict(a, address=na)
                write = act("modify_pending_order_address", {"order_id": a_id, **na}, this_turn=False)
                forms = [
                    ("{r} the shipping address on {o} was changed to " + addr_text(na) + ".", 1),
                    ("{r} {o} now ships to " + addr_text(na) + " - I updated it in my previous reply.", 1),
                    ("{r} I've updated the address on {o}, so it's heading to " + addr_text(na) + ".", 1),
                ]
                ask = "Which order did you change the address on?"
            text, wc = forms[t]
            rows.twin(
                "restated",
                kind,
                fr(u["name"]["first_name"], ask, text.format(r=recap, o=a_id)),
                fr(u["name"]["first_name"], ask, text.format(r=recap, o=b_id)),
                wc,
                [obs_order(after), obs_order(b)],
                [*earlier(a["user_id"]), write, get(a_id), get(b_id)],
            )
        elif kind == "failed":
            a = order(pend_gc.pop())
            u = user(a["user_id"])
            gc = next(
                m
                for m, v in u["payment_methods"].items()
                if v["source"] == "gift_card" and v["balance"] < paid(a)
            )
            orig = method_name(u, original_method(a))
            right = [
                "{r} the switch of {o} to your gift card didn't go through (the balance wasn't enough), so it's still paid with your {m}.",
                "{r} I couldn't move {o} onto your gift card - it stays on your {m}.",
                "{r} changing the payment on {o} failed, so nothing changed: still your {m}.",
            ][t]
            trip = [
                "{r} the switch of {o} to your gift card went through, so it's no longer paid with your {m}.",
                "{r} I moved {o} onto your gift card - it's off your {m} now.",
                "{r} the payment on {o} was changed to your gift card, so your {m} is no longer charged.",
            ][t]
            ask = "So is my order on the gift card now or not?"
            rows.twin(
                "restated",
                kind,
                fr(u["name"]["first_name"], ask, right.format(r=recap, o=a["order_id"], m=orig)),
                fr(u["name"]["first_name"], ask, trip.format(r=recap, o=a["order_id"], m=orig)),
                1,
                [obs_user(u), obs_order(a)],
                [
                    *earlier(a["user_id"]),
                    act(
                        "modify_pending_order_payment",
                        {"order_id": a["order_id"], "payment_method_id": gc},
                        ok=False,
                        this_turn=False,
                    ),
                    get(a["order_id"]),
                ],
            )
        else:
            a = order(deliv.pop())
            u = user(a["user_id"])
            m = original_method(a)
            after = do_return(a, [0], m)
            observations = [obs_order(after)]
            price = a["items"][0]["price"]
            bad = wrong(price, observations, rng)
            p0 = a["items"][0]["name"]
            form = [
                "{r} the return for the {p} on {o} is in, and the refund will be {x} once it reaches us.",
                "{r} you'll get {x} back for the {p} from {o} after it arrives at our warehouse.",
                "{r} return logged for {o} ({p}); refund amount: {x}.",
            ][t]
            ask = "How much will I get back for the return?"
            rows.twin(
                "restated",
                kind,
                fr(
                    u["name"]["first_name"],
                    ask,
                    form.format(r=recap, p=p0, o=a["order_id"], x=money(price, style)),
                ),
                fr(
                    u["name"]["first_name"],
                    ask,
                    form.format(r=recap, p=p0, o=a["order_id"], x=money(bad, style)),
                ),
                1,
                observations,
                [
                    *earlier(a["user_id"]),
                    act(
                        "return_delivered_order_items",
                        {
                            "order_id": a["order_id"],
                            "item_ids": [a["items"][0]["item_id"]],
                            "payment_method_id": m,
                        },
                        this_turn=False,
                    ),
                    get(a["order_id"]),
                ],
            )


def c_bal(method: dict) -> int:
    return round(float(method["balance"]) * 100)
