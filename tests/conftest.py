"""Shared fixtures. The demo store is loaded once per test session; each test runs in a
transaction that is rolled back, so every test sees the fresh store."""

from __future__ import annotations

import os

import pytest

from apps.accounts.principals import Principal, principal_for_customer
from apps.commerce.demo import demo_store_read, store_load
from apps.tools.services import tools_sync


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "integration" in item.path.parts:
            item.add_marker(pytest.mark.integration)


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor}; CI={os.environ.get('CI', '')}"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from apps.knowledge.services import knowledge_seed
    from apps.routing.services import router_examples_seed, router_model_train

    with django_db_blocker.unblock():
        store_load(**demo_store_read())
        tools_sync()
        knowledge_seed()
        # Trained once per session (without the hyper-parameter search) so turns route for real.
        router_examples_seed()
        router_model_train(tune=False)


@pytest.fixture
def system() -> Principal:
    return Principal.system()


@pytest.fixture
def customer_principal(db):
    """A factory: the principal of the store customer with this id (verified unless told)."""

    def build(customer_id: str, *, verified: bool = True) -> Principal:
        return principal_for_customer(customer_id, verified=verified)

    return build


@pytest.fixture(autouse=True)
def _throttles_fresh():
    """Every test starts with no rate-limit counts (they live outside the database)."""
    from apps.core.throttles import throttles_reset

    throttles_reset()


@pytest.fixture
def record_turns():
    """Register a recorder as the turn dispatcher: the turns queued, as (conversation id, message
    id), instead of running them. The agent's own dispatcher is registered again afterwards."""
    from apps.agent.dispatch import turn_enqueue
    from apps.conversations.dispatch import turn_dispatcher_register

    queued: list[tuple[int, int]] = []
    turn_dispatcher_register(lambda conversation_id, message_id: queued.append((conversation_id, message_id)))
    yield queued
    turn_dispatcher_register(turn_enqueue)


FIXED_CODE = "246810"


@pytest.fixture
def fixed_code(monkeypatch):
    """Identity codes are FIXED_CODE, so a scripted chat can type the code it was emailed."""
    monkeypatch.setattr("apps.accounts.identity._new_code", lambda: FIXED_CODE)
    return FIXED_CODE
