"""Roles are Django groups; this module is the one place that says what each may do."""

from enum import StrEnum


class Role(StrEnum):
    SYSTEM = "system"  # replays and maintenance: every permission, no confirmation gate
    ADMIN = "admin"
    SUPERVISOR_L2 = "supervisor_l2"
    SUPERVISOR_L1 = "supervisor_l1"
    CUSTOMER = "customer"
    ANONYMOUS = "anonymous"  # a visitor the agent has not authenticated yet


# Group name per staff role, and the model-wide permissions each group holds.
GROUP_FOR_ROLE = {
    Role.SUPERVISOR_L1: "Supervisors L1",
    Role.SUPERVISOR_L2: "Supervisors L2",
}

_READ = [
    "commerce.view_customer",
    "commerce.view_order",
    "commerce.view_product",
    "commerce.view_paymentmethod",
]
_ADDRESS_CHANGES = ["commerce.change_customer", "commerce.modify_order_address"]
# Anything that moves money (refunds, charges, returns) is L2 and above.
_MONEY_CHANGES = [
    "commerce.cancel_order",
    "commerce.modify_order_payment",
    "commerce.modify_order_items",
    "commerce.return_order",
    "commerce.exchange_order",
]

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.SUPERVISOR_L1: _READ + _ADDRESS_CHANGES,
    Role.SUPERVISOR_L2: _READ + _ADDRESS_CHANGES + _MONEY_CHANGES,
}

# Customers hold object permissions on their own profile and orders only: commerce grants them
# (apps/commerce/permissions.py), since they are permissions on commerce's rows.
