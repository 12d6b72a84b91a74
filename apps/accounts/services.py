"""Role groups and the demo accounts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .roles import GROUP_FOR_ROLE, ROLE_PERMISSIONS, Role


@transaction.atomic
def roles_sync() -> None:
    """Create the staff role groups and give each exactly the permissions ROLE_PERMISSIONS lists."""
    for role, group_name in GROUP_FOR_ROLE.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        wanted: list[Permission] = []
        for dotted in ROLE_PERMISSIONS[role]:
            app_label, codename = dotted.split(".", 1)
            wanted.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)


def roles_sync_after_migrate(*, app_config: Any, **kwargs: Any) -> None:
    # The roles hold store permissions, which contrib.auth creates for the commerce app
    # just before this runs for it.
    if app_config.label == "commerce":
        roles_sync()


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: Role
    note: str


# Fixed, documented demo passwords: the demo runs on a developer's machine only, and a
# password that changes at every `make run` helps nobody.
DEMO_CUSTOMER_ID = "olivia_ito_3591"
DEMO_ACCOUNTS = [
    DemoAccount(DEMO_CUSTOMER_ID, "demo-customer", Role.CUSTOMER, "a store customer"),
    DemoAccount("supervisor1", "demo-supervisor1", Role.SUPERVISOR_L1, "L1 supervisor"),
    DemoAccount("supervisor2", "demo-supervisor2", Role.SUPERVISOR_L2, "L2 supervisor"),
    DemoAccount("admin", "demo-admin", Role.ADMIN, "administrator"),
]


@transaction.atomic
def demo_accounts_create() -> list[DemoAccount]:
    """Create (or reset) the demo accounts; the customer account must already exist in the store."""
    user_model = get_user_model()
    roles_sync()
    for account in DEMO_ACCOUNTS:
        if account.role == Role.CUSTOMER:
            user = user_model.objects.get(customer__customer_id=account.username)
        else:
            user, _ = user_model.objects.get_or_create(username=account.username)
        user.set_password(account.password)
        user.is_staff = account.role != Role.CUSTOMER
        user.is_superuser = account.role == Role.ADMIN
        user.save()
        if account.role in GROUP_FOR_ROLE:
            user.groups.set([Group.objects.get(name=GROUP_FOR_ROLE[account.role])])
    return DEMO_ACCOUNTS
