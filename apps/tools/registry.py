"""The registry of tools the agent may call. A tool is a plain function plus its contract.

The schema, kind and target stay in code; description, status line, permission,
confirmation flag and whether the tool is enabled can be overridden by admins (the Tool
model, filled by `manage.py sync_tools`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from jsonschema import Draft202012Validator

from apps.accounts.principals import Principal


class ToolKind(StrEnum):
    READ = "read"
    WRITE = "write"


@dataclass(frozen=True)
class ObjectTarget:
    """The object a tool's permission is checked on: `model` looked up by `field` = arguments[argument]."""

    model: str  # "app_label.ModelName"
    field: str
    argument: str
    noun: str  # how errors name it: "order", "customer"


@dataclass(frozen=True)
class ToolContext:
    """What a tool function may know about the call besides its arguments."""

    principal: Principal
    conversation: int | str | None = None
    step: int | None = None


ToolHandler = Callable[[dict[str, Any], ToolContext], Any]
# For tools whose permission object is not named by an argument (tools from other systems act
# on the customer the call is for): the object to check the permission on, or None.
TargetResolver = Callable[[Principal, dict[str, Any]], Any]


@dataclass(frozen=True)
class ToolDefinition:
    name: str
    description: str
    parameters: dict[str, Any]
    handler: ToolHandler
    kind: ToolKind
    permission: str | None
    target: ObjectTarget | None
    needs_confirmation: bool
    status_line: str
    validator: Draft202012Validator = field(repr=False, compare=False, default=None)  # type: ignore[assignment]
    # None: decided from the schema. False: the schema is outside OpenAI's strict subset.
    strict: bool | None = None
    target_of: TargetResolver | None = field(repr=False, compare=False, default=None)

    def status_for(self, arguments: dict[str, Any]) -> str:
        """The line customers see while the tool runs, with argument values filled in."""
        return format_status(self.status_line, arguments)


class _SafeArguments(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "..."


def format_status(template: str, arguments: dict[str, Any]) -> str:
    try:
        return template.format_map(_SafeArguments(arguments))
    except (ValueError, IndexError, AttributeError):
        return template


def strict_object(properties: dict[str, Any], *, required: list[str] | None = None) -> dict[str, Any]:
    """A JSON Schema object that names every field, requires them (by default) and allows no others."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


class ToolRegistry:
    def __init__(self) -> None:
        self._tools: dict[str, ToolDefinition] = {}

    def register(
        self,
        *,
        name: str,
        description: str,
        parameters: dict[str, Any],
        kind: ToolKind,
        status_line: str,
        permission: str | None = None,
        target: ObjectTarget | None = None,
        needs_confirmation: bool = False,
    ) -> Callable[[ToolHandler], ToolHandler]:
        Draft202012Validator.check_schema(parameters)
        if parameters.get("additionalProperties") is not False:
            raise ValueError(f"tool {name}: the parameter schema must set additionalProperties: false")
        if kind == ToolKind.WRITE and permission is None:
            raise ValueError(f"tool {name}: a write tool must name the permission it needs")

        def decorator(handler: ToolHandler) -> ToolHandler:
            if name in self._tools:
                raise ValueError(f"tool {name} is registered twice")
            self._tools[name] = ToolDefinition(
                name=name,
                description=description.strip(),
                parameters=parameters,
                handler=handler,
                kind=kind,
                permission=permission,
                target=target,
                needs_confirmation=needs_confirmation,
                status_line=status_line,
                validator=Draft202012Validator(parameters),
            )
            return handler

        return decorator

    def get(self, name: str) -> ToolDefinition | None:
        return self._tools.get(name)

    def names(self) -> list[str]:
        return sorted(self._tools)

    def __iter__(self) -> Iterator[ToolDefinition]:
        return iter(sorted(self._tools.values(), key=lambda tool: tool.name))

    def __len__(self) -> int:
        return len(self._tools)


registry = ToolRegistry()


def openai_tool_spec(tool: ToolDefinition, *, description: str | None = None) -> dict[str, Any]:
    """The tool in the OpenAI chat-completions `tools` format (strict function calling)."""
    return {
        "type": "function",
        "function": {
            "name": tool.name,
            "description": description or tool.description,
            "parameters": tool.parameters,
            "strict": _strict_compatible(tool.parameters) if tool.strict is None else tool.strict,
        },
    }


def _strict_compatible(schema: dict[str, Any]) -> bool:
    """OpenAI's strict mode needs every property required and no open objects anywhere."""
    if schema.get("type") == "object":
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is not False or set(schema.get("required", [])) != set(
            properties
        ):
            return False
        return all(_strict_compatible(p) for p in properties.values())
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        return _strict_compatible(schema["items"])
    return True
