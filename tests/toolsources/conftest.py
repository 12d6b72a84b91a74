"""Fixtures for remote tools: the loyalty service and the MCP server on loopback, the allow-lists
pointing at them, and the demo customer the calls act for."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from apps.accounts.principals import Principal, principal_for_customer
from apps.accounts.roles import GROUP_FOR_ROLE, Role
from apps.toolsources.models import ArgumentBinding, RemoteTool, ToolSource
from apps.toolsources.services import source_create, source_import

# Whole turns (test_agent_turns.py) use the agent tests' conversation fixtures.
from tests.agent.conftest import route_as, say_to, signed_in_conversation  # noqa: F401
from tests.support.loyalty_service import LoyaltyService
from tests.support.mcp_loyalty import McpLoyalty

OLIVIA = "olivia_ito_3591"
OLIVIA_EMAIL = "olivia.ito5204@example.com"


def allow(settings, hosts=(), secrets=(), commands=()):
    settings.SUPPORTAGENT = {
        **settings.SUPPORTAGENT,
        "TOOL_HOSTS": list(hosts),
        "TOOL_SECRET_ENVS": list(secrets),
        "TOOL_COMMANDS": list(commands),
    }


def loyalty_start(settings) -> LoyaltyService:
    """The loyalty service on a loopback port, Olivia a member with 500 points, its host allowed."""
    service = LoyaltyService().start()
    service.balances[OLIVIA_EMAIL] = 500
    allow(settings, hosts=[f"127.0.0.1:{service.port}"])
    return service


@pytest.fixture
def loyalty(settings):
    service = loyalty_start(settings)
    yield service
    service.stop()


@pytest.fixture(scope="module")
def mcp_server():
    server = McpLoyalty().start()
    yield server
    server.stop()


@pytest.fixture
def olivia(db) -> Principal:
    return principal_for_customer(OLIVIA)


def staff(django_user_model, role: Role, username: str) -> Principal:
    user = django_user_model.objects.create(username=username)
    user.groups.add(Group.objects.get(name=GROUP_FOR_ROLE[role]))
    return Principal(role=role, user_id=user.pk)


def bind(tool_name: str, argument: str, source: str = ArgumentBinding.Source.CUSTOMER_EMAIL, value: str = ""):
    tool = RemoteTool.objects.get(name=tool_name)
    return ArgumentBinding.objects.create(tool=tool, argument=argument, source=source, value=value)


def loyalty_import(service: LoyaltyService) -> ToolSource:
    """The loyalty service imported with its member operations bound to the customer's email."""
    source = source_create(
        name="loyalty", kind=ToolSource.Kind.OPENAPI, location=f"{service.url}/openapi.json"
    )
    source_import(
        source=source,
        operations=[
            "getMember",
            "redeemPoints",
            "listRewards",
            "slowReport",
            "brokenReport",
            "movedReport",
            "bigReport",
        ],
    )
    bind("loyalty_getMember", "email")
    bind("loyalty_redeemPoints", "email")
    ToolSource.objects.filter(pk=source.pk).update(timeout_seconds=0.5, retries=1)
    return ToolSource.objects.get(pk=source.pk)


@pytest.fixture
def loyalty_tools(db, loyalty):
    return loyalty_import(loyalty)
