"""Read-only retail tools: identity, profile, orders, catalogue, arithmetic."""

from __future__ import annotations

from typing import Any

from apps.accounts.identity import identity_lookup_admit
from apps.accounts.roles import Role
from apps.commerce import selectors
from apps.tools.registry import ObjectTarget, ToolContext, ToolKind, registry, strict_object

from .arithmetic import calculate
from .fields import CUSTOMER_ID, ORDER_ID, PRODUCT_ID

CUSTOMER_TARGET = ObjectTarget(
    model="commerce.Customer", field="customer_id", argument="user_id", noun="customer"
)
ORDER_TARGET = ObjectTarget(model="commerce.Order", field="order_id", argument="order_id", noun="order")


def _lookup_admit(context: ToolContext) -> None:
    """A lookup from a chat counts against the client's and the conversation's allowance, so
    nobody can walk through emails or zip codes (staff and replays are not chats)."""
    if context.principal.role in (Role.CUSTOMER, Role.ANONYMOUS):
        conversation = None if context.conversation is None else str(context.conversation)
        identity_lookup_admit(conversation_ref=conversation, client=context.client)


@registry.register(
    name="find_user_id_by_email",
    description="""
Identify the customer you are talking to from the email address they give you. This is the
first step, and only identifies them: before you read their account or orders or change
anything, verify them with send_verification_code and verify_identity_code. Matching ignores
upper and lower case. Returns the customer's
user id (for example 'sara_doe_496'), or an error if no customer has that email; in that case
ask the customer to check the address or offer to identify them by name and zip code instead.
""",
    parameters=strict_object(
        {
            "email": {
                "type": "string",
                "minLength": 3,
                "maxLength": 254,
                "description": "The email address exactly as the customer gave it.",
            }
        }
    ),
    kind=ToolKind.READ,
    status_line="Looking up your account...",
)
def find_user_id_by_email(arguments: dict[str, Any], context: ToolContext) -> str:
    _lookup_admit(context)
    return selectors.customer_find_by_email(email=arguments["email"])


@registry.register(
    name="find_user_id_by_name_zip",
    description="""
Identify the customer from their first name, last name and the zip code of their default
address. Use it when the customer cannot give an email address or the email lookup found no
one. Like the email lookup it only identifies the customer; verify them before anything else.
Names ignore case; the zip code must match exactly. Returns the customer's user id, or an
error if nobody matches all three.
""",
    parameters=strict_object(
        {
            "first_name": {
                "type": "string",
                "minLength": 1,
                "maxLength": 100,
                "description": "First name, e.g. 'John'.",
            },
            "last_name": {
                "type": "string",
                "minLength": 1,
                "maxLength": 100,
                "description": "Last name, e.g. 'Doe'.",
            },
            "zip": {
                "type": "string",
                "minLength": 3,
                "maxLength": 12,
                "description": "Zip code, e.g. '12345'.",
            },
        }
    ),
    kind=ToolKind.READ,
    status_line="Looking up your account...",
)
def find_user_id_by_name_zip(arguments: dict[str, Any], context: ToolContext) -> str:
    _lookup_admit(context)
    return selectors.customer_find_by_name_zip(
        first_name=arguments["first_name"], last_name=arguments["last_name"], zip_code=arguments["zip"]
    )


@registry.register(
    name="get_user_details",
    description="""
Read a verified customer's profile: name, default address, email, payment methods
(credit cards with brand and last four digits, PayPal, gift cards with their current balance)
and the ids of their orders. Use it to find an order the customer describes without its id,
or to see which payment methods can receive a refund or pay a difference. Returns the profile
as JSON, or an error if the user id does not exist.
""",
    parameters=strict_object({"user_id": CUSTOMER_ID}),
    kind=ToolKind.READ,
    permission="commerce.view_customer",
    target=CUSTOMER_TARGET,
    status_line="Reading your account details...",
)
def get_user_details(arguments: dict[str, Any], context: ToolContext) -> dict[str, Any]:
    return selectors.customer_state(customer_id=arguments["user_id"])


@registry.register(
    name="get_order_details",
    description="""
Read one order: its status ('pending', 'processed', 'delivered', 'cancelled', or a requested
return or exchange), shipping address, items (each with item id, product id, options and the
price paid), shipments with tracking ids, and the payment history of payments and refunds.
Always check the status here before proposing a cancellation, modification, return or
exchange. Returns the order as JSON, or an error if the id does not exist.
""",
    parameters=strict_object({"order_id": ORDER_ID}),
    kind=ToolKind.READ,
    permission="commerce.view_order",
    target=ORDER_TARGET,
    status_line="Checking order {order_id}...",
)
def get_order_details(arguments: dict[str, Any], context: ToolContext) -> dict[str, Any]:
    return selectors.order_state(order_id=arguments["order_id"])


@registry.register(
    name="get_product_details",
    description="""
Read a product type and every variant of it: each variant's item id, options (such as color,
size or material), price and whether it is available. Use it to find the item id of the
variant a customer wants in an exchange or modification, and to quote prices. Takes a product
id (from an order's items or from list_all_product_types), never an item id.
""",
    parameters=strict_object({"product_id": PRODUCT_ID}),
    kind=ToolKind.READ,
    status_line="Looking at the product catalogue...",
)
def get_product_details(arguments: dict[str, Any], context: ToolContext) -> dict[str, Any]:
    return selectors.product_state(product_id=arguments["product_id"])


@registry.register(
    name="list_all_product_types",
    description="""
List every product type the store sells (there are about fifty) as a JSON object mapping
the product name to its product id, sorted by name. Use it when the customer names a product
and you need its product id for get_product_details.
""",
    parameters=strict_object({}),
    kind=ToolKind.READ,
    status_line="Looking at the product catalogue...",
)
def list_all_product_types(arguments: dict[str, Any], context: ToolContext) -> dict[str, str]:
    return selectors.product_types()


@registry.register(
    name="calculate",
    description="""
Work out an arithmetic expression exactly, for example a refund total or a price difference.
The expression may contain numbers, + - * /, parentheses and spaces, nothing else. Returns
the result rounded to two decimal places. Use it rather than doing sums in your head.
""",
    parameters=strict_object(
        {
            "expression": {
                "type": "string",
                "minLength": 1,
                "maxLength": 500,
                "pattern": r"^[0-9+\-*/(). ]+$",
                "examples": ["(47.84 + 488.81) - 20"],
                "description": "The expression, e.g. '(47.84 + 488.81) - 20'.",
            }
        }
    ),
    kind=ToolKind.READ,
    status_line="Doing the maths...",
)
def calculate_tool(arguments: dict[str, Any], context: ToolContext) -> str:
    return calculate(arguments["expression"])
