"""Test settings: fast hashing, in-process tasks unless a test brings up the real services."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, SECRET_KEY, SUPPORTAGENT, VAR_DIR

SECRET_KEY = SECRET_KEY or "test-only-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
VAR_DIR.mkdir(parents=True, exist_ok=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # pytest-django builds the test database in memory; WAL makes no sense there.
    DATABASES["default"]["OPTIONS"].pop("init_command", None)
# Tests run queued turns inline, right after the message commits.
SUPPORTAGENT["TURN_DISPATCH"] = os.environ.get("SUPPORTAGENT_TURN_DISPATCH", "inline")
# Inline turns run inside the test's own transaction, which a heartbeat thread (on a connection
# of its own) cannot see; the live processes (celery, thread) keep it.
SUPPORTAGENT["LEASE_HEARTBEAT"] = SUPPORTAGENT["TURN_DISPATCH"] != "inline"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"handlers": [], "level": "WARNING"},
}
# Django's test client signs in without a request, which django-axes cannot count; the tests
# of the lockout switch it on for themselves.
AXES_ENABLED = False
# A checkpoint file of the test run's own (tests that need one write it to a temporary path).
SUPPORTAGENT_AUDIT_CHECKPOINT_FILE = VAR_DIR / f"test-audit-checkpoint-{os.getpid()}.json"
# The key variables the tests' loopback model servers are reached with.
SUPPORTAGENT["MODEL_KEY_ENVS"] = [*SUPPORTAGENT["MODEL_KEY_ENVS"], "CONTRACT_TEST_KEY", "LOOPBACK_KEY"]
# Every browser and socket of a test run comes from 127.0.0.1 and one live server serves the
# whole session: the cap on open sockets per address is raised (its own test sets it low).
SUPPORTAGENT["MAX_SOCKETS_PER_CLIENT"] = int(os.environ.get("SUPPORTAGENT_MAX_SOCKETS_PER_CLIENT", "1000"))
