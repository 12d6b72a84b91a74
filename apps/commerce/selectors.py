"""Reads of the store, including its export in the tau-bench JSON shape."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from apps.core.errors import NotFound

from .models import (
    Customer,
    ExchangeRequest,
    Fulfillment,
    Order,
    OrderItem,
    PaymentMethod,
    PaymentTransaction,
    Product,
    ReturnRequest,
    Variant,
)

ADDRESS_FIELDS = list(Customer.ADDRESS_FIELDS)
State = dict[str, Any]


def _address(row: dict[str, Any]) -> dict[str, str]:
    return {field: row[field] for field in ADDRESS_FIELDS}


def _payment_method_state(method: Mapping[str, Any]) -> dict[str, Any]:
    state: dict[str, Any] = {"source": method["source"], "id": method["method_id"]}
    if method["source"] == PaymentMethod.Source.CREDIT_CARD:
        state["brand"] = method["brand"]
        state["last_four"] = method["last_four"]
    elif method["source"] == PaymentMethod.Source.GIFT_CARD:
        state["balance"] = method["balance"]
    return state


def customers_state(customers: QuerySet[Customer]) -> dict[str, State]:
    """Customers keyed by customer id, in the exported shape (a few queries for any number)."""
    rows = list(customers.values("pk", "customer_id", "first_name", "last_name", "email", *ADDRESS_FIELDS))
    methods: dict[int, dict[str, Any]] = defaultdict(dict)
    for method in (
        PaymentMethod.objects.filter(customer__in=customers)
        .order_by("id")
        .values("customer_id", "method_id", "source", "brand", "last_four", "balance")
    ):
        methods[method["customer_id"]][method["method_id"]] = _payment_method_state(method)
    orders: dict[int, list[str]] = defaultdict(list)
    for customer_pk, order_id in (
        Order.objects.filter(customer__in=customers)
        .order_by("customer_id", "position", "id")
        .values_list("customer_id", "order_id")
    ):
        orders[customer_pk].append(order_id)
    return {
        row["customer_id"]: {
            "name": {"first_name": row["first_name"], "last_name": row["last_name"]},
            "address": _address(row),
            "email": row["email"],
            "payment_methods": methods[row["pk"]],
            "orders": orders[row["pk"]],
        }
        for row in rows
    }


def orders_state(orders: QuerySet[Order]) -> dict[str, State]:
    """Orders keyed by order id, in the exported shape."""
    rows = list(
        orders.values("pk", "order_id", "customer__customer_id", "status", "cancel_reason", *ADDRESS_FIELDS)
    )
    items: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for item in (
        OrderItem.objects.filter(order__in=orders)
        .order_by("order_id", "position")
        .values("order_id", "name", "product__product_id", "variant__item_id", "price", "options")
    ):
        items[item["order_id"]].append(
            {
                "name": item["name"],
                "product_id": item["product__product_id"],
                "item_id": item["variant__item_id"],
                "price": item["price"],
                "options": item["options"],
            }
        )
    fulfillments: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for order_pk, tracking_ids, item_ids in (
        Fulfillment.objects.filter(order__in=orders)
        .order_by("order_id", "position")
        .values_list("order_id", "tracking_ids", "item_ids")
    ):
        fulfillments[order_pk].append({"tracking_id": tracking_ids, "item_ids": item_ids})
    history: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for order_pk, kind, amount, method_id in (
        PaymentTransaction.objects.filter(order__in=orders)
        .order_by("order_id", "position")
        .values_list("order_id", "kind", "amount", "payment_method__method_id")
    ):
        history[order_pk].append({"transaction_type": kind, "amount": amount, "payment_method_id": method_id})
    returns = {
        r["order_id"]: r
        for r in ReturnRequest.objects.filter(order__in=orders).values(
            "order_id", "item_ids", "payment_method__method_id"
        )
    }
    exchanges = {
        r["order_id"]: r
        for r in ExchangeRequest.objects.filter(order__in=orders).values(
            "order_id", "item_ids", "new_item_ids", "payment_method__method_id", "price_difference"
        )
    }

    result: dict[str, State] = {}
    for row in rows:
        pk = row["pk"]
        state: State = {
            "order_id": row["order_id"],
            "user_id": row["customer__customer_id"],
            "address": _address(row),
            "items": items[pk],
            "fulfillments": fulfillments[pk],
            "status": row["status"],
            "payment_history": history[pk],
        }
        if row["cancel_reason"]:
            state["cancel_reason"] = row["cancel_reason"]
        if pk in returns:
            state["return_items"] = returns[pk]["item_ids"]
            state["return_payment_method_id"] = returns[pk]["payment_method__method_id"]
        if pk in exchanges:
            exchange = exchanges[pk]
            state["exchange_items"] = exchange["item_ids"]
            state["exchange_new_items"] = exchange["new_item_ids"]
            state["exchange_payment_method_id"] = exchange["payment_method__method_id"]
            state["exchange_price_difference"] = exchange["price_difference"]
        result[row["order_id"]] = state
    return result


def products_state(products: QuerySet[Product]) -> dict[str, State]:
    """Products keyed by product id, with their variants keyed by item id."""
    variants: dict[int, dict[str, Any]] = defaultdict(dict)
    for variant in (
        Variant.objects.filter(product__in=products)
        .order_by("id")
        .values("product_id", "item_id", "options", "available", "price")
    ):
        variants[variant["product_id"]][variant["item_id"]] = {
            "item_id": variant["item_id"],
            "options": variant["options"],
            "available": variant["available"],
            "price": variant["price"],
        }
    return {
        row["product_id"]: {
            "name": row["name"],
            "product_id": row["product_id"],
            "variants": variants[row["pk"]],
        }
        for row in products.values("pk", "product_id", "name")
    }


def store_state() -> dict[str, dict[str, State]]:
    """The whole store in the shape of the demo data files: users, orders, products."""
    return {
        "users": customers_state(Customer.objects.all()),
        "orders": orders_state(Order.objects.all()),
        "products": products_state(Product.objects.all()),
    }


def customer_state(*, customer_id: str) -> State:
    state = customers_state(Customer.objects.filter(customer_id=customer_id))
    if customer_id not in state:
        raise NotFound(f"No customer with id {customer_id!r}.")
    return state[customer_id]


def order_state(*, order_id: str) -> State:
    state = orders_state(Order.objects.filter(order_id=order_id))
    if order_id not in state:
        raise NotFound(f"No order with id {order_id!r}.")
    return state[order_id]


def product_state(*, product_id: str) -> State:
    state = products_state(Product.objects.filter(product_id=product_id))
    if product_id not in state:
        raise NotFound(
            f"No product with id {product_id!r}. Product ids are 10 digits; item ids are different."
        )
    return state[product_id]


def product_types() -> dict[str, str]:
    """Every product's name mapped to its product id, sorted by name."""
    return dict(Product.objects.order_by("name").values_list("name", "product_id"))


def customer_find_by_email(*, email: str) -> str:
    match = Customer.objects.filter(email__iexact=email.strip()).values_list("customer_id", flat=True).first()
    if match is None:
        raise NotFound("No customer has that email address.")
    return match


def customer_find_by_name_zip(*, first_name: str, last_name: str, zip_code: str) -> str:
    match = (
        Customer.objects.filter(
            first_name__iexact=first_name.strip(), last_name__iexact=last_name.strip(), zip=zip_code.strip()
        )
        .values_list("customer_id", flat=True)
        .first()
    )
    if match is None:
        raise NotFound("No customer matches that first name, last name and zip code.")
    return match
