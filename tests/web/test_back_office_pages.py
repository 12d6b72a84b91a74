"""Pages around the console and the back office: the dashboard's charts and CSV, the admin index's
link to it, one-row settings pages that show their defaults, the facts list opening on policy,
a favicon everywhere, and a customer at /console/."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from apps.agent.dashboard import dashboard_series
from apps.agent.models import AgentTurn, ModelCall, ModelTier
from apps.commerce.models import Customer
from apps.conversations.handoffs import handoff_open
from apps.conversations.models import CannedReply, Message, QueueSettings
from apps.conversations.services import conversation_start
from apps.knowledge.models import GuardrailPolicy

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.com", "pw"))
    return client


def _turn(conversation, label, outcome):
    message = Message.objects.create(conversation=conversation, role="customer", text=label)
    return AgentTurn.objects.create(
        message=message, conversation=conversation, route_label=label, outcome=outcome, status="done"
    )


@pytest.fixture
def traffic():
    ModelTier.objects.update_or_create(
        name="reasoning",
        defaults={
            "model": "r",
            "input_price_per_million": Decimal("10"),
            "output_price_per_million": Decimal("40"),
        },
    )
    resolved, escalated = conversation_start(), conversation_start()
    _turn(resolved, "faq", "answer")
    _turn(escalated, "human", "handoff")
    handoff_open(actor="agent", conversation=escalated, reason="router", summary="", context={})
    ModelCall.objects.create(
        conversation=resolved,
        tier="fast",
        engine="openai",
        model="m",
        cost=Decimal("0.001"),
        input_tokens=1000,
        output_tokens=100,
        latency_ms=120,
    )
    return resolved, escalated


def test_the_series_count_per_period_and_price_the_same_calls_on_the_reasoning_tier(traffic):
    series = dashboard_series(days=1)

    today = series.periods[-1]
    assert series.step == "hour"
    assert len(series.periods) >= 24
    assert series.routing[today] == {"faq": 1, "human": 1}
    assert series.handoffs[today] == {"router": 1}
    assert series.resolution_rate[today] == 0.5
    assert series.cost_per_resolved[today] == pytest.approx(0.001)
    # 1000 input tokens at $10/M and 100 output tokens at $40/M: $0.014 on the reasoning tier.
    assert series.all_reasoning_cost_per_resolved[today] == pytest.approx(0.014)
    assert series.latency[today] == {"p50": 120.0, "p95": 120.0}
    assert dashboard_series(days=7).step == "day"


def test_the_dashboard_page_carries_the_charts_and_links_the_csv(boss, traffic):
    body = boss.get("/admin/dashboard/?days=1").content.decode()

    assert 'id="dashboard-data"' in body
    assert "dashboard/charts.js" in body
    assert 'href="/admin/dashboard/export.csv?days=1"' in body
    for figure in ("routing", "resolution_rate", "handoffs", "guardrails", "cost", "latency"):
        assert f'data-series="{figure}"' in body


def test_the_csv_export_has_one_value_per_row(boss, traffic):
    response = boss.get("/admin/dashboard/export.csv?days=1")

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["period", "figure", "key", "value"]
    figures = {(figure, key) for _, figure, key, _ in rows[1:]}
    assert {("routing", "faq"), ("handoffs", "router"), ("cost_per_resolved", "all_reasoning")} <= figures
    assert ("latency_ms", "p95") in figures


def test_only_staff_export_the_dashboard(client):
    client.force_login(Customer.objects.get(customer_id="olivia_ito_3591").user)

    assert client.get("/admin/dashboard/export.csv").status_code == 302


def test_the_admin_index_links_the_dashboard(boss):
    body = boss.get("/admin/").content.decode()

    assert 'href="/admin/dashboard/"' in body


def test_the_queue_settings_page_shows_the_default_before_anything_is_saved(boss):
    QueueSettings.objects.all().delete()

    listing = boss.get("/admin/conversations/queuesettings/")
    form = boss.get(listing["Location"])

    assert listing.status_code == 302
    assert listing["Location"].endswith("/queuesettings/add/")
    assert 'name="sla_minutes" value="5"' in form.content.decode()
    assert not QueueSettings.objects.exists()  # looking writes nothing


def test_the_settings_page_opens_on_the_saved_row(boss):
    QueueSettings.objects.update_or_create(pk=1, defaults={"sla_minutes": 9})

    listing = boss.get("/admin/conversations/queuesettings/")

    assert listing["Location"].endswith("/queuesettings/1/change/")
    assert 'value="9"' in boss.get(listing["Location"]).content.decode()


def test_the_guardrail_policy_page_shows_its_default(boss):
    GuardrailPolicy.objects.all().delete()

    listing = boss.get("/admin/knowledge/guardrailpolicy/")
    body = boss.get(listing["Location"]).content.decode()

    assert 'name="handoff_on_block"' in body
    assert "checked" in body


def test_the_facts_list_opens_on_policy_facts(boss):
    listing = boss.get("/admin/knowledge/fact/")
    body = boss.get(listing["Location"]).content.decode()

    assert listing["Location"].endswith("?category=policy")
    assert "product:" not in body
    assert "return" in body.lower()
    assert "product:" in boss.get("/admin/knowledge/fact/?category=prices").content.decode()


@pytest.mark.parametrize("path", ["/chat/", "/accounts/login/", "/admin/login/", "/"])
def test_every_page_has_a_favicon(client, path):
    assert 'rel="icon"' in client.get(path).content.decode()


def test_the_default_favicon_address_leads_to_it(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")


def test_a_customer_opening_the_console_gets_a_friendly_page(client):
    client.force_login(Customer.objects.get(customer_id="olivia_ito_3591").user)

    response = client.get("/console/")

    assert response.status_code == 403
    body = response.content.decode()
    assert "for our support team" in body
    assert 'href="/chat/"' in body


def test_the_console_offers_the_saved_replies_edited_in_the_back_office(boss):
    boss.post(
        "/admin/conversations/cannedreply/add/",
        {
            "title": "Refund timing",
            "shortcut": "refund",
            "text": "Hi {first_name}, refunds take 5-7 days.",
            "active": "on",
        },
    )
    CannedReply.objects.create(title="Old", shortcut="old", text="retired", active=False)

    body = boss.get("/console/").content.decode()

    assert CannedReply.objects.filter(shortcut="refund").exists()
    assert "Hi {first_name}, refunds take 5-7 days." in body
    assert "retired" not in body
