"""Tools imported from an MCP server started with the `mcp` SDK, over streamable HTTP on
loopback and over stdio, called through `tool_execute`."""

from __future__ import annotations

import sys
from urllib.parse import urlsplit

import pytest

from apps.accounts.principals import Principal
from apps.agent.gate import CONFIRMATION_REQUIRED
from apps.llm.context import AgentContext
from apps.tools.executor import tool_execute
from apps.tools.selectors import tool_effective
from apps.toolsources.models import RemoteTool, ToolSource
from apps.toolsources.services import source_create, source_import, source_test

from .conftest import OLIVIA, OLIVIA_EMAIL, allow, bind
from .test_openapi_tools import customer_gate


@pytest.fixture
def mcp_tools(db, settings, mcp_server):
    mcp_server.balances.clear()
    mcp_server.balances[OLIVIA_EMAIL] = 300
    mcp_server.calls.clear()
    mcp_server.idempotency_keys.clear()
    allow(settings, hosts=[urlsplit(mcp_server.url).netloc])
    source = source_create(
        name="mcp", kind=ToolSource.Kind.MCP_HTTP, location=mcp_server.url, timeout_seconds=5
    )
    report = source_import(source=source, operations=["member_points", "redeem", "subscribe_newsletter"])
    for name in ("mcp_member_points", "mcp_redeem", "mcp_subscribe_newsletter"):
        bind(name, "email")
    return report


def test_import_lists_the_servers_tools_and_annotations_set_the_defaults(mcp_tools):
    rows = {row.name: row for row in RemoteTool.objects.all()}

    assert sorted(mcp_tools.added) == ["mcp_member_points", "mcp_redeem", "mcp_subscribe_newsletter"]
    assert (rows["mcp_member_points"].kind, rows["mcp_member_points"].needs_confirmation) == ("read", False)
    assert (rows["mcp_redeem"].kind, rows["mcp_redeem"].needs_confirmation) == ("write", True)
    # not destructive: a write that runs without a yes; idempotent: may be retried
    newsletter = rows["mcp_subscribe_newsletter"]
    assert (newsletter.kind, newsletter.needs_confirmation) == ("write", False)
    assert newsletter.wire == {"idempotent": True}
    spec = tool_effective("mcp_subscribe_newsletter").openai_spec()["function"]
    assert spec["parameters"]["properties"] == {
        "topics": {"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "null"}]}
    }


def test_a_read_over_mcp_acts_for_the_verified_customer(mcp_tools, mcp_server, customer_principal):
    observation = tool_execute(customer_principal(OLIVIA), "mcp_member_points", {})

    assert observation.ok, observation.text
    assert observation.data == {"email": OLIVIA_EMAIL, "points": 300}
    assert mcp_server.calls == [("member_points", {"email": OLIVIA_EMAIL})]
    assert mcp_server.idempotency_keys == []  # reads carry none


def test_an_mcp_write_waits_for_the_customers_yes(mcp_tools, mcp_server, customer_principal):
    olivia = customer_principal(OLIVIA)
    context = AgentContext(
        customer_id=OLIVIA, latest_customer_message="use 100 points", latest_customer_message_id=1
    )

    asked = tool_execute(
        olivia, "mcp_redeem", {"points": 100}, conversation="m1", step=1, check=customer_gate(context)
    )
    context.latest_customer_message, context.latest_customer_message_id = "yes please", 2
    done = tool_execute(
        olivia, "mcp_redeem", {"points": 100}, conversation="m1", step=2, check=customer_gate(context)
    )

    assert asked.error_code == CONFIRMATION_REQUIRED
    assert done.ok, done.text
    assert mcp_server.balances[OLIVIA_EMAIL] == 200
    assert [name for name, _ in mcp_server.calls] == ["redeem"]
    # every HTTP request of the write's session carries the step's key
    assert mcp_server.idempotency_keys
    assert {len(key) for key in mcp_server.idempotency_keys} == {64}
    assert len(set(mcp_server.idempotency_keys)) == 1


def test_a_tool_error_from_the_server_becomes_an_observation(mcp_tools, customer_principal):
    observation = tool_execute(customer_principal(OLIVIA), "mcp_redeem", {"points": 5000})

    assert observation.error_code == "remote_tool_error"
    assert "has only 300 points" in observation.text


def test_a_bound_argument_cannot_be_named_by_the_model(mcp_tools, mcp_server, customer_principal):
    observation = tool_execute(customer_principal(OLIVIA), "mcp_member_points", {"email": "x@example.com"})

    assert observation.error_code == "invalid_arguments"
    assert mcp_server.calls == []


def test_an_unreachable_mcp_host_is_refused(mcp_tools, mcp_server, customer_principal, settings):
    allow(settings, hosts=["tools.example.com"])

    observation = tool_execute(customer_principal(OLIVIA), "mcp_member_points", {})

    assert observation.error_code == "host_not_allowed"
    assert mcp_server.calls == []


def test_the_health_check_lists_the_servers_tools_and_is_recorded(mcp_tools):
    source = ToolSource.objects.get(name="mcp")

    ok, message = source_test(source=source)

    assert ok, message
    assert "3 tool(s)" in message
    assert ToolSource.objects.get(name="mcp").last_success_at is not None


def test_a_stdio_server_is_started_only_from_an_allowed_program(db, settings, customer_principal):
    command = f"{sys.executable} -m tests.support.mcp_loyalty"
    source = source_create(name="stdio", kind=ToolSource.Kind.MCP_STDIO, location=command, timeout_seconds=30)

    with pytest.raises(Exception, match="SUPPORTAGENT_TOOL_COMMANDS"):
        source_import(source=source, operations=["member_points"])

    allow(settings, commands=[sys.executable])
    report = source_import(source=source, operations=["member_points"])
    # a constant binding: the stdio server knows this member
    bind("stdio_member_points", "email", source="constant", value="ada@example.com")
    observation = tool_execute(Principal.system(), "stdio_member_points", {})

    assert report.added == ["stdio_member_points"]
    assert observation.ok, observation.text
    assert observation.data == {"email": "ada@example.com", "points": 500}
