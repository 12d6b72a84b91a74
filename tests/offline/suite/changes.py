"""Changing what an order holds or how it is paid: exchanges of delivered items (exchanges),
other variants on a pending order (item-changes), several at once (several-items) and another
payment method (payment-changes)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .cases import add, ends, exchange_requested, items_modified, paid_with
from .store import USERS, email, name_zip, payable_methods, single_payment, users_with, variant_swap
from .words import method_words, typo


def _swappable(
    status: str, *, count: int, limit: int, last_item: bool, single_paid: bool
) -> Iterator[tuple[str, dict[str, Any], dict[str, Any], tuple[str, str, dict[str, Any]], str]]:
    """Up to `limit` (customer, order, item, swap, method to pay with) where the order's first
    (or last) item has a one-option swap and the customer a method that can pay the difference."""
    made = 0
    for user_id, orders in users_with(status, count=count):
        order = orders[0]
        item = order["items"][-1 if last_item else 0]
        swap = variant_swap(item)
        pay = payable_methods(user_id)
        if swap is None or (single_paid and single_payment(order) is None) or not pay:
            continue
        yield user_id, order, item, swap, pay[0]
        made += 1
        if made >= limit:
            return


def exchange_conversations() -> None:
    for made, (user_id, order, item, (key, value, variant), method) in enumerate(
        _swappable("delivered", count=200, limit=15, last_item=False, single_paid=True)
    ):
        first = [
            f"i'd like to exchange the {item['name'].lower()} from {order['order_id']} for {key} {value}",
            f"can i swap my {typo(item['name'].lower())} ({order['order_id']}) for the {value} one",
            f"exchnage {order['order_id']}: {item['name']} in {key} {value} please",
        ][made % 3]
        add(
            "exchanges",
            email(user_id),
            [first, method_words(user_id, method), "yes"],
            ends({order["order_id"]: exchange_requested(item["item_id"], variant["item_id"])}),
        )


def item_change_conversations() -> None:
    for made, (user_id, order, item, (key, value, variant), method) in enumerate(
        _swappable("pending", count=300, limit=15, last_item=True, single_paid=False)
    ):
        first = [
            f"my order {order['order_id']} hasnt shipped yet, can I change the "
            f"{item['name'].lower()} to {key} {value}?",
            f"I'd like to change the {key} of the {item['name']} in {order['order_id']} to {value}",
            f"modify my order {order['order_id']} pls: {item['name'].lower()} in {value} instead",
        ][made % 3]
        add(
            "item-changes",
            email(user_id),
            [first, method_words(user_id, method), "yes"],
            ends({order["order_id"]: items_modified(variant["item_id"])}),
        )


def payment_change_conversations() -> None:
    made = 0
    for user_id, orders in users_with("pending", count=300):
        order = orders[0]
        current = single_payment(order)
        methods = USERS[user_id]["payment_methods"]
        if current is None:
            continue
        others = [m for m in payable_methods(user_id) if m != current]
        if not others:
            continue
        target = others[0]
        kind = methods[target]["source"]
        if sum(1 for m in methods.values() if m["source"] == kind) > 1:
            continue  # "my card" would not say which
        words = method_words(user_id, target)
        first = [
            f"can I pay for {order['order_id']} with {words} instead?",
            f"i want to change the payment method of order {order['order_id']}",
            f"switch the paymnet on {order['order_id']} to {words}",
        ][made % 3]
        turns = [first, *([words] if made % 3 == 1 else []), "yes"]
        add("payment-changes", email(user_id), turns, ends({order["order_id"]: paid_with(target)}))
        made += 1
        if made >= 12:
            return


def several_items_conversations() -> None:
    """Three swaps in one sentence ("the A for the one with X, the B for ... and the C for ..."):
    none of them may be left out; and a new address followed by the customer's name and zip
    code, which are not part of it."""
    made = 0
    for user_id, orders in users_with("pending", count=300):
        order = orders[0]
        swaps = [(item, swap) for item in order["items"] if (swap := variant_swap(item)) is not None]
        pay = payable_methods(user_id)
        if len(swaps) < 3 or not pay:
            continue
        wishes = [f"the {item['name']} for the one with {key} {value}" for item, (key, value, _) in swaps[:3]]
        add(
            "several-items",
            email(user_id),
            [
                f"my order {order['order_id']} hasn't shipped yet, I'd like to swap {wishes[0]}, "
                f"{wishes[1]} and {wishes[2]}",
                method_words(user_id, pay[0]),
                "yes",
            ],
            ends(
                {order["order_id"]: items_modified(*(variant["item_id"] for _, (_, _, variant) in swaps[:3]))}
            ),
        )
        made += 1
        if made >= 4:
            break
    for user_id, orders in users_with("pending", count=4):
        order = orders[0]["order_id"]
        add(
            "several-items",
            None,
            [
                f"Please change the shipping address of my order {order} to 297 Highland Drive, "
                "Suite 550, Washington, DC 20056, USA.",
                f"My name is {name_zip(user_id).replace(', zip', ' and my zip code is')}.",
                "yes",
            ],
            ends(
                {
                    order: {
                        "status": "pending",
                        "address": {"address1": "297 Highland Drive", "city": "Washington", "zip": "20056"},
                    }
                }
            ),
            note="the name and zip code that identify the customer are not read into the new address",
        )
