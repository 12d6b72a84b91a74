"""Re-importing a source: what changed is reported, and no setting is loosened silently."""

from __future__ import annotations

import pytest

from apps.audit.models import AuditEvent
from apps.core.errors import InvalidRequest
from apps.toolsources.models import RemoteTool, ToolSource
from apps.toolsources.services import source_import


def test_reimport_reports_added_removed_and_changed_and_only_tightens(loyalty_tools, loyalty):
    # given admin edits, then a source that moved on
    RemoteTool.objects.filter(name="loyalty_getMember").update(
        description="Our own words.", needs_confirmation=True
    )
    RemoteTool.objects.filter(name="loyalty_redeemPoints").update(needs_confirmation=False)
    paths = loyalty.document["paths"]
    del paths["/big"]
    loyalty.document["components"]["schemas"]["Redemption"]["properties"]["channel"] = {"type": "string"}
    paths["/rewards"]["post"] = paths["/rewards"].pop("get")  # listRewards now changes data
    paths["/members/{email}/redemptions"]["get"] = paths["/members/{email}/redemptions"].pop("post")
    paths["/members/{email}"]["get"]["summary"] = "Points, tier and expiry"

    report = source_import(source=loyalty_tools)

    tools = {t.name: t for t in RemoteTool.objects.all()}
    assert report.removed == ["loyalty_bigReport"]
    assert tools["loyalty_bigReport"].enabled is False
    assert tools["loyalty_bigReport"].removed_upstream is True
    assert any("+body.channel" in what for what in report.changed["loyalty_redeemPoints"])
    # a read that became a write: stricter now
    rewards = tools["loyalty_listRewards"]
    assert (rewards.kind, rewards.needs_confirmation) == ("write", True)
    # a write the source now calls a read stays a write, and says so
    assert tools["loyalty_redeemPoints"].kind == "write"
    assert any("kept as a write" in what for what in report.changed["loyalty_redeemPoints"])
    # admins' words and stricter settings are kept
    member = tools["loyalty_getMember"]
    assert member.description == "Our own words."
    assert member.needs_confirmation is True
    assert "ours is kept" in " ".join(report.changed["loyalty_getMember"])
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.ADMIN_CHANGE, payload__tool_source_import__source="loyalty"
    ).exists()


def test_a_tool_whose_bound_argument_disappears_is_disabled(loyalty_tools, loyalty):
    member = loyalty.document["paths"].pop("/members/{email}")
    member["get"]["parameters"] = [
        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    ]
    loyalty.document["paths"]["/members/{id}"] = member

    report = source_import(source=loyalty_tools)

    assert RemoteTool.objects.get(name="loyalty_getMember").enabled is False
    assert any("bound argument" in what for what in report.changed["loyalty_getMember"])


def test_an_operation_that_returns_comes_back_disabled(loyalty_tools, loyalty):
    big = loyalty.document["paths"].pop("/big")
    source_import(source=loyalty_tools)
    loyalty.document["paths"]["/big"] = big

    report = source_import(source=loyalty_tools)

    row = RemoteTool.objects.get(name="loyalty_bigReport")
    assert (row.removed_upstream, row.enabled) == (False, False)
    assert "loyalty_bigReport" in report.changed


def test_an_unchanged_source_reports_nothing_changed(loyalty_tools):
    report = source_import(source=loyalty_tools)

    assert report.changed == {}
    assert report.removed == []
    assert len(report.unchanged) == 7


def test_unknown_operations_and_name_clashes_are_refused_and_change_nothing(loyalty_tools, db):
    with pytest.raises(InvalidRequest, match="no such operation"):
        source_import(source=loyalty_tools, operations=["dropTables"])
    clash = ToolSource.objects.create(
        name="get",
        kind=ToolSource.Kind.OPENAPI,
        document={"openapi": "3.0.3", "info": {}, "paths": {"/o": {"get": {"operationId": "order_details"}}}},
    )

    with pytest.raises(InvalidRequest, match="exists already"):
        source_import(source=clash, operations=["order_details"])
    assert not RemoteTool.objects.filter(source=clash).exists()
