"""Fixtures for turns: conversations on the demo store and models standing in for endpoints."""

from __future__ import annotations

import uuid

import pytest

from apps.agent import tiers
from apps.agent.services import turn_run
from apps.commerce.models import Customer
from apps.conversations.services import conversation_start, message_post

OLIVIA = "olivia_ito_3591"


@pytest.fixture
def endpoints(monkeypatch):
    """Serve tiers with the given models, as if their keys were configured: endpoints(fast=m, reasoning=m)."""

    def install(**models):
        monkeypatch.setattr(tiers, "_endpoint_model", lambda row: models.get(row.name))

    return install


@pytest.fixture
def signed_in_conversation(db):
    return conversation_start(user=Customer.objects.get(customer_id=OLIVIA).user)


@pytest.fixture
def anonymous_conversation(db):
    return conversation_start(user=None)


@pytest.fixture
def say_to(db):
    """Send a customer message and run the turn in-process; returns (message, report, statuses)."""

    def send(conversation, text, client_id=None):
        message, _ = message_post(
            role="customer", conversation=conversation, text=text, client_id=client_id, enqueue_turn=False
        )
        statuses = []
        report = turn_run(
            conversation_id=conversation.pk,
            message_id=message.pk,
            owner=f"test-{uuid.uuid4()}",
            emit=lambda text, step: statuses.append(text),
        )
        conversation.refresh_from_db()
        return message, report, statuses

    return send


@pytest.fixture
def route_as(monkeypatch):
    """Force the router's decision for the next turns: route_as("transaction")."""
    from apps.agent import services
    from apps.routing.decisions import RoutingDecision

    def force(label, tier=None):
        tier = tier or {"smalltalk": "fast", "faq": "fast", "lookup": "fast", "human": "human"}.get(
            label, "reasoning"
        )

        def decide(text, **kwargs):
            return RoutingDecision(
                label=label,
                tier=tier,
                scores={label: 1.0},
                model_version=0,
                micros=1,
                reason="forced by test",
            )

        monkeypatch.setattr(services, "route_message", decide)

    return force
