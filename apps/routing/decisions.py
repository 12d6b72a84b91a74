"""Routing one customer message: classify it, apply the rules, record the decision."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Final, NamedTuple

from apps.audit.models import AuditEvent
from apps.audit.services import audit_record, conversation_stream
from apps.routing.cache import ServingRouter, serving_router
from apps.routing.labels import LABELS
from apps.routing.rules import apply_rules

# Classify at most this much of a message: the cost grows with its length, and the first
# couple of thousand characters say what the customer wants.
MAX_CLASSIFIED_CHARS: Final = 2000


class Classification(NamedTuple):
    """The classifier's own verdict: best label, probabilities of all six labels."""

    label: str
    scores: dict[str, float]
    micros: int
    version: int


@dataclass(frozen=True)
class RoutingDecision:
    """Where a message goes and why."""

    label: str
    tier: str  # fast, reasoning or human
    scores: dict[str, float]  # label -> probability, rounded to 4 places
    model_version: int
    micros: int  # time spent classifying
    reason: str  # model, empty, explicit_human, frustration, low_confidence, sticky_transaction


def classify(text: str) -> Classification:
    """The serving router's label and probabilities for a message; records nothing.

    (On a fresh install the first call trains and stores a router; see cache.py.)
    """
    return _classify(serving_router(), text)


def _classify(router: ServingRouter, text: str) -> Classification:
    if not text.strip():
        return Classification("smalltalk", _empty_scores(), 0, router.version)
    started = time.perf_counter_ns()
    probabilities = router.classifier.predict_proba(text[:MAX_CLASSIFIED_CHARS])
    known = dict(zip(router.classifier.labels, probabilities.tolist(), strict=True))
    # All six labels, in a fixed order; a label the model never saw scores 0.
    scores = {label: round(known.get(label, 0.0), 4) for label in LABELS}
    label = max(known, key=known.__getitem__)
    micros = (time.perf_counter_ns() - started) // 1000
    return Classification(label, scores, micros, router.version)


def route_decide(text: str, *, transaction_open: bool = False) -> RoutingDecision:
    """Classify and apply the rules, without recording anything (e.g. `manage.py route`)."""
    router = serving_router()
    classification = _classify(router, text)
    ruled = apply_rules(
        text,
        label=classification.label,
        scores=classification.scores,
        thresholds=router.classifier.thresholds,
        transaction_open=transaction_open,
    )
    return RoutingDecision(
        label=ruled.label,
        tier=ruled.tier,
        scores=classification.scores,
        model_version=classification.version,
        micros=classification.micros,
        reason=ruled.reason,
    )


def route_message(
    text: str, *, transaction_open: bool = False, conversation_id: int | None = None, actor: str = "router"
) -> RoutingDecision:
    """Route a customer message and record the decision in the conversation's audit stream."""
    decision = route_decide(text, transaction_open=transaction_open)
    audit_record(
        kind=AuditEvent.Kind.ROUTE,
        actor=actor,
        stream=conversation_stream(conversation_id),
        payload={
            "label": decision.label,
            "tier": decision.tier,
            "scores": decision.scores,
            "model_version": decision.model_version,
            "reason": decision.reason,
        },
    )
    return decision


def _empty_scores() -> dict[str, float]:
    return {label: 1.0 if label == "smalltalk" else 0.0 for label in LABELS}
