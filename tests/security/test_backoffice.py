"""V2 and V5: least privilege in the back office, every change in the chain, safety floors,
and model endpoints from allow-lists."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from apps.agent.models import ModelTier
from apps.agent.tiers import engine_chain, tier_get
from apps.audit.models import AuditEvent
from apps.commerce.models import Customer
from apps.llm.context import AgentContext
from apps.tools.models import Tool
from apps.tools.selectors import tool_effective
from tests.handoff_helpers import staff_accounts

RAJ = "raj_sanchez_2970"


@pytest.fixture
def staff(db):
    return staff_accounts()


def _customer_form(customer: Customer, **changes: str) -> dict[str, str]:
    form = {
        f: getattr(customer, f)
        for f in (
            "first_name",
            "last_name",
            "email",
            "address1",
            "address2",
            "city",
            "state",
            "country",
            "zip",
        )
    }
    for prefix in ("payment_methods", "orders"):
        form.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return {**form, **changes}


def test_an_l1_supervisor_cannot_change_a_customers_email_but_can_change_the_address(client, staff):
    raj = Customer.objects.get(customer_id=RAJ)
    client.force_login(staff["supervisor1"])

    response = client.post(
        f"/admin/commerce/customer/{raj.pk}/change/",
        _customer_form(raj, email="attacker@example.com", address1="9 New Road"),
    )

    assert response.status_code == 302
    raj.refresh_from_db()
    assert raj.email == "raj.sanchez2046@example.com"
    assert raj.address1 == "9 New Road"


def test_a_back_office_change_is_in_the_hash_chained_trail_with_before_and_after(client, staff):
    raj = Customer.objects.get(customer_id=RAJ)
    client.force_login(staff["supervisor1"])

    client.post(f"/admin/commerce/customer/{raj.pk}/change/", _customer_form(raj, address1="9 New Road"))

    event = AuditEvent.objects.filter(kind="admin_change", payload__model="commerce.Customer").latest("id")
    assert event.actor == "admin:supervisor1"
    assert event.payload["before"]["address1"] == "557 Sunset Drive"
    assert event.payload["after"]["address1"] == "9 New Road"
    assert "email" not in event.payload["after"]  # only what moved


def test_role_and_user_changes_are_audited(client, staff):
    from django.contrib.auth.models import Group

    client.force_login(staff["admin"])
    group = Group.objects.get(name="Supervisors L1")
    client.post(f"/admin/auth/group/{group.pk}/change/", {"name": "Supervisors L1", "permissions": []})

    event = AuditEvent.objects.filter(kind="admin_change", payload__model="auth.Group").latest("id")
    assert event.payload["after"]["permissions"] == []
    assert event.payload["before"]["permissions"]


def test_a_tools_confirmation_cannot_be_switched_off_below_the_codes_floor(client, staff):
    tool = Tool.objects.get(name="cancel_pending_order")
    client.force_login(staff["admin"])

    response = client.post(
        f"/admin/tools/tool/{tool.pk}/change/",
        {"enabled": "on", "description": tool.description, "status_line": tool.status_line, "permission": ""},
    )

    assert response.status_code == 200  # the form comes back with the errors
    tool.refresh_from_db()
    assert tool.needs_confirmation
    assert tool.permission == "commerce.cancel_order"


def test_a_row_weakened_behind_the_admins_back_keeps_the_codes_floor(db):
    Tool.objects.filter(name="cancel_pending_order").update(needs_confirmation=False, permission="")

    effective = tool_effective("cancel_pending_order")
    assert effective.needs_confirmation
    assert effective.permission == "commerce.cancel_order"


def test_a_tool_can_be_made_stricter(db):
    Tool.objects.filter(name="get_product_details").update(needs_confirmation=True)

    assert tool_effective("get_product_details").needs_confirmation


@pytest.mark.parametrize(
    ("field", "value"),
    [("api_key_env", "DJANGO_SECRET_KEY"), ("base_url", "https://collector.evil.example/v1")],
)
def test_a_tier_cannot_read_another_secret_or_send_its_key_elsewhere(db, field, value):
    tier = tier_get("fast")
    setattr(tier, field, value)

    with pytest.raises(ValidationError) as refused:
        tier.full_clean()
    assert field in refused.value.message_dict


def test_a_tier_row_edited_past_the_allow_list_is_never_called(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "do-not-send-me")
    tier_get("fast")
    ModelTier.objects.filter(name="fast").update(api_key_env="DJANGO_SECRET_KEY")

    chain = engine_chain("fast", AgentContext(), conversation_id=None, actor="test")

    assert [engine.offline for engine in chain] == [True]
    assert AuditEvent.objects.filter(kind="model", payload__why__startswith="endpoint not allowed").exists()


def test_tier_changes_in_the_admin_are_audited(client, staff):
    tier = tier_get("fast")
    client.force_login(staff["admin"])
    form = {
        f.name: getattr(tier, f.name)
        for f in ModelTier._meta.concrete_fields
        if f.editable and f.name not in ("id", "extra_params") and not isinstance(getattr(tier, f.name), bool)
    }
    form.update({"extra_params": "{}", "enabled": "on", "stream": "on", "model": "gpt-4.1-mini"})
    form = {k: v for k, v in form.items() if v is not None}

    client.post(f"/admin/agent/modeltier/{tier.pk}/change/", form)

    event = AuditEvent.objects.filter(kind="admin_change", payload__model="agent.ModelTier").latest("id")
    assert event.payload["after"]["model"] == "gpt-4.1-mini"
