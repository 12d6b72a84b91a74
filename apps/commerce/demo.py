"""Loading the demo store (the tau-bench retail data shipped in demo_data/)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

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
from .permissions import customer_object_permissions_grant

DEMO_DATA_DIR = Path(__file__).resolve().parent / "demo_data"


@dataclass(frozen=True)
class LoadReport:
    customers: int
    products: int
    orders: int
    permissions: int


def demo_store_read(directory: Path = DEMO_DATA_DIR) -> dict[str, dict[str, Any]]:
    """The three demo files, numbers read as Decimal so no float noise enters the store."""
    return {
        name: json.loads((directory / f"{name}.json").read_text("utf-8"), parse_float=Decimal)
        for name in ("users", "orders", "products")
    }


def _money(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


@transaction.atomic
def store_reset() -> None:
    """Remove every order, customer (with their user accounts) and product."""
    user_ids = list(Customer.objects.values_list("user_id", flat=True))
    Order.objects.all().delete()
    Customer.objects.all().delete()
    get_user_model().objects.filter(pk__in=user_ids).delete()
    Product.objects.all().delete()


@transaction.atomic
def store_load(*, users: dict[str, Any], orders: dict[str, Any], products: dict[str, Any]) -> LoadReport:
    """Create what the store lacks from data in the tau-bench shape; existing records are kept.

    Running it again creates nothing, so a demo that people have been using keeps its changes.
    """
    new_products = _load_products(products)
    new_customers = _load_customers(users)
    new_orders = _load_orders(orders, users)
    affected = set(Customer.objects.filter(customer_id__in=new_customers).values_list("pk", flat=True)) | set(
        Order.objects.filter(order_id__in=new_orders).values_list("customer_id", flat=True)
    )
    permissions = customer_object_permissions_grant(customer_ids=affected) if affected else 0
    return LoadReport(len(new_customers), len(new_products), len(new_orders), permissions)


def _load_products(products: dict[str, Any]) -> list[str]:
    existing = set(Product.objects.values_list("product_id", flat=True))
    missing = [p for pid, p in products.items() if pid not in existing]
    created = Product.objects.bulk_create(
        Product(product_id=p["product_id"], name=p["name"]) for p in missing
    )
    by_id = {p.product_id: p for p in created}
    Variant.objects.bulk_create(
        Variant(
            item_id=v["item_id"],
            product=by_id[p["product_id"]],
            options=v["options"],
            available=v["available"],
            price=_money(v["price"]),
        )
        for p in missing
        for v in p["variants"].values()
    )
    return [p.product_id for p in created]


def _load_customers(users: dict[str, Any]) -> list[str]:
    existing = set(Customer.objects.values_list("customer_id", flat=True))
    missing = {cid: u for cid, u in users.items() if cid not in existing}
    if not missing:
        return []
    user_model = get_user_model()
    accounts = {u.username: u for u in user_model.objects.filter(username__in=missing)}
    new_accounts = []
    for cid, u in missing.items():
        if cid not in accounts:
            account = user_model(
                username=cid,
                email=u["email"],
                first_name=u["name"]["first_name"],
                last_name=u["name"]["last_name"],
            )
            # Store customers sign in only once someone sets a password (the demo customer does).
            account.set_unusable_password()
            new_accounts.append(account)
    for account in user_model.objects.bulk_create(new_accounts):
        accounts[account.username] = account
    customers = Customer.objects.bulk_create(
        Customer(
            user=accounts[cid],
            customer_id=cid,
            first_name=u["name"]["first_name"],
            last_name=u["name"]["last_name"],
            email=u["email"],
            **{field: u["address"][field] for field in Customer.ADDRESS_FIELDS},
        )
        for cid, u in missing.items()
    )
    by_id = {c.customer_id: c for c in customers}
    PaymentMethod.objects.bulk_create(
        PaymentMethod(
            method_id=m["id"],
            customer=by_id[cid],
            source=m["source"],
            brand=m.get("brand", ""),
            last_four=m.get("last_four", ""),
            balance=_money(m["balance"]) if "balance" in m else None,
        )
        for cid, u in missing.items()
        for m in u["payment_methods"].values()
    )
    return list(by_id)


def _load_orders(orders: dict[str, Any], users: dict[str, Any]) -> list[str]:
    existing = set(Order.objects.values_list("order_id", flat=True))
    missing = [o for oid, o in orders.items() if oid not in existing]
    if not missing:
        return []
    customers = {
        c.customer_id: c for c in Customer.objects.filter(customer_id__in={o["user_id"] for o in missing})
    }
    positions = {oid: i for u in users.values() for i, oid in enumerate(u["orders"])}
    created = Order.objects.bulk_create(
        Order(
            order_id=o["order_id"],
            customer=customers[o["user_id"]],
            position=positions.get(o["order_id"], 0),
            status=o["status"],
            cancel_reason=o.get("cancel_reason") or "",
            **{field: o["address"][field] for field in Order.ADDRESS_FIELDS},
        )
        for o in missing
    )
    by_id = {order.order_id: order for order in created}
    variants = {v.item_id: v for v in Variant.objects.select_related("product")}
    methods = dict(PaymentMethod.objects.values_list("method_id", "pk"))
    items, fulfillments, transactions, returns, exchanges = [], [], [], [], []
    for o in missing:
        order = by_id[o["order_id"]]
        for position, item in enumerate(o["items"]):
            variant = variants[item["item_id"]]
            items.append(
                OrderItem(
                    order=order,
                    position=position,
                    product=variant.product,
                    variant=variant,
                    name=item["name"],
                    price=_money(item["price"]),
                    options=item["options"],
                )
            )
        for position, f in enumerate(o["fulfillments"]):
            fulfillments.append(
                Fulfillment(
                    order=order, position=position, tracking_ids=f["tracking_id"], item_ids=f["item_ids"]
                )
            )
        for position, t in enumerate(o["payment_history"]):
            transactions.append(
                PaymentTransaction(
                    order=order,
                    position=position,
                    kind=t["transaction_type"],
                    amount=_money(t["amount"]),
                    payment_method_id=methods[t["payment_method_id"]],
                )
            )
        if "return_items" in o:
            returns.append(
                ReturnRequest(
                    order=order,
                    item_ids=o["return_items"],
                    payment_method_id=methods[o["return_payment_method_id"]],
                )
            )
        if "exchange_items" in o:
            exchanges.append(
                ExchangeRequest(
                    order=order,
                    item_ids=o["exchange_items"],
                    new_item_ids=o["exchange_new_items"],
                    payment_method_id=methods[o["exchange_payment_method_id"]],
                    price_difference=_money(o["exchange_price_difference"]),
                )
            )
    OrderItem.objects.bulk_create(items, batch_size=1000)
    Fulfillment.objects.bulk_create(fulfillments, batch_size=1000)
    PaymentTransaction.objects.bulk_create(transactions, batch_size=1000)
    ReturnRequest.objects.bulk_create(returns)
    ExchangeRequest.objects.bulk_create(exchanges)
    return list(by_id)
