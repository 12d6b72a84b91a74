from decimal import Decimal

from apps.agent.dashboard import dashboard_figures
from apps.agent.models import AgentTurn, ModelCall
from apps.conversations.handoffs import handoff_open
from apps.conversations.models import Message
from apps.conversations.services import conversation_start


def _turn(conversation, label, tier, outcome):
    message = Message.objects.create(conversation=conversation, role="customer", text=label)
    return AgentTurn.objects.create(
        message=message,
        conversation=conversation,
        route_label=label,
        tier=tier,
        outcome=outcome,
        status="done",
    )


def test_the_dashboard_counts_routing_outcomes_escalations_and_cost(db):
    resolved, escalated = conversation_start(), conversation_start()
    _turn(resolved, "faq", "fast", "answer")
    _turn(resolved, "transaction", "reasoning", "answer")
    _turn(escalated, "human", "", "handoff")
    handoff_open(
        actor="agent", conversation=escalated, reason="router", summary="asked for a person", context={}
    )
    ModelCall.objects.create(
        conversation=resolved, tier="fast", engine="openai", model="m", cost=Decimal("0.002"), latency_ms=100
    )
    ModelCall.objects.create(
        conversation=resolved,
        tier="reasoning",
        engine="openai",
        model="m",
        cost=Decimal("0.004"),
        latency_ms=300,
    )
    ModelCall.objects.create(conversation=resolved, tier="reasoning", engine="openai", model="m", ok=False)

    figures = dashboard_figures(days=1)

    assert figures.turns == 3
    assert figures.routing == {"faq": 1, "transaction": 1, "human": 1}
    assert figures.outcomes == {"answer": 2, "handoff": 1}
    assert figures.escalations == {"router": 1}
    assert figures.resolved_by_agent == 1
    assert figures.cost == Decimal("0.006")
    assert figures.cost_per_resolved == Decimal("0.006")
    assert figures.failed_model_calls == 1
    assert figures.latency_ms == {"p50": 300.0, "p95": 300.0}


def test_only_staff_see_the_dashboard(client, django_user_model):
    from apps.commerce.models import Customer

    assert client.get("/admin/dashboard/").status_code == 302
    client.force_login(Customer.objects.get(customer_id="olivia_ito_3591").user)
    assert client.get("/admin/dashboard/").status_code == 302

    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.com", "pw"))
    response = client.get("/admin/dashboard/?days=30")
    assert response.status_code == 200
    assert "Cost per resolved conversation" in response.content.decode()
