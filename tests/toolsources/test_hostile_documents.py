"""Hostile or broken documents get a clear error and change nothing."""

from __future__ import annotations

import json

import pytest

from apps.core.errors import InvalidRequest
from apps.toolsources.models import RemoteTool, ToolSource
from apps.toolsources.openapi import DocumentError, document_parse, operation_spec
from apps.toolsources.services import source_import


def test_yaml_tags_never_build_python_objects():
    with pytest.raises(DocumentError):
        document_parse(b"openapi: 3.0.0\npaths: !!python/object/apply:os.system ['true']\n")


def test_an_oversized_document_is_refused_before_parsing():
    with pytest.raises(DocumentError, match="at most"):
        document_parse(b" " * (20 * 1024 * 1024 + 1))


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"swagger": "2.0", "paths": {}}, "Swagger 2.0"),
        ({"openapi": "4.0.0", "paths": {}}, "not an OpenAPI 3.0 or 3.1"),
        ({"openapi": "3.1.0"}, "no paths"),
    ],
)
def test_what_is_not_openapi_3_is_named(document, message):
    with pytest.raises(DocumentError, match=message):
        document_parse(json.dumps(document))


def test_references_outside_the_document_or_to_nothing_are_refused(db):
    document = {
        "openapi": "3.0.3",
        "info": {},
        "paths": {
            "/a": {
                "post": {
                    "operationId": "outside",
                    "requestBody": {
                        "content": {"application/json": {"schema": {"$ref": "file:///etc/passwd"}}}
                    },
                }
            },
            "/b": {
                "get": {"operationId": "nowhere", "parameters": [{"$ref": "#/components/parameters/Missing"}]}
            },
        },
    }
    source = ToolSource.objects.create(name="hostile", kind=ToolSource.Kind.OPENAPI, document=document)

    with pytest.raises(DocumentError, match="inside the document"):
        operation_spec(document, "outside")
    with pytest.raises(InvalidRequest, match="points at nothing"):
        source_import(source=source, operations=["nowhere"], document=document)
    assert not RemoteTool.objects.exists()


def test_a_path_argument_cannot_climb_out_of_its_path(loyalty_tools, loyalty, olivia):
    from apps.tools.executor import tool_execute

    RemoteTool.objects.get(name="loyalty_getMember").bindings.all().delete()

    tool_execute(olivia, "loyalty_getMember", {"email": "../../admin?x=1#"})

    assert loyalty.requests[-1]["path"] == "/members/../../admin?x=1#"
    assert loyalty.requests[-1]["query"] == {}
