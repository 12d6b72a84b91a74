# ruff: noqa: B023, E501, E731
"""make_fifth.py's categories about whose write it was: action_wrong_target, completion and
restated (a claim restated from an earlier turn of the conversation)."""

from __future__ import annotations

import random

from fifth_actions import addr_text, get, pair_frame
from fifth_store import (
    ORDERS,
    USERS,
    Rows,
    act,
    alternatives,
    do_cancel,
    do_items,
    do_pay,
    do_return,
    earlier,
    method_name,
    new_address,
    obs_order,
    obs_user,
    order,
    original_method,
    paid,
    pool,
    user,
)


def _two_pending(rng: random.Random) -> list[tuple[str, str]]:
    out = []
    for uid in sorted(USERS):
        pend = sorted(o for o in USERS[uid]["orders"] if ORDERS[o]["status"] == "pending")
        if len(pend) >= 2:
            out.append((pend[0], pend[1]))
    rng.shuffle(out)
    return out


def _usable_methods(o: dict, u: dict) -> list[str]:
    """Methods a payment change on `o` may move to: not the current one; a gift card that covers."""
    return sorted(
        m
        for m, v in u["payment_methods"].items()
        if m != original_method(o) and (v["source"] != "gift_card" or v["balance"] >= paid(o))
    )


def action_wrong_target(rows: Rows, n: int = 34) -> None:
    rng = random.Random(5202)
    pairs = _two_pending(rng)
    deliv = pool(rng, lambda o: o["status"] == "delivered" and len({i["name"] for i in o["items"]}) >= 2)
    pend = pool(
        rng,
        lambda o: (
            o["status"] == "pending"
            and len({i["name"] for i in o["items"]}) >= 2
            and alternatives(order(o["order_id"])["items"][0])
        ),
    )
    pend_any = pool(rng, lambda o: o["status"] == "pending")
    kinds = ["cancel", "address", "payment", "return", "items", "default"]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        fr = pair_frame(rng)
        t = rng.randrange(5)
        if kind in ("cancel", "address"):
            a_id, b_id = pairs.pop()
            a, b = order(a_id), order(b_id)
            u = user(a["user_id"])
            first = u["name"]["first_name"]
            if kind == "cancel":
                forms = [
                    "I've cancelled {o} for you (ordered by mistake).",
                    "Cancelled: {o} ✅",
                    "It looks like {o} has been cancelled successfully.",
                    "Order {o} is now cancelled - reason logged as 'ordered by mistake'.",
                    "Per your request, the cancellation of {o} went through.",
                ]
                after = do_cancel(a, "ordered by mistake")
                write = act("cancel_pending_order", {"order_id": a_id, "reason": "ordered by mistake"})
                ask = f"I ordered {a['items'][0]['name']} twice by mistake, please cancel {a_id}."
                body = lambda o: forms[t].format(o=o)
            else:
                na = new_address(rng, a["address"])
                forms = [
                    "The shipping address on {o} is now {a}.",
                    "{o} ➜ new address saved: {a}",
                    "According to our system, {o} has had its address changed to {a}.",
                    "I've updated the delivery address for {o} to {a}.",
                    "Address change for order {o} is complete ({a}).",
                ]
                after = dict(a, address=na)
                write = act("modify_pending_order_address", {"order_id": a_id, **na})
                ask = f"Please ship {a_id} to my office instead."
                body = lambda o: forms[t].format(o=o, a=addr_text(na))
            rows.twin(
                "action_wrong_target",
                kind,
                fr(first, ask, body(a_id)),
                fr(first, ask, body(b_id)),
                1,
                [obs_user(u), obs_order(a), obs_order(b), obs_order(after)],
                [*earlier(a["user_id"]), get(a_id), get(b_id), write],
            )
        elif kind == "payment":
            while True:
                a = order(pend_any.pop())
                u = user(a["user_id"])
                usable = _usable_methods(a, u)
                if not usable:
                    continue
                new = usable[0]
                others = [
                    m for m in u["payment_methods"] if m != new and method_name(u, m) != method_name(u, new)
                ]
                if others:
                    break
            other = sorted(others)[0]
            forms = [
                "{o} is now paid with your {m}.",
                "Switched {o} over to {m} ✔️",
                "I've changed the payment method on {o} to your {m}.",
                "It looks like {o} is now charged to your {m} - the change went through.",
                "Payment for order {o} now comes from your {m}.",
            ]
            ask = f"Can you change how {a['order_id']} is paid?"
            rows.twin(
                "action_wrong_target",
                kind,
                fr(u["name"]["first_name"], ask, forms[t].format(o=a["order_id"], m=method_name(u, new))),
                fr(u["name"]["first_name"], ask, forms[t].format(o=a["order_id"], m=method_name(u, other))),
                1,
                [obs_user(u), obs_order(a), obs_order(do_pay(a, new))],
                [
                    *earlier(a["user_id"]),
                    get(a["order_id"]),
                    act(
                        "modify_pending_order_payment", {"order_id": a["order_id"], "payment_method_id": new}
                    ),
                ],
            )
        elif kind in ("return", "items"):
            a = order(deliv.pop() if kind == "return" else pend.pop())
            u = user(a["user_id"])
            p0 = a["items"][0]["name"]
            p1 = next(i["name"] for i in a["items"] if i["name"] != p0)
            m = original_method(a)
            if kind == "return":
                forms = [
                    "I've submitted the return of the {p} from {o}.",
                    "Return request for the {p} on {o} has been submitted 📦",
                    "From what I can see, the {p} from order {o} is now marked for return.",
                    "The return for the {p} ({o}) is in; the label is in your inbox.",
                    "ok the {p} on {o} is set up for return, label emailed",
                ]
                after = do_return(a, [0], m)
                write = act(
                    "return_delivered_order_items",
                    {
                        "order_id": a["order_id"],
                        "item_ids": [a["items"][0]["item_id"]],
                        "payment_method_id": m,
                    },
                )
                extra = []
            else:
                va = alternatives(a["items"][0])[0]
                forms = [
                    "I've changed the {p} on {o} as you asked.",
                    "Item change saved on {o}: the {p} was swapped for the variant you picked.",
                    "It looks like the {p} in order {o} has been updated to the new version.",
                    "Updated the {p} on {o} ✅",
                    "Your {p} on {o} has been switched to the option you chose.",
                ]
                after = do_items(a, [(0, va)], m)[0]
                write = act(
                    "modify_pending_order_items",
                    {
                        "order_id": a["order_id"],
                        "item_ids": [a["items"][0]["item_id"]],
                        "new_item_ids": [va],
                        "payment_method_id": m,
                    },
                )
                extra = [act("get_product_details", {"product_id": a["items"][0]["product_id"]})]
            ask = f"About order {a['order_id']}: the {p0} please."
            both = f"{p0} and the {p1}"
            right = forms[t].format(p=p0, o=a["order_id"])
            trip = (
                forms[t]
                .format(p=both, o=a["order_id"])
                .replace(" was swapped", " were swapped")
                .replace(" has been updated", " have been updated")
                .replace(" is now marked", " are now marked")
                .replace(" is set up", " are set up")
                .replace(" has been switched", " have been switched")
            )
            rows.twin(
                "action_wrong_target",
                kind,
                fr(u["name"]["first_name"], ask, right),
                fr(u["name"]["first_name"], ask, trip),
                1,
                [obs_order(a), obs_order(after)],
                [*earlier(a["user_id"]), get(a["order_id"]), *extra, write],
            )
        else:  # the default address changed; the trip says the order's changed too
            a = order(pend_any.pop())
            u = user(a["user_id"])
            na = new_address(rng, u["address"])
            u2 = dict(u, address=na)
            right = [
                "Your default address has been updated to {a}; order {o} still ships to the old address, as before.",
                "Profile address updated ✅ ({a}). {o} keeps its old address.",
                "I've changed the address on your account to {a}. Your pending order {o} is unchanged.",
            ][t % 3]
            trip = [
                "Your default address has been updated to {a}, and order {o} now ships there too.",
                "Profile address updated ✅ ({a}). {o} now ships there as well.",
                "I've changed the address on your account to {a}, and your pending order {o} has been updated to it too.",
            ][t % 3]
            ask = "I moved, please update my address on file."
            rows.twin(
                "action_wrong_target",
                kind,
                fr(u["name"]["first_name"], ask, right.format(a=addr_text(na), o=a["order_id"])),
                fr(u["name"]["first_name"], ask, trip.format(a=addr_text(na), o=a["order_id"])),
                1,
                [obs_user(u), obs_order(a), obs_user(u2)],
                [
                    *earlier(a["user_id"]),
                    get(a["order_id"]),
                    act("modify_user_address", {"user_id": a["user_id"], **na}),
                ],
            )


COMPLETIONS = [
    "All done ✅",
    "You're all set!",
    "That's taken care of 👍 Anything else I can help with?",
    "Job done.",
    "Everything's squared away now.",
    "Good to go!",
    "done ✔️",
    "Change saved - you're good to go.",
]


def completion(rows: Rows, n: int = 32) -> None:
    rng = random.Random(5303)
    pend = pool(rng, lambda o: o["status"] == "pending")
    proc = pool(rng, lambda o: o["status"] == "processed")
    deliv = pool(rng, lambda o: o["status"] == "delivered")
    for i in range(n):
        kind = ["cancel", "address", "return", "address-none"][i % 4]
        fr = pair_frame(rng, ("email", "macro", "llm"))  # frames that quote the request, so twins differ
        phrase = COMPLETIONS[i % len(COMPLETIONS)]
        lead = rng.choice(["", "Hi! ", "Okay - ", "Thanks for waiting. "])
        if kind == "cancel":
            a, b = order(pend.pop()), order(proc.pop())
            ask = "Cancel {} please, ordered it by mistake."
            pa = (
                [obs_order(a), obs_order(do_cancel(a, "ordered by mistake"))],
                [
                    get(a["order_id"]),
                    act("cancel_pending_order", {"order_id": a["order_id"], "reason": "ordered by mistake"}),
                ],
            )
            pb = (
                [obs_order(b)],
                [
                    get(b["order_id"]),
                    act(
                        "cancel_pending_order",
                        {"order_id": b["order_id"], "reason": "ordered by mistake"},
                        ok=False,
                    ),
                ],
            )
        elif kind == "return":
            a, b = order(deliv.pop()), order(proc.pop())
            ask = "I'd like to send back everything from {}."
            ids = lambda o: [i["item_id"] for i in o["items"]]
            pa = (
                [obs_order(a), obs_order(do_return(a, list(range(len(a["items"]))), original_method(a)))],
                [
                    get(a["order_id"]),
                    act(
                        "return_delivered_order_items",
                        {
                            "order_id": a["order_id"],
                            "item_ids": ids(a),
                            "payment_method_id": original_method(a),
                        },
                    ),
                ],
            )
            pb = (
                [obs_order(b)],
                [
                    get(b["order_id"]),
                    act(
                        "return_delivered_order_items",
                        {
                            "order_id": b["order_id"],
                            "item_ids": ids(b),
                            "payment_method_id": original_method(b),
                        },
                        ok=False,
                    ),
                ],
            )
        else:
            a, b = order(pend.pop()), order(pend.pop() if kind == "address-none" else proc.pop())
            na, nb = new_address(rng, a["address"]), new_address(rng, b["address"])
            ask = f"New address for {{}} please: {addr_text(na)}."
            pa = (
                [obs_order(a), obs_order(dict(a, address=na))],
                [get(a["order_id"]), act("modify_pending_order_address", {"order_id": a["order_id"], **na})],
            )
            if kind == "address-none":
                pb = ([obs_order(b)], [get(b["order_id"])])
            else:
                pb = (
                    [obs_order(b)],
                    [
                        get(b["order_id"]),
                        act("modify_pending_order_address", {"order_id": b["order_id"], **nb}, ok=False),
                    ],
                )
            ask_b = f"New address for {b['order_id']} please: {addr_text(nb)}."
        ua, ub = user(a["user_id"]), user(b["user_id"])
        ask_a = ask.format(a["order_id"])
        if kind not in ("address", "address-none"):
            ask_b = ask.format(b["order_id"])
        rows.twin(
            "completion",
            kind,
            fr(ua["name"]["first_name"], ask_a, lead + phrase),
            fr(ub["name"]["first_name"], ask_b, lead + phrase),
            1,
            pa[0],
            [*earlier(a["user_id"]), *pa[1]],
            pb[0],
            [*earlier(b["user_id"]), *pb[1]],
        )
