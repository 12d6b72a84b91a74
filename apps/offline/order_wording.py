"""What the offline engine says about orders, returns and addresses. Every figure, status and
item comes from the order or profile a tool returned; nothing here makes one up."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from apps.knowledge.terms import PolicyTerms
from apps.offline.wording import ANYTHING_ELSE, CONFIRM, bullets, join, method_label, money

Order = Mapping[str, Any]
Methods = Mapping[str, Any]

_STATUS = {
    "pending": "is pending: it hasn't been processed yet, so it can still be cancelled or changed",
    "processed": "has been processed and is on its way with the carrier",
    "delivered": "has been delivered",
    "cancelled": "was cancelled",
    "return requested": "has a return in progress",
    "exchange requested": "has an exchange in progress",
    "pending (item modified)": "is pending with changed items, so it can no longer be changed or cancelled",
}
_WHAT_FOR = {
    "status": "would you like me to look at",
    "cancel_order": "would you like to cancel",
    "return_items": "would you like to return items from",
    "change_order_address": "should get the new shipping address",
}
_ONLY_WHEN = {
    "cancel_order": "only pending orders can be cancelled",
    "return_items": "only delivered orders can be returned",
    "change_order_address": "only a pending order's address can be changed",
}


def options_text(item: Mapping[str, Any], keys: Sequence[str] | None = None) -> str:
    options = item.get("options") or {}
    chosen = list(options) if keys is None else [k for k in options if k in keys]
    return ", ".join(f"{key} {options[key]}" for key in chosen)


def _telling_keys(item: Mapping[str, Any], siblings: Sequence[Mapping[str, Any]]) -> list[str]:
    """The options that tell this item apart from other variants of its product in the list."""
    namesakes = [s for s in siblings if s.get("name") == item.get("name")]
    options = item.get("options") or {}
    return [
        key
        for key in options
        if any((other.get("options") or {}).get(key) != options[key] for other in namesakes)
    ]


def item_line(item: Mapping[str, Any], siblings: Sequence[Mapping[str, Any]] = ()) -> str:
    """'Sneakers, $207.75'; with the options that tell it apart when the list has another variant
    of the same product: 'T-Shirt (color red), $20.00'. Never the whole option dump."""
    options = options_text(item, _telling_keys(item, siblings))
    return f"{item.get('name')}{f' ({options})' if options else ''}, {money(item.get('price'))}"


def item_lines(items: Sequence[Mapping[str, Any]], siblings: Sequence[Mapping[str, Any]] = ()) -> list[str]:
    pool = list(siblings) or list(items)
    return [item_line(item, pool) for item in items]


def item_names(items: Sequence[Mapping[str, Any]]) -> str:
    return join(str(item.get("name")) for item in items)


def _tracking(order: Order) -> list[str]:
    return [t for f in order.get("fulfillments") or [] for t in f.get("tracking_id") or []]


def _payments(order: Order) -> list[Mapping[str, Any]]:
    return [p for p in order.get("payment_history") or [] if p.get("transaction_type") == "payment"]


def order_overview(order: Order, methods: Methods) -> str:
    status = order.get("status", "")
    lines = [f"Order {order.get('order_id')} {_STATUS.get(status, f'has the status {status!r}')}."]
    lines.append("Items:\n" + bullets(item_lines(order.get("items") or [])))
    payments = _payments(order)
    if len(payments) == 1:
        paid = payments[0]
        lines.append(
            f"Paid: {money(paid['amount'])} with {method_label(paid['payment_method_id'], methods)}."
        )
    tracking = _tracking(order)
    if tracking and status != "pending":
        lines.append(f"Tracking number{'s' if len(tracking) > 1 else ''}: {', '.join(tracking)}.")
    lines.append(ANYTHING_ELSE)
    return "\n".join(lines)


def order_list_line(order: Order) -> str:
    return f"{order.get('order_id')}: {order.get('status')} ({item_names(order.get('items') or [])})"


def which_order(purpose: str, listed: Sequence[Order], unread: Sequence[str]) -> str:
    lines = [order_list_line(order) for order in listed] + list(unread)
    return f"Which order {_WHAT_FOR.get(purpose, 'do you mean')}? Here are your orders:\n{bullets(lines)}"


def no_candidates(purpose: str, listed: Sequence[Order]) -> str:
    reason = _ONLY_WHEN.get(purpose, "none of them fits")
    lines = bullets(order_list_line(order) for order in listed)
    return f"None of your orders can be handled that way right now: {reason}. Your orders:\n{lines}"


def not_your_order(order_id: str, orders: Sequence[str]) -> str:
    if not orders:
        return f"I can't find order {order_id} on your account, and I don't see any orders there yet."
    return (
        f"I can't find order {order_id} on your account. The orders I can see are {join(orders)}. "
        "Which one did you mean?"
    )


def orders_list(listed: Sequence[Order], unread: Sequence[str]) -> str:
    lines = [order_list_line(order) for order in listed] + [f"{order_id}" for order_id in unread]
    return (
        f"You have {len(listed) + len(unread)} order{'s' if len(listed) + len(unread) != 1 else ''}:\n"
        f'{bullets(lines)}\nWould you like details on one of them? You can say "the first one", for example.'
    )


def no_orders() -> str:
    return f"I don't see any orders on your account yet. {ANYTHING_ELSE}"


# --- cancelling -----------------------------------------------------------------------------


def ask_cancel_reason(order: Order) -> str:
    return (
        f"I can cancel order {order.get('order_id')} ({item_names(order.get('items') or [])}). "
        "Could you tell me why: is it no longer needed, or was it ordered by mistake?"
    )


def cannot_cancel(order: Order, terms: PolicyTerms) -> str:
    order_id, status = order.get("order_id"), order.get("status")
    if status == "processed":
        return (
            f"Order {order_id} has already been processed and is on its way, so it can't be cancelled "
            f"any more. Once it's delivered you can return items within {terms.return_window} for a refund."
        )
    if status == "delivered":
        return (
            f"Order {order_id} has already been delivered, so it can't be cancelled. You can return "
            f"items from it within {terms.return_window} instead: just tell me which ones."
        )
    if status == "cancelled":
        return f"Order {order_id} is already cancelled. {ANYTHING_ELSE}"
    state = _STATUS.get(str(status), "is not pending")
    return f"Order {order_id} {state}, so it can't be cancelled. {ANYTHING_ELSE}"


def _refund_lines(refunds: Sequence[tuple[Any, str]], methods: Methods, terms: PolicyTerms) -> list[str]:
    return [
        f"{money(amount)} to {method_label(method_id, methods)}, "
        f"{terms.refund_timing(str((methods.get(method_id) or {}).get('source', method_id)))}"
        for amount, method_id in refunds
    ]


def propose_cancel(
    order: Order, reason: str, refunds: Sequence[tuple[Any, str]], methods: Methods, terms: PolicyTerms
) -> str:
    items = "; ".join(item_lines(order.get("items") or []))
    lines = [f"Cancel order {order.get('order_id')}: {items}", f"Reason: {reason}"]
    lines += [f"Refund: {line}" for line in _refund_lines(refunds, methods, terms)]
    return f"Here's what I'll do:\n{bullets(lines)}\n{CONFIRM}"


def cancelled(order: Order, refunds: Sequence[tuple[Any, str]], methods: Methods, terms: PolicyTerms) -> str:
    text = f"Done: order {order.get('order_id')} is now {order.get('status')}."
    if refunds:
        text += " Refunds: " + "; ".join(_refund_lines(refunds, methods, terms)) + "."
    return f"{text} {ANYTHING_ELSE}"


# --- returns --------------------------------------------------------------------------------


def cannot_return(order: Order, terms: PolicyTerms) -> str:
    order_id, status = order.get("order_id"), order.get("status")
    if status == "pending":
        return (
            f"Order {order_id} hasn't been delivered yet (it's still pending), so there's nothing to return. "
            "If you no longer want it, I can cancel it instead."
        )
    if status == "processed":
        return (
            f"Order {order_id} is on its way but hasn't been delivered yet. Once it arrives you can "
            f"return items within {terms.return_window}."
        )
    return (
        f"Order {order_id} {_STATUS.get(str(status), 'is not delivered')}, so I can't set up a return for it."
    )


def ask_items(order: Order) -> str:
    lines = bullets(item_lines(order.get("items") or []))
    return (
        f"Which items from order {order.get('order_id')} would you like to return?\n{lines}\n"
        "You can name them, or say 'all'."
    )


def ambiguous_items(order: Order, positions: Sequence[int]) -> str:
    items = order.get("items") or []
    lines = bullets(item_lines([items[p] for p in positions], items))
    return f"Order {order.get('order_id')} has more than one of those. Which one do you mean?\n{lines}"


def ask_refund_method(original: str, gift_cards: Sequence[str], methods: Methods) -> str:
    options = [method_label(original, methods)] + [method_label(card, methods) for card in gift_cards]
    return (
        "The refund for a return can go back to the original payment method or to one of your gift "
        f"cards: {join(options)}. Which would you prefer?"
    )


def _arrival(method: str, methods: Methods, terms: PolicyTerms) -> str:
    source = str((methods.get(method) or {}).get("source", method.rsplit("_", 1)[0]))
    timing = terms.refund_timing(source)
    return f"where it's available {timing}" if source == "gift_card" else f"where it shows up {timing}"


def propose_return(
    order: Order, items: Sequence[Mapping[str, Any]], total: Any, method: str, methods: Methods,
    terms: PolicyTerms, note: str = "",
) -> str:  # fmt: skip
    lines = [
        f"Return from order {order.get('order_id')}: "
        + "; ".join(item_lines(items, order.get("items") or [])),
        f"Refund: {money(total)} to {method_label(method, methods)} once the items reach us, "
        f"{_arrival(method, methods, terms)}",
        "You'll get an email with instructions for sending the items back",
    ]
    return f"{note}Here's the return I'll set up:\n{bullets(lines)}\n{CONFIRM}"


def return_requested(
    order: Order, items: Sequence[Mapping[str, Any]], total: Any, method: str, methods: Methods,
    terms: PolicyTerms,
) -> str:  # fmt: skip
    return (
        f"Done: order {order.get('order_id')} is now '{order.get('status')}' for {item_names(items)}. "
        f"Once the items reach us, {money(total)} goes to {method_label(method, methods)}, "
        f"{_arrival(method, methods, terms)}. You'll receive an email shortly with instructions for "
        f"sending the items back. {ANYTHING_ELSE}"
    )


def cannot_change_address(order: Order) -> str:
    return (
        f"Order {order.get('order_id')} {_STATUS.get(str(order.get('status')), 'is not pending')}, so its "
        f"shipping address can't be changed any more: only pending orders can be updated. {ANYTHING_ELSE}"
    )
