# Browser tests run against the live services of the integration tests (daphne + a Celery worker).
from tests.integration.live import live, live_services  # noqa: F401
