"""What the offline engine says about exchanges, item changes, payment changes and refunds
without a return. Figures come from tool observations and policy terms from the facts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from apps.knowledge.terms import PolicyTerms
from apps.offline.order_wording import item_lines
from apps.offline.variants import Choice, describe, distinguishing
from apps.offline.wording import ANYTHING_ELSE, CONFIRM, bullets, join, method_label, money

Order = Mapping[str, Any]
Methods = Mapping[str, Any]

_EXCHANGE = "exchange_delivered_order_items"


def _verb(tool: str) -> str:
    return "exchange" if tool == _EXCHANGE else "change"


def cannot_change_items(order: Order, terms: PolicyTerms) -> str:
    order_id, status = order.get("order_id"), order.get("status")
    if status == "processed":
        return (
            f"Order {order_id} is already on its way, so its items can't be changed now. Once it's "
            f"delivered you can exchange items within {terms.exchange_window}. {ANYTHING_ELSE}"
        )
    if status == "pending (item modified)":
        return (
            f"The items of order {order_id} have already been changed once, which is as many times as "
            f"an order can be changed. {ANYTHING_ELSE}"
        )
    return (
        f"Order {order_id} is '{status}', so I can't change or exchange its items: only pending orders "
        f"can be changed and only delivered ones exchanged. {ANYTHING_ELSE}"
    )


def ambiguous_items(order: Order, positions: Sequence[int]) -> str:
    items = order.get("items") or []
    lines = bullets(item_lines([items[p] for p in positions], items))
    return f"Order {order.get('order_id')} has more than one of those. Which one do you mean?\n{lines}"


def ask_items_to_change(order: Order, tool: str) -> str:
    items = order.get("items") or []
    lead = (
        f"Which items from order {order.get('order_id')} would you like to exchange, and for which "
        "version (size, colour...)?"
        if tool == _EXCHANGE
        else f"Which items of order {order.get('order_id')} would you like to change, and to which "
        "version (size, colour...)? Items can be changed only once per order, so tell me all of them."
    )
    return f"{lead}\n{bullets(item_lines(items, items))}"


def ask_variant(item: Mapping[str, Any], choice: Choice) -> str:
    name = item.get("name")
    options = list(choice.options)[:8]
    keys = distinguishing([*options, item]) or list((item.get("options") or {}).keys())
    listed = bullets(f"{describe(v.get('options') or {}, keys)}, {money(v.get('price'))}" for v in options)
    have = describe(item.get("options") or {}, keys)
    if choice.problem == "unavailable":
        lead = f"Sorry, the {name} with {describe(choice.wanted)} isn't available right now."
    elif choice.problem == "ambiguous":
        lead = f"More than one {name} matches {describe(choice.wanted)}."
    else:
        lead = f"Which {name} would you like instead of yours ({have})?"
    if not options:
        return f"{lead} There's no other version of it in stock at the moment. Which would you like to do?"
    return f"{lead} These are in stock:\n{listed}\nWhich one would you like?"


def ask_payment(purpose: str, methods: Methods, original: str) -> str:
    labels = join(method_label(m, methods).removeprefix("your ") for m in methods)
    return f"Which payment method should any price difference be charged to or refunded to: {labels}?"


def gift_card_short(method: str, methods: Methods, amount: Any) -> str:
    balance = (methods.get(method) or {}).get("balance")
    return (
        f"Your {method_label(method, methods).removeprefix('your ')} has {money(balance)} on it, which "
        f"doesn't cover {money(amount)}. Which other payment method would you like to use?"
    )


def _change_line(old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    keys = distinguishing([old, new])
    was = describe(old.get("options") or {}, keys)
    becomes = describe(new.get("options") or {}, keys)
    return f"{old.get('name')}: {was} -> {becomes} ({money(old.get('price'))} -> {money(new.get('price'))})"


def _difference_line(difference: Decimal, method: str, methods: Methods) -> str:
    if difference > 0:
        return f"Price difference: {money(difference)}, charged to {method_label(method, methods)}"
    if difference < 0:
        return f"Price difference: {money(-difference)}, refunded to {method_label(method, methods)}"
    return "No price difference"


def propose_item_change(
    tool: str, order: Order, old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]],
    difference: Decimal, method: str, methods: Methods,
) -> str:  # fmt: skip
    lines = [f"{_verb(tool).title()} on order {order.get('order_id')}:"]
    lines += [f"- {_change_line(o, n)}" for o, n in zip(old, new, strict=True)]
    lines.append(f"- {_difference_line(difference, method, methods)}")
    if tool == _EXCHANGE:
        lines.append("- You'll get an email with instructions for sending the old items back")
        lines.append("- An order takes one exchange, so please make sure this covers every item")
    else:
        lines.append("- Items can be changed only once: afterwards the order can't be changed or cancelled")
    return "Here's what I'll do:\n" + "\n".join(lines) + f"\n{CONFIRM}"


def change_lines(old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]) -> list[str]:
    """'Sneakers: now size 10', for the report after the change (figures were in the proposal)."""
    lines = []
    for o, n in zip(old, new, strict=False):
        keys = distinguishing([o, n])
        lines.append(f"{o.get('name')}: now {describe(n.get('options') or {}, keys)}")
    return lines


def items_changed(tool: str, order: Order, changes: Sequence[str]) -> str:
    done = f"Done: order {order.get('order_id')} is now '{order.get('status')}' ({'; '.join(changes)})."
    if tool == _EXCHANGE:
        return (
            f"{done} You'll receive an email with instructions for sending the old items back. "
            + ANYTHING_ELSE
        )
    return f"{done} {ANYTHING_ELSE}"


# --- payment method -----------------------------------------------------------------------------


def cannot_change_payment(order: Order) -> str:
    return (
        f"Order {order.get('order_id')} is '{order.get('status')}', so its payment method can't be changed: "
        f"only pending orders can. {ANYTHING_ELSE}"
    )


def split_payment(order: Order) -> str:
    return (
        f"Order {order.get('order_id')} was paid in more than one payment, so I can't move it to another "
        f"method. {ANYTHING_ELSE}"
    )


def no_other_method(current: str, methods: Methods) -> str:
    return (
        f"Order is paid with {method_label(current, methods)}, and there's no other payment method on your "
        f"account to switch to. {ANYTHING_ELSE}"
    )


def ask_new_method(current: str, methods: Methods) -> str:
    others = join(method_label(m, methods).removeprefix("your ") for m in methods if m != current)
    return (
        f"The order is paid with {method_label(current, methods)}. Which method would you like to pay with "
        f"instead: {others}?"
    )


def same_method(current: str, methods: Methods) -> str:
    return (
        f"The order is already paid with {method_label(current, methods)}. Which other method would you like?"
    )


def propose_payment_change(
    order: Order, payment: Mapping[str, Any], method: str, methods: Methods, terms: PolicyTerms
) -> str:
    old = str(payment.get("payment_method_id"))
    amount = money(payment.get("amount"))
    source = str((methods.get(old) or {}).get("source", old.rsplit("_", 1)[0]))
    lines = [
        f"Pay order {order.get('order_id')} with {method_label(method, methods)} instead of "
        f"{method_label(old, methods)}",
        f"{amount} charged to {method_label(method, methods)}",
        f"{amount} refunded to {method_label(old, methods)}, {terms.refund_timing(source)}",
    ]
    return f"Here's what I'll do:\n{bullets(lines)}\n{CONFIRM}"


def payment_changed(order: Order, method: str, methods: Methods) -> str:
    return (
        f"Done: order {order.get('order_id')} is now paid with {method_label(method, methods)}, and the "
        f"previous payment is being refunded. {ANYTHING_ELSE}"
    )


# --- money back without a return ----------------------------------------------------------------


def keep_and_refund(terms: PolicyTerms) -> str:
    return (
        "I understand. Our policy refunds an item once it comes back to us, so I can't refund an item "
        "you keep. What I can do:\n"
        + bullets(
            [
                f"Set up a return within {terms.return_window} of delivery: the refund goes to "
                f"{terms.refund_destination} once the item reaches us",
                f"Exchange it within {terms.exchange_window} for another version of the same product "
                "(another size or colour, say)",
                "If it arrived damaged or isn't what you ordered, a member of our team can look at it",
            ]
        )
        + "\nWhich would you like?"
    )
