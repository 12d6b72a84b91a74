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
    """A factory: the principal of the store customer with this id."""
    return principal_for_customer
