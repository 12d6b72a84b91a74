"""The object permissions a customer holds on their own profile and on each of their orders,
and granting them. Staff roles' model-wide permissions are in apps/accounts/roles.py; checks
go through apps/rbac/selectors.py."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from .models import Customer, CustomerUserObjectPermission, Order, OrderUserObjectPermission

# A customer's identity (the email codes go to, the name and zip lookups match) needs its own
# permission to change in the back office; no supervisor role holds it (apps/accounts/roles.py).
CUSTOMER_IDENTITY_PERMISSION = "commerce.change_customer_identity"
CUSTOMER_IDENTITY_FIELDS = ["email", "first_name", "last_name", "zip"]

# Object-level permissions a customer holds on their own profile and on each of their orders.
CUSTOMER_PROFILE_PERMISSIONS = ["view_customer", "change_customer"]
CUSTOMER_ORDER_PERMISSIONS = [
    "view_order",
    "cancel_order",
    "modify_order_address",
    "modify_order_payment",
    "modify_order_items",
    "return_order",
    "exchange_order",
]


def _permissions(model: type, codenames: list[str]) -> list[Permission]:
    content_type = ContentType.objects.get_for_model(model)
    found = list(Permission.objects.filter(content_type=content_type, codename__in=codenames))
    missing = set(codenames) - {p.codename for p in found}
    if missing:
        raise LookupError(f"permissions not found (run migrate): {sorted(missing)}")
    return found


def customer_object_permissions_grant(*, customer_ids: Iterable[int] | None = None) -> int:
    """Give customers their object permissions (all customers, or those with these row ids).

    Idempotent: permissions a customer already holds are skipped. Returns rows created.
    """
    customers = Customer.objects.all()
    orders = Order.objects.all()
    if customer_ids is not None:
        ids = list(customer_ids)
        customers = customers.filter(pk__in=ids)
        orders = orders.filter(customer_id__in=ids)

    created = 0
    plan: list[tuple[Any, Any, list[str], Any]] = [
        (
            CustomerUserObjectPermission,
            Customer,
            CUSTOMER_PROFILE_PERMISSIONS,
            customers.values_list("pk", "user_id"),
        ),
        (
            OrderUserObjectPermission,
            Order,
            CUSTOMER_ORDER_PERMISSIONS,
            orders.values_list("pk", "customer__user_id"),
        ),
    ]
    for table, model, codenames, owners in plan:
        permissions = _permissions(model, codenames)
        existing = set(table.objects.values_list("content_object_id", "user_id", "permission_id"))
        rows = [
            table(content_object_id=obj_pk, user_id=user_id, permission=permission)
            for obj_pk, user_id in owners
            for permission in permissions
            if (obj_pk, user_id, permission.pk) not in existing
        ]
        table.objects.bulk_create(rows, batch_size=2000)
        created += len(rows)
    return created
