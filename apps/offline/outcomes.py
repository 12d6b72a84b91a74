"""After the customer's yes: make exactly the call they agreed to, and report what the store
did, in the figures of the write's own observation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from apps.offline import account_wording as account_say
from apps.offline import change_wording as change_say
from apps.offline import order_wording as say
from apps.offline import wording as replies
from apps.offline.common import account, items_total, methods_of
from apps.offline.turn import Observed, Turn


def carry_out(turn: Turn, tool: str, arguments: dict[str, Any]) -> str:
    """The customer said yes: make the call they agreed to, exactly as proposed."""
    observation = turn.call(
        tool,
        arguments,
        f"Thought: the customer said yes to {replies.describe_proposal(tool, arguments)}; I will do it now.",
    )
    if observation.needs_confirmation:
        return replies.confirm_again(tool, arguments)
    return report(turn, tool, arguments, observation)


def _units(order: dict[str, Any], item_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The order's items for these ids, one per unit (an id may appear twice)."""
    pool = list(order.get("items") or [])
    chosen = []
    for item_id in item_ids:
        for item in pool:
            if str(item.get("item_id")) == str(item_id):
                chosen.append(item)
                pool.remove(item)
                break
    return chosen


def report(turn: Turn, tool: str, arguments: dict[str, Any], observation: Observed) -> str:
    """What was done, in the store's own figures from the write's observation."""
    flow = turn.flow or {}
    if not observation.ok or not isinstance(observation.data, dict):
        turn.end_flow()
        turn.slots["offer_human"] = True
        return replies.action_failed()
    data = observation.data
    turn.end_flow(order_id=arguments.get("order_id"))
    if tool == "cancel_pending_order":
        history = data.get("payment_history") or []
        since = flow.get("history") if isinstance(flow.get("history"), int) else 0
        refunds = [
            (str(e.get("amount")), str(e.get("payment_method_id")))
            for e in history[since:]
            if e.get("transaction_type") == "refund"
        ]
        turn.note_done(f"cancelled order {data.get('order_id')} ({arguments.get('reason')})")
        return say.cancelled(data, refunds, methods_of(account(turn)), turn.terms)
    if tool == "return_delivered_order_items":
        items = _units(data, arguments.get("item_ids") or [])
        total = items_total(turn, items)
        turn.note_done(f"return requested on order {data.get('order_id')}")
        method = str(arguments.get("payment_method_id"))
        return say.return_requested(data, items, total, method, methods_of(account(turn)), turn.terms)
    if tool == "modify_pending_order_address":
        turn.note_done(f"changed the shipping address of order {data.get('order_id')}")
        return account_say.order_address_changed(data)
    if tool == "modify_user_address":
        turn.note_done("changed the default address")
        return account_say.default_address_changed(data)
    if tool in ("exchange_delivered_order_items", "modify_pending_order_items"):
        turn.note_done(replies.describe_proposal(tool, arguments))
        return change_say.items_changed(tool, data, [str(line) for line in flow.get("changes") or []])
    if tool == "modify_pending_order_payment":
        turn.note_done(replies.describe_proposal(tool, arguments))
        return change_say.payment_changed(
            data, str(arguments.get("payment_method_id")), methods_of(account(turn))
        )
    turn.note_done(replies.describe_proposal(tool, arguments))
    return replies.done_generic(tool, arguments)
