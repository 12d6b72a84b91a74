"""The back-office pages for facts and articles."""

import pytest

from apps.audit.models import AuditEvent
from apps.knowledge.models import Article, Fact
from apps.knowledge.services import knowledge_seed


@pytest.fixture
def admin_client_logged_in(db, client, django_user_model):
    knowledge_seed()
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.com", "pw"))
    return client


@pytest.mark.parametrize(
    ("url", "query", "expected"),
    [
        ("/admin/knowledge/fact/", "shipping", "free-shipping-threshold"),
        ("/admin/knowledge/fact/?kind__exact=money&scope__exact=store-policy", "", "express-shipping-fee"),
        ("/admin/knowledge/article/", "gift card", "Do gift cards expire?"),
        ("/admin/knowledge/article/?active__exact=1", "", "How much does shipping cost?"),
    ],
)
def test_admin_lists_searches_and_filters(admin_client_logged_in, url, query, expected):
    response = admin_client_logged_in.get(url, {"q": query} if query else {})

    assert response.status_code == 200
    assert expected in response.content.decode()


def test_an_admin_edit_is_saved_and_audited(admin_client_logged_in):
    fact = Fact.objects.get(key="standard-shipping-fee")
    url = f"/admin/knowledge/fact/{fact.pk}/change/"

    response = admin_client_logged_in.post(
        url,
        {
            "key": fact.key,
            "kind": "money",
            "value": "6.49",
            "unit": "USD",
            "scope": fact.scope,
            "statement": "Standard shipping costs $6.49.",
            "source": fact.source,
        },
    )

    assert response.status_code == 302
    assert Fact.objects.get(pk=fact.pk).value == "6.49"
    event = AuditEvent.objects.filter(kind="admin_change", payload__model="knowledge.fact").last()
    assert event.payload["value"] == "6.49"
    assert event.actor.startswith("admin:user#")


def test_an_admin_delete_is_audited(admin_client_logged_in):
    article = Article.objects.get(question="Do gift cards expire?")

    response = admin_client_logged_in.post(f"/admin/knowledge/article/{article.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert AuditEvent.objects.filter(
        payload__action="delete", payload__question="Do gift cards expire?"
    ).exists()


def test_price_facts_are_read_only_in_admin(admin_client_logged_in):
    fact = Fact.objects.get(key="price-6469567736")

    response = admin_client_logged_in.post(
        f"/admin/knowledge/fact/{fact.pk}/change/",
        {
            "key": fact.key,
            "kind": "money",
            "value": "1.00",
            "unit": "USD",
            "scope": fact.scope,
            "statement": "x",
        },
    )

    assert response.status_code == 403
    assert Fact.objects.get(pk=fact.pk).value == "47.84"


def test_an_edit_records_the_previous_values(admin_client_logged_in):
    fact = Fact.objects.get(key="return-window-days")

    admin_client_logged_in.post(
        f"/admin/knowledge/fact/{fact.pk}/change/",
        {
            "key": fact.key,
            "kind": "duration",
            "value": "45",
            "unit": "days",
            "scope": fact.scope,
            "statement": fact.statement,
            "source": fact.source,
        },
    )

    event = AuditEvent.objects.filter(kind="admin_change", payload__key="return-window-days").last()
    assert (event.payload["value"], event.payload["before"]) == ("45", {"value": "30"})


def test_the_guardrail_policy_is_edited_in_admin_and_audited(admin_client_logged_in):
    from apps.knowledge.models import GuardrailPolicy

    response = admin_client_logged_in.post("/admin/knowledge/guardrailpolicy/add/", {})

    assert response.status_code == 302
    assert GuardrailPolicy.objects.get().handoff_on_block is False  # an unticked box
    assert AuditEvent.objects.filter(payload__model="knowledge.guardrailpolicy").exists()
    assert admin_client_logged_in.get("/admin/knowledge/guardrailpolicy/add/").status_code == 403
