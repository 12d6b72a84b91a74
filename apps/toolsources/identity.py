"""Whom a remote tool acts for. One small function, so the rule can be tightened in one place.

A conversation's customer is the one the principal names, and only once verified (signed in,
an emailed code, or a signed identity from the embedding site): a customer who was merely
identified by an email or a name and zip code is no one a remote tool may act for.
"""

from __future__ import annotations

from apps.accounts.principals import Principal
from apps.accounts.roles import Role
from apps.commerce.models import Customer
from apps.conversations.models import Conversation
from apps.rbac.selectors import principal_unverified


def acting_customer(principal: Principal, conversation: int | str | None = None) -> Customer | None:
    """The customer a call may act for, or None: a customer's own account; for staff, the
    customer of the conversation they work in."""
    if principal_unverified(principal):
        return None
    if principal.role == Role.CUSTOMER and principal.customer_id:
        return Customer.objects.filter(customer_id=principal.customer_id).first()
    staff = principal.role in (Role.SUPERVISOR_L1, Role.SUPERVISOR_L2, Role.ADMIN, Role.SYSTEM)
    if staff and conversation is not None and str(conversation).isdigit():
        found = Conversation.objects.filter(pk=int(conversation)).select_related("customer").first()
        return found.customer if found is not None else None
    return None
