"""The figures on the admins' dashboard: routing mix, outcomes, escalations, cost, latency."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.utils import timezone

from apps.agent.models import AgentTurn, ModelCall, ModelTier
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


# Charts over time ---------------------------------------------------------------------------

HOURLY_UP_TO_DAYS = 2


@dataclass(frozen=True)
class DashboardSeries:
    """The dashboard's figures per period (an hour for short ranges, else a day), for charts and CSV.

    Each mapping goes from a period's label to its values, in period order; every period of the
    range is present, empty ones included, so charts show gaps as zeros.
    """

    since: datetime
    step: str  # "hour" or "day"
    periods: list[str]
    routing: dict[str, dict[str, int]]  # period -> router label -> turns
    resolution_rate: dict[str, float | None]  # period -> share of conversations resolved without a person
    handoffs: dict[str, dict[str, int]]  # period -> hand-off reason -> hand-offs opened
    guardrails: dict[str, dict[str, int]]  # period -> verdict -> answers
    cost_per_resolved: dict[str, float | None]  # period -> model cost per resolved conversation
    all_reasoning_cost_per_resolved: dict[str, float | None]  # the same calls priced at the reasoning tier
    latency: dict[str, dict[str, float | None]]  # period -> p50, p95 (ms)


def _period_labels(since: datetime, now: datetime, step: str) -> list[str]:
    delta = timedelta(hours=1) if step == "hour" else timedelta(days=1)
    start = since.replace(minute=0, second=0, microsecond=0)
    if step == "day":
        start = start.replace(hour=0)
    labels = []
    while start <= now:
        labels.append(_label(start, step))
        start += delta
    return labels


def _label(moment: datetime, step: str) -> str:
    moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return moment.strftime("%Y-%m-%d %H:00" if step == "hour" else "%Y-%m-%d")


def _reasoning_prices() -> tuple[Decimal, Decimal]:
    tier = ModelTier.objects.filter(name=ModelTier.Name.REASONING).first()
    if tier is None:
        return Decimal("0"), Decimal("0")
    return tier.input_price_per_million, tier.output_price_per_million


def dashboard_series(*, days: int = 7) -> DashboardSeries:
    """The dashboard's charts: each figure per hour (up to two days) or per day."""
    now = timezone.now()
    since = now - timedelta(days=days)
    step = "hour" if days <= HOURLY_UP_TO_DAYS else "day"
    periods = _period_labels(since, now, step)

    def bucket() -> dict[str, Any]:
        return {p: {} for p in periods}

    routing: dict[str, dict[str, int]] = bucket()
    answered: dict[str, set[int]] = {p: set() for p in periods}
    talked: dict[str, set[int]] = {p: set() for p in periods}
    turns = AgentTurn.objects.filter(created_at__gte=since).exclude(route_label="assist")
    for created, label, outcome, conversation_id in turns.values_list(
        "created_at", "route_label", "outcome", "conversation_id"
    ).iterator():
        period = _label(created, step)
        if period not in routing:
            continue
        key = label or "(none)"
        routing[period][key] = routing[period].get(key, 0) + 1
        talked[period].add(conversation_id)
        if outcome == "answer":
            answered[period].add(conversation_id)

    handoffs: dict[str, dict[str, int]] = bucket()
    escalated: dict[str, set[int]] = {p: set() for p in periods}
    for created, reason, conversation_id in (
        Handoff.objects.filter(created_at__gte=since)
        .values_list("created_at", "reason", "conversation_id")
        .iterator()
    ):
        period = _label(created, step)
        if period in handoffs:
            handoffs[period][reason] = handoffs[period].get(reason, 0) + 1
            escalated[period].add(conversation_id)

    guardrails: dict[str, dict[str, int]] = bucket()
    events = AuditEvent.objects.filter(kind=AuditEvent.Kind.GUARDRAIL, created_at__gte=since)
    for created, payload in events.values_list("created_at", "payload").iterator():
        period = _label(created, step)
        if period in guardrails:
            verdict = (payload or {}).get("verdict", "input flag")
            guardrails[period][verdict] = guardrails[period].get(verdict, 0) + 1

    price_in, price_out = _reasoning_prices()
    cost: dict[str, Decimal] = {p: Decimal("0") for p in periods}
    reasoning_cost: dict[str, Decimal] = {p: Decimal("0") for p in periods}
    latencies: dict[str, list[float]] = {p: [] for p in periods}
    calls = ModelCall.objects.filter(created_at__gte=since)
    for created, call_cost, tokens_in, tokens_out, ok, latency, engine in calls.values_list(
        "created_at", "cost", "input_tokens", "output_tokens", "ok", "latency_ms", "engine"
    ).iterator():
        period = _label(created, step)
        if period not in cost:
            continue
        cost[period] += call_cost or Decimal("0")
        # The same tokens on the reasoning tier (the offline engine's turns would be model calls too).
        reasoning_cost[period] += (tokens_in * price_in + tokens_out * price_out) / Decimal(1_000_000)
        if ok and engine != "offline":
            latencies[period].append(latency)

    resolution_rate: dict[str, float | None] = {}
    cost_per_resolved: dict[str, float | None] = {}
    all_reasoning: dict[str, float | None] = {}
    percentiles: dict[str, dict[str, float | None]] = {}
    for period in periods:
        resolved = len(answered[period] - escalated[period])
        total = len(talked[period] | escalated[period])
        resolution_rate[period] = round(resolved / total, 4) if total else None
        cost_per_resolved[period] = round(float(cost[period]) / resolved, 6) if resolved else None
        all_reasoning[period] = round(float(reasoning_cost[period]) / resolved, 6) if resolved else None
        percentiles[period] = {
            "p50": _percentile(latencies[period], 0.5),
            "p95": _percentile(latencies[period], 0.95),
        }
    return DashboardSeries(
        since=since,
        step=step,
        periods=periods,
        routing=routing,
        resolution_rate=resolution_rate,
        handoffs=handoffs,
        guardrails=guardrails,
        cost_per_resolved=cost_per_resolved,
        all_reasoning_cost_per_resolved=all_reasoning,
        latency=percentiles,
    )


def dashboard_csv_rows(series: DashboardSeries) -> list[list[str]]:
    """The series as rows of a CSV file: period, figure, key, value (one value per row)."""
    rows = [["period", "figure", "key", "value"]]

    def number(value: float | None) -> str:
        return "" if value is None else f"{value:g}"

    for period in series.periods:
        for figure, counts in (
            ("routing", series.routing[period]),
            ("handoffs", series.handoffs[period]),
            ("guardrails", series.guardrails[period]),
        ):
            rows.extend([period, figure, key, str(n)] for key, n in sorted(counts.items()))
        rows.append([period, "resolution_rate", "", number(series.resolution_rate[period])])
        rows.append([period, "cost_per_resolved", "routed", number(series.cost_per_resolved[period])])
        rows.append(
            [
                period,
                "cost_per_resolved",
                "all_reasoning",
                number(series.all_reasoning_cost_per_resolved[period]),
            ]
        )
        for key, value in series.latency[period].items():
            rows.append([period, "latency_ms", key, number(value)])
    return rows
