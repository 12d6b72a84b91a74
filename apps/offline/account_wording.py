"""What the offline engine says about addresses and the customer's profile."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from apps.offline.address import address_line
from apps.offline.wording import ANYTHING_ELSE, CONFIRM, bullets, join, method_label, money

Order = Mapping[str, Any]

# --- addresses ------------------------------------------------------------------------------

_FIELD_NAMES = {
    "address1": "street address",
    "city": "city",
    "state": "state",
    "zip": "zip code",
    "country": "country",
}


def ask_address(missing: Sequence[str], known: Mapping[str, str], *, kind: str) -> str:
    if "state" in missing:
        missing = [f for f in missing if f != "country"]  # a US state brings its country along
    if known:
        return (
            f"Thanks, so far I have: {address_line(known)}. I still need the "
            f"{join(_FIELD_NAMES[f] for f in missing)}."
        )
    return (
        f"What's the new {kind} address? Please give the street, apartment or suite (if any), city, "
        "state, zip code and country, like this: 123 Main St, Apt 4, Austin, TX 78701, USA."
    )


def propose_order_address(order: Order, address: Mapping[str, str]) -> str:
    current = address_line(order.get("address") or {})
    return (
        f"I'll change the shipping address of order {order.get('order_id')} to:\n{address_line(address)}\n"
        f"(It's currently {current}.)\n{CONFIRM}"
    )


def order_address_changed(order: Order) -> str:
    return (
        f"Done: order {order.get('order_id')} will now ship to {address_line(order.get('address') or {})}. "
        f"{ANYTHING_ELSE}"
    )


def propose_default_address(address: Mapping[str, str]) -> str:
    return (
        f"I'll change the default address on your account to:\n{address_line(address)}\n"
        f"Orders you've already placed keep their current address. {CONFIRM}"
    )


def default_address_changed(profile: Mapping[str, Any]) -> str:
    return (
        f"Done: your default address is now {address_line(profile.get('address') or {})}. Orders you've "
        "already placed keep their address; if a pending order should go to the new one too, tell me "
        f"its number. {ANYTHING_ELSE}"
    )


def profile(account: Mapping[str, Any]) -> str:
    name = account.get("name") or {}
    methods = account.get("payment_methods") or {}
    labels = []
    for method_id, method in methods.items():
        label = method_label(method_id, methods).removeprefix("your ")
        if method.get("source") == "gift_card" and method.get("balance") is not None:
            label += f", balance {money(method['balance'])}"
        labels.append(label)
    lines = [
        f"Name: {name.get('first_name', '')} {name.get('last_name', '')}".strip(),
        f"Email: {account.get('email', '')}",
        f"Default address: {address_line(account.get('address') or {})}",
        f"Payment methods: {'; '.join(labels) or 'none'}",
        f"Orders: {', '.join(account.get('orders') or []) or 'none yet'}",
    ]
    return f"Here's what's on your account:\n{bullets(lines)}\n{ANYTHING_ELSE}"
