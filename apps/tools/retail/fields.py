"""JSON Schema pieces shared by the retail tools."""

from typing import Any

ORDER_ID: dict[str, Any] = {
    "type": "string",
    "pattern": r"^#W\d{7}$",
    "examples": ["#W0000000"],
    "description": "The order id: '#W' followed by seven digits, for example '#W4817420'. "
    "Keep the leading '#'.",
}
CUSTOMER_ID: dict[str, Any] = {
    "type": "string",
    "pattern": r"^[a-z]+(?:_[a-z]+)*_\d+$",
    "examples": ["sara_doe_496"],
    "description": "The customer's user id as the identity lookup returned it, for example 'sara_doe_496'.",
}
ITEM_ID: dict[str, Any] = {
    "type": "string",
    "pattern": r"^\d{10}$",
    "examples": ["1008292230"],
    "description": "A ten-digit item id (one variant of a product). Not a product id.",
}
PRODUCT_ID: dict[str, Any] = {
    "type": "string",
    "pattern": r"^\d{10}$",
    "examples": ["6086499569"],
    "description": "A ten-digit product id (a product type such as 'T-Shirt'). Not an item id.",
}
PAYMENT_METHOD_ID: dict[str, Any] = {
    "type": "string",
    "pattern": r"^(credit_card|paypal|gift_card)_\d+$",
    "examples": ["gift_card_0000000"],
    "description": "One of the customer's payment method ids from their profile, for example "
    "'credit_card_7815826', 'paypal_5727330' or 'gift_card_1725971'.",
}


def item_list(description: str) -> dict[str, Any]:
    return {"type": "array", "items": ITEM_ID, "minItems": 1, "maxItems": 50, "description": description}


def _text(description: str, max_length: int = 200) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "maxLength": max_length, "description": description}


ADDRESS: dict[str, Any] = {
    "address1": _text("Street address, for example '123 Main St'."),
    "address2": {"type": "string", "maxLength": 200, "description": "Apartment, suite or unit; '' if none."},
    "city": _text("City, for example 'San Francisco'.", 100),
    "state": _text("State or province, for example 'CA'.", 100),
    "country": _text("Country, for example 'USA'.", 100),
    "zip": {
        "type": "string",
        "pattern": r"^[0-9A-Za-z][0-9A-Za-z -]{1,11}$",
        "examples": ["94107"],
        "description": "Postal code, for example '94107'.",
    },
}
