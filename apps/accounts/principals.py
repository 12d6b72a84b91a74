"""Who the agent acts for. Built once per turn; every permission check takes one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from apps.commerce.models import Customer

from .roles import GROUP_FOR_ROLE, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser, AnonymousUser


@dataclass(frozen=True, slots=True)
class Principal:
    role: Role
    user_id: int | None = None
    # The store's customer reference (e.g. "noah_brown_6181") once the customer is known.
    customer_id: str | None = None
    # Identified is not verified: a customer principal holds its permissions only once the
    # person proved who they are (signed in, a code from their email, a signed identity).
    verified: bool = False

    @classmethod
    def system(cls) -> Principal:
        return cls(role=Role.SYSTEM)

    @classmethod
    def anonymous(cls) -> Principal:
        return cls(role=Role.ANONYMOUS)

    @property
    def label(self) -> str:
        if self.customer_id:
            return f"{self.role}:{self.customer_id}"
        if self.user_id:
            return f"{self.role}:user#{self.user_id}"
        return str(self.role)

    def as_dict(self) -> dict[str, object]:
        return {
            "role": str(self.role),
            "user_id": self.user_id,
            "customer_id": self.customer_id,
            "verified": self.verified,
        }


def principal_for_user(user: AbstractUser | AnonymousUser | None) -> Principal:
    """The principal of a signed-in person: admin, supervisor, customer, or anonymous."""
    if user is None or not user.is_authenticated:
        return Principal.anonymous()
    user_id = int(user.pk)
    if getattr(user, "is_superuser", False):
        return Principal(role=Role.ADMIN, user_id=user_id)
    group_names = set(user.groups.values_list("name", flat=True))
    for role in (Role.SUPERVISOR_L2, Role.SUPERVISOR_L1):
        if GROUP_FOR_ROLE[role] in group_names:
            return Principal(role=role, user_id=user_id)
    customer = getattr(user, "customer", None)
    if customer is not None:
        # Signed in to their own account: that is a verified identity.
        return Principal(role=Role.CUSTOMER, user_id=user_id, customer_id=customer.customer_id, verified=True)
    return Principal.anonymous()


def principal_for_customer(customer_id: str, *, verified: bool) -> Principal:
    """The principal of a customer the agent identified; `verified` only when they proved it
    (apps/accounts/identity.py decides that)."""
    user_id = Customer.objects.values_list("user_id", flat=True).get(customer_id=customer_id)
    return Principal(role=Role.CUSTOMER, user_id=user_id, customer_id=customer_id, verified=verified)
