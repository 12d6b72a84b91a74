"""Turning an OpenAPI or MCP schema into the argument schema a tool is offered with.

`$ref`s are resolved in place. The result is kept inside the subset OpenAI's strict mode
accepts where the source allows it: every object closed and every property required (optional
ones may be null), only the keywords strict mode reads. Where it cannot be (recursion, maps,
free-form objects, `not`, conditional schemas...) the tool is marked non-strict and each reason
is kept for the admin. Keywords strict mode does not read but that only narrow what is valid
(minLength, uniqueItems...) stay in the schema the gate validates with and are left out of the
one the model sees.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

# What strict mode reads (besides structure): https://platform.openai.com/docs/guides/structured-outputs
_STRICT_FORMATS = {"date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"}
_KEPT = {
    "type",
    "description",
    "enum",
    "const",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
}
# Narrow what is valid; validated by the gate, not shown to the model.
_VALIDATION_ONLY = {"minLength", "maxLength", "uniqueItems", "minProperties", "maxProperties"}
# Documentation only: dropped.
_DROPPED = {
    "title",
    "example",
    "examples",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "xml",
    "externalDocs",
    "discriminator",
    "$schema",
    "$id",
    "$comment",
    "contentMediaType",
    "contentEncoding",
    "nullable",
}
_UNSUPPORTED = {
    "not",
    "if",
    "then",
    "else",
    "patternProperties",
    "dependentSchemas",
    "dependentRequired",
    "dependencies",
    "propertyNames",
    "unevaluatedProperties",
    "unevaluatedItems",
    "prefixItems",
    "contains",
    "minContains",
    "maxContains",
    "$dynamicRef",
    "$anchor",
}
# Strict mode reads at most this many levels of nested objects and arrays.
MAX_DEPTH = 10


class SchemaError(ValueError):
    """The document cannot be read at all (a broken $ref, not a mapping)."""


@dataclass
class Derived:
    """An argument schema: `validation` is what the gate checks, `model` what the model sees."""

    validation: dict[str, Any]
    model: dict[str, Any]
    reasons: list[str] = field(default_factory=list)

    @property
    def strict(self) -> bool:
        return not self.reasons


def pointer(document: Any, ref: str) -> Any:
    """The node a local `$ref` ("#/components/schemas/Order") points at."""
    if not ref.startswith("#"):
        raise SchemaError(f"only references inside the document are supported, not {ref!r}")
    node = document
    for raw in ref[1:].split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise SchemaError(f"the reference {ref!r} points at nothing")
    return node


def deref(document: Any, node: Any, *, limit: int = 20) -> Any:
    """Follow a chain of `$ref`s (parameters, request bodies) to the node itself."""
    for _ in range(limit):
        if not (isinstance(node, dict) and "$ref" in node):
            return node
        node = pointer(document, node["$ref"])
    raise SchemaError("a chain of references does not end")


class _Converter:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.reasons: list[str] = []

    def note(self, reason: str) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)

    def convert(self, node: Any, where: str, refs: tuple[str, ...] = (), depth: int = 0) -> dict[str, Any]:
        if node is True or node == {}:
            self.note(f"{where}: accepts any value")
            return {}
        if not isinstance(node, dict):
            raise SchemaError(f"{where}: a schema must be an object")
        if depth > MAX_DEPTH:
            self.note(f"{where}: nested deeper than {MAX_DEPTH} levels (strict mode's limit)")
            return {}
        if "$ref" in node:
            ref = str(node["$ref"])
            if ref in refs:
                self.note(f"{where}: recursive schema ({ref})")
                return {}
            target = pointer(self.document, ref)
            siblings = {k: v for k, v in node.items() if k != "$ref"}
            merged = {**target, **siblings} if isinstance(target, dict) else target
            return self.convert(merged, where, (*refs, ref), depth)
        node = dict(node)
        if node.pop("nullable", None) is True:  # OpenAPI 3.0's spelling of "or null"
            node = _with_null(node)
        if "allOf" in node:
            node = self._merge_all_of(node, where, refs, depth)
            if "allOf" in node:
                return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in _DROPPED or key.startswith("x-"):
                continue
            if key in _UNSUPPORTED:
                self.note(f"{where}: uses {key!r}")
                out[key] = copy.deepcopy(value)
            elif key in ("anyOf", "oneOf"):
                # strict mode reads anyOf; oneOf's "exactly one" is kept by the gate's check.
                out["anyOf"] = [
                    self.convert(option, f"{where}|{i}", refs, depth) for i, option in enumerate(value)
                ]
            elif key == "format" and value not in _STRICT_FORMATS:
                continue
            elif (key in _KEPT or key in _VALIDATION_ONLY) and _well_typed(key, value):
                out[key] = copy.deepcopy(value)
        _exclusive_bounds(node, out)
        if "oneOf" in node:
            out["oneOf"] = out.pop("anyOf")
        kinds = _types(node)
        if "object" in kinds or "properties" in node:
            self._object(node, out, where, refs, depth)
        if "array" in kinds or "items" in node:
            items = node.get("items")
            if isinstance(items, dict):
                out["items"] = self.convert(items, f"{where}[]", refs, depth + 1)
            else:
                self.note(f"{where}: an array without an item schema")
        if not kinds and not any(k in out for k in ("anyOf", "oneOf", "enum", "const")):
            self.note(f"{where}: no type")
        return out

    def _object(
        self, node: dict[str, Any], out: dict[str, Any], where: str, refs: tuple[str, ...], depth: int
    ) -> None:
        properties = node.get("properties") or {}
        extra = node.get("additionalProperties")
        if not properties:
            self.note(f"{where}: a free-form object")
            if isinstance(extra, dict):
                out["additionalProperties"] = self.convert(extra, f"{where}{{}}", refs, depth + 1)
            return
        if isinstance(extra, dict) and extra:
            self.note(f"{where}: allows extra properties besides the named ones")
        required = set(node.get("required") or [])
        converted: dict[str, Any] = {}
        for name, schema in properties.items():
            if isinstance(schema, dict) and schema.get("readOnly") is True:
                continue  # set by the service, never sent
            child = self.convert(schema, f"{where}.{name}" if where else name, refs, depth + 1)
            converted[name] = child if name in required else _with_null(child)
        out["type"] = "object"
        out["properties"] = converted
        out["required"] = list(converted)
        # Closing an open object narrows what we send; the service still accepts it.
        out["additionalProperties"] = False

    def _merge_all_of(
        self, node: dict[str, Any], where: str, refs: tuple[str, ...], depth: int
    ) -> dict[str, Any]:
        merged: dict[str, Any] = {k: v for k, v in node.items() if k != "allOf"}
        properties: dict[str, Any] = dict(merged.get("properties") or {})
        required: list[str] = list(merged.get("required") or [])
        for part in node["allOf"]:
            part = self._resolve(part, refs)
            if not isinstance(part, dict) or "allOf" in part:
                part = self._merge_all_of(part, where, refs, depth) if isinstance(part, dict) else part
            if not isinstance(part, dict) or (
                part.get("type", "object") != "object" and "properties" not in part
            ):
                self.note(f"{where}: an allOf that is not a set of objects")
                return {**node, "allOf": [self.convert(p, where, refs, depth) for p in node["allOf"]]}
            properties.update(part.get("properties") or {})
            required += [r for r in part.get("required") or [] if r not in required]
            for key, value in part.items():
                if key not in ("properties", "required", "type"):
                    merged.setdefault(key, value)
        merged.update(type="object", properties=properties, required=required)
        return merged

    def _resolve(self, node: Any, refs: tuple[str, ...]) -> Any:
        seen = list(refs)
        while isinstance(node, dict) and "$ref" in node:
            ref = str(node["$ref"])
            if ref in seen:
                self.note(f"recursive schema ({ref})")
                return {}
            seen.append(ref)
            node = pointer(self.document, ref)
        return node


_NUMBER_KEYWORDS = {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"}
_COUNT_KEYWORDS = {"minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties"}


def _well_typed(key: str, value: Any) -> bool:
    """Documents in the wild put odd things in keywords ($ref'd descriptions, booleans); keep a
    keyword only when its value is what JSON Schema 2020-12 expects."""
    if key in ("description", "pattern", "format"):
        return isinstance(value, str)
    if key == "enum":
        return isinstance(value, list) and bool(value)
    if key == "type":
        return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
    if key in _NUMBER_KEYWORDS:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if key in _COUNT_KEYWORDS:
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if key == "uniqueItems":
        return isinstance(value, bool)
    return True


def _exclusive_bounds(node: dict[str, Any], out: dict[str, Any]) -> None:
    # OpenAPI 3.0 writes `exclusiveMinimum: true` beside `minimum`; 2020-12 wants the number.
    for flag, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if node.get(flag) is True and bound in out:
            out[flag] = out.pop(bound)


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("type")
    if isinstance(kind, list):
        return {str(k) for k in kind}
    return {str(kind)} if kind else set()


def _with_null(schema: dict[str, Any]) -> dict[str, Any]:
    """The same schema, also accepting null (how strict mode spells "optional")."""
    schema = dict(schema)
    kind = schema.get("type")
    if isinstance(kind, str):
        if kind != "null":
            schema["type"] = [kind, "null"]
    elif isinstance(kind, list):
        if "null" not in kind:
            schema["type"] = [*kind, "null"]
    elif "anyOf" in schema:
        if {"type": "null"} not in schema["anyOf"]:
            schema["anyOf"] = [*schema["anyOf"], {"type": "null"}]
    elif schema:
        return {"anyOf": [schema, {"type": "null"}]}
    if "enum" in schema and None not in schema["enum"]:
        schema["enum"] = [*schema["enum"], None]
    return schema


def for_model(schema: Any) -> Any:
    """The validation schema without the keywords strict mode does not read."""
    if isinstance(schema, dict):
        return {
            key: (value if key in ("enum", "const", "required") else for_model(value))
            for key, value in schema.items()
            if key not in _VALIDATION_ONLY
        }
    if isinstance(schema, list):
        return [for_model(item) for item in schema]
    return schema


def derive(schema: Any, document: Any, where: str = "") -> Derived:
    """Convert one schema (an MCP tool's input schema, a request body) with its references resolved."""
    converter = _Converter(document)
    validation = converter.convert(schema, where)
    return Derived(validation=validation, model=for_model(validation), reasons=converter.reasons)


def arguments_object(
    properties: dict[str, dict[str, Any]], required: set[str], reasons: list[str]
) -> Derived:
    """The top-level arguments object of a tool: closed, every property required (optional ones nullable)."""
    validation = {
        "type": "object",
        "properties": {name: s if name in required else _with_null(s) for name, s in properties.items()},
        "required": list(properties),
        "additionalProperties": False,
    }
    return Derived(validation=validation, model=for_model(validation), reasons=list(reasons))


def fingerprint(value: Any) -> str:
    """A stable hash of what a source says about an operation, to tell what changed on re-import."""
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def without_arguments(schema: dict[str, Any], paths: list[str]) -> dict[str, Any]:
    """The schema with these arguments (top-level names or "body.field") removed: bound ones."""
    schema = copy.deepcopy(schema)
    for path in paths:
        node = schema
        parts = path.split(".")
        for part in parts[:-1]:
            node = node.get("properties", {}).get(part, {})
            if isinstance(node.get("anyOf"), list):  # an optional body: the object branch
                node = next((o for o in node["anyOf"] if o.get("type") == "object"), {})
        properties = node.get("properties", {})
        if parts[-1] in properties:
            del properties[parts[-1]]
            node["required"] = [r for r in node.get("required", []) if r != parts[-1]]
    return schema


def argument_paths(schema: dict[str, Any]) -> set[str]:
    """The arguments a binding may name: top-level ones, and the fields of a JSON body ("body.x")."""
    properties = schema.get("properties", {})
    names = set(properties)
    for name in ("body", "request_body"):
        body = properties.get(name, {})
        names |= {f"{name}.{field}" for field in body.get("properties", {})}
    return names
