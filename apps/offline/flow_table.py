"""Every request the engine carries through, by intent: the function that moves it on."""

from __future__ import annotations

from collections.abc import Callable

from apps.offline import flows, item_flows, listing
from apps.offline.flows import Flow
from apps.offline.turn import Turn

FLOWS: dict[str, Callable[[Turn, Flow], str]] = {
    "order_status": flows.order_status,
    "list_orders": listing.list_orders,
    "cancel_order": flows.cancel_order,
    "return_items": flows.return_items,
    "change_order_address": flows.change_order_address,
    "change_default_address": flows.change_default_address,
    "profile": flows.show_profile,
    "change_items": item_flows.change_items,
    "change_payment": item_flows.change_payment,
    "keep_and_refund": item_flows.keep_and_refund,
}
