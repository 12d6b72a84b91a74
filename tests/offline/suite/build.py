"""Writes conversations.json: the offline engine's conversation suite, as data.

Each conversation is what a customer types, turn by turn (typos, corrections, two requests at
once, short answers, changing their mind, going off topic and back), and the store state it
must end in. The customers' words are written here by hand as templates; the orders, items,
variants and payment methods they talk about are picked from the demo store so that the
expected end state is known before the engine runs. Run it again after changing a template:

    .venv/bin/python tests/offline/suite/build.py

The expected state is worked out from the store's rules, never from running the engine:
a cancelled order has status 'cancelled' and the reason the customer gave; an exchange asks
for the variant with the option the customer named and every other option kept.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "apps" / "commerce" / "demo_data"
OUT = Path(__file__).with_name("conversations.json")

ORDERS: dict[str, Any] = json.loads((DATA / "orders.json").read_text())
USERS: dict[str, Any] = json.loads((DATA / "users.json").read_text())
PRODUCTS: dict[str, Any] = json.loads((DATA / "products.json").read_text())

rng = random.Random(14)
MISTAKE, NOT_NEEDED = "ordered by mistake", "no longer needed"


# --- picking from the store ------------------------------------------------------------------


def _orders_of(user_id: str, status: str) -> list[dict[str, Any]]:
    return [ORDERS[o] for o in USERS[user_id]["orders"] if ORDERS[o]["status"] == status]


def _unique_names(order: dict[str, Any]) -> bool:
    names = [i["name"] for i in order["items"]]
    return len(names) == len(set(names))


def _users_with(status: str, *, count: int, need: int = 1) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Up to `count` customers with at least `need` orders of this status (orders whose items
    all have different product names, so naming a product names one item)."""
    users = sorted(USERS)
    rng.shuffle(users)
    chosen = 0
    for user_id in users:
        orders = [o for o in _orders_of(user_id, status) if _unique_names(o)]
        if len(orders) >= need:
            yield user_id, orders
            chosen += 1
            if chosen >= count:
                return


def _single_payment(order: dict[str, Any]) -> str | None:
    payments = [p for p in order["payment_history"] if p["transaction_type"] == "payment"]
    return payments[0]["payment_method_id"] if len(payments) == 1 else None


def _variant_swap(item: dict[str, Any]) -> tuple[str, str, dict[str, Any]] | None:
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


def _email(user_id: str) -> str:
    return USERS[user_id]["email"]


def _name_zip(user_id: str) -> str:
    user = USERS[user_id]
    return f"{user['name']['first_name']} {user['name']['last_name']}, zip {user['address']['zip']}"


def _method_words(user_id: str, method_id: str) -> str:
    method = USERS[user_id]["payment_methods"][method_id]
    if method["source"] == "paypal":
        return rng.choice(["paypal", "my PayPal", "pay pal please"])
    if method["source"] == "gift_card":
        return rng.choice(["my gift card", "the gift card", "giftcard"])
    return rng.choice(
        [f"my {method['brand']}", f"the card ending {method['last_four']}", f"{method['brand']} card"]
    )


def _typo(word: str) -> str:
    """One slip of the finger in a word of six letters or more: two letters swapped or one dropped."""
    if len(word) < 6 or not word.isalpha():
        return word
    at = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5:
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word[:at] + word[at + 1 :]


# --- conversations ---------------------------------------------------------------------------

conversations: list[dict[str, Any]] = []


def add(
    category: str, customer: str | None, turns: list[str], expect: dict[str, Any], note: str = ""
) -> None:
    number = sum(1 for c in conversations if c["category"] == category) + 1
    conversations.append(
        {
            "id": f"{category}-{number:02d}",
            "category": category,
            "note": note,
            "customer": customer,  # the email of a signed-in customer, or null for an anonymous visitor
            "turns": turns,
            "expect": expect,
        }
    )


def cancelled(reason: str) -> dict[str, Any]:
    return {"status": "cancelled", "cancel_reason": reason}


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


def typo_conversations() -> None:
    for n, (user_id, orders) in enumerate(_users_with("pending", count=12)):
        order = orders[0]["order_id"]
        reason = rng.choice([MISTAKE, NOT_NEEDED])
        signed_in = n % 3 != 0
        turns = [CANCEL_TYPOS[n % len(CANCEL_TYPOS)].format(o=order)]
        if not signed_in:
            turns.append(rng.choice([_email(user_id), f"its {_email(user_id)}"]))
        turns += [rng.choice(REASON_WORDS[reason]), rng.choice(YES)]
        add("typos", _email(user_id) if signed_in else None, turns, {"orders": {order: cancelled(reason)}})
    for user_id, orders in _users_with("delivered", count=6):
        order = orders[0]
        item = order["items"][0]
        add(
            "typos",
            _email(user_id),
            [f"i wnat to retrun the {_typo(item['name'].lower())} from {order['order_id']}", rng.choice(YES)],
            {
                "orders": {
                    order["order_id"]: {"status": "return requested", "return_items": [item["item_id"]]}
                }
            },
        )
    for user_id, orders in _users_with("pending", count=6):
        order = orders[0]["order_id"]
        add(
            "typos",
            _email(user_id),
            [
                f"need to chnage the shiping adress for {order}",
                "45 Maple Street, Apt 2, Columbus, OH 43004",
                "yes",
            ],
            {
                "orders": {
                    order: {"status": "pending", "address": {"address1": "45 Maple Street", "zip": "43004"}}
                }
            },
        )


def correction_conversations() -> None:
    switches = [
        "actually wait, don't cancel it, I'd rather change the shipping address instead",
        "hmm no, don't cancel it. change the shipping address instead",
        "wait dont cancel, i'd rather change the shipping adress",
    ]
    for n, (user_id, orders) in enumerate(_users_with("pending", count=8)):
        order = orders[0]["order_id"]
        add(
            "corrections",
            _email(user_id),
            [
                f"cancel {order}, i don't need it anymore",
                switches[n % 3],
                "12 Oak Street, Austin, TX 78701",
                "yes",
            ],
            {
                "orders": {
                    order: {"status": "pending", "address": {"address1": "12 Oak Street", "zip": "78701"}}
                }
            },
            note="a change of mind before the yes replaces the proposal, keeping the order",
        )
    for user_id, orders in _users_with("pending", count=6):
        order = orders[0]["order_id"]
        add(
            "corrections",
            _email(user_id),
            [
                f"cancel order {order} please, I ordered it by mistake",
                "sorry, actually I just no longer need it",
                "yes",
            ],
            {"orders": {order: cancelled(NOT_NEEDED)}},
        )
    for user_id, orders in _users_with("pending", count=6):
        order = orders[0]["order_id"]
        add(
            "corrections",
            _email(user_id),
            [f"please ship {order} to 9 Birch Lane, Madison, WI 53703", "no wait, the zip is 53704", "yes"],
            {
                "orders": {
                    order: {"status": "pending", "address": {"address1": "9 Birch Lane", "zip": "53704"}}
                }
            },
        )


def two_request_conversations() -> None:
    for user_id, orders in _users_with("pending", count=8):
        order = orders[0]["order_id"]
        add(
            "two-requests",
            _email(user_id),
            [
                f"cancel {order} and also change my default address to "
                "300 Lake Shore Drive, Chicago, IL 60601",
                "no longer needed",
                "yes",
                "yes",
            ],
            {
                "orders": {order: cancelled(NOT_NEEDED)},
                "default_address": {"address1": "300 Lake Shore Drive", "zip": "60601"},
            },
        )
    for user_id, orders in _users_with("pending", count=6, need=2):
        first, second = orders[0]["order_id"], orders[1]["order_id"]
        add(
            "two-requests",
            _email(user_id),
            [f"cancel {first}, ordered by mistake", f"yes and also cancel {second}", "by mistake too", "yes"],
            {"orders": {first: cancelled(MISTAKE), second: cancelled(MISTAKE)}},
        )
    for user_id, orders in _users_with("pending", count=6, need=2):
        first, second = orders[0]["order_id"], orders[1]["order_id"]
        add(
            "two-requests",
            _email(user_id),
            [f"please cancel {first} and {second}, i dont need them anymore", "yes", "yes"],
            {"orders": {first: cancelled(NOT_NEEDED), second: cancelled(NOT_NEEDED)}},
        )


def short_answer_conversations() -> None:
    for user_id, orders in _users_with("pending", count=10):
        order = orders[0]["order_id"]
        add(
            "short-answers",
            None,
            ["cancel an order", _email(user_id), order, "mistake", rng.choice(["y", "ok", "yes"])],
            {"orders": {order: cancelled(MISTAKE)}},
        )
    for user_id, orders in _users_with("delivered", count=10):
        order = orders[0]
        item = order["items"][-1]
        add(
            "short-answers",
            _email(user_id),
            ["i want to return something", order["order_id"], item["name"].lower(), "original", "yes"],
            {
                "orders": {
                    order["order_id"]: {"status": "return requested", "return_items": [item["item_id"]]}
                }
            },
        )


def mind_change_conversations() -> None:
    for user_id, orders in _users_with("pending", count=8):
        order = orders[0]["order_id"]
        add(
            "changing-mind",
            _email(user_id),
            [
                f"cancel {order}",
                "i ordered it by mistake",
                rng.choice(["no", "no, leave it", "never mind", "actually no"]),
            ],
            {"orders": {order: {"status": "pending"}}, "no_changes": True},
        )
    for user_id, orders in _users_with("delivered", count=7):
        order = orders[0]
        add(
            "changing-mind",
            _email(user_id),
            [f"return everything from {order['order_id']}", "hmm, no. I'll keep it", "thanks, bye"],
            {"orders": {order["order_id"]: {"status": "delivered"}}, "no_changes": True},
        )


def off_topic_conversations() -> None:
    questions = [
        "btw how long does a refund take?",
        "oh and how much is shipping?",
        "wait, do gift cards expire?",
        "quick question: how long do I have to return an item?",
        "by the way what payment methods do you accept?",
    ]
    for n, (user_id, orders) in enumerate(_users_with("pending", count=10)):
        order = orders[0]["order_id"]
        add(
            "off-topic",
            _email(user_id),
            [f"I want to cancel {order}", questions[n % len(questions)], "ok. it's no longer needed", "yes"],
            {"orders": {order: cancelled(NOT_NEEDED)}},
        )
    for user_id, orders in _users_with("delivered", count=5):
        order = orders[0]
        item = order["items"][0]
        add(
            "off-topic",
            _email(user_id),
            [
                f"I'd like to return the {item['name']} from {order['order_id']}",
                "what's the weather like today?",
                "no thanks. so, the return",
                "yes",
            ],
            {
                "orders": {
                    order["order_id"]: {"status": "return requested", "return_items": [item["item_id"]]}
                }
            },
        )


def exchange_conversations() -> None:
    made = 0
    for user_id, orders in _users_with("delivered", count=200):
        order = orders[0]
        item = order["items"][0]
        swap = _variant_swap(item)
        methods = USERS[user_id]["payment_methods"]
        pay = [m for m in methods if methods[m]["source"] != "gift_card"]
        if swap is None or _single_payment(order) is None or not pay:
            continue
        key, value, variant = swap
        first = [
            f"i'd like to exchange the {item['name'].lower()} from {order['order_id']} for {key} {value}",
            f"can i swap my {_typo(item['name'].lower())} ({order['order_id']}) for the {value} one",
            f"exchnage {order['order_id']}: {item['name']} in {key} {value} please",
        ][made % 3]
        add(
            "exchanges",
            _email(user_id),
            [first, _method_words(user_id, pay[0]), "yes"],
            {
                "orders": {
                    order["order_id"]: {
                        "status": "exchange requested",
                        "exchange_items": [item["item_id"]],
                        "exchange_new_items": [variant["item_id"]],
                    }
                }
            },
        )
        made += 1
        if made >= 15:
            return


def item_change_conversations() -> None:
    made = 0
    for user_id, orders in _users_with("pending", count=300):
        order = orders[0]
        item = order["items"][-1]
        swap = _variant_swap(item)
        methods = USERS[user_id]["payment_methods"]
        pay = [m for m in methods if methods[m]["source"] != "gift_card"]
        if swap is None or not pay:
            continue
        key, value, variant = swap
        first = [
            f"my order {order['order_id']} hasnt shipped yet, can I change the "
            f"{item['name'].lower()} to {key} {value}?",
            f"I'd like to change the {key} of the {item['name']} in {order['order_id']} to {value}",
            f"modify my order {order['order_id']} pls: {item['name'].lower()} in {value} instead",
        ][made % 3]
        add(
            "item-changes",
            _email(user_id),
            [first, _method_words(user_id, pay[0]), "yes"],
            {
                "orders": {
                    order["order_id"]: {
                        "status": "pending (item modified)",
                        "has_items": [variant["item_id"]],
                    }
                }
            },
        )
        made += 1
        if made >= 15:
            return


def payment_change_conversations() -> None:
    made = 0
    for user_id, orders in _users_with("pending", count=300):
        order = orders[0]
        current = _single_payment(order)
        methods = USERS[user_id]["payment_methods"]
        if current is None:
            continue
        others = [m for m in methods if m != current and methods[m]["source"] != "gift_card"]
        if not others:
            continue
        target = others[0]
        kind = methods[target]["source"]
        if sum(1 for m in methods.values() if m["source"] == kind) > 1:
            continue  # "my card" would not say which
        words = _method_words(user_id, target)
        first = [
            f"can I pay for {order['order_id']} with {words} instead?",
            f"i want to change the payment method of order {order['order_id']}",
            f"switch the paymnet on {order['order_id']} to {words}",
        ][made % 3]
        turns = [first, *([words] if made % 3 == 1 else []), "yes"]
        add(
            "payment-changes",
            _email(user_id),
            turns,
            {"orders": {order["order_id"]: {"status": "pending", "paid_with": target}}},
        )
        made += 1
        if made >= 12:
            return


def knowledge_conversations() -> None:
    answered = [
        ("how long do I have to exchange an item?", "30 days"),
        ("what does shipping cost?", "$5.99"),
        ("how long does a refund take to paypal?", "5-7 business days"),
        ("do gift cards expire", "expire"),
        ("whats ur return policy", "30 days"),
        ("can the shipping address be changed after an order ships?", "pending"),
    ]
    for question, needle in answered:
        add("questions", None, [question], {"replies": [[0, needle]], "no_changes": True})
    for question in ["do you ship internationally?", "can I pay in bitcoin?", "do you sell concert tickets?"]:
        add(
            "questions",
            None,
            [question, "no thanks"],
            {"replies": [[0, "not sure"]], "no_changes": True, "handoff": False},
            note="no article answers it: an honest 'I don't know' and the offer of a person",
        )
    for user_id, orders in _users_with("delivered", count=3):
        add(
            "questions",
            _email(user_id),
            ["what orders do I have?"],
            {"replies": [[0, orders[0]["order_id"]]], "no_changes": True},
        )
    made = 0
    for user_id, orders in _users_with("processed", count=60):
        item = orders[0]["items"][0]["name"]
        holders = [o for o in USERS[user_id]["orders"] if any(i["name"] == item for i in ORDERS[o]["items"])]
        if len(holders) != 1:
            continue
        add(
            "questions",
            _email(user_id),
            [f"where is my {item.lower()}"],
            {"replies": [[0, orders[0]["order_id"]]], "no_changes": True},
        )
        made += 1
        if made >= 3:
            break
    add(
        "questions",
        None,
        ["I want my money back but keep the item"],
        {"replies": [[0, "30 days"]], "no_changes": True},
        note="explained against the policy, with the options that exist",
    )


def identity_conversations() -> None:
    for user_id, orders in _users_with("delivered", count=6):
        order = orders[0]
        item = order["items"][0]
        method = _single_payment(order)
        if method is None:
            continue
        add(
            "identity",
            None,
            [
                f"I want to return the {item['name']} from {order['order_id']}",
                "to the original payment method",
                _name_zip(user_id),
                "yes",
            ],
            {
                "orders": {
                    order["order_id"]: {
                        "status": "return requested",
                        "return_items": [item["item_id"]],
                        "refund_to": method,
                    }
                }
            },
            note="a detail given after the identity question keeps the pending request",
        )
    for user_id, orders in _users_with("pending", count=5):
        order = orders[0]["order_id"]
        add(
            "identity",
            None,
            [
                "hi",
                "hello?",
                f"i want to cancel {order}",
                "j.doe1234@example.com",
                _email(user_id),
                "by mistake",
                "yes",
            ],
            {"orders": {order: cancelled(MISTAKE)}, "distinct_replies": [0, 1]},
            note="rapid messages do not each get the same greeting; a wrong email is asked again",
        )
    made = 0
    for user_id in sorted(USERS):
        mine = USERS[user_id]["orders"]
        if not 2 <= len(mine) <= 5 or ORDERS[mine[1]]["status"] != "pending":
            continue
        add(
            "identity",
            _email(user_id),
            ["what orders do I have?", "cancel the second one", "no longer needed", "yes"],
            {"orders": {mine[1]: cancelled(NOT_NEEDED)}},
            note="'the second one' is the second of the list just shown",
        )
        made += 1
        if made >= 4:
            break


def build() -> list[dict[str, Any]]:
    typo_conversations()
    correction_conversations()
    two_request_conversations()
    short_answer_conversations()
    mind_change_conversations()
    off_topic_conversations()
    exchange_conversations()
    item_change_conversations()
    payment_change_conversations()
    knowledge_conversations()
    identity_conversations()
    return conversations


if __name__ == "__main__":
    built = build()
    OUT.write_text(json.dumps(built, indent=1) + "\n")
    by_category: dict[str, int] = {}
    for conversation in built:
        by_category[conversation["category"]] = by_category.get(conversation["category"], 0) + 1
    print(len(built), by_category)
