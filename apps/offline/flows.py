"""The account requests the engine carries out: order status, cancel, return, address changes,
profile. Each flow reads what it needs, asks for what is missing, proposes the change (the
confirmation gate answers the first call with "confirmation required") and, after the
customer's yes, reports what the store actually did."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from apps.offline import account_wording as account_say
from apps.offline import order_wording as say
from apps.offline.address import complete_address, missing_fields
from apps.offline.common import account, ask, items_total, methods_of, read_order
from apps.offline.outcomes import report
from apps.offline.slots import match_items
from apps.offline.turn import Finished, Turn

# How many orders a listing reads (one call each) before it just names the rest.
LIST_LIMIT = 5

Flow = dict[str, Any]


def _first_payment_method(order: dict[str, Any]) -> str:
    for entry in order.get("payment_history") or []:
        if entry.get("transaction_type") == "payment":
            return str(entry.get("payment_method_id"))
    return ""


def _held(order: dict[str, Any]) -> list[tuple[str, str]]:
    """What each payment method still holds (payments less refunds): what a cancellation refunds."""
    held: dict[str, Decimal] = {}
    for entry in order.get("payment_history") or []:
        sign = 1 if entry.get("transaction_type") == "payment" else -1
        method = str(entry.get("payment_method_id"))
        held[method] = held.get(method, Decimal("0")) + sign * Decimal(str(entry.get("amount")))
    return [(str(amount), method) for method, amount in held.items() if amount > 0]


def choose_order(
    turn: Turn, flow: Flow, *, statuses: frozenset[str] | None, purpose: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The order this flow is about (checked to be the customer's own), and the profile."""
    profile = account(turn)
    orders = [str(o) for o in profile.get("orders") or []]
    order_id = flow.get("order_id")
    reference = flow.get("ref")
    if not order_id and isinstance(reference, int):
        # "The second one": of the list we showed last, or of all their orders.
        shown = [o for o in turn.slots.get("listed") or [] if o in orders] or orders
        if -len(shown) <= reference < len(shown):
            order_id = flow["order_id"] = shown[reference]
        flow.pop("ref", None)
    if order_id:
        if order_id not in orders:
            # Never read an order that is not the customer's: say so and ask again.
            flow.pop("order_id")
            ask(turn, flow, "order_id", say.not_your_order(order_id, orders))
        return read_order(turn, order_id, "I need its current status and items"), profile
    if not orders:
        turn.end_flow()
        raise Finished(say.no_orders())
    listed = [
        read_order(turn, o, "to find the right order I check each one's status") for o in orders[:LIST_LIMIT]
    ]
    unread = orders[LIST_LIMIT:]
    candidates = [o for o in listed if statuses is None or o.get("status") in statuses]
    # "The one with the gaming mouse", "my tablet order": what they said may single one out.
    said = f"{flow.get('request', '')} | {flow.get('hint', '')}"
    named = [o for o in candidates if _names_any(said, o)]
    if len(named) == 1:
        candidates = named
    if len(candidates) == 1 and (len(named) == 1 or (not unread and (statuses or len(orders) == 1))):
        flow["order_id"] = candidates[0]["order_id"]
        return candidates[0], profile
    if not candidates and not unread:
        turn.end_flow()
        raise Finished(say.no_candidates(purpose, listed))
    shown = candidates if statuses else listed
    if len(named) > 1:
        shown = named
    turn.slots["listed"] = [str(o.get("order_id")) for o in shown] + (unread if not named else [])
    ask(turn, flow, "order_id", say.which_order(purpose, shown, unread if len(named) <= 1 else []))


def _names_any(text: str, order: dict[str, Any]) -> bool:
    match = match_items(text, order.get("items") or [])
    return bool(match.selected or match.ambiguous)


def propose_or_report(
    turn: Turn, flow: Flow, tool: str, arguments: dict[str, Any], thought: str, proposal: Callable[[], str]
) -> str:
    observation = turn.call(tool, arguments, thought)
    if observation.needs_confirmation:
        turn.slots["proposal"] = {"tool": tool, "arguments": arguments}
        flow["asked"] = "confirm"
        return proposal()
    return report(turn, tool, arguments, observation)


def order_status(turn: Turn, flow: Flow) -> str:
    order, profile = choose_order(turn, flow, statuses=None, purpose="status")
    turn.end_flow(order_id=order["order_id"])
    return say.order_overview(order, methods_of(profile))


def cancel_order(turn: Turn, flow: Flow) -> str:
    order, profile = choose_order(turn, flow, statuses=frozenset({"pending"}), purpose="cancel_order")
    if order.get("status") != "pending":
        turn.end_flow()
        return say.cannot_cancel(order, turn.terms)
    reason = flow.get("reason")
    if not reason:
        ask(turn, flow, "reason", say.ask_cancel_reason(order))
    arguments = {"order_id": order["order_id"], "reason": reason}
    flow["history"] = len(order.get("payment_history") or [])
    return propose_or_report(
        turn,
        flow,
        "cancel_pending_order",
        arguments,
        f"Thought: order {order['order_id']} is pending and the reason is '{reason}'; I will request the "
        "cancellation, which waits for the customer's yes.",
        lambda: say.propose_cancel(order, str(reason), _held(order), methods_of(profile), turn.terms),
    )


def _refund_method(turn: Turn, flow: Flow, order: dict[str, Any], profile: dict[str, Any]) -> tuple[str, str]:
    """(payment method id for the refund, a note for the customer) from what they asked for."""
    methods = methods_of(profile)
    original = _first_payment_method(order)
    gift_cards = [m for m, data in methods.items() if data.get("source") == "gift_card"]
    wanted = flow.get("refund")
    if wanted in (None, "original", original):
        return original, ""
    if wanted in gift_cards or (wanted == "gift_card" and original in gift_cards):
        return (wanted if wanted in gift_cards else original), ""
    if wanted == "gift_card" and len(gift_cards) == 1:
        return gift_cards[0], ""
    if wanted == "gift_card" and not gift_cards:
        return (
            original,
            "You don't have a gift card on your account, so the refund goes to the original "
            "payment method.\n",
        )
    if wanted == (methods.get(original) or {}).get("source"):
        return original, ""
    ask(turn, flow, "refund", say.ask_refund_method(original, gift_cards, methods))


def return_items(turn: Turn, flow: Flow) -> str:
    order, profile = choose_order(turn, flow, statuses=frozenset({"delivered"}), purpose="return_items")
    if order.get("status") != "delivered":
        turn.end_flow()
        return say.cannot_return(order, turn.terms)
    items = order.get("items") or []
    match = match_items(flow.get("items_text", ""), items)
    if match.ambiguous:
        ask(turn, flow, "items", say.ambiguous_items(order, match.ambiguous[0]))
    if not match.selected:
        ask(turn, flow, "items", say.ask_items(order))
    chosen = [items[p] for p in match.selected]
    method, note = _refund_method(turn, flow, order, profile)
    total = items_total(turn, chosen)
    arguments = {
        "order_id": order["order_id"],
        "item_ids": [str(item.get("item_id")) for item in chosen],
        "payment_method_id": method,
    }
    return propose_or_report(
        turn,
        flow,
        "return_delivered_order_items",
        arguments,
        f"Thought: order {order['order_id']} is delivered and I know the items and the refund method; "
        "I will request the return, which waits for the customer's yes.",
        lambda: say.propose_return(order, chosen, total, method, methods_of(profile), turn.terms, note),
    )


def _address_or_ask(turn: Turn, flow: Flow, kind: str) -> dict[str, str]:
    address = flow.get("address") or {}
    missing = missing_fields(address)
    if missing:
        flow["missing"] = missing
        ask(turn, flow, "address", account_say.ask_address(missing, address, kind=kind))
    flow.pop("missing", None)
    return complete_address(address)


def change_order_address(turn: Turn, flow: Flow) -> str:
    order, _ = choose_order(turn, flow, statuses=frozenset({"pending"}), purpose="change_order_address")
    if order.get("status") != "pending":
        turn.end_flow()
        return say.cannot_change_address(order)
    address = _address_or_ask(turn, flow, "shipping")
    arguments = {"order_id": order["order_id"], **address}
    return propose_or_report(
        turn,
        flow,
        "modify_pending_order_address",
        arguments,
        f"Thought: order {order['order_id']} is pending and I have the full new address; I will request "
        "the change, which waits for the customer's yes.",
        lambda: account_say.propose_order_address(order, address),
    )


def change_default_address(turn: Turn, flow: Flow) -> str:
    address = _address_or_ask(turn, flow, "default")
    arguments = {"user_id": turn.customer_id, **address}
    return propose_or_report(
        turn,
        flow,
        "modify_user_address",
        arguments,
        "Thought: I have the full new default address; I will request the change, which waits for the "
        "customer's yes.",
        lambda: account_say.propose_default_address(address),
    )


def show_profile(turn: Turn, flow: Flow) -> str:
    profile = account(turn)
    turn.end_flow()
    return account_say.profile(profile)
