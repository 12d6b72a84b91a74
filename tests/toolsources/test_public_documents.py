"""Large public OpenAPI documents (see data/README.md for their sources and licences) parse, and
every operation in them becomes a tool schema: strict where the document allows, otherwise
marked non-strict with a reason; never an exception."""

from __future__ import annotations

import functools
import gzip
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from apps.tools.registry import _strict_compatible
from apps.toolsources.openapi import document_parse, operation_spec, operations_list

DATA = Path(__file__).parent / "data"
DOCUMENTS = {
    "openai-api.openapi.yml.gz": ("3.1", 250),
    "azure-openai-inference-2024-10-21.openapi.json.gz": ("3.0", 6),
    "azure-openai-inference-2025-04-01-preview.openapi.json.gz": ("3.1", 50),
}


@functools.cache
def load(name: str) -> dict:
    return document_parse(gzip.decompress((DATA / name).read_bytes()))


@pytest.fixture(params=sorted(DOCUMENTS))
def document(request):
    return request.param, load(request.param)


def test_every_operation_becomes_a_tool_schema(document):
    name, parsed = document
    version, at_least = DOCUMENTS[name]
    operations = operations_list(parsed)

    assert parsed["openapi"].startswith(version)
    assert len(operations) >= at_least
    strict = 0
    for operation, _method, _path, _summary in operations:
        spec = operation_spec(parsed, operation)
        Draft202012Validator.check_schema(spec.schema.validation)
        Draft202012Validator.check_schema(spec.schema.model)
        assert spec.schema.validation["additionalProperties"] is False
        if spec.schema.strict:
            strict += 1
            assert _strict_compatible(spec.schema.model), operation
            assert "$ref" not in str(spec.schema.model)
        else:
            assert spec.schema.reasons, operation
    assert strict >= 1


def test_the_openai_documents_references_are_resolved_into_the_tool():
    parsed = load("openai-api.openapi.yml.gz")

    spec = operation_spec(parsed, "retrieveModel")

    assert spec.kind == "read"
    assert spec.wire["parameters"] == [{"argument": "model", "in": "path", "name": "model"}]
    assert spec.schema.strict
    assert spec.schema.model["required"] == ["model"]


def test_the_azure_document_marks_file_uploads_as_not_supported():
    parsed = load("azure-openai-inference-2024-10-21.openapi.json.gz")
    reasons = [
        reason
        for operation, *_ in operations_list(parsed)
        for reason in operation_spec(parsed, operation).schema.reasons
    ]

    assert any("multipart/form-data" in reason for reason in reasons)
