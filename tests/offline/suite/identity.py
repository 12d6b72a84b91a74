"""Who the customer is (identity): identified late in the request, a wrong email first, and
a signed-in customer picking an order from the list just shown."""

from __future__ import annotations

from .cases import add, cancelled, ends, return_requested
from .store import ORDERS, USERS, email, name_zip, single_payment, users_with
from .words import MISTAKE, NOT_NEEDED


def identity_conversations() -> None:
    for user_id, orders in users_with("delivered", count=6):
        order = orders[0]
        item = order["items"][0]
        method = single_payment(order)
        if method is None:
            continue
        add(
            "identity",
            None,
            [
                f"I want to return the {item['name']} from {order['order_id']}",
                "to the original payment method",
                name_zip(user_id),
                "yes",
            ],
            ends({order["order_id"]: return_requested(item["item_id"], refund_to=method)}),
            note="a detail given after the identity question keeps the pending request",
        )
    for user_id, orders in users_with("pending", count=5):
        order = orders[0]["order_id"]
        add(
            "identity",
            None,
            [
                "hi",
                "hello?",
                f"i want to cancel {order}",
                "j.doe1234@example.com",
                email(user_id),
                "by mistake",
                "yes",
            ],
            ends({order: cancelled(MISTAKE)}, distinct_replies=[0, 1]),
            note="rapid messages do not each get the same greeting; a wrong email is asked again",
        )
    made = 0
    for user_id in sorted(USERS):
        mine = USERS[user_id]["orders"]
        if not 2 <= len(mine) <= 5 or ORDERS[mine[1]]["status"] != "pending":
            continue
        add(
            "identity",
            email(user_id),
            ["what orders do I have?", "cancel the second one", "no longer needed", "yes"],
            ends({mine[1]: cancelled(NOT_NEEDED)}),
            note="'the second one' is the second of the list just shown",
        )
        made += 1
        if made >= 4:
            break
