"""Retail tools that change orders and profiles. Each needs the customer's explicit yes.

Descriptions quote the store's terms as placeholders (`{refund_time_paypal:within}`, see
apps/knowledge/terms.py), filled in from the facts whenever the tools are offered to a model.
"""

from __future__ import annotations

from typing import Any

from apps.commerce import selectors, services
from apps.commerce.models import Order
from apps.knowledge.terms import REFUND_TIMING
from apps.tools.registry import ToolContext, ToolKind, registry, strict_object

from .fields import ADDRESS, CUSTOMER_ID, ORDER_ID, PAYMENT_METHOD_ID, item_list
from .lookups import CUSTOMER_TARGET, ORDER_TARGET


def _order(order: Order) -> dict[str, Any]:
    return selectors.order_state(order_id=order.order_id)


def _address(arguments: dict[str, Any]) -> dict[str, str]:
    return {field: arguments[field] for field in ADDRESS}


@registry.register(
    name="cancel_pending_order",
    description=f"""
Cancel an order whose status is exactly 'pending' (not yet processed or shipped). First
read the order, tell the customer which order and items will be cancelled and that the
money comes back to each original payment method ({REFUND_TIMING}), ask for the reason,
and get an explicit yes. The reason must be 'no longer needed' or 'ordered by mistake'.
Returns the cancelled order with its refunds, or an error (wrong status, unknown order) that
changed nothing.
""",
    parameters=strict_object(
        {
            "order_id": ORDER_ID,
            "reason": {
                "type": "string",
                "enum": ["no longer needed", "ordered by mistake"],
                "description": "Why the customer cancels, in one of the two accepted wordings.",
            },
        }
    ),
    kind=ToolKind.WRITE,
    permission="commerce.cancel_order",
    target=ORDER_TARGET,
    needs_confirmation=True,
    status_line="Cancelling order {order_id}...",
)
def cancel_pending_order(arguments: dict[str, Any], context: ToolContext) -> dict[str, Any]:
    return _order(services.order_cancel(order_id=arguments["order_id"], reason=arguments["reason"]))


@registry.register(
    name="modify_pending_order_address",
    description="""
Change the shipping address of an order whose status is exactly 'pending'. Read the order
first, repeat the full new address back to the customer and get an explicit yes. All address
fields are required; send address2 as '' when there is none. Returns the updated order.
""",
    parameters=strict_object({"order_id": ORDER_ID, **ADDRESS}),
    kind=ToolKind.WRITE,
    permission="commerce.modify_order_address",
    target=ORDER_TARGET,
    needs_confirmation=True,
    status_line="Updating the shipping address of order {order_id}...",
)
def modify_pending_order_address(arguments: dict[str, Any], context: ToolContext) -> dict[str, Any]:
    return _order(services.order_address_change(order_id=arguments["order_id"], address=_address(arguments)))


@registry.register(
    name="modify_pending_order_payment",
    description=f"""
Pay a 'pending' order with a different one of the customer's payment methods. Allowed only
while the order holds a single payment; the new method must differ from the current one and a
gift card must have enough balance for the whole amount. The new method is charged and the old
one refunded ({REFUND_TIMING}); the order stays pending. Explain this and get an explicit yes
first. Returns the updated order.
""",
    parameters=strict_object({"order_id": ORDER_ID, "payment_method_id": PAYMENT_METHOD_ID}),
    kind=ToolKind.WRITE,
    permission="commerce.modify_order_payment",
    target=ORDER_TARGET,
    needs_confirmation=True,
    status_line="Changing the payment method of order {order_id}...",
)
def modify_pending_order_payment(arguments: dict[str, Any], context: ToolContext) -> dict[str, Any]:
    order = services.order_payment_change(
        order_id=arguments["order_id"], payment_method_id=arguments["payment_method_id"]
    )
    return _order(order)


@registry.register(
    name="modify_pending_order_items",
    description="""
Swap items of a 'pending' order for other available variants of the same products (say a
blue T-shirt for a red one in another size). It can be done only once per order: afterwards
the status is 'pending (item modified)' and the order can no longer be cancelled or changed,
so first ask the customer to list every item they want changed, and collect them all into one
call. item_ids[i] is replaced by new_item_ids[i]; a product cannot become another product.
The price difference is charged to, or refunded to, payment_method_id; a gift card must cover
a charge. Explain the items, prices and the difference and get an explicit yes. Returns the
updated order.
""",
    parameters=strict_object(
        {
            "order_id": ORDER_ID,
            "item_ids": item_list("Item ids in the order to replace; repeat an id once per unit."),
            "new_item_ids": item_list("The replacement item ids, in the same positions as item_ids."),
            "payment_method_id": PAYMENT_METHOD_ID,
        }
    ),
    kind=ToolKind.WRITE,
    permission="commerce.modify_order_items",
    target=ORDER_TARGET,
    needs_confirmation=True,
    status_line="Changing items in order {order_id}...",
)
def modify_pending_order_items(arguments: dict[str, Any], context: ToolContext) -> dict[str, Any]:
    order = services.order_items_change(
        order_id=arguments["order_id"],
        item_ids=arguments["item_ids"],
        new_item_ids=arguments["new_item_ids"],
        payment_method_id=arguments["payment_method_id"],
    )
    return _order(order)


@registry.register(
    name="modify_user_address",
    description="""
Change an authenticated customer's default address (where future orders ship by default;
existing orders keep theirs). Repeat the full new address to the customer and get an explicit
yes. All fields are required; send address2 as '' when there is none. Returns the updated
profile.
""",
    parameters=strict_object({"user_id": CUSTOMER_ID, **ADDRESS}),
    kind=ToolKind.WRITE,
    permission="commerce.change_customer",
    target=CUSTOMER_TARGET,
    needs_confirmation=True,
    status_line="Updating your default address...",
)
def modify_user_address(arguments: dict[str, Any], context: ToolContext) -> dict[str, Any]:
    customer = services.customer_address_change(customer_id=arguments["user_id"], address=_address(arguments))
    return selectors.customer_state(customer_id=customer.customer_id)


@registry.register(
    name="return_delivered_order_items",
    description="""
Request a return of items from an order whose status is exactly 'delivered'. The refund
goes either to the order's original payment method or to one of the customer's gift cards,
nothing else. Confirm the order, the exact items and the refund method, and get an explicit
yes. The order becomes 'return requested' and the customer receives return instructions by
email; the money moves when the items arrive back. A delivered order can be returned or
exchanged only once, so collect every item first. Returns the updated order.
""",
    parameters=strict_object(
        {
            "order_id": ORDER_ID,
            "item_ids": item_list("Item ids in the order to return; repeat an id once per unit."),
            "payment_method_id": PAYMENT_METHOD_ID,
        }
    ),
    kind=ToolKind.WRITE,
    permission="commerce.return_order",
    target=ORDER_TARGET,
    needs_confirmation=True,
    status_line="Setting up the return for order {order_id}...",
)
def return_delivered_order_items(arguments: dict[str, Any], context: ToolContext) -> dict[str, Any]:
    order = services.order_return_request(
        order_id=arguments["order_id"],
        item_ids=arguments["item_ids"],
        payment_method_id=arguments["payment_method_id"],
    )
    return _order(order)


@registry.register(
    name="exchange_delivered_order_items",
    description="""
Request an exchange of items from an order whose status is exactly 'delivered' for other
available variants of the same products. item_ids[i] is exchanged for new_item_ids[i]. The
price difference will be settled with payment_method_id (a gift card must cover a charge).
Can be done only once per order, so ask for every item first; confirm items, new variants,
prices and the difference and get an explicit yes. The order becomes 'exchange requested' and
the customer gets instructions by email; no new order is needed. Returns the updated order.
""",
    parameters=strict_object(
        {
            "order_id": ORDER_ID,
            "item_ids": item_list("Item ids in the order to exchange; repeat an id once per unit."),
            "new_item_ids": item_list("The item ids to send instead, in the same positions as item_ids."),
            "payment_method_id": PAYMENT_METHOD_ID,
        }
    ),
    kind=ToolKind.WRITE,
    permission="commerce.exchange_order",
    target=ORDER_TARGET,
    needs_confirmation=True,
    status_line="Setting up the exchange for order {order_id}...",
)
def exchange_delivered_order_items(arguments: dict[str, Any], context: ToolContext) -> dict[str, Any]:
    order = services.order_exchange_request(
        order_id=arguments["order_id"],
        item_ids=arguments["item_ids"],
        new_item_ids=arguments["new_item_ids"],
        payment_method_id=arguments["payment_method_id"],
    )
    return _order(order)
