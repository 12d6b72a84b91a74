"""The figures on the admins' dashboard: routing mix, outcomes, escalations, cost, latency."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from apps.agent.models import AgentTurn, ModelCall
from apps.audit.models import AuditEvent
from apps.conversations.models import Handoff


def _percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


@dataclass(frozen=True)
class Dashboard:
    since: datetime
    turns: int
    routing: dict[str, int]  # router label -> turns
    tiers: dict[str, int]  # tier that answered -> turns
    outcomes: dict[str, int]  # answer, handoff, human ...
    escalations: dict[str, int]  # handoff reason -> hand-offs opened
    conversations: int
    resolved_by_agent: int  # conversations answered with no hand-off
    cost: Decimal
    cost_per_resolved: Decimal | None
    model_calls: dict[str, int]  # engine -> calls
    failed_model_calls: int
    latency_ms: dict[str, float | None] = field(default_factory=dict)  # p50, p95 of model calls
    guardrails: dict[str, int] = field(default_factory=dict)  # verdict -> answers


def dashboard_figures(*, days: int = 7) -> Dashboard:
    """Everything since `days` ago, in a handful of aggregate queries."""
    since = timezone.now() - timedelta(days=days)
    turns = AgentTurn.objects.filter(created_at__gte=since).exclude(route_label="assist")
    routing = dict(turns.values_list("route_label").annotate(n=Count("id")).order_by("-n"))
    tiers = dict(turns.exclude(tier="").values_list("tier").annotate(n=Count("id")).order_by("-n"))
    outcomes = dict(turns.values_list("outcome").annotate(n=Count("id")).order_by("-n"))
    handoffs = Handoff.objects.filter(created_at__gte=since)
    escalations = dict(handoffs.values_list("reason").annotate(n=Count("id")).order_by("-n"))

    answered = set(turns.filter(outcome="answer").values_list("conversation_id", flat=True))
    escalated = set(handoffs.values_list("conversation_id", flat=True))
    resolved = len(answered - escalated)

    calls = ModelCall.objects.filter(created_at__gte=since)
    cost = calls.aggregate(total=Sum("cost"))["total"] or Decimal("0")
    latencies = list(calls.filter(ok=True).values_list("latency_ms", flat=True))
    verdicts = Counter(
        payload.get("verdict", "input flag")
        for payload in AuditEvent.objects.filter(kind=AuditEvent.Kind.GUARDRAIL, created_at__gte=since)
        .values_list("payload", flat=True)
        .iterator()
    )
    return Dashboard(
        since=since,
        turns=turns.count(),
        routing=routing,
        tiers=tiers,
        outcomes=outcomes,
        escalations=escalations,
        conversations=len(set(turns.values_list("conversation_id", flat=True))),
        resolved_by_agent=resolved,
        cost=cost,
        cost_per_resolved=(cost / resolved).quantize(Decimal("0.000001")) if resolved else None,
        model_calls=dict(calls.values_list("engine").annotate(n=Count("id")).order_by("-n")),
        failed_model_calls=calls.filter(ok=False).count(),
        latency_ms={"p50": _percentile(latencies, 0.5), "p95": _percentile(latencies, 0.95)},
        guardrails=dict(verdicts),
    )
