"""General questions (questions): answered from an article, or an honest "I don't know" with
the offer of a person; and questions about the customer's own orders."""

from __future__ import annotations

from .cases import add
from .store import ORDERS, USERS, email, users_with

ANSWERED = [
    ("how long do I have to exchange an item?", "30 days"),
    ("what does shipping cost?", "$5.99"),
    ("how long does a refund take to paypal?", "5-7 business days"),
    ("do gift cards expire", "expire"),
    ("whats ur return policy", "30 days"),
    ("can the shipping address be changed after an order ships?", "pending"),
]
UNANSWERED = ["do you ship internationally?", "can I pay in bitcoin?", "do you sell concert tickets?"]


def knowledge_conversations() -> None:
    for question, needle in ANSWERED:
        add("questions", None, [question], {"replies": [[0, needle]], "no_changes": True})
    for question in UNANSWERED:
        add(
            "questions",
            None,
            [question, "no thanks"],
            {"replies": [[0, "not sure"]], "no_changes": True, "handoff": False},
            note="no article answers it: an honest 'I don't know' and the offer of a person",
        )
    for user_id, orders in users_with("delivered", count=3):
        add(
            "questions",
            email(user_id),
            ["what orders do I have?"],
            {"replies": [[0, orders[0]["order_id"]]], "no_changes": True},
        )
    made = 0
    for user_id, orders in users_with("processed", count=60):
        item = orders[0]["items"][0]["name"]
        holders = [o for o in USERS[user_id]["orders"] if any(i["name"] == item for i in ORDERS[o]["items"])]
        if len(holders) != 1:
            continue
        add(
            "questions",
            email(user_id),
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
