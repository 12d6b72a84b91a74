"""route_message and classify against a stored router."""

from __future__ import annotations

import numpy as np
import pytest

from apps.audit.models import AuditEvent
from apps.audit.services import audit_chain_breaks
from apps.routing.cache import serving_router
from apps.routing.decisions import classify, route_message
from apps.routing.models import RouterExample, RouterModel


@pytest.mark.parametrize(
    ("text", "label", "tier"),
    [
        ("hi there", "smalltalk", "fast"),
        ("what is your return policy", "faq", "fast"),
        ("where is my order #W1234567", "lookup", "fast"),
        ("cancel order #W1234567 please", "transaction", "reasoning"),
        ("the lamp arrived smashed and nobody answers my emails", "complaint", "reasoning"),
        ("get me a human", "human", "human"),
    ],
)
def test_clear_messages_get_their_label_and_tier(stored_router, text, label, tier):
    decision = route_message(text)

    assert (decision.label, decision.tier) == (label, tier)


def test_classify_returns_probabilities_of_all_labels_and_writes_nothing(stored_router):
    # given an empty audit trail
    before = AuditEvent.objects.count()

    # when a message is classified
    label, scores, _micros, version = classify("do you ship to Canada?")

    # then the six probabilities sum to one, the version is the stored one, nothing is recorded
    # (how long it took, `micros`, is measured by bench/router.py, not asserted)
    assert label == "faq"
    assert set(scores) == {"smalltalk", "faq", "lookup", "transaction", "complaint", "human"}
    assert sum(scores.values()) == pytest.approx(1.0, abs=1e-3)
    assert version == stored_router.version
    assert AuditEvent.objects.count() == before


def test_route_message_records_the_decision_in_the_conversation_stream(stored_router):
    # when a message of conversation 42 is routed
    decision = route_message("where is my package", conversation_id=42, actor="router:test")

    # then one route event holds the label, tier, scores, version and reason
    event = AuditEvent.objects.get(stream="conversation:42")
    assert event.kind == AuditEvent.Kind.ROUTE
    assert event.actor == "router:test"
    assert event.payload == {
        "label": decision.label,
        "tier": decision.tier,
        "scores": decision.scores,
        "model_version": stored_router.version,
        "reason": decision.reason,
    }
    assert list(audit_chain_breaks(stream="conversation:42")) == []


def test_without_a_conversation_the_decision_goes_to_the_system_stream(stored_router):
    route_message("hello")

    assert AuditEvent.objects.filter(stream="system", kind="route").count() == 1


def test_a_lookup_inside_an_open_transaction_stays_on_the_reasoning_tier(stored_router):
    decision = route_message("where is my order #W1234567", transaction_open=True)

    assert (decision.label, decision.tier, decision.reason) == ("lookup", "reasoning", "sticky_transaction")


def test_shouting_frustration_is_a_complaint(stored_router):
    decision = route_message("THIS IS RIDICULOUS!!! where is my order")

    assert (decision.label, decision.tier) == ("complaint", "reasoning")


def test_empty_text_is_small_talk(stored_router):
    decision = route_message("   ")

    assert (decision.label, decision.tier, decision.reason) == ("smalltalk", "fast", "empty")


def test_the_newest_active_version_serves_once_the_cache_rechecks(stored_router, trained_router):
    # given version 1 is loaded
    assert serving_router().version == 1

    # when version 2 is stored
    RouterModel.objects.create(
        version=2, labels=stored_router.labels, artifact=stored_router.artifact, metrics={}, active=True
    )

    # then the next check (forced here; otherwise within a few seconds) serves it
    assert serving_router(refresh=True).version == 2
    assert classify("hi").version == 2


def test_with_no_router_stored_one_is_trained_on_the_fly(small_examples):
    # given examples but no trained router
    small_examples()
    assert not RouterModel.objects.exists()

    # when a message is routed
    decision = route_message("cancel my order please")

    # then a router was trained on the train split (not the held-out rows), stored, and used
    model = RouterModel.objects.get(active=True)
    assert model.trained_on == RouterExample.objects.filter(split="train").count() == 36
    assert (decision.label, decision.tier, decision.model_version) == (
        "transaction",
        "reasoning",
        model.version,
    )


def test_an_unsure_model_sends_the_message_to_the_reasoning_tier(stored_router, monkeypatch):
    # given the serving model sees a near tie between lookup (fast) and complaint (reasoning)
    classifier = serving_router().classifier
    tie = {"lookup": 0.48, "complaint": 0.46, "faq": 0.02, "smalltalk": 0.02}
    tie |= {"transaction": 0.01, "human": 0.01}
    monkeypatch.setattr(
        classifier, "predict_proba", lambda text: np.array([tie[label] for label in classifier.labels])
    )

    # when a message is routed
    decision = route_message("my parcel")

    # then the model's label is kept but the reasoning tier serves it
    assert (decision.label, decision.tier, decision.reason) == ("lookup", "reasoning", "low_confidence")
    assert decision.scores["lookup"] == 0.48


def test_on_a_fresh_install_the_shipped_examples_are_seeded_and_trained_on(empty_router_tables):
    # given no examples and no router at all
    assert not RouterExample.objects.exists()

    # when the first message is routed
    decision = route_message("get me a human")

    # then the shipped examples were stored, a router trained on them, and it answered
    assert RouterExample.objects.filter(source="own", split="heldout").exists()
    model = RouterModel.objects.get()
    assert model.trained_on == RouterExample.objects.filter(split="train").count()
    assert (decision.label, decision.tier, decision.model_version) == ("human", "human", model.version)
