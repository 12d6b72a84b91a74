"""How a conversation runs: two requests in one message or one after the other (two-requests),
one-word answers to the agent's questions (short-answers), and a question off the subject in
the middle of a request (off-topic)."""

from __future__ import annotations

from .cases import add, cancelled, ends, return_requested
from .store import email, rng, users_with
from .words import MISTAKE, NOT_NEEDED


def two_request_conversations() -> None:
    for user_id, orders in users_with("pending", count=8):
        order = orders[0]["order_id"]
        add(
            "two-requests",
            email(user_id),
            [
                f"cancel {order} and also change my default address to "
                "300 Lake Shore Drive, Chicago, IL 60601",
                "no longer needed",
                "yes",
                "yes",
            ],
            ends(
                {order: cancelled(NOT_NEEDED)},
                default_address={"address1": "300 Lake Shore Drive", "zip": "60601"},
            ),
        )
    for user_id, orders in users_with("pending", count=6, need=2):
        first, second = orders[0]["order_id"], orders[1]["order_id"]
        add(
            "two-requests",
            email(user_id),
            [f"cancel {first}, ordered by mistake", f"yes and also cancel {second}", "by mistake too", "yes"],
            ends({first: cancelled(MISTAKE), second: cancelled(MISTAKE)}),
        )
    for user_id, orders in users_with("pending", count=6, need=2):
        first, second = orders[0]["order_id"], orders[1]["order_id"]
        add(
            "two-requests",
            email(user_id),
            [f"please cancel {first} and {second}, i dont need them anymore", "yes", "yes"],
            ends({first: cancelled(NOT_NEEDED), second: cancelled(NOT_NEEDED)}),
        )


def short_answer_conversations() -> None:
    for user_id, orders in users_with("pending", count=10):
        order = orders[0]["order_id"]
        add(
            "short-answers",
            None,
            ["cancel an order", email(user_id), order, "mistake", rng.choice(["y", "ok", "yes"])],
            ends({order: cancelled(MISTAKE)}),
        )
    for user_id, orders in users_with("delivered", count=10):
        order = orders[0]
        item = order["items"][-1]
        add(
            "short-answers",
            email(user_id),
            ["i want to return something", order["order_id"], item["name"].lower(), "original", "yes"],
            ends({order["order_id"]: return_requested(item["item_id"])}),
        )


def off_topic_conversations() -> None:
    questions = [
        "btw how long does a refund take?",
        "oh and how much is shipping?",
        "wait, do gift cards expire?",
        "quick question: how long do I have to return an item?",
        "by the way what payment methods do you accept?",
    ]
    for n, (user_id, orders) in enumerate(users_with("pending", count=10)):
        order = orders[0]["order_id"]
        add(
            "off-topic",
            email(user_id),
            [f"I want to cancel {order}", questions[n % len(questions)], "ok. it's no longer needed", "yes"],
            ends({order: cancelled(NOT_NEEDED)}),
        )
    for user_id, orders in users_with("delivered", count=5):
        order = orders[0]
        item = order["items"][0]
        add(
            "off-topic",
            email(user_id),
            [
                f"I'd like to return the {item['name']} from {order['order_id']}",
                "what's the weather like today?",
                "no thanks. so, the return",
                "yes",
            ],
            ends({order["order_id"]: return_requested(item["item_id"])}),
        )
