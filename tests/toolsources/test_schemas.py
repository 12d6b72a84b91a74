"""Deriving a tool's argument schema from OpenAPI and MCP schemas."""

from __future__ import annotations

from jsonschema import Draft202012Validator

from apps.toolsources.schemas import derive, for_model, without_arguments

DOC = {
    "components": {
        "schemas": {
            "Address": {
                "type": "object",
                "required": ["city"],
                "properties": {"city": {"type": "string", "minLength": 1}, "zip": {"type": "string"}},
            },
            "Tree": {
                "type": "object",
                "properties": {"children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}}},
            },
        }
    }
}


def test_refs_are_resolved_objects_closed_and_optional_fields_nullable():
    derived = derive({"$ref": "#/components/schemas/Address"}, DOC)

    assert derived.strict
    assert derived.validation == {
        "type": "object",
        "properties": {"city": {"type": "string", "minLength": 1}, "zip": {"type": ["string", "null"]}},
        "required": ["city", "zip"],
        "additionalProperties": False,
    }
    assert derived.model["properties"]["city"] == {"type": "string"}


def test_the_validation_schema_keeps_what_the_model_schema_leaves_out():
    validator = Draft202012Validator(derive({"$ref": "#/components/schemas/Address"}, DOC).validation)

    assert list(validator.iter_errors({"city": "", "zip": None}))
    assert not list(validator.iter_errors({"city": "Oslo", "zip": None}))
    assert list(validator.iter_errors({"city": "Oslo", "zip": None, "extra": 1}))


def test_a_recursive_schema_is_marked_non_strict_with_the_reason():
    derived = derive({"$ref": "#/components/schemas/Tree"}, DOC)

    assert not derived.strict
    assert any("recursive" in reason for reason in derived.reasons)


def test_free_form_objects_and_unsupported_keywords_are_reasons():
    derived = derive(
        {
            "type": "object",
            "properties": {
                "meta": {"type": "object"},
                "code": {"type": "string", "not": {"enum": ["x"]}},
            },
        },
        {},
    )

    assert not derived.strict
    assert "meta: a free-form object" in derived.reasons
    assert "code: uses 'not'" in derived.reasons
    assert derived.validation["properties"]["code"]["not"] == {"enum": ["x"]}


def test_openapi_30_nullable_and_all_of_merge():
    derived = derive(
        {
            "allOf": [
                {"$ref": "#/components/schemas/Address"},
                {
                    "type": "object",
                    "required": ["street"],
                    "properties": {"street": {"type": "string", "nullable": True}},
                },
            ]
        },
        DOC,
    )

    assert derived.strict
    assert set(derived.validation["required"]) == {"city", "zip", "street"}
    assert derived.validation["properties"]["street"]["type"] == ["string", "null"]


def test_one_of_becomes_any_of_for_the_model_and_stays_one_of_for_the_gate():
    derived = derive({"oneOf": [{"type": "string"}, {"type": "integer"}]}, {})

    assert derived.validation == {"oneOf": [{"type": "string"}, {"type": "integer"}]}
    assert for_model(derived.validation) == derived.model


def test_documentation_keywords_are_dropped():
    derived = derive(
        {"type": "string", "example": "x", "title": "T", "x-internal": True, "format": "binary"}, {}
    )

    assert derived.validation == {"type": "string"}


def test_a_bound_argument_is_removed_from_the_body_too():
    schema = {
        "type": "object",
        "properties": {
            "body": {
                "type": "object",
                "properties": {"email": {"type": "string"}, "n": {"type": "integer"}},
                "required": ["email", "n"],
            }
        },
        "required": ["body"],
    }

    stripped = without_arguments(schema, ["body.email"])

    assert stripped["properties"]["body"]["properties"] == {"n": {"type": "integer"}}
    assert stripped["properties"]["body"]["required"] == ["n"]
