"""Which tools exist for whom, with admins' overrides applied."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from apps.accounts.principals import Principal
from apps.core.snapshots import snapshot_active, snapshot_cached
from apps.knowledge.terms import PolicyTerms, policy_terms
from apps.rbac.selectors import principal_may_use

from .models import Tool
from .registry import ToolDefinition, ToolKind, format_status, openai_tool_spec, registry


@dataclass(frozen=True)
class EffectiveTool:
    """A registered tool with the admin-editable settings in force."""

    definition: ToolDefinition
    enabled: bool
    description: str  # as written, in code or by an admin: may quote terms as placeholders
    status_line: str
    permission: str | None
    needs_confirmation: bool
    # The store's terms, read once for a whole list of tools; fetched on demand otherwise.
    terms: PolicyTerms | None = field(default=None, repr=False, compare=False)

    @property
    def name(self) -> str:
        return self.definition.name

    def status_for(self, arguments: dict[str, Any]) -> str:
        return format_status(self.status_line, arguments)

    def description_for_model(self) -> str:
        """The description with the store's terms in force filled in."""
        return (self.terms or policy_terms()).render(self.description)

    def openai_spec(self) -> dict[str, Any]:
        return openai_tool_spec(self.definition, description=self.description_for_model())


def _effective(
    definition: ToolDefinition, row: Tool | None, terms: PolicyTerms | None = None
) -> EffectiveTool:
    if row is None:
        return EffectiveTool(
            definition=definition,
            enabled=True,
            description=definition.description,
            status_line=definition.status_line,
            permission=definition.permission,
            needs_confirmation=definition.needs_confirmation,
            terms=terms,
        )
    # The code's safety settings are a floor: an admin may add a permission or a confirmation
    # the code does not ask for, never remove or swap what the code asks for.
    return EffectiveTool(
        definition=definition,
        enabled=row.enabled,
        description=row.description or definition.description,
        status_line=row.status_line or definition.status_line,
        permission=definition.permission or row.permission or None,
        needs_confirmation=definition.needs_confirmation or row.needs_confirmation,
        terms=terms,
    )


class ToolProvider(Protocol):
    """Tools defined outside the code (from OpenAPI documents, MCP servers): registered by the
    app that defines them, so every tool, whatever its source, passes `tool_execute`."""

    def tool(self, name: str) -> EffectiveTool | None: ...

    def tools(self, terms: PolicyTerms | None = None) -> list[EffectiveTool]: ...


_providers: list[ToolProvider] = []


def tool_provider_register(provider: ToolProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def tool_settings_problems(name: str, *, permission: str | None, needs_confirmation: bool) -> dict[str, str]:
    """Why these admin settings would make the tool weaker than its code allows (field: reason)."""
    definition = registry.get(name)
    if definition is None:
        return {}
    problems = {}
    if definition.permission and (permission or None) != definition.permission:
        problems["permission"] = (
            f"The code requires {definition.permission!r} for this tool; it cannot be removed or replaced."
        )
    if definition.needs_confirmation and not needs_confirmation:
        problems["needs_confirmation"] = "The code requires the customer's confirmation for this tool."
    return problems


def tool_effective(name: str) -> EffectiveTool | None:
    definition = registry.get(name)
    if definition is None:
        for provider in _providers:
            found = provider.tool(name)
            if found is not None:
                return found
        return None
    return _effective(definition, _tool_rows().get(name) if snapshot_active() else _tool_row(name))


def _tool_row(name: str) -> Tool | None:
    return Tool.objects.filter(name=name).first()


def _tool_rows() -> dict[str, Tool]:
    """Every tool's admin row by name (inside a configuration snapshot: read once, and again only
    after the table changed)."""
    return snapshot_cached(
        "tools:rows", lambda: {row.name: row for row in Tool.objects.all()}, tables=(Tool,)
    )


def tools_effective() -> list[EffectiveTool]:
    rows = _tool_rows()
    terms = policy_terms()
    built_in = [_effective(definition, rows.get(definition.name), terms) for definition in registry]
    return built_in + [tool for provider in _providers for tool in provider.tools(terms)]


def tools_offered(
    principal: Principal, *, kinds: Iterable[ToolKind] = tuple(ToolKind)
) -> list[EffectiveTool]:
    """The enabled tools of these kinds that the principal's permissions allow at all."""
    wanted = set(kinds)
    return [
        tool
        for tool in tools_effective()
        if tool.enabled and tool.definition.kind in wanted and principal_may_use(principal, tool.permission)
    ]
