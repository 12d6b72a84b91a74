"""Whom a remote tool acts for. One small function, so the rule can be tightened in one place.

Today a conversation's customer is the one the principal names: the signed-in customer, or
the one the agent authenticated (by email, or name and zip). When the platform distinguishes
an identified customer from a verified one, this is where only a verified one is returned.
"""

from __future__ import annotations

from apps.accounts.principals import Principal
from apps.accounts.roles import Role
from apps.commerce.models import Customer
from apps.conversations.models import Conversation


def acting_customer(principal: Principal, conversation: int | str | None = None) -> Customer | None:
    """The customer a call may act for, or None: a customer's own account; for staff, the
    customer of the conversation they work in."""
    if principal.role == Role.CUSTOMER and principal.customer_id:
        return Customer.objects.filter(customer_id=principal.customer_id).first()
    staff = principal.role in (Role.SUPERVISOR_L1, Role.SUPERVISOR_L2, Role.ADMIN, Role.SYSTEM)
    if staff and conversation is not None and str(conversation).isdigit():
        found = Conversation.objects.filter(pk=int(conversation)).select_related("customer").first()
        return found.customer if found is not None else None
    return None
