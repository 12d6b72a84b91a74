"""`manage.py import_tools` and `manage.py call_tool`, the back office pages and the dashboard."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from apps.toolsources.models import RemoteTool, ToolSource
from tests.support.loyalty_service import DOCUMENT

from .conftest import OLIVIA, OLIVIA_EMAIL, bind


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_tools_from_a_url_prints_what_it_created(db, loyalty):
    output = run(
        "import_tools",
        "openapi",
        f"{loyalty.url}/openapi.json",
        "--name",
        "loyalty",
        "--operations",
        "getMember,listRewards",
    )

    assert "created: loyalty_getMember" in output
    assert "created: loyalty_listRewards" in output
    assert json.loads(output.strip().splitlines()[-1])["added"] == [
        "loyalty_getMember",
        "loyalty_listRewards",
    ]


def test_import_tools_without_operations_lists_them(db, loyalty):
    output = run("import_tools", "openapi", f"{loyalty.url}/openapi.json", "--name", "loyalty")

    assert "redeemPoints  POST /members/{email}/redemptions" in output
    assert not RemoteTool.objects.exists()


def test_import_tools_from_a_file(db, tmp_path, loyalty):
    document = json.loads(json.dumps(DOCUMENT).replace("{port}", str(loyalty.port)))
    path = tmp_path / "loyalty.json"
    path.write_text(json.dumps(document))

    output = run("import_tools", "openapi", str(path), "--name", "shop", "--operations", "listRewards")

    assert "created: shop_listRewards" in output
    assert ToolSource.objects.get(name="shop").location == ""


def test_import_tools_refuses_a_broken_document(db, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("swagger: '2.0'\npaths: {}\n")

    with pytest.raises(CommandError, match=r"Swagger 2\.0"):
        run("import_tools", "openapi", str(path))


def test_import_tools_from_an_mcp_server(db, settings, mcp_server):
    from urllib.parse import urlsplit

    from .conftest import allow

    allow(settings, hosts=[urlsplit(mcp_server.url).netloc])

    output = run("import_tools", "mcp", mcp_server.url, "--name", "points", "--operations", "member_points")

    assert "created: points_member_points" in output


def test_call_tool_runs_through_the_gate_as_the_user(loyalty_tools, loyalty):
    output = run("call_tool", "loyalty_getMember", "--as", OLIVIA, "--args", "{}")

    assert json.loads(output) == {
        "ok": True,
        "text": json.dumps({"email": OLIVIA_EMAIL, "points": 500, "tier": "gold", "store_credit": 12.5}),
        "data": {"email": OLIVIA_EMAIL, "points": 500, "tier": "gold", "store_credit": 12.5},
        "error_code": None,
    }


def test_call_tool_prints_a_refusal_and_fails(loyalty_tools):
    out = StringIO()
    with pytest.raises(CommandError, match="invalid_arguments"):
        call_command(
            "call_tool", "loyalty_getMember", "--as", OLIVIA, "--args", '{"email": "x@y.z"}', stdout=out
        )

    assert json.loads(out.getvalue())["error_code"] == "invalid_arguments"


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "boss@example.com", "pw")
    client.force_login(admin)
    return client


def test_the_admin_uploads_a_document_and_picks_operations(admin_client_logged_in, loyalty):
    document = json.dumps(DOCUMENT).replace("{port}", str(loyalty.port)).encode()
    response = admin_client_logged_in.post(
        "/admin/toolsources/toolsource/add/",
        {
            "name": "uploaded",
            "kind": "openapi",
            "location": "",
            "base_url": "",
            "enabled": "on",
            "timeout_seconds": "5",
            "retries": "1",
            "max_response_bytes": "100000",
            "secret_env": "",
            "auth_header": "Authorization",
            "auth_scheme": "Bearer",
            "upload": SimpleUploadedFile("loyalty.json", document, content_type="application/json"),
        },
    )
    source = ToolSource.objects.get(name="uploaded")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/admin/toolsources/toolsource/{source.pk}/operations/")

    page = admin_client_logged_in.get(response["Location"])
    assert b"redeemPoints" in page.content

    admin_client_logged_in.post(response["Location"], {"operation": ["getMember", "redeemPoints"]})
    assert set(RemoteTool.objects.values_list("name", flat=True)) == {
        "uploaded_getMember",
        "uploaded_redeemPoints",
    }

    tool = RemoteTool.objects.get(name="uploaded_redeemPoints")
    change = admin_client_logged_in.get(f"/admin/toolsources/remotetool/{tool.pk}/change/")
    assert b"maxLength" in change.content or b"points" in change.content


def test_the_admin_refuses_a_document_that_is_not_openapi(admin_client_logged_in):
    response = admin_client_logged_in.post(
        "/admin/toolsources/toolsource/add/",
        {
            "name": "bad",
            "kind": "openapi",
            "timeout_seconds": "5",
            "retries": "1",
            "max_response_bytes": "1000",
            "upload": SimpleUploadedFile("x.yaml", b"- just\n- a list\n"),
        },
    )

    assert response.status_code == 200
    assert b"not a JSON or YAML object" in response.content
    assert not ToolSource.objects.exists()


def test_the_test_action_records_health_shown_on_the_dashboard(
    admin_client_logged_in, loyalty_tools, loyalty, olivia
):
    from apps.tools.executor import tool_execute

    ToolSource.objects.filter(pk=loyalty_tools.pk).update(test_operation="listRewards")
    admin_client_logged_in.post(
        "/admin/toolsources/toolsource/",
        {"action": "test_sources", "_selected_action": [loyalty_tools.pk]},
        follow=True,
    )
    source = ToolSource.objects.get(pk=loyalty_tools.pk)
    assert source.last_success_at is not None
    assert source.last_error_at is None

    loyalty.fail_next = 500
    ToolSource.objects.filter(pk=source.pk).update(retries=0)
    tool_execute(olivia, "loyalty_getMember", {})
    dashboard = admin_client_logged_in.get("/admin/dashboard/")

    assert b"Tool sources" in dashboard.content
    assert b"loyalty" in dashboard.content
    assert b"HTTP 500" in dashboard.content


def test_an_unbound_tool_is_listed_with_its_binding_form(admin_client_logged_in, loyalty_tools):
    bind("loyalty_listRewards", "tier", source="constant", value="gold")
    tool = RemoteTool.objects.get(name="loyalty_listRewards")

    page = admin_client_logged_in.get(f"/admin/toolsources/remotetool/{tool.pk}/change/")

    assert page.status_code == 200
    assert b"gold" in page.content


def test_import_tools_binds_arguments_and_refuses_unknown_ones(db, loyalty):
    output = run(
        "import_tools",
        "openapi",
        f"{loyalty.url}/openapi.json",
        "--name",
        "loyalty",
        "--operations",
        "getMember,listRewards",
        "--bind",
        "getMember.email=customer_email",
        "--bind",
        "listRewards.tier=constant:gold",
    )

    assert "bound: loyalty_getMember.email <- customer_email" in output
    assert RemoteTool.objects.get(name="loyalty_listRewards").bindings.get().value == "gold"
    with pytest.raises(CommandError, match="has no argument 'mail'"):
        run(
            "import_tools",
            "openapi",
            f"{loyalty.url}/openapi.json",
            "--name",
            "loyalty",
            "--bind",
            "getMember.mail=customer_id",
        )
    with pytest.raises(CommandError, match="source"):
        run(
            "import_tools",
            "openapi",
            f"{loyalty.url}/openapi.json",
            "--name",
            "loyalty",
            "--bind",
            "getMember.email=everyone",
        )


def test_a_failing_health_test_is_recorded_with_its_reason(admin_client_logged_in, loyalty_tools):
    ToolSource.objects.filter(pk=loyalty_tools.pk).update(test_operation="bigReport")

    response = admin_client_logged_in.post(
        "/admin/toolsources/toolsource/",
        {"action": "test_sources", "_selected_action": [loyalty_tools.pk]},
        follow=True,
    )

    source = ToolSource.objects.get(pk=loyalty_tools.pk)
    assert source.last_success_at is None
    assert "the limit for this source is 262144" in source.last_error
    assert b"the limit for this source is 262144" in response.content
