import pytest


@pytest.fixture
def admin_client_logged_in(db, client, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "boss@example.com", "pw")
    client.force_login(admin)
    return client


@pytest.mark.parametrize(
    ("url", "query", "expected"),
    [
        ("/admin/commerce/customer/", "olivia.ito5204", "olivia_ito_3591"),
        ("/admin/commerce/order/", "#W2611340", "james_li_5688"),
        ("/admin/commerce/product/", "Water Bottle", "8310926033"),
        ("/admin/commerce/variant/", "6469567736", "Water Bottle"),
        ("/admin/tools/tool/", "cancel", "cancel_pending_order"),
    ],
)
def test_admin_lists_and_searches(admin_client_logged_in, url, query, expected):
    response = admin_client_logged_in.get(url, {"q": query})
    assert response.status_code == 200
    body = response.content.decode()
    assert expected in body


def test_an_order_page_shows_items_payments_and_refunds(admin_client_logged_in):
    from apps.commerce.models import Order

    order = Order.objects.get(order_id="#W2611340")
    body = admin_client_logged_in.get(f"/admin/commerce/order/{order.pk}/change/").content.decode()
    assert "Water Bottle" in body
    assert "Payments and refunds" in body
    assert "536.65" in body


def test_a_tool_page_shows_its_schema_and_refuses_an_unknown_permission(admin_client_logged_in):
    from apps.tools.models import Tool

    tool = Tool.objects.get(name="cancel_pending_order")
    url = f"/admin/tools/tool/{tool.pk}/change/"
    assert "ordered by mistake" in admin_client_logged_in.get(url).content.decode()

    response = admin_client_logged_in.post(
        url,
        {
            "enabled": "on",
            "description": "x",
            "status_line": "y",
            "permission": "commerce.nonsense",
            "needs_confirmation": "on",
        },
    )
    assert response.status_code == 200
    assert "no permission" in response.content.decode()
    tool.refresh_from_db()
    assert tool.permission == "commerce.cancel_order"


def test_the_home_page_and_admin_login_are_served(client, db):
    assert client.get("/").status_code == 200
    assert client.get("/admin/login/").status_code == 200


def test_a_price_changed_in_the_admin_moves_the_guardrails_price_fact_too(admin_client_logged_in):
    from apps.commerce.models import Variant
    from apps.knowledge.models import Fact

    variant = Variant.objects.get(item_id="6469567736")
    response = admin_client_logged_in.post(
        f"/admin/commerce/variant/{variant.pk}/change/",
        {
            "item_id": variant.item_id,
            "product": variant.product_id,
            "options": '{"capacity": "1000ml"}',
            "available": "",
            "price": "51.00",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Variant.objects.get(pk=variant.pk).price == 51
    assert Fact.objects.get(key="price-6469567736").value == "51.00"


def test_a_model_tier_page_shows_the_api_reasoning_effort_and_reason_settings(admin_client_logged_in):
    from apps.agent.tiers import tier_get

    # given the reasoning tier as seeded: the Responses API with medium effort
    tier = tier_get("reasoning")
    assert (tier.api, tier.reasoning_effort, tier.require_reason, tier.stream) == (
        "responses",
        "medium",
        False,
        True,
    )

    body = admin_client_logged_in.get(f"/admin/agent/modeltier/{tier.pk}/change/").content.decode()

    for name in ("api", "reasoning_effort", "require_reason", "stream"):
        assert f'name="{name}"' in body
    assert "Chat Completions" in body
    assert "no reason was given" in body  # the help text says what unticked means
