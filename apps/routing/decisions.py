"""Routing one customer message: classify it, apply the rules, record the decision."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Final, NamedTuple

from apps.audit.models import AuditEvent
from apps.audit.services import audit_record, conversation_stream
from apps.routing.cache import ServingRouter, serving_router
from apps.routing.labels import FAST, HUMAN, LABELS, REASONING
from apps.routing.replies import is_reply_to_question
from apps.routing.rules import apply_rules

# Why a message went to a tier chosen by the caller instead of the router (the evaluation's
# all-reasoning arm); the classification and the rules still run and are recorded.
REASON_FORCED: Final = "forced"

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
    # model, empty, explicit_human, frustration, low_confidence, sticky_transaction, forced,
    # answer_to_agent
    reason: str


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


def route_decide(
    text: str,
    *,
    transaction_open: bool = False,
    forced_tier: str | None = None,
    agent_text: str | None = None,
    previous_label: str | None = None,
) -> RoutingDecision:
    """Classify and apply the rules, without recording anything (e.g. `manage.py route`).

    `forced_tier` (fast or reasoning) serves every message the rules do not give to a person on
    that tier, as `manage.py evaluate --all-reasoning` needs for its cost comparison.
    `agent_text` is the agent's message just before this one: a reply to its question is an
    answer (replies.py), routed with `previous_label`, what the conversation was about.
    """
    if forced_tier not in (None, FAST, REASONING):
        raise ValueError(f"forced_tier must be {FAST} or {REASONING}, not {forced_tier!r}")
    router = serving_router()
    classification = _classify(router, text)
    ruled = apply_rules(
        text,
        label=classification.label,
        scores=classification.scores,
        thresholds=router.classifier.thresholds,
        transaction_open=transaction_open,
        answering=is_reply_to_question(text, agent_text),
        previous_label=previous_label,
    )
    tier: str = ruled.tier
    reason = ruled.reason
    if forced_tier is not None and tier != HUMAN:
        tier, reason = forced_tier, REASON_FORCED
    return RoutingDecision(
        label=ruled.label,
        tier=tier,
        scores=classification.scores,
        model_version=classification.version,
        micros=classification.micros,
        reason=reason,
    )


def route_message(
    text: str,
    *,
    transaction_open: bool = False,
    conversation_id: int | None = None,
    actor: str = "router",
    forced_tier: str | None = None,
    agent_text: str | None = None,
    previous_label: str | None = None,
) -> RoutingDecision:
    """Route a customer message and record the decision in the conversation's audit stream."""
    decision = route_decide(
        text,
        transaction_open=transaction_open,
        forced_tier=forced_tier,
        agent_text=agent_text,
        previous_label=previous_label,
    )
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
