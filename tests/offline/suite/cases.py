"""The suite being built: `add` appends a conversation; the other functions are the shapes of
the end state a conversation must leave an order in (or the account, or the replies)."""

from __future__ import annotations

from typing import Any

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


def ends(orders: dict[str, dict[str, Any]], **more: Any) -> dict[str, Any]:
    """The expected end: these orders in these states, and whatever else is given."""
    return {"orders": orders, **more}


def cancelled(reason: str) -> dict[str, Any]:
    return {"status": "cancelled", "cancel_reason": reason}


def readdressed(address1: str, zip_code: str) -> dict[str, Any]:
    """A pending order that now ships to the new address."""
    return {"status": "pending", "address": {"address1": address1, "zip": zip_code}}


def return_requested(item_id: str, *, refund_to: str | None = None) -> dict[str, Any]:
    state: dict[str, Any] = {"status": "return requested", "return_items": [item_id]}
    if refund_to is not None:
        state["refund_to"] = refund_to
    return state


def exchange_requested(item_id: str, new_item_id: str) -> dict[str, Any]:
    return {"status": "exchange requested", "exchange_items": [item_id], "exchange_new_items": [new_item_id]}


def items_modified(*new_item_ids: str) -> dict[str, Any]:
    return {"status": "pending (item modified)", "has_items": list(new_item_ids)}


def unchanged(status: str) -> dict[str, Any]:
    return {"status": status}


def paid_with(method_id: str) -> dict[str, Any]:
    """A pending order now paid with this method."""
    return {"status": "pending", "paid_with": method_id}
