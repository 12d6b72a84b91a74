"""The demo store and its rules for make_fifth.py: orders in integer cents, the writes replayed as
services.py makes them, observations as the tools' JSON text, figure formats and guards for
wrong figures. Nothing here reads the checker."""

from __future__ import annotations

import contextlib
import copy
import json
import random
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DEMO = ROOT / "apps" / "commerce" / "demo_data"
POLICY = json.loads((ROOT / "apps" / "knowledge" / "seed" / "policy.json").read_text())
USERS = json.loads((DEMO / "users.json").read_text())
ORDERS = json.loads((DEMO / "orders.json").read_text())
PRODUCTS = json.loads((DEMO / "products.json").read_text())
FACTS = {f["key"]: f for f in POLICY["facts"]}
NNBSP, NBSP = "\u202f", "\u00a0"
FACT_CENTS = {round(float(f["value"]) * 100) for f in POLICY["facts"] if f["kind"] == "money"}
VARIANT = {vid: (p, v) for p in PRODUCTS.values() for vid, v in p["variants"].items()}


def c(value: float | str) -> int:
    return round(float(value) * 100)


def d(cents: int) -> str:
    """Cents as DjangoJSONEncoder writes a two-place Decimal."""
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def order(order_id: str) -> dict:
    """A deep copy of a demo order with every amount in cents."""
    o = copy.deepcopy(ORDERS[order_id])
    for item in o["items"]:
        item["price"] = c(item["price"])
    for entry in o["payment_history"]:
        entry["amount"] = c(entry["amount"])
    return o


def user(user_id: str) -> dict:
    u = copy.deepcopy(USERS[user_id])
    for m in u["payment_methods"].values():
        if "balance" in m:
            m["balance"] = c(m["balance"])
    return u


def _render(value):
    return json.dumps(value, ensure_ascii=False)


def obs_order(o: dict) -> str:
    r = copy.deepcopy(o)
    for item in r["items"]:
        item["price"] = d(item["price"])
    for entry in r["payment_history"]:
        entry["amount"] = d(entry["amount"])
    if "exchange_price_difference" in r:
        r["exchange_price_difference"] = d(r["exchange_price_difference"])
    return _render(r)


def obs_user(u: dict) -> str:
    r = copy.deepcopy(u)
    for m in r["payment_methods"].values():
        if "balance" in m:
            m["balance"] = d(m["balance"])
    return _render(r)


def obs_product(product_id: str) -> str:
    p = copy.deepcopy(PRODUCTS[product_id])
    for v in p["variants"].values():
        v["price"] = d(c(v["price"]))
    return _render(p)


def obs_knowledge(*keys: str) -> str:
    return _render(
        {
            "articles": [],
            "facts": [
                {
                    "key": k,
                    "value": FACTS[k]["value"],
                    "unit": FACTS[k]["unit"],
                    "statement": FACTS[k]["statement"],
                }
                for k in keys
            ],
        }
    )


def act(name: str, arguments: dict, ok: bool = True, this_turn: bool = True) -> dict:
    return {"name": name, "ok": ok, "arguments": arguments, "this_turn": this_turn}


def earlier(user_id: str) -> list[dict]:
    """The identification of earlier turns: actions with no observation."""
    email = USERS[user_id]["email"]
    return [
        act("find_user_id_by_email", {"email": email}, this_turn=False),
        act("get_user_details", {"user_id": user_id}, this_turn=False),
    ]


# -- the store's writes, as services.py makes them ---------------------------------------------


def held(o: dict) -> dict[str, int]:
    out: dict[str, int] = {}
    for e in o["payment_history"]:
        sign = 1 if e["transaction_type"] == "payment" else -1
        out[e["payment_method_id"]] = out.get(e["payment_method_id"], 0) + sign * e["amount"]
    return {k: v for k, v in out.items() if v > 0}


def paid(o: dict) -> int:
    return sum(e["amount"] for e in o["payment_history"] if e["transaction_type"] == "payment")


def do_cancel(o: dict, reason: str = "no longer needed") -> dict:
    o = copy.deepcopy(o)
    for mid, amount in held(o).items():
        o["payment_history"].append(
            {"transaction_type": "refund", "amount": amount, "payment_method_id": mid}
        )
    o["status"] = "cancelled"
    o["cancel_reason"] = reason
    return o


def do_pay(o: dict, mid: str) -> dict:
    o = copy.deepcopy(o)
    first = o["payment_history"][0]
    o["payment_history"] += [
        {"transaction_type": "payment", "amount": first["amount"], "payment_method_id": mid},
        {
            "transaction_type": "refund",
            "amount": first["amount"],
            "payment_method_id": first["payment_method_id"],
        },
    ]
    return o


def do_items(o: dict, swaps: list[tuple[int, str]], mid: str) -> tuple[dict, int]:
    """Swap the items at these positions for these variant ids; returns the order and the difference."""
    o = copy.deepcopy(o)
    diff = 0
    for index, vid in swaps:
        _, v = VARIANT[vid]
        item = o["items"][index]
        diff += c(v["price"]) - item["price"]
        item.update(item_id=vid, price=c(v["price"]), options=copy.deepcopy(v["options"]))
    kind = "payment" if diff > 0 else "refund"
    o["payment_history"].append({"transaction_type": kind, "amount": abs(diff), "payment_method_id": mid})
    o["status"] = "pending (item modified)"
    return o, diff


def do_return(o: dict, indexes: list[int], mid: str) -> dict:
    o = copy.deepcopy(o)
    o["status"] = "return requested"
    o["return_items"] = sorted(o["items"][i]["item_id"] for i in indexes)
    o["return_payment_method_id"] = mid
    return o


def do_exchange(o: dict, swaps: list[tuple[int, str]], mid: str) -> tuple[dict, int]:
    o = copy.deepcopy(o)
    diff = sum(c(VARIANT[vid][1]["price"]) - o["items"][i]["price"] for i, vid in swaps)
    o["status"] = "exchange requested"
    o["exchange_items"] = sorted(o["items"][i]["item_id"] for i, _ in swaps)
    o["exchange_new_items"] = sorted(vid for _, vid in swaps)
    o["exchange_payment_method_id"] = mid
    o["exchange_price_difference"] = diff
    return o, diff


def alternatives(item: dict, cheaper: bool | None = None) -> list[str]:
    """Other available variants of the item's product with another price."""
    p = PRODUCTS[item["product_id"]]
    out = []
    for vid, v in p["variants"].items():
        if vid == item["item_id"] or not v["available"] or c(v["price"]) == item["price"]:
            continue
        if cheaper is None or (c(v["price"]) < item["price"]) == cheaper:
            out.append(vid)
    return sorted(out)


def original_method(o: dict) -> str:
    return o["payment_history"][0]["payment_method_id"]


# -- naming --------------------------------------------------------------------------------------


def method_name(u: dict, mid: str, rng: random.Random | None = None) -> str:
    m = u["payment_methods"][mid]
    if m["source"] == "paypal":
        return "PayPal"
    if m["source"] == "gift_card":
        return "gift card"
    brand = m["brand"].capitalize()
    forms = [
        f"{brand} ending in {m['last_four']}",
        f"{brand} card ending {m['last_four']}",
        f"{brand} (…{m['last_four']})",
    ]
    return forms[0] if rng is None else rng.choice(forms)


def first_name(u: dict) -> str:
    return u["name"]["first_name"]


def options_text(options: dict) -> str:
    return ", ".join(str(v) for v in options.values())


def money(cents: int, style: str = "$") -> str:
    whole, frac = divmod(abs(cents), 100)
    grouped = f"{whole:,}"
    if style == "$":
        return f"${grouped}.{frac:02d}"
    if style == "USD":
        return f"USD {grouped}.{frac:02d}"
    if style == "usd":
        return f"{grouped}.{frac:02d} USD"
    if style == "US$":
        return f"US${grouped}.{frac:02d}"
    if style == "es":  # 2.851,94 USD
        return f"{grouped.replace(',', '.')},{frac:02d} USD"
    if style == "de":
        return f"{grouped.replace(',', '.')},{frac:02d} USD"
    if style == "fr":  # 2 851,94 $ with a narrow no-break space
        return grouped.replace(",", NNBSP) + f",{frac:02d}" + NBSP + "$"
    raise ValueError(style)


# -- observed numbers and wrong figures ----------------------------------------------------------


def numbers_in(observations: list[str]) -> tuple[set[int], list[list[int]]]:
    found: set[int] = set()
    item_lists: list[list[int]] = []

    def walk(v):
        if isinstance(v, dict):
            items = v.get("items")
            if isinstance(items, list):
                item_lists.append([c(i["price"]) for i in items if isinstance(i, dict) and "price" in i])
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, str):
            with contextlib.suppress(ValueError):
                found.add(c(v))
        elif isinstance(v, int | float) and not isinstance(v, bool):
            found.add(round(v * 100))

    for text in observations:
        try:
            walk(json.loads(text))
        except ValueError:
            continue
    return found, item_lists


def forbidden(observations: list[str]) -> set[int]:
    """Every figure a wrong amount must not be: observed numbers, sums of up to five of an
    order's items, sums and differences of two observed numbers, policy amounts."""
    found, item_lists = numbers_in(observations)
    small = {n for n in found if 0 < n < 10**8}
    out = set(found) | FACT_CENTS
    for prices in item_lists:
        for size in range(2, min(5, len(prices)) + 1):
            out.update(sum(g) for g in combinations(prices, size))
    pool = sorted(small | FACT_CENTS)
    for a, b in combinations(pool, 2):
        out.update((a + b, abs(a - b)))
    return out


def wrong(right: int, observations: list[str], rng: random.Random) -> int:
    """A wrong amount derived from the right one: shifted, digits swapped, or scaled."""
    bad = forbidden(observations)
    text = str(right)
    candidates = [
        right + 1000,
        right - 1000,
        right + 250,
        right - 250,
        right + 1111,
        right * 2 + 13,
        right + 4700,
    ]
    if len(text) >= 4 and text[-3] != text[-4]:
        candidates.append(int(text[:-4] + text[-3] + text[-4] + text[-2:]))
    if len(text) >= 2 and text[-1] != text[-2]:
        candidates.append(int(text[:-2] + text[-1] + text[-2]))
    rng.shuffle(candidates)
    for cand in candidates:
        if cand > 0 and cand != right and cand not in bad:
            return cand
    for step in range(3, 400, 7):
        if right + step * 101 not in bad:
            return right + step * 101
    raise AssertionError(f"no wrong figure for {right}")


# -- rows and pools ------------------------------------------------------------------------------


class Rows:
    """The corpus being written: one list, ids numbered per category."""

    def __init__(self) -> None:
        self.rows: list[dict] = []
        self.count: dict[str, int] = {}

    def add(
        self,
        category: str,
        expect: str,
        wrong_claims: int,
        answer: str,
        observations: list[str],
        actions: list[dict],
        tag: str,
    ) -> None:
        assert (expect == "pass") == (wrong_claims == 0), (category, tag)
        n = self.count[category] = self.count.get(category, 0) + 1
        self.rows.append(
            {
                "id": f"{category}/{tag}-{n:03d}",
                "split": "fifth",
                "category": category,
                "expect": expect,
                "wrong_claims": wrong_claims,
                "answer": answer,
                "observations": list(observations),
                "actions": list(actions),
            }
        )

    def twin(
        self,
        category: str,
        tag: str,
        right: str,
        wrong_answer: str,
        wrong_claims: int,
        observations: list[str],
        actions: list[dict],
        trip_obs: list[str] | None = None,
        trip_actions: list[dict] | None = None,
    ) -> None:
        assert right != wrong_answer, tag
        self.add(category, "pass", 0, right, observations, actions, tag)
        self.add(
            category,
            "trip",
            wrong_claims,
            wrong_answer,
            observations if trip_obs is None else trip_obs,
            actions if trip_actions is None else trip_actions,
            tag,
        )


def status_of(order_id: str) -> str:
    return ORDERS[order_id]["status"]


def pool(rng: random.Random, test) -> list[str]:
    """Order ids that pass `test`, shuffled by this category's generator."""
    found = sorted(o for o in ORDERS if test(ORDERS[o]))
    rng.shuffle(found)
    return found


def methods_of(user_id: str, source: str | None = None) -> list[str]:
    return sorted(
        m for m, v in USERS[user_id]["payment_methods"].items() if source is None or v["source"] == source
    )


ADDRESSES = sorted(
    {
        (
            u["address"]["address1"],
            u["address"]["address2"],
            u["address"]["city"],
            u["address"]["state"],
            u["address"]["zip"],
        )
        for u in USERS.values()
    }
)


def new_address(rng: random.Random, avoid: dict) -> dict:
    while True:
        a1, a2, city, state, zip_code = rng.choice(ADDRESSES)
        if a1 != avoid["address1"]:
            return {
                "address1": a1,
                "address2": a2,
                "city": city,
                "state": state,
                "zip": zip_code,
                "country": "USA",
            }
