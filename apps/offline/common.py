"""Steps every flow shares: reading the customer's profile and orders, asking a question
(and giving up politely after a few tries), and handing the conversation to a person."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NoReturn

from apps.offline import wording as replies
from apps.offline.turn import HANDOFF_TOOL, Finished, Turn

# The same question asked this many times without an answer goes to a person.
MAX_ASKS = 3

_LABELS = {
    "order_status": "order status",
    "cancel_order": "cancel an order",
    "return_items": "return items",
    "change_order_address": "change an order's shipping address",
    "change_default_address": "change the default address",
    "profile": "account details",
    "list_orders": "list their orders",
    "change_items": "exchange or change items",
    "change_payment": "change an order's payment method",
    "keep_and_refund": "a refund without returning the item",
}
# The open request as the customer reads it: "(We can carry on with cancelling your order.)"
_CUSTOMER_LABELS = {
    "order_status": "checking your order",
    "cancel_order": "cancelling your order",
    "return_items": "your return",
    "change_order_address": "changing your order's shipping address",
    "change_default_address": "changing your default address",
    "change_items": "changing your items",
    "change_payment": "changing your payment method",
}


def customer_label(flow: dict[str, Any]) -> str:
    label = _CUSTOMER_LABELS.get(str(flow.get("intent")), "your request")
    if flow.get("order_id") and "order" in label:
        return label.replace("your order", f"order {flow['order_id']}")
    return label


def account(turn: Turn) -> dict[str, Any]:
    """The authenticated customer's profile (orders, payment methods), read once per turn."""
    observation = turn.call(
        "get_user_details",
        {"user_id": turn.customer_id},
        "Thought: I need the customer's profile (their orders and payment methods); I will read it.",
    )
    if observation.needs_verification:
        # A verification step is one more question: the open request waits for the answer.
        if turn.flow is not None:
            turn.flow["asked"] = "verify"
        raise Finished(replies.ask_code())
    if not observation.ok or not isinstance(observation.data, dict):
        turn.slots["offer_human"] = True
        raise Finished(replies.action_failed())
    return observation.data


def read_order(turn: Turn, order_id: str, why: str) -> dict[str, Any]:
    observation = turn.call(
        "get_order_details", {"order_id": order_id}, f"Thought: {why}; I will read order {order_id}."
    )
    if not observation.ok or not isinstance(observation.data, dict):
        turn.end_flow()
        turn.slots["offer_human"] = True
        raise Finished(replies.lookup_failed(order_id))
    return observation.data


def methods_of(profile: dict[str, Any]) -> dict[str, Any]:
    methods = profile.get("payment_methods") or {}
    return methods if isinstance(methods, dict) else {}


def ask(turn: Turn, flow: dict[str, Any], key: str, text: str) -> NoReturn:
    """Ask the customer for `key` and end the turn; after MAX_ASKS tries, bring in a person."""
    tries = flow.setdefault("tries", {})
    tries[key] = tries.get(key, 0) + 1
    if tries[key] > MAX_ASKS:
        raise Finished(transfer(turn, f"I asked {MAX_ASKS} times for the {key} and did not get it."))
    flow["asked"] = key
    raise Finished(text)


def handoff_summary(turn: Turn, why: str) -> str:
    """What the person taking over reads first: who, what they want, what was done."""
    customer = turn.customer_id
    lines = [
        f"Customer: {customer} (verified)" if customer else "Customer: not verified yet",
        f"Why handed over: {why}",
        f'Latest message: "{turn.message.strip()[:300]}"',
    ]
    flow = turn.flow
    if flow:
        request = _LABELS.get(str(flow.get("intent")), str(flow.get("intent")))
        if flow.get("order_id"):
            request += f" (order {flow['order_id']})"
        lines.append(f'Open request: {request}; first asked as: "{str(flow.get("request", ""))[:200]}"')
    done = turn.slots.get("done") or []
    lines.append("Done so far: " + ("; ".join(done) if done else "nothing changed yet"))
    return "\n".join(lines)


def transfer(turn: Turn, why: str) -> str:
    """Hand the conversation to a person with a summary; the answer the customer sees."""
    observation = turn.call(
        HANDOFF_TOOL,
        {"summary": handoff_summary(turn, why)},
        "Thought: this needs a person; I will hand the conversation over with a summary.",
    )
    if not observation.ok:
        return replies.transfer_failed()
    turn.slots.pop("flow", None)
    turn.slots.pop("proposal", None)
    return replies.handed_over()


def items_total(turn: Turn, items: Sequence[dict[str, Any]]) -> str:
    """The items' total, worked out by the calculate tool so the figure is in an observation."""
    prices = [str(item.get("price")) for item in items]
    if len(prices) == 1:
        return prices[0]
    observation = turn.call(
        "calculate",
        {"expression": " + ".join(prices)},
        "Thought: I will add up the prices of the items for the refund total.",
    )
    if observation.ok:
        return observation.text.strip()
    return str(sum((Decimal(p) for p in prices), Decimal("0")))
