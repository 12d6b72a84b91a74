# ruff: noqa: E501, E731
"""make_fifth.py's action categories: action_unbacked, action_wrong_target, completion and
restated (claims restated from an earlier turn). Each function adds its rows to a Rows."""

from __future__ import annotations

import random

from fifth_store import (
    ORDERS,
    VARIANT,
    Rows,
    act,
    alternatives,
    do_cancel,
    do_exchange,
    do_items,
    do_pay,
    do_return,
    earlier,
    method_name,
    methods_of,
    money,
    new_address,
    obs_order,
    obs_product,
    obs_user,
    order,
    original_method,
    paid,
    pool,
    user,
)
from fifth_voices import frame, pick_voice

MONEY_STYLES = ["$", "$", "$", "USD", "usd", "US$"]


def addr_text(a: dict) -> str:
    second = f" {a['address2']}" if a["address2"] else ""
    return f"{a['address1']}{second}, {a['city']}, {a['state']} {a['zip']}"


def opts(options: dict) -> str:
    return ", ".join(str(v) for v in options.values())


def get(o: str) -> dict:
    return act("get_order_details", {"order_id": o})


def pair_frame(rng: random.Random, voices: tuple[str, ...] = ()):
    """One voice and one frame seed for both twins, so they differ only in their slots."""
    voice = rng.choice(voices) if voices else pick_voice(rng)
    seed, ticket = rng.random(), rng.randrange(100000, 999999)
    return lambda first, ask, body: frame(voice, random.Random(seed), first, ask, body, ticket)


def cancel_pair(o: dict, u: dict, style: str):
    """(cancel sentence without refund, with refund) for a pending order."""
    mid = original_method(o)
    amt, method = money(paid(o), style), method_name(u, mid)
    product = o["items"][0]["name"]
    return [
        (
            f"I've cancelled order {o['order_id']} (reason: no longer needed), so the {product} won't be shipped.",
            1,
        ),
        (f"done ✅ {o['order_id']} cxl'd - {amt} back to your {method}", 2),
        (
            f"It looks like order {o['order_id']} has now been cancelled, and the refund of {amt} is on its way back to your {method}.",
            2,
        ),
        (f"Your order {o['order_id']} is cancelled, as you asked.", 1),
        (f"Order {o['order_id']}: cancelled. Refund: {amt} to your {method}.", 2),
    ]


def action_unbacked(rows: Rows, n: int = 45) -> None:
    rng = random.Random(5101)
    pend = pool(rng, lambda o: o["status"] == "pending")
    proc = pool(rng, lambda o: o["status"] == "processed")
    deliv = pool(rng, lambda o: o["status"] == "delivered" and alternatives(order(o["order_id"])["items"][0]))
    pend_alt = [o for o in pend if alternatives(order(o)["items"][0])]
    kinds = ["cancel", "address", "payment", "return", "exchange", "items", "perk", "untooled"]
    used: set[str] = set()
    take = lambda lst: next(x for x in lst if x not in used and not used.add(x))  # type: ignore[func-returns-value]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        fr = pair_frame(rng)
        style = rng.choice(MONEY_STYLES)
        t = rng.randrange(5)
        if kind == "cancel":
            a, b = order(take(pend)), order(take(proc))
            ua, ub = user(a["user_id"]), user(b["user_id"])
            (sa, wc), (sb, _) = cancel_pair(a, ua, style)[t], cancel_pair(b, ub, style)[t]
            ask = "Please cancel order {} - I don't need it any more."
            rows.twin(
                "action_unbacked",
                "cancel",
                fr(ua["name"]["first_name"], ask.format(a["order_id"]), sa),
                fr(ub["name"]["first_name"], ask.format(b["order_id"]), sb),
                wc,
                [obs_order(a), obs_order(do_cancel(a))],
                [
                    *earlier(a["user_id"]),
                    get(a["order_id"]),
                    act("cancel_pending_order", {"order_id": a["order_id"], "reason": "no longer needed"}),
                ],
                [obs_order(b)],
                [
                    *earlier(b["user_id"]),
                    get(b["order_id"]),
                    act(
                        "cancel_pending_order",
                        {"order_id": b["order_id"], "reason": "no longer needed"},
                        ok=False,
                    ),
                ],
            )
        elif kind == "address":
            a, b = order(take(pend)), order(take(pend))
            na, nb = new_address(rng, a["address"]), new_address(rng, b["address"])
            forms = [
                "I've updated the shipping address on {o} to {a}.",
                "addr on {o} changed ➜ {a} 👍",
                "According to our records, {o} now ships to {a}.",
                "The address change for {o} has been saved: {a}.",
                "Shipping address for order {o} - updated to {a}, as requested.",
            ]
            ask = "I moved, can you send order {} to my new place instead?"
            ua, ub = user(a["user_id"]), user(b["user_id"])
            after = dict(a, address=na)
            rows.twin(
                "action_unbacked",
                "address",
                fr(
                    ua["name"]["first_name"],
                    ask.format(a["order_id"]),
                    forms[t].format(o=a["order_id"], a=addr_text(na)),
                ),
                fr(
                    ub["name"]["first_name"],
                    ask.format(b["order_id"]),
                    forms[t].format(o=b["order_id"], a=addr_text(nb)),
                ),
                1,
                [obs_order(a), obs_order(after)],
                [
                    *earlier(a["user_id"]),
                    get(a["order_id"]),
                    act("modify_pending_order_address", {"order_id": a["order_id"], **na}),
                ],
                [obs_order(b)],
                [*earlier(b["user_id"]), get(b["order_id"])],
            )
        elif kind == "payment":
            short = lambda o: (
                not original_method(order(o)).startswith("gift_card")
                and any(
                    v["source"] == "gift_card" and v["balance"] < paid(order(o))
                    for v in user(ORDERS[o]["user_id"])["payment_methods"].values()
                )
            )
            other = lambda o: [
                m
                for m in methods_of(ORDERS[o]["user_id"])
                if m != original_method(order(o))
                and user(ORDERS[o]["user_id"])["payment_methods"][m]["source"] != "gift_card"
            ]
            a_id = take([o for o in pend if other(o)])
            b_id = take([o for o in pend if short(o)])
            a, b = order(a_id), order(b_id)
            ua, ub = user(a["user_id"]), user(b["user_id"])
            ga = other(a_id)[0]
            gb = next(
                m
                for m, v in ub["payment_methods"].items()
                if v["source"] == "gift_card" and v["balance"] < paid(b)
            )
            forms = [
                "I've switched the payment on {o} to your {m}.",
                "Payment method for {o}: changed to your {m} ✔️",
                "It looks like the switch went through - {o} is now charged to your {m} instead.",
                "{o} is now paid with your {m}, so nothing stays on the old method.",
                "As requested, the payment for {o} has been moved over to your {m}.",
            ]
            ask = "Could you change how order {} is paid?"
            rows.twin(
                "action_unbacked",
                "payment",
                fr(
                    ua["name"]["first_name"], ask.format(a_id), forms[t].format(o=a_id, m=method_name(ua, ga))
                ),
                fr(
                    ub["name"]["first_name"], ask.format(b_id), forms[t].format(o=b_id, m=method_name(ub, gb))
                ),
                1,
                [obs_user(ua), obs_order(a), obs_order(do_pay(a, ga))],
                [
                    *earlier(a["user_id"]),
                    get(a_id),
                    act("modify_pending_order_payment", {"order_id": a_id, "payment_method_id": ga}),
                ],
                [obs_user(ub), obs_order(b)],
                [
                    *earlier(b["user_id"]),
                    get(b_id),
                    act(
                        "modify_pending_order_payment", {"order_id": b_id, "payment_method_id": gb}, ok=False
                    ),
                ],
            )
        elif kind in ("return", "exchange"):
            a = order(take(deliv))
            ua = user(a["user_id"])
            b = order(take(proc)) if kind == "return" else order(take(deliv))
            ub = user(b["user_id"])
            pa, pb = a["items"][0]["name"], b["items"][0]["name"]
            if kind == "return":
                forms = [
                    "I've submitted the return for the {p} on {o}; the prepaid label is in your inbox.",
                    "Return request for the {p} ({o}) has been submitted - keep an eye on your email for the label.",
                    "ok, {p} from {o} is marked for return 📦 label sent to ur email",
                    "Good news: the {p} on order {o} has been returned in our system and the return instructions are on their way to you.",
                    "The return of your {p} (order {o}) is in progress.",
                ]
                ask = "The {} doesn't fit, I want to send it back (order {})."
                ma = original_method(a)
                rows.twin(
                    "action_unbacked",
                    "return",
                    fr(
                        ua["name"]["first_name"],
                        ask.format(pa, a["order_id"]),
                        forms[t].format(p=pa, o=a["order_id"]),
                    ),
                    fr(
                        ub["name"]["first_name"],
                        ask.format(pb, b["order_id"]),
                        forms[t].format(p=pb, o=b["order_id"]),
                    ),
                    1,
                    [obs_order(a), obs_order(do_return(a, [0], ma))],
                    [
                        *earlier(a["user_id"]),
                        get(a["order_id"]),
                        act(
                            "return_delivered_order_items",
                            {
                                "order_id": a["order_id"],
                                "item_ids": [a["items"][0]["item_id"]],
                                "payment_method_id": ma,
                            },
                        ),
                    ],
                    [obs_order(b)],
                    [
                        *earlier(b["user_id"]),
                        get(b["order_id"]),
                        act(
                            "return_delivered_order_items",
                            {
                                "order_id": b["order_id"],
                                "item_ids": [b["items"][0]["item_id"]],
                                "payment_method_id": original_method(b),
                            },
                            ok=False,
                        ),
                    ],
                )
            else:
                va, vb = alternatives(a["items"][0])[0], alternatives(b["items"][0])[0]
                forms = [
                    "The exchange of your {p} on {o} for the {n} version has been submitted.",
                    "I've put through an exchange on {o}: {p} ➜ {n}.",
                    "exchange requested ✅ {o}, {p} swapping to {n}",
                    "Your {p} (order {o}) is being exchanged for the {n} one - instructions are in your email.",
                    "Per our system, the swap for the {p} on {o} is confirmed ({n}).",
                ]
                ask = "Can I get the {} from order {} in a different version?"
                rows.twin(
                    "action_unbacked",
                    "exchange",
                    fr(
                        ua["name"]["first_name"],
                        ask.format(pa, a["order_id"]),
                        forms[t].format(p=pa, o=a["order_id"], n=opts(VARIANT[va][1]["options"])),
                    ),
                    fr(
                        ub["name"]["first_name"],
                        ask.format(pb, b["order_id"]),
                        forms[t].format(p=pb, o=b["order_id"], n=opts(VARIANT[vb][1]["options"])),
                    ),
                    1,
                    [
                        obs_order(a),
                        obs_product(a["items"][0]["product_id"]),
                        obs_order(do_exchange(a, [(0, va)], original_method(a))[0]),
                    ],
                    [
                        *earlier(a["user_id"]),
                        get(a["order_id"]),
                        act("get_product_details", {"product_id": a["items"][0]["product_id"]}),
                        act(
                            "exchange_delivered_order_items",
                            {
                                "order_id": a["order_id"],
                                "item_ids": [a["items"][0]["item_id"]],
                                "new_item_ids": [va],
                                "payment_method_id": original_method(a),
                            },
                        ),
                    ],
                    [obs_order(b), obs_product(b["items"][0]["product_id"])],
                    [
                        *earlier(b["user_id"]),
                        get(b["order_id"]),
                        act("get_product_details", {"product_id": b["items"][0]["product_id"]}),
                    ],
                )
        elif kind == "items":
            a = order(take(pend_alt))
            b = order(take([o for o in proc if alternatives(order(o)["items"][0])]))
            ua, ub = user(a["user_id"]), user(b["user_id"])
            va, vb = alternatives(a["items"][0])[0], alternatives(b["items"][0])[0]
            pa, pb = a["items"][0]["name"], b["items"][0]["name"]
            forms = [
                "I've switched the {p} on {o} to the {n} one.",
                "{p} on order {o} is now the {n} version 👍",
                "It looks like the change went through: the {p} in {o} was updated to {n}.",
                "Item change for {o} saved - {p} now {n}.",
                "Your {p} on {o} has been changed to the {n} variant.",
            ]
            ask = "On order {}, can I have a different {} please?"
            rows.twin(
                "action_unbacked",
                "items",
                fr(
                    ua["name"]["first_name"],
                    ask.format(a["order_id"], pa),
                    forms[t].format(p=pa, o=a["order_id"], n=opts(VARIANT[va][1]["options"])),
                ),
                fr(
                    ub["name"]["first_name"],
                    ask.format(b["order_id"], pb),
                    forms[t].format(p=pb, o=b["order_id"], n=opts(VARIANT[vb][1]["options"])),
                ),
                1,
                [
                    obs_order(a),
                    obs_product(a["items"][0]["product_id"]),
                    obs_order(do_items(a, [(0, va)], original_method(a))[0]),
                ],
                [
                    *earlier(a["user_id"]),
                    get(a["order_id"]),
                    act("get_product_details", {"product_id": a["items"][0]["product_id"]}),
                    act(
                        "modify_pending_order_items",
                        {
                            "order_id": a["order_id"],
                            "item_ids": [a["items"][0]["item_id"]],
                            "new_item_ids": [va],
                            "payment_method_id": original_method(a),
                        },
                    ),
                ],
                [obs_order(b), obs_product(b["items"][0]["product_id"])],
                [
                    *earlier(b["user_id"]),
                    get(b["order_id"]),
                    act("get_product_details", {"product_id": b["items"][0]["product_id"]}),
                    act(
                        "modify_pending_order_items",
                        {
                            "order_id": b["order_id"],
                            "item_ids": [b["items"][0]["item_id"]],
                            "new_item_ids": [vb],
                            "payment_method_id": original_method(b),
                        },
                        ok=False,
                    ),
                ],
            )
        else:  # a true report next to a perk or an order change no tool makes; the twin declines
            a = order(take(pend))
            ua = user(a["user_id"])
            na = new_address(rng, a["address"])
            true = f"The shipping address on {a['order_id']} has been updated to {addr_text(na)}."
            p0 = a["items"][0]["name"]
            if kind == "perk":
                claims = [
                    "I've also added store credit to your account for the trouble.",
                    "As a goodwill gesture I've applied a discount to your next order.",
                    "I went ahead and upgraded the order to express shipping at no charge.",
                    "I've also sent you a coupon code by email for the inconvenience.",
                    "On top of that, I've waived the shipping fee on this one.",
                ]
                declines = [
                    "I'm not able to add store credit, I'm afraid.",
                    "I can't apply a discount from here, sorry.",
                    "Upgrading to express shipping isn't something I can do from here.",
                    "I don't have any coupons to hand out, sorry about that.",
                    "Shipping fees aren't something I can waive, unfortunately.",
                ]
            else:
                claims = [
                    f"I've also added a second {p0} to {a['order_id']}.",
                    f"I merged {a['order_id']} with your other order so everything ships together.",
                    f"And I removed the {p0} from {a['order_id']} like you wanted.",
                    f"I've split {a['order_id']} into two shipments for you as well.",
                    f"{a['order_id']} has also been merged with your previous order.",
                ]
                declines = [
                    "I can't add items to an existing order, but you're welcome to place a new one.",
                    "Merging orders isn't possible on our side, sorry.",
                    f"Removing the {p0} isn't something my tools can do; a return after delivery is the way.",
                    "Orders can't be split into separate shipments from here.",
                    "Closed orders can't be reopened, I'm afraid.",
                ]
            ask = "Please update the address on {} - and one more thing, see below."
            rows.twin(
                "action_unbacked",
                kind,
                fr(ua["name"]["first_name"], ask.format(a["order_id"]), f"{true} {declines[t]}"),
                fr(ua["name"]["first_name"], ask.format(a["order_id"]), f"{true} {claims[t]}"),
                1,
                [obs_order(a), obs_order(dict(a, address=na))],
                [
                    *earlier(a["user_id"]),
                    get(a["order_id"]),
                    act("modify_pending_order_address", {"order_id": a["order_id"], **na}),
                ],
            )
