"""Changing what an order holds or how it is paid: exchanges of delivered items, item changes
on a pending order, and paying a pending order with another method. Like the other flows, each
reads what it needs, asks for what is missing, proposes the exact change and waits for yes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from apps.offline import change_wording as say
from apps.offline.common import ask, methods_of
from apps.offline.flows import Flow, choose_order, propose_or_report
from apps.offline.payments import ORIGINAL, named_method
from apps.offline.slots import item_words, match_items
from apps.offline.turn import Turn
from apps.offline.variants import Choice, choose_variant, tokens

EXCHANGE = "exchange_delivered_order_items"
# "... for the one with size 10": what they want, which says nothing about which item they have.
_TARGET_CLAUSE = re.compile(
    r"\bfor (?:the |a |an )?(?:one |version |variant )?(?:with|in)\b.*?"
    r"(?=\band the\b|,\s*the\b|[.;!?](?:\s|$)|$)",
    re.IGNORECASE | re.DOTALL,
)
MODIFY = "modify_pending_order_items"


def _naming_part(text: str) -> str:
    return _TARGET_CLAUSE.sub(" ", text)


def said(flow: Flow) -> str:
    """Everything the customer said about this request, oldest first."""
    return " | ".join(flow.get("said") or [flow.get("request", "")])


def _product(turn: Turn, product_id: str) -> dict[str, Any]:
    observation = turn.call(
        "get_product_details",
        {"product_id": product_id},
        "Thought: I need the product's variants to find the one the customer wants and its price.",
    )
    return observation.data if observation.ok and isinstance(observation.data, dict) else {}


def _mention(text: str, name: str, after: int = -1) -> int:
    """Where the text names this product (its full name, else its longest word), or -1."""
    lowered = text.lower()
    if name.lower() in lowered:
        # Named in full somewhere: only the full name counts ("kettle" in "Electric Kettle" is
        # not a mention of the Tea Kettle).
        return lowered.find(name.lower(), after + 1)
    words = sorted((w for w in tokens(name) if len(w) > 3), key=len, reverse=True)
    found = [p for w in words[:1] if (p := lowered.find(w, after + 1)) >= 0]
    return found[0] if found else -1


def _segment(
    text: str, item: dict[str, Any], others: list[dict[str, Any]], twins: Sequence[dict[str, Any]] = ()
) -> str:
    """The parts of the text about this item: from each place its name is mentioned to where
    the next chosen item's name is (the whole text when its name is not found). Every mention
    counts, so a later answer about the item ("for the sunglasses, the brown lens") adds to
    what was said first."""
    name = str(item.get("name", ""))
    parts = []
    start = _mention(text, name)
    while start >= 0:
        ends = [p for other in others if (p := _mention(text, str(other.get("name", "")), start)) > start]
        again = text.lower().find(name.lower(), start + len(name)) if name else -1
        end = min([*ends, *([again] if again > start else [])], default=len(text))
        parts.append(text[start:end])
        # Later mentions by the full name only: "electric" alone may be another product's word.
        start = text.lower().find(name.lower(), end) if end < len(text) and name else -1
    if len(parts) > 1 and twins:
        # Two units of one product with different options: the mentions whose own words (not
        # what they want instead) name this one's options are about it.
        def fits(part: str, who: dict[str, Any]) -> int:
            return len(_option_words(who) & item_words(_naming_part(part)))

        mine = [part for part in parts if fits(part, item) > max(fits(part, twin) for twin in twins)]
        parts = mine or parts
    return " | ".join(parts) if parts else text


def _option_words(item: dict[str, Any]) -> set[str]:
    return item_words(" ".join(str(value) for value in (item.get("options") or {}).values()))


def _payment(turn: Turn, flow: Flow, methods: dict[str, Any], original: str, purpose: str) -> str:
    for text in reversed(flow.get("said") or []):
        method = named_method(text, methods)
        if method == ORIGINAL:
            return original
        if method:
            return method
    if len(methods) == 1:
        return next(iter(methods))
    ask(turn, flow, "payment", say.ask_payment(purpose, methods, original))


def _original_method(order: dict[str, Any]) -> str:
    for entry in order.get("payment_history") or []:
        if entry.get("transaction_type") == "payment":
            return str(entry.get("payment_method_id"))
    return ""


def change_items(turn: Turn, flow: Flow) -> str:
    """An exchange (delivered order) or an item change (pending order)."""
    order, profile = choose_order(
        turn, flow, statuses=frozenset({"pending", "delivered"}), purpose="change_items"
    )
    status = order.get("status")
    if status not in ("pending", "delivered"):
        turn.end_flow()
        return say.cannot_change_items(order, turn.terms)
    tool = EXCHANGE if status == "delivered" else MODIFY
    items = order.get("items") or []
    text = said(flow)
    match = match_items(_naming_part(text), items)
    if not (match.selected or match.ambiguous):
        match = match_items(text, items)
    if match.ambiguous:
        ask(turn, flow, "items", say.ambiguous_items(order, match.ambiguous[0]))
    if not match.selected:
        ask(turn, flow, "items", say.ask_items_to_change(order, tool))
    chosen = [items[p] for p in match.selected]
    new_variants: list[dict[str, Any]] = []
    for item in chosen:
        product = _product(turn, str(item.get("product_id")))
        others = [i for i in chosen if i is not item and i.get("name") != item.get("name")]
        twins = [
            i
            for i in chosen
            if i is not item and i.get("name") == item.get("name") and i.get("item_id") != item.get("item_id")
        ]
        choice: Choice = choose_variant(_segment(text, item, others, twins), product, item)
        if choice.variant is None:
            ask(turn, flow, "targets", say.ask_variant(item, choice))
        new_variants.append(dict(choice.variant))
    methods = methods_of(profile)
    method = _payment(turn, flow, methods, _original_method(order), "difference")
    difference = _difference(turn, chosen, new_variants)
    if difference > 0 and methods.get(method, {}).get("source") == "gift_card":
        balance = Decimal(str(methods[method].get("balance") or "0"))
        if balance < difference:
            flow["said"] = [t for t in flow.get("said") or [] if named_method(t, methods) != method]
            ask(turn, flow, "payment", say.gift_card_short(method, methods, difference))
    flow["changes"] = say.change_lines(chosen, new_variants)
    arguments = {
        "order_id": order["order_id"],
        "item_ids": [str(item.get("item_id")) for item in chosen],
        "new_item_ids": [str(v.get("item_id")) for v in new_variants],
        "payment_method_id": method,
    }
    return propose_or_report(
        turn,
        flow,
        tool,
        arguments,
        f"Thought: order {order['order_id']} is {status}; I know the items, the variants wanted and the "
        "payment method, so I will request the change, which waits for the customer's yes.",
        lambda: say.propose_item_change(tool, order, chosen, new_variants, difference, method, methods),
    )


def _difference(turn: Turn, old: list[dict[str, Any]], new: list[dict[str, Any]]) -> Decimal:
    """New prices less old ones, worked out by the calculate tool so the figure is observed."""
    expression = (
        f"({' + '.join(str(v.get('price')) for v in new)}) - ({' + '.join(str(i.get('price')) for i in old)})"
    )
    observation = turn.call(
        "calculate", {"expression": expression}, "Thought: I will work out the price difference."
    )
    try:
        return Decimal(observation.text.strip()) if observation.ok else _sum(new) - _sum(old)
    except ArithmeticError:
        return _sum(new) - _sum(old)


def _sum(entries: list[dict[str, Any]]) -> Decimal:
    return sum((Decimal(str(e.get("price"))) for e in entries), Decimal("0"))


def change_payment(turn: Turn, flow: Flow) -> str:
    """Pay a pending order with another of the customer's methods."""
    order, profile = choose_order(turn, flow, statuses=frozenset({"pending"}), purpose="change_payment")
    if order.get("status") != "pending":
        turn.end_flow()
        return say.cannot_change_payment(order)
    payments = [p for p in order.get("payment_history") or [] if p.get("transaction_type") == "payment"]
    if len(payments) != 1:
        turn.end_flow()
        return say.split_payment(order)
    methods = methods_of(profile)
    current = str(payments[0].get("payment_method_id"))
    others = {m: data for m, data in methods.items() if m != current}
    if not others:
        turn.end_flow()
        return say.no_other_method(current, methods)
    method = None
    for text in reversed(flow.get("said") or []):
        method = named_method(text, methods)
        if method:
            break
    if method in (None, ORIGINAL):
        if len(others) == 1:
            method = next(iter(others))
        else:
            ask(turn, flow, "payment", say.ask_new_method(current, methods))
    assert method is not None
    if method == current:
        flow["said"] = []
        ask(turn, flow, "payment", say.same_method(current, methods))
    amount = Decimal(str(payments[0].get("amount")))
    if methods.get(method, {}).get("source") == "gift_card" and (
        Decimal(str(methods[method].get("balance") or "0")) < amount
    ):
        flow["said"] = []
        ask(turn, flow, "payment", say.gift_card_short(method, methods, amount))
    arguments = {"order_id": order["order_id"], "payment_method_id": method}
    return propose_or_report(
        turn,
        flow,
        "modify_pending_order_payment",
        arguments,
        f"Thought: order {order['order_id']} is pending and paid in one payment; I will request the "
        "change of payment method, which waits for the customer's yes.",
        lambda: say.propose_payment_change(order, payments[0], method, methods, turn.terms),
    )


def keep_and_refund(turn: Turn, flow: Flow) -> str:
    """'I want my money back but keep the item': what the policy allows instead."""
    turn.end_flow()
    return say.keep_and_refund(turn.terms)
