from django.core.management import call_command

from apps.accounts.principals import Principal
from apps.accounts.roles import Role
from apps.tools.models import Tool
from apps.tools.registry import ToolKind, registry
from apps.tools.selectors import tools_offered
from apps.tools.services import tools_sync

RETAIL_TOOLS = {
    "find_user_id_by_email",
    "find_user_id_by_name_zip",
    "get_user_details",
    "get_order_details",
    "get_product_details",
    "list_all_product_types",
    "calculate",
    "search_knowledge",
    "cancel_pending_order",
    "modify_pending_order_address",
    "modify_pending_order_items",
    "modify_pending_order_payment",
    "modify_user_address",
    "return_delivered_order_items",
    "exchange_delivered_order_items",
    "transfer_to_human_agents",
    "send_verification_code",
    "verify_identity_code",
}


def test_every_retail_tool_is_registered_with_a_strict_schema():
    assert set(registry.names()) == RETAIL_TOOLS
    for tool in registry:
        schema = tool.parameters
        assert schema["type"] == "object"
        assert schema["additionalProperties"] is False
        assert set(schema["required"]) == set(schema["properties"])
        assert len(tool.description) > 120, tool.name
        assert tool.status_line


def test_writes_need_a_permission_and_the_customers_confirmation():
    writes = [tool for tool in registry if tool.kind == ToolKind.WRITE]
    assert len(writes) == 7
    assert all(tool.permission and tool.needs_confirmation for tool in writes)


def test_openai_specs_are_function_tools():
    tool = registry.get("cancel_pending_order")
    from apps.tools.registry import openai_tool_spec

    spec = openai_tool_spec(tool)
    assert spec["type"] == "function"
    assert spec["function"]["name"] == "cancel_pending_order"
    assert spec["function"]["parameters"]["properties"]["reason"]["enum"] == [
        "no longer needed",
        "ordered by mistake",
    ]
    assert spec["function"]["strict"] is True


def test_status_lines_show_the_arguments():
    assert (
        registry.get("get_order_details").status_for({"order_id": "#W1234567"})
        == "Checking order #W1234567..."
    )
    # a missing argument never breaks the line
    assert registry.get("get_order_details").status_for({}) == "Checking order ......"


def test_sync_keeps_admin_edits_and_reset_restores_the_code(db):
    Tool.objects.filter(name="calculate").update(description="edited by an admin", enabled=False)

    report = tools_sync()
    assert report.created == []
    assert Tool.objects.get(name="calculate").description == "edited by an admin"

    call_command("sync_tools", reset=True)
    row = Tool.objects.get(name="calculate")
    assert row.description == registry.get("calculate").description
    assert row.enabled


def test_sync_retires_rows_whose_tool_left_the_code(db):
    Tool.objects.create(name="old_tool", kind="read", description="gone", status_line="...")
    report = tools_sync()
    assert report.retired == ["old_tool"]
    row = Tool.objects.get(name="old_tool")
    assert (row.enabled, row.in_registry) == (False, False)


def test_an_admin_edited_description_is_what_the_model_sees(db):
    Tool.objects.filter(name="calculate").update(description="Sums, nothing else.")
    offered = {tool.name: tool for tool in tools_offered(Principal.system())}
    assert offered["calculate"].openai_spec()["function"]["description"] == "Sums, nothing else."


def test_anonymous_visitors_are_offered_only_tools_without_a_permission(db):
    names = {tool.name for tool in tools_offered(Principal.anonymous())}
    assert "find_user_id_by_email" in names
    assert "get_order_details" not in names
    assert "cancel_pending_order" not in names


def test_customers_are_offered_their_self_service_tools(db, customer_principal):
    names = {
        tool.name for tool in tools_offered(customer_principal("olivia_ito_3591"), kinds=[ToolKind.WRITE])
    }
    assert names == {t.name for t in registry if t.kind == ToolKind.WRITE}


def test_an_l1_supervisor_is_not_offered_money_tools(db, django_user_model):
    from django.contrib.auth.models import Group

    from apps.accounts.roles import GROUP_FOR_ROLE

    user = django_user_model.objects.create(username="l1")
    user.groups.add(Group.objects.get(name=GROUP_FOR_ROLE[Role.SUPERVISOR_L1]))
    names = {t.name for t in tools_offered(Principal(role=Role.SUPERVISOR_L1, user_id=user.pk))}
    assert "modify_pending_order_address" in names
    assert {
        "cancel_pending_order",
        "return_delivered_order_items",
        "exchange_delivered_order_items",
    }.isdisjoint(names)
