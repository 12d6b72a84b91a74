"""What the suite's customers talk about, picked from the demo store's data files.

The orders, items, variants and payment methods come from here so that the end state each
conversation must reach is known before the engine runs. Every pick draws from one seeded
random source, in the order build.py builds the categories, so the suite is the same each time.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "apps" / "commerce" / "demo_data"

ORDERS: dict[str, Any] = json.loads((DATA / "orders.json").read_text())
USERS: dict[str, Any] = json.loads((DATA / "users.json").read_text())
PRODUCTS: dict[str, Any] = json.loads((DATA / "products.json").read_text())

rng = random.Random(14)


def orders_of(user_id: str, status: str) -> list[dict[str, Any]]:
    return [ORDERS[o] for o in USERS[user_id]["orders"] if ORDERS[o]["status"] == status]


def _unique_names(order: dict[str, Any]) -> bool:
    names = [i["name"] for i in order["items"]]
    return len(names) == len(set(names))


def users_with(status: str, *, count: int, need: int = 1) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Up to `count` customers with at least `need` orders of this status (orders whose items
    all have different product names, so naming a product names one item)."""
    users = sorted(USERS)
    rng.shuffle(users)
    chosen = 0
    for user_id in users:
        orders = [o for o in orders_of(user_id, status) if _unique_names(o)]
        if len(orders) >= need:
            yield user_id, orders
            chosen += 1
            if chosen >= count:
                return


def single_payment(order: dict[str, Any]) -> str | None:
    payments = [p for p in order["payment_history"] if p["transaction_type"] == "payment"]
    return payments[0]["payment_method_id"] if len(payments) == 1 else None


def variant_swap(item: dict[str, Any]) -> tuple[str, str, dict[str, Any]] | None:
    """(option name, value wanted, the variant the store should pick) for a one-option change
    that names an available variant keeping every other option the same."""
    product = PRODUCTS[item["product_id"]]
    current = item["options"]
    for key in current:
        for variant in product["variants"].values():
            options = variant["options"]
            if not variant["available"] or variant["item_id"] == item["item_id"]:
                continue
            if options[key] == current[key] or any(options[k] != current[k] for k in current if k != key):
                continue
            value = str(options[key])
            # a value that reads on its own ("red", "polyester"), not "XL", "yes" or a lone digit
            if len(value) <= 3 or value.lower() in {"yes", "none"}:
                continue
            return key, value, variant
    return None


def payable_methods(user_id: str) -> list[str]:
    """The customer's payment methods that can pay a difference (not a gift card)."""
    methods = USERS[user_id]["payment_methods"]
    return [m for m in methods if methods[m]["source"] != "gift_card"]


def email(user_id: str) -> str:
    return USERS[user_id]["email"]


def name_zip(user_id: str) -> str:
    user = USERS[user_id]
    return f"{user['name']['first_name']} {user['name']['last_name']}, zip {user['address']['zip']}"
