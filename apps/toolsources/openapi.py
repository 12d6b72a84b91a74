"""Reading an OpenAPI 3.0/3.1 document: its operations, and each one as a tool specification."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .schemas import Derived, SchemaError, arguments_object, deref, derive, fingerprint

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
READ_METHODS = {"get", "head"}
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
# libyaml's safe loader where the wheel has it (a large document loads in a second, not twenty).
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9_]+")


class DocumentError(ValueError):
    """The document cannot be used: not JSON or YAML, not OpenAPI 3.x, or broken inside."""


@dataclass
class OperationSpec:
    """What an operation offers as a tool, before admins' settings."""

    operation: str  # operationId, or "METHOD /path" when the document names none
    method: str
    path: str
    summary: str
    description: str
    kind: str
    schema: Derived
    wire: dict[str, Any]
    annotations: dict[str, Any] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        return fingerprint({"method": self.method, "path": self.path, "schema": self.schema.validation})


def document_parse(raw: bytes | str) -> dict[str, Any]:
    """Parse JSON or YAML and check it is an OpenAPI 3.0 or 3.1 document."""
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise DocumentError(f"the document is {len(raw)} bytes; at most {MAX_DOCUMENT_BYTES} are read")
    text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    try:
        document = json.loads(text)
    except ValueError:
        try:
            # safe_load builds plain data only: no Python objects from tags.
            document = yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a safe loader
        except yaml.YAMLError as exc:
            raise DocumentError(f"neither JSON nor YAML: {str(exc)[:200]}") from exc
    if not isinstance(document, dict):
        raise DocumentError("the document is not a JSON or YAML object")
    version = str(document.get("openapi", ""))
    if not re.match(r"^3\.[01]\.\d+", version):
        if "swagger" in document:
            raise DocumentError("Swagger 2.0 is not supported: convert it to OpenAPI 3 first")
        raise DocumentError(f"not an OpenAPI 3.0 or 3.1 document (openapi: {version!r})")
    if not isinstance(document.get("paths"), dict):
        raise DocumentError("the document has no paths")
    return document


def operation_id(method: str, path: str, operation: dict[str, Any]) -> str:
    return str(operation.get("operationId") or f"{method.upper()} {path}")


def operations_list(document: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """Every operation as (operation id, METHOD, path, summary), in document order."""
    found = []
    for path, item in document["paths"].items():
        try:
            item = deref(document, item)
        except SchemaError:
            continue  # a broken path item offers nothing to pick
        if not isinstance(item, dict):
            continue
        for method in METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                summary = str(operation.get("summary") or operation.get("description") or "")
                found.append((operation_id(method, path, operation), method.upper(), path, summary[:200]))
    return found


def tool_name_for(source: str, operation: str) -> str:
    """`{source}_{operation}`, safe for every model API (letters, digits, '_'; at most 64)."""
    base = _NAME_UNSAFE.sub("_", operation).strip("_") or "operation"
    return f"{source}_{base}"[:64]


def _json_body(document: dict[str, Any], operation: dict[str, Any]) -> tuple[Any, bool, str | None]:
    body = operation.get("requestBody")
    if body is None:
        return None, False, None
    body = deref(document, body)
    content = body.get("content") or {}
    for media in content:
        if media == "application/json" or media.endswith("+json"):
            return (content[media] or {}).get("schema", {}), bool(body.get("required")), media
    if content:
        return None, bool(body.get("required")), next(iter(content))
    return None, False, None


def operation_spec(document: dict[str, Any], wanted: str) -> OperationSpec:
    """The operation with this id (or "METHOD /path") as a tool specification."""
    for path, item in document["paths"].items():
        try:
            item = deref(document, item)
        except SchemaError:
            continue
        if not isinstance(item, dict):
            continue
        shared = item.get("parameters") or []
        for method in METHODS:
            operation = item.get(method)
            if isinstance(operation, dict) and operation_id(method, path, operation) == wanted:
                try:
                    return _spec(document, path, method, operation, shared)
                except SchemaError as exc:
                    raise DocumentError(f"{wanted}: {exc}") from exc
    raise DocumentError(f"no operation {wanted!r} in the document")


def _spec(
    document: dict[str, Any], path: str, method: str, operation: dict[str, Any], shared: list[Any]
) -> OperationSpec:
    parameters: dict[tuple[str, str], dict[str, Any]] = {}
    for raw in [*shared, *(operation.get("parameters") or [])]:
        parameter = deref(document, raw)
        if isinstance(parameter, dict) and "name" in parameter and "in" in parameter:
            parameters[(str(parameter["in"]), str(parameter["name"]))] = parameter  # operation's win
    properties: dict[str, dict[str, Any]] = {}
    required: set[str] = set()
    reasons: list[str] = []
    wire_parameters = []
    taken = {name for _, name in parameters}
    for (where, name), parameter in parameters.items():
        if where == "cookie":
            reasons.append(f"cookie parameter {name!r} is not sent")
            continue
        argument = name if sum(1 for _, n in parameters if n == name) == 1 else f"{where}_{name}"
        argument = _NAME_UNSAFE.sub("_", argument)
        schema = parameter.get("schema")
        if schema is None:
            reasons.append(f"parameter {name!r} has no schema")
            schema = {"type": "string"}
        derived = derive(schema, document, argument)
        reasons += derived.reasons
        converted = dict(derived.validation)
        if parameter.get("description") and "description" not in converted:
            converted["description"] = str(parameter["description"])[:500]
        properties[argument] = converted
        if parameter.get("required") or where == "path":
            required.add(argument)
        wire_parameters.append({"argument": argument, "in": where, "name": name})
    body_schema, body_required, media = _json_body(document, operation)
    wire: dict[str, Any] = {"method": method.upper(), "path": path, "parameters": wire_parameters}
    if media is not None and body_schema is None:
        reasons.append(f"request body of type {media} is not supported (JSON only)")
    if body_schema is not None:
        body_name = "body" if "body" not in taken else "request_body"
        derived = derive(body_schema, document, body_name)
        reasons += derived.reasons
        properties[body_name] = derived.validation
        if body_required:
            required.add(body_name)
        wire.update(body=body_name, media=media)
    derived = arguments_object(properties, required, reasons)
    summary = str(operation.get("summary") or "").strip()
    description = str(operation.get("description") or "").strip()
    kind = "read" if method in READ_METHODS else "write"
    return OperationSpec(
        operation=operation_id(method, path, operation),
        method=method.upper(),
        path=path,
        summary=summary,
        description=description,
        kind=kind,
        schema=derived,
        wire=wire,
    )


def default_server(document: dict[str, Any]) -> str:
    """The document's first server URL with its variables at their defaults ("" if none)."""
    servers = document.get("servers") or []
    if not servers or not isinstance(servers[0], dict):
        return ""
    url = str(servers[0].get("url", ""))
    for name, variable in (servers[0].get("variables") or {}).items():
        if isinstance(variable, dict) and "default" in variable:
            url = url.replace("{" + name + "}", str(variable["default"]))
    return url
