"""Back-office changes in the hash-chained trail: who changed which row, and every field's value
before and after. Admin classes mix this in; the save itself stays Django's."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from .models import AuditEvent
from .services import audit_record

SECRET_FIELDS = {"password"}


def row_snapshot(obj: models.Model) -> dict[str, Any]:
    """Every concrete field and many-to-many set of a row, as JSON-safe values."""
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        value = field.value_from_object(obj)
        if field.name in SECRET_FIELDS:
            # A password hash never enters the trail; a digest of it still shows that it changed.
            value = hashlib.sha256(str(value).encode()).hexdigest()[:12] if value else ""
        values[field.attname] = value
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            values[field.name] = sorted(
                str(pk) for pk in getattr(obj, field.name).values_list("pk", flat=True)
            )
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder, default=str))


def admin_change_record(
    *, user: Any, obj: models.Model, action: str, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> None:
    """Append one back-office change (add, change, delete) with the fields that moved."""
    before, after = before or {}, after or {}
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    if action == "change" and not changed:
        return
    audit_record(
        kind=AuditEvent.Kind.ADMIN_CHANGE,
        actor=f"admin:{getattr(user, 'username', '') or 'unknown'}",
        payload={
            "model": obj._meta.label,
            "object": str(obj.pk),
            "action": action,
            "before": {k: before.get(k) for k in changed},
            "after": {k: after.get(k) for k in changed},
        },
    )


class AuditedAdminMixin:
    """Writes every add, change and delete made through this admin class to the audit trail."""

    def save_model(self, request: Any, obj: models.Model, form: Any, change: bool) -> None:
        stored = type(obj)._default_manager.filter(pk=obj.pk).first() if change and obj.pk else None
        obj._audit_before = row_snapshot(stored) if stored is not None else None  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)  # type: ignore[misc]

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)  # type: ignore[misc]
        obj = form.instance
        admin_change_record(
            user=request.user,
            obj=obj,
            action="change" if change else "add",
            before=getattr(obj, "_audit_before", None),
            after=row_snapshot(obj),
        )

    def delete_model(self, request: Any, obj: models.Model) -> None:
        before = row_snapshot(obj)
        admin_change_record(user=request.user, obj=obj, action="delete", before=before, after=None)
        super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for obj in queryset:
            admin_change_record(
                user=request.user, obj=obj, action="delete", before=row_snapshot(obj), after=None
            )
        super().delete_queryset(request, queryset)  # type: ignore[misc]
