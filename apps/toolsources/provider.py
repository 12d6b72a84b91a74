"""Remote tools as the gate sees them: an EffectiveTool per enabled row, with its handler."""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator

from apps.accounts.principals import Principal
from apps.core.snapshots import snapshot_active, snapshot_cached
from apps.knowledge.terms import PolicyTerms
from apps.tools.registry import ToolContext, ToolDefinition, ToolKind
from apps.tools.selectors import EffectiveTool

from .calls import remote_call
from .identity import acting_customer
from .models import ArgumentBinding, RemoteTool, ToolSource
from .schemas import for_model, without_arguments


def _customer_target(principal: Principal, arguments: dict[str, Any]) -> Any:
    # A remote tool acts for the conversation's customer: a customer's permission is checked on
    # their own profile (staff hold theirs model-wide; an anonymous visitor has none).
    return acting_customer(principal)


def remote_definition(row: RemoteTool) -> ToolDefinition:
    """The tool's contract: bound arguments are left out of what the model sees and may send."""
    bindings = list(row.bindings.all())
    bound = [binding.argument for binding in bindings]
    validation = without_arguments(row.parameters, bound)

    def handler(arguments: dict[str, Any], context: ToolContext) -> Any:
        return remote_call(row, arguments, context)

    return ToolDefinition(
        name=row.name,
        description=row.description,
        parameters=for_model(validation),
        handler=handler,
        kind=ToolKind(row.kind),
        permission=row.permission or None,
        target=None,
        needs_confirmation=row.needs_confirmation,
        status_line=row.status_line,
        validator=Draft202012Validator(validation),
        strict=None if row.strict else False,
        target_of=_customer_target,
    )


def remote_effective(row: RemoteTool, terms: PolicyTerms | None = None) -> EffectiveTool:
    return EffectiveTool(
        definition=remote_definition(row),
        enabled=row.enabled and row.source.enabled and not row.removed_upstream,
        description=row.description,
        status_line=row.status_line,
        permission=row.permission or None,
        needs_confirmation=row.needs_confirmation,
        terms=terms,
    )


class RemoteToolProvider:
    """Registered with apps.tools in AppConfig.ready()."""

    def _rows(self):
        return RemoteTool.objects.select_related("source").prefetch_related("bindings")

    def _all(self) -> list[Any]:
        # Inside a turn's configuration snapshot: read once, and again only after one of these
        # tables changed (apps/core/snapshots.py).
        return snapshot_cached(
            "toolsources:rows", lambda: list(self._rows()), tables=(RemoteTool, ToolSource, ArgumentBinding)
        )

    def tool(self, name: str) -> EffectiveTool | None:
        if snapshot_active():
            row = next((r for r in self._all() if r.name == name), None)
        else:
            row = self._rows().filter(name=name).first()
        return remote_effective(row) if row is not None else None

    def tools(self, terms: PolicyTerms | None = None) -> list[EffectiveTool]:
        return [remote_effective(row, terms) for row in self._all()]


remote_tools = RemoteToolProvider()
