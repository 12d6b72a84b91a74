"""The one place that asks whether a principal may do something. Nothing else asks guardian."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import models
from guardian.shortcuts import get_objects_for_user

from apps.accounts.principals import Principal
from apps.accounts.roles import Role
from apps.commerce.permissions import CUSTOMER_ORDER_PERMISSIONS, CUSTOMER_PROFILE_PERMISSIONS

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser


def principal_user(principal: Principal) -> AbstractUser | None:
    if principal.user_id is None:
        return None
    user_model = get_user_model()
    return user_model.objects.filter(pk=principal.user_id, is_active=True).first()


def principal_unverified(principal: Principal) -> bool:
    """A customer who was identified (an email, a name and zip) but has not proved it yet:
    they hold none of their permissions, so neither their data nor a write is theirs to use."""
    return principal.role == Role.CUSTOMER and not principal.verified


def user_can(principal: Principal, permission: str | None, obj: models.Model | None = None) -> bool:
    """May the principal use `permission` ("app_label.codename"), on `obj` if one is given?

    Model-wide permissions (staff roles, superusers) cover every object; a customer holds
    object permissions on their own profile and orders only.
    """
    if permission is None or principal.role == Role.SYSTEM:
        return True
    if principal_unverified(principal):
        return False
    user = principal_user(principal)
    if user is None:
        return False
    if user.has_perm(permission):
        return True
    return obj is not None and user.has_perm(permission, obj)


def visible_to(principal: Principal, permission: str, queryset: models.QuerySet) -> models.QuerySet:
    """The rows of `queryset` on which the principal holds `permission`."""
    if principal.role == Role.SYSTEM:
        return queryset
    user = principal_user(principal)
    if user is None or principal_unverified(principal):
        return queryset.none()
    if user.has_perm(permission):
        return queryset
    return get_objects_for_user(user, permission, klass=queryset, accept_global_perms=False)


def principal_may_use(principal: Principal, permission: str | None) -> bool:
    """Could the principal use `permission` on anything at all? Decides which tools are offered.

    Customers hold their permissions object by object, on their own profile and orders; the
    exact object is checked again when a tool runs.
    """
    if permission is None or principal.role == Role.SYSTEM:
        return True
    if principal.role == Role.CUSTOMER:
        codename = permission.partition(".")[2]
        return codename in CUSTOMER_ORDER_PERMISSIONS or codename in CUSTOMER_PROFILE_PERMISSIONS
    user = principal_user(principal)
    return user is not None and user.has_perm(permission)
