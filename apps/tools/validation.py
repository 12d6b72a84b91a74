"""Turning JSON Schema failures into observations a model can correct itself from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

_JSON_TYPES = {
    dict: "object",
    list: "array",
    str: "string",
    bool: "boolean",
    int: "integer",
    float: "number",
    type(None): "null",
}


@dataclass(frozen=True)
class ArgumentProblem:
    field: str  # dotted path of the offending field; "" for the arguments object itself
    problem: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "problem": self.problem}


def _path(error: ValidationError) -> str:
    return ".".join(str(part) for part in error.absolute_path)


def _shown(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _describe(error: ValidationError) -> ArgumentProblem:
    field = _path(error)
    kind, got = error.validator, error.instance
    expected: Any = error.validator_value
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    got_type = _JSON_TYPES.get(type(got), type(got).__name__)
    if kind == "required":
        missing = [name for name in expected if isinstance(got, dict) and name not in got]
        name = missing[0] if missing else "?"
        return ArgumentProblem(f"{field}.{name}" if field else name, "is required but missing")
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(set(got) - set(allowed)) if isinstance(got, dict) else []
        names = ", ".join(repr(n) for n in extra)
        return ArgumentProblem(field, f"unexpected field(s) {names}; allowed fields are {allowed}")
    if kind == "type":
        return ArgumentProblem(field, f"expected {expected}, got {got_type} {_shown(got)}")
    if kind == "enum":
        return ArgumentProblem(field, f"expected one of {expected}, got {_shown(got)}")
    if kind == "pattern":
        example = schema.get("examples", [None])[0]
        hint = f" such as {example!r}" if example else ""
        return ArgumentProblem(field, f"expected a value matching {expected}{hint}, got {_shown(got)}")
    if kind in {"minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum"}:
        return ArgumentProblem(field, f"violates {kind}={expected}: got {_shown(got)}")
    return ArgumentProblem(field, error.message)


def argument_problems(validator: Draft202012Validator, arguments: Any) -> list[ArgumentProblem]:
    """Every schema violation in `arguments`, in field order."""
    errors = sorted(
        validator.iter_errors(arguments), key=lambda e: (list(map(str, e.absolute_path)), e.validator)
    )
    return [_describe(error) for error in errors]
