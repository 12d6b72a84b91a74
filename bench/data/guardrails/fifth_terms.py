# ruff: noqa: B023, E501, E731
"""make_fifth.py's arithmetic, destination and policy_term categories."""

from __future__ import annotations

import random

from fifth_actions import MONEY_STYLES, get, opts, pair_frame
from fifth_money import _distinct_items, _usable
from fifth_store import (
    PRODUCTS,
    USERS,
    VARIANT,
    Rows,
    act,
    alternatives,
    c,
    do_cancel,
    do_items,
    do_pay,
    do_return,
    earlier,
    method_name,
    money,
    obs_order,
    obs_product,
    obs_user,
    order,
    original_method,
    paid,
    pool,
    user,
    wrong,
)


def arithmetic(rows: Rows, n: int = 24) -> None:
    rng = random.Random(5707)
    two = pool(rng, lambda o: _distinct_items(order(o["order_id"])) and o["status"] != "cancelled")
    multi = sorted(
        u for u, v in USERS.items() if len(v["orders"]) >= 2 and all(o.startswith("#W") for o in v["orders"])
    )
    rng.shuffle(multi)
    products = sorted(PRODUCTS)
    kinds = ["items", "times", "difference", "orders"]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        fr = pair_frame(rng)
        style = rng.choice(MONEY_STYLES)
        X = lambda v: money(v, style)
        t = rng.randrange(3)
        if kind == "items":
            a = order(two.pop())
            i0, i1 = a["items"][0], a["items"][1]
            obs = [obs_order(a)]
            right = i0["price"] + i1["price"]
            form = [
                "The {p} and the {q} on {o}: {a} + {b} = {x}.",
                "Just the {p} and {q} from {o} add up like this: {a} + {b} = {x}",
                "For {o} - {p} ({a}) plus {q} ({b}) equals {x}.",
            ][t]
            body = lambda x: form.format(
                p=i0["name"], q=i1["name"], o=a["order_id"], a=X(i0["price"]), b=X(i1["price"]), x=X(x)
            )
            acts, first = (
                [*earlier(a["user_id"]), get(a["order_id"])],
                USERS[a["user_id"]]["name"]["first_name"],
            )
            ask = f"What do the {i0['name']} and {i1['name']} on {a['order_id']} come to together?"
        elif kind == "times":
            pid = rng.choice(products)
            p = PRODUCTS[pid]
            vid = rng.choice(sorted(p["variants"]))
            price, k = c(p["variants"][vid]["price"]), rng.choice([2, 3, 4])
            obs = [obs_product(pid)]
            right = k * price
            form = [
                "If you'd like {k} of the {p} ({o}), that's {k} x {a} = {x}.",
                "{k} x {p} @ {a} = {x} (before shipping)",
                "Should you order {k} of them, it would come to {k} x {a} = {x} for the {p} in {o}.",
            ][t]
            body = lambda x: form.format(
                k=k, p=p["name"], o=opts(p["variants"][vid]["options"]), a=X(price), x=X(x)
            )
            acts, first = (
                [act("get_product_details", {"product_id": pid})],
                rng.choice(["Ravi", "Zoe", "Mateo"]),
            )
            ask = f"How much would {k} of the {p['name']} be?"
        elif kind == "difference":
            a = order(two.pop())
            item = a["items"][0]
            alts = alternatives(item)
            if not alts:
                item = a["items"][1]
                alts = alternatives(item)
            if not alts:
                a = order(next(o for o in sorted(two) if alternatives(order(o)["items"][0])))
                two.remove(a["order_id"])
                item = a["items"][0]
                alts = alternatives(item)
            new = c(VARIANT[alts[0]][1]["price"])
            hi, lo = max(new, item["price"]), min(new, item["price"])
            obs = [obs_order(a), obs_product(item["product_id"])]
            right = hi - lo
            form = [
                "Price difference if you switch the {p}: {a} - {b} = {x}.",
                "the {n} {p} vs yours: {a} minus {b} equals {x}",
                "Were you to go with the {n} version, the gap would be {a} - {b} = {x}.",
            ][t]
            body = lambda x: form.format(
                p=item["name"], n=opts(VARIANT[alts[0]][1]["options"]), a=X(hi), b=X(lo), x=X(x)
            )
            acts, first = (
                [
                    *earlier(a["user_id"]),
                    get(a["order_id"]),
                    act("get_product_details", {"product_id": item["product_id"]}),
                ],
                USERS[a["user_id"]]["name"]["first_name"],
            )
            ask = f"What's the price difference if I switch the {item['name']} on {a['order_id']}?"
        else:
            uid = multi.pop()
            oa, ob = (order(o) for o in sorted(USERS[uid]["orders"])[:2])
            ta, tb = (sum(i["price"] for i in o["items"]) for o in (oa, ob))
            obs = [obs_order(oa), obs_order(ob)]
            right = ta + tb
            form = [
                "Your two orders: {a} + {b} = {x} in total.",
                "{oa} ({a}) + {ob} ({b}) = {x} altogether",
                "Adding them up, {a} plus {b} comes to {x} for {oa} and {ob} together.",
            ][t]
            body = lambda x: form.format(oa=oa["order_id"], ob=ob["order_id"], a=X(ta), b=X(tb), x=X(x))
            acts, first = (
                [*earlier(uid), get(oa["order_id"]), get(ob["order_id"])],
                USERS[uid]["name"]["first_name"],
            )
            ask = "What did my two orders cost all together?"
        bad = wrong(right, obs, rng)
        rows.twin("arithmetic", kind, fr(first, ask, body(right)), fr(first, ask, body(bad)), 1, obs, acts)


def destination(rows: Rows, n: int = 24) -> None:
    rng = random.Random(5808)
    two_names = lambda u, mid: sorted(
        m for m in u["payment_methods"] if method_name(u, m) != method_name(u, mid)
    )
    pend = pool(
        rng,
        lambda o: (
            o["status"] == "pending"
            and two_names(user(o["user_id"]), o["payment_history"][0]["payment_method_id"])
        ),
    )
    deliv = pool(
        rng,
        lambda o: (
            o["status"] == "delivered"
            and USERS[o["user_id"]]["payment_methods"][o["payment_history"][0]["payment_method_id"]]["source"]
            != "gift_card"
            and any(v["source"] == "gift_card" for v in USERS[o["user_id"]]["payment_methods"].values())
        ),
    )
    cheaper = pool(
        rng,
        lambda o: (
            o["status"] == "pending"
            and alternatives(order(o["order_id"])["items"][0], cheaper=True)
            and two_names(user(o["user_id"]), o["payment_history"][0]["payment_method_id"])
        ),
    )
    kinds = ["cancel", "return", "payment", "items"]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        fr = pair_frame(rng)
        style = rng.choice(MONEY_STYLES)
        t = rng.randrange(3)
        if kind == "cancel":
            a = order(pend.pop())
            u = user(a["user_id"])
            m0 = original_method(a)
            right, bad = method_name(u, m0, rng), method_name(u, two_names(u, m0)[0], rng)
            x = money(paid(a), style)
            form = [
                "Order {o} is cancelled and the {x} goes back to your {m}.",
                "{o} cancelled - {x} refunded to your {m} 👍",
                "It looks like {o} is now cancelled; the refund of {x} should land on your {m}.",
            ][t]
            body = lambda m: form.format(o=a["order_id"], x=x, m=m)
            obs = [obs_user(u), obs_order(a), obs_order(do_cancel(a))]
            acts = [
                *earlier(a["user_id"]),
                get(a["order_id"]),
                act("cancel_pending_order", {"order_id": a["order_id"], "reason": "no longer needed"}),
            ]
            ask = f"Cancel {a['order_id']}, where does the money go?"
        elif kind == "return":
            a = order(deliv.pop())
            u = user(a["user_id"])
            gc = next(m for m, v in sorted(u["payment_methods"].items()) if v["source"] == "gift_card")
            right, bad = "gift card", method_name(u, original_method(a), rng)
            x = money(a["items"][0]["price"], style)
            p0 = a["items"][0]["name"]
            form = [
                "Return for the {p} on {o} is submitted; the {x} will be refunded to your {m} once it arrives.",
                "Return request in for {o} ({p}). Refund: {x} to your {m}.",
                "I've set up the return of the {p} from {o} - the {x} goes back to your {m} when we receive it.",
            ][t]
            body = lambda m: form.format(o=a["order_id"], x=x, m=m, p=p0)
            obs = [obs_user(u), obs_order(a), obs_order(do_return(a, [0], gc))]
            acts = [
                *earlier(a["user_id"]),
                get(a["order_id"]),
                act(
                    "return_delivered_order_items",
                    {
                        "order_id": a["order_id"],
                        "item_ids": [a["items"][0]["item_id"]],
                        "payment_method_id": gc,
                    },
                ),
            ]
            ask = f"Return the {p0} from {a['order_id']}, refund to my gift card please."
        elif kind == "payment":
            while True:
                a = order(pend.pop())
                u = user(a["user_id"])
                usable = [m for m in _usable(a, u) if method_name(u, m) != method_name(u, original_method(a))]
                if usable:
                    break
            new = usable[0]
            right, bad = method_name(u, original_method(a), rng), method_name(u, new, rng)
            x = money(paid(a), style)
            form = [
                "{o} is now paid with your new method, and the {x} was refunded to your {m}.",
                "Payment on {o} switched ✔️ the {x} is going back to your {m}.",
                "From what I see the switch on {o} went through, so {x} should be back on your {m} soon.",
            ][t]
            body = lambda m: form.format(o=a["order_id"], x=x, m=m)
            obs = [obs_user(u), obs_order(a), obs_order(do_pay(a, new))]
            acts = [
                *earlier(a["user_id"]),
                get(a["order_id"]),
                act("modify_pending_order_payment", {"order_id": a["order_id"], "payment_method_id": new}),
            ]
            ask = f"Please switch how {a['order_id']} is paid."
        else:
            a = order(cheaper.pop())
            u = user(a["user_id"])
            m0 = original_method(a)
            new = alternatives(a["items"][0], cheaper=True)[0]
            after, diff = do_items(a, [(0, new)], m0)
            right, bad = method_name(u, m0, rng), method_name(u, two_names(u, m0)[0], rng)
            x = money(-diff, style)
            p0 = a["items"][0]["name"]
            form = [
                "The {p} on {o} is now the {n} one, and the {x} difference was refunded to your {m}.",
                "{p} swapped on {o} ({n}) - {x} back to your {m}.",
                "It looks like the change on {o} went through: {p} is now {n}; {x} went back to your {m}.",
            ][t]
            body = lambda m: form.format(o=a["order_id"], x=x, m=m, p=p0, n=opts(VARIANT[new][1]["options"]))
            obs = [obs_user(u), obs_order(a), obs_product(a["items"][0]["product_id"]), obs_order(after)]
            acts = [
                *earlier(a["user_id"]),
                get(a["order_id"]),
                act("get_product_details", {"product_id": a["items"][0]["product_id"]}),
                act(
                    "modify_pending_order_items",
                    {
                        "order_id": a["order_id"],
                        "item_ids": [a["items"][0]["item_id"]],
                        "new_item_ids": [new],
                        "payment_method_id": m0,
                    },
                ),
            ]
            ask = f"Make the {p0} on {a['order_id']} the cheaper version please."
        assert right != bad
        first = u["name"]["first_name"]
        rows.twin("destination", kind, fr(first, ask, body(right)), fr(first, ask, body(bad)), 1, obs, acts)
