"""Integration tests run on the real services: `make test` runs them with DATABASE_URL and
REDIS_URL pointing at PostgreSQL and Redis. They refuse to run on SQLite rather than pass
vacuously."""

import pytest
from django.db import connection

# daphne and a Celery worker on the test database: `live` (per test) and `live_services`.
from tests.integration.live import live, live_services  # noqa: F401


@pytest.fixture(autouse=True)
def _require_postgresql(request):
    if connection.vendor != "postgresql":
        pytest.fail("integration tests need DATABASE_URL to point at PostgreSQL (run `make integration`)")
