"""Mirroring the code registry into the database, where admins tune each tool."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from .models import Tool
from .registry import registry


@dataclass(frozen=True)
class SyncReport:
    created: list[str]
    updated: list[str]
    retired: list[str]


@transaction.atomic
def tools_sync(*, reset: bool = False) -> SyncReport:
    """Create a row for every registered tool; keep admins' edits unless `reset`.

    The kind always follows the code. Rows whose tool left the code are disabled and
    marked, not deleted, so their history stays readable.
    """
    rows = {row.name: row for row in Tool.objects.select_for_update()}
    created, updated = [], []
    for tool in registry:
        defaults = {
            "kind": str(tool.kind),
            "description": tool.description,
            "status_line": tool.status_line,
            "permission": tool.permission or "",
            "needs_confirmation": tool.needs_confirmation,
        }
        row = rows.get(tool.name)
        if row is None:
            Tool.objects.create(name=tool.name, **defaults)
            created.append(tool.name)
            continue
        fields = defaults if reset else {"kind": defaults["kind"]}
        changed = {k: v for k, v in fields.items() if getattr(row, k) != v}
        if reset and not row.enabled:
            changed["enabled"] = True
        if not row.in_registry:
            changed["in_registry"] = True
        if changed:
            for key, value in changed.items():
                setattr(row, key, value)
            row.save()
            updated.append(tool.name)
    retired = [name for name, row in rows.items() if registry.get(name) is None and row.in_registry]
    Tool.objects.filter(name__in=retired).update(in_registry=False, enabled=False)
    return SyncReport(created=created, updated=updated, retired=retired)
