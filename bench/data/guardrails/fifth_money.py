# ruff: noqa: B023, E501, E731
"""make_fifth.py's money categories: amount, product_price, arithmetic and destination."""

from __future__ import annotations

import random

from fifth_actions import MONEY_STYLES, get, opts, pair_frame
from fifth_store import (
    PRODUCTS,
    USERS,
    VARIANT,
    Rows,
    act,
    alternatives,
    c,
    do_cancel,
    do_exchange,
    do_items,
    do_pay,
    do_return,
    earlier,
    forbidden,
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


def _usable(o: dict, u: dict) -> list[str]:
    return sorted(
        m
        for m, v in u["payment_methods"].items()
        if m != original_method(o) and (v["source"] != "gift_card" or v["balance"] >= paid(o))
    )


def _change_ok(o: dict) -> bool:
    """The first item has another variant, and a charge for it would be covered by the original method."""
    a = order(o["order_id"])
    alts = alternatives(a["items"][0])
    if not alts:
        return False
    diff = c(VARIANT[alts[0]][1]["price"]) - a["items"][0]["price"]
    method = user(a["user_id"])["payment_methods"][original_method(a)]
    return diff <= 0 or method["source"] != "gift_card" or method["balance"] >= diff


def _distinct_items(o: dict) -> bool:
    prices = [i["price"] for i in o["items"]]
    return (
        len(o["items"]) >= 2
        and len(set(prices)) == len(prices)
        and len({i["name"] for i in o["items"]}) == len(o["items"])
    )


def amount(rows: Rows, n: int = 40) -> None:
    rng = random.Random(5505)
    pend = pool(rng, lambda o: o["status"] == "pending")
    deliv = pool(rng, lambda o: o["status"] == "delivered" and _distinct_items(order(o["order_id"])))
    deliv_alt = pool(rng, lambda o: o["status"] == "delivered" and _change_ok(o))
    pend_alt = pool(rng, lambda o: o["status"] == "pending" and _change_ok(o))
    multi = sorted(u for u, v in USERS.items() if len(v["orders"]) >= 2)
    rng.shuffle(multi)
    kinds = ["cancel", "return", "exchange", "items", "payment", "total"]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        fr = pair_frame(rng)
        style = rng.choice(MONEY_STYLES)
        t = rng.randrange(4)
        X = lambda v: money(v, style)
        if kind == "cancel":
            a = order(pend.pop())
            u = user(a["user_id"])
            obs = [obs_order(a), obs_order(do_cancel(a))]
            right, bad = paid(a), wrong(paid(a), obs, rng)
            m = method_name(u, original_method(a), rng)
            form = [
                "Order {o} is cancelled; your refund of {x} is on its way to your {m}.",
                "{o} cancelled ✅ refund {x} -> {m}",
                "It looks like the full amount ({x}) should come back to your {m} now that {o} is cancelled.",
                "I cancelled {o}. Refund total: {x}.",
            ][t]
            body = lambda x: form.format(o=a["order_id"], x=X(x), m=m)
            acts = [
                *earlier(a["user_id"]),
                get(a["order_id"]),
                act("cancel_pending_order", {"order_id": a["order_id"], "reason": "no longer needed"}),
            ]
            ask = f"Cancel {a['order_id']} and tell me how much I get back."
        elif kind == "return":
            a = order(deliv.pop())
            u = user(a["user_id"])
            m0 = original_method(a)
            obs = [obs_order(a), obs_order(do_return(a, [0], m0))]
            right, bad = a["items"][0]["price"], sum(i["price"] for i in a["items"])
            p0 = a["items"][0]["name"]
            form = [
                "The return for the {p} on {o} is submitted; once it reaches us you'll be refunded {x}.",
                "Return of the {p} ({o}) submitted - refund amount: {x}, to your {m}.",
                "refund for {o} ({p}) = {x} once we get it back 📦",
                "According to our records the return request for the {p} on {o} is in, so you should get {x} back after it arrives.",
            ][t]
            m = method_name(u, m0, rng)
            body = lambda x: form.format(o=a["order_id"], x=X(x), m=m, p=p0)
            acts = [
                *earlier(a["user_id"]),
                get(a["order_id"]),
                act(
                    "return_delivered_order_items",
                    {
                        "order_id": a["order_id"],
                        "item_ids": [a["items"][0]["item_id"]],
                        "payment_method_id": m0,
                    },
                ),
            ]
            ask = f"I'm returning just the {p0} from {a['order_id']}, how much is the refund?"
        elif kind in ("exchange", "items"):
            a = order(deliv_alt.pop() if kind == "exchange" else pend_alt.pop())
            u = user(a["user_id"])
            m0 = original_method(a)
            new = alternatives(a["items"][0])[0]
            if kind == "exchange":
                after, diff = do_exchange(a, [(0, new)], m0)
                tool = "exchange_delivered_order_items"
            else:
                after, diff = do_items(a, [(0, new)], m0)
                tool = "modify_pending_order_items"
            method = u["payment_methods"][m0]
            assert diff <= 0 or method["source"] != "gift_card" or method["balance"] >= diff, (
                "the store would refuse"
            )
            obs = [obs_order(a), obs_product(a["items"][0]["product_id"]), obs_order(after)]
            p0 = a["items"][0]["name"]
            m = method_name(u, m0, rng)
            head = {
                "exchange": "The exchange on {o} ({p}: {old} → {new}) has been submitted.",
                "items": "The {p} on {o} was changed from {old} to {new}.",
            }[kind].format(
                o=a["order_id"],
                p=p0,
                old=opts(a["items"][0]["options"]),
                new=opts(VARIANT[new][1]["options"]),
            )
            back = (
                "The new one is cheaper, so {x} comes back to your {m}."
                if kind == "exchange"
                else "Since it's cheaper, {x} was refunded to your {m}."
            )
            more = (
                "The new one costs more, so {x} will be charged to your {m}."
                if kind == "exchange"
                else "Since it costs more, {x} extra was charged to your {m}."
            )
            right_s, wrong_s = (back, more) if diff < 0 else (more, back)
            right = bad = abs(diff)
            swap_body = lambda x, s: f"{head} {s.format(x=X(x), m=m)}"
            acts = [
                *earlier(a["user_id"]),
                get(a["order_id"]),
                act("get_product_details", {"product_id": a["items"][0]["product_id"]}),
                act(
                    tool,
                    {
                        "order_id": a["order_id"],
                        "item_ids": [a["items"][0]["item_id"]],
                        "new_item_ids": [new],
                        "payment_method_id": m0,
                    },
                ),
            ]
            ask = f"Swap the {p0} on {a['order_id']} for the other version please."
            first = u["name"]["first_name"]
            rows.twin(
                "amount",
                kind,
                fr(first, ask, swap_body(right, right_s)),
                fr(first, ask, swap_body(bad, wrong_s)),
                1,
                obs,
                acts,
            )
            continue
        elif kind == "payment":
            while True:
                a = order(pend.pop())
                u = user(a["user_id"])
                if _usable(a, u):
                    break
            new = _usable(a, u)[0]
            obs = [obs_user(u), obs_order(a), obs_order(do_pay(a, new))]
            right, bad = paid(a), wrong(paid(a), obs, rng)
            old_name, new_name = method_name(u, original_method(a)), method_name(u, new)
            form = [
                "{o} is now paid with your {n}; the {x} on your {m} is being refunded.",
                "Done switching {o} to {n} - refund of {x} headed back to your {m}.",
                "The payment change on {o} went through: {n} was charged and {x} refunded to your {m}.",
                "From what I see, {o} has been moved to your {n}, and the original {x} should come back to your {m}.",
            ][t]
            body = lambda x: form.format(o=a["order_id"], x=X(x), m=old_name, n=new_name)
            acts = [
                *earlier(a["user_id"]),
                get(a["order_id"]),
                act("modify_pending_order_payment", {"order_id": a["order_id"], "payment_method_id": new}),
            ]
            ask = f"Please pay {a['order_id']} with my other method."
        else:
            while True:
                uid = multi.pop()
                oa, ob = (order(o) for o in sorted(USERS[uid]["orders"])[:2])
                ta, tb = sum(i["price"] for i in oa["items"]), sum(i["price"] for i in ob["items"])
                obs = [obs_order(oa), obs_order(ob)]
                if ta != tb and tb not in _amounts_of(oa):
                    break
            u = user(uid)
            right, bad = ta, tb
            form = [
                "Order {o} came to {x} in total.",
                "{o}: total {x} (that's everything on it).",
                "It looks like you paid {x} altogether for {o}.",
                "The total for order {o} was {x}, according to our records.",
            ][t]
            body = lambda x: form.format(o=oa["order_id"], x=X(x))
            acts = [*earlier(uid), get(oa["order_id"]), get(ob["order_id"])]
            ask = f"What did {oa['order_id']} cost me in the end?"
        assert right != bad
        first = u["name"]["first_name"]
        rows.twin("amount", kind, fr(first, ask, body(right)), fr(first, ask, body(bad)), 1, obs, acts)


def _amounts_of(o: dict) -> set[int]:
    from itertools import combinations

    prices = [i["price"] for i in o["items"]]
    out = set(prices) | {e["amount"] for e in o["payment_history"]} | {paid(o)}
    for size in range(2, min(5, len(prices)) + 1):
        out.update(sum(g) for g in combinations(prices, size))
    return out


def _picks(product: dict, vid: str) -> set[str]:
    """The variants a phrase naming all of `vid`'s option values (less short ones) picks out."""
    values = [
        str(v)
        for v in product["variants"][vid]["options"].values()
        if len(str(v)) > 2 and str(v).lower() not in ("yes", "no", "none")
    ]
    return {
        k
        for k, v in product["variants"].items()
        if all(x in [str(y) for y in v["options"].values()] for x in values)
    }


def product_price(rows: Rows, n: int = 32) -> None:
    rng = random.Random(5606)
    products = sorted(PRODUCTS)
    deliv_alt = pool(rng, lambda o: o["status"] == "delivered" and _change_ok(o))
    two = pool(
        rng,
        lambda o: (
            _distinct_items(order(o["order_id"]))
            and round(o["items"][1]["price"] * 100)
            not in {
                round(v["price"] * 100) for v in PRODUCTS[o["items"][0]["product_id"]]["variants"].values()
            }
        ),
    )
    kinds = ["variant", "paid", "catalogue", "new"]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        fr = pair_frame(rng)
        style = rng.choice(MONEY_STYLES)
        X = lambda v: money(v, style)
        t = rng.randrange(4)
        if kind in ("variant", "catalogue"):
            while True:
                pid = rng.choice(products)
                p = PRODUCTS[pid]
                vid = rng.choice(sorted(p["variants"]))
                picked = _picks(p, vid)
                prices = {c(p["variants"][k]["price"]) for k in picked}
                others = sorted(k for k in p["variants"] if c(p["variants"][k]["price"]) not in prices)
                if others:
                    break
            right = c(p["variants"][vid]["price"])
            obs = [obs_product(pid)] if kind == "variant" else []
            if kind == "variant":
                bad = c(p["variants"][rng.choice(others)]["price"])
            else:
                catalogue = {c(v["price"]) for v in p["variants"].values()}
                bad = wrong(right, obs, rng)
                while bad in catalogue or bad in forbidden([obs_product(pid)]):
                    bad += 1307
            form = [
                "The {p} in {o} is {x}.",
                "A {p} in {o} costs {x} right now.",
                "It looks like the {p} ({o}) sells for {x}.",
                "{p} in {o}: {x} 🙂",
            ][t]
            body = lambda x: form.format(p=p["name"], o=opts(p["variants"][vid]["options"]), x=X(x))
            acts = [act("get_product_details", {"product_id": pid})] if kind == "variant" else []
            first = rng.choice(["Sam", "Ana", "Jules", "Kemal"])
            ask = f"How much is the {p['name']} in {opts(p['variants'][vid]['options'])}?"
        elif kind == "paid":
            a = order(two.pop())
            p0, p1 = a["items"][0], a["items"][1]
            catalogue = {c(v["price"]) for v in PRODUCTS[p0["product_id"]]["variants"].values()}
            assert p1["price"] not in catalogue
            right, bad = p0["price"], p1["price"]
            obs = [obs_order(a)]
            form = [
                "You paid {x} for the {p} on {o}.",
                "On {o}, the {p} was {x}.",
                "Looking at {o}, the {p} cost you {x}.",
                "{o} - {p}: {x}",
            ][t]
            body = lambda x: form.format(p=p0["name"], o=a["order_id"], x=X(x))
            acts = [*earlier(a["user_id"]), get(a["order_id"])]
            first = USERS[a["user_id"]]["name"]["first_name"]
            ask = f"What did I pay for the {p0['name']} on {a['order_id']}?"
        else:
            a = order(deliv_alt.pop())
            item = a["items"][0]
            new = alternatives(item)[0]
            m0 = original_method(a)
            after, _ = do_exchange(a, [(0, new)], m0)
            obs = [obs_order(a), obs_product(item["product_id"]), obs_order(after)]
            right, bad = c(VARIANT[new][1]["price"]), item["price"]
            form = [
                "Exchange submitted for {o}. The new {p} costs {x}.",
                "Your exchange on {o} is in - the replacement {p} ({n}) is {x}.",
                "The exchange request on {o} went through; for reference the new {p} is {x}.",
                "Exchange for {o} submitted ✅ new {p}: {x}",
            ][t]
            body = lambda x: form.format(
                p=item["name"], o=a["order_id"], n=opts(VARIANT[new][1]["options"]), x=X(x)
            )
            acts = [
                *earlier(a["user_id"]),
                get(a["order_id"]),
                act("get_product_details", {"product_id": item["product_id"]}),
                act(
                    "exchange_delivered_order_items",
                    {
                        "order_id": a["order_id"],
                        "item_ids": [item["item_id"]],
                        "new_item_ids": [new],
                        "payment_method_id": m0,
                    },
                ),
            ]
            first = USERS[a["user_id"]]["name"]["first_name"]
            ask = f"Please exchange the {item['name']} on {a['order_id']} for the {opts(VARIANT[new][1]['options'])} one."
        assert right != bad
        rows.twin("product_price", kind, fr(first, ask, body(right)), fr(first, ask, body(bad)), 1, obs, acts)
