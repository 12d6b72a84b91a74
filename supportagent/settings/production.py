"""Production settings: everything that matters must come from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, REDIS_URL, SECRET_KEY, env_bool

if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    # Django only warns about a weak key (security.W009); here it is an error: the key signs
    # sessions, identity codes and audit checkpoints.
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set in production: at least 50 characters, at least 5 different ones"
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not env_bool(
    "SUPPORTAGENT_ALLOW_SQLITE"
):
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL in production")
if not REDIS_URL:
    raise ImproperlyConfigured("REDIS_URL must be set in production (broker and channel layer)")

DEBUG = False
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
# HTTPS only: redirect plain HTTP, and tell browsers to stay on HTTPS for a year (subdomains too).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
SECURE_REFERRER_POLICY = "same-origin"
# Caches (the socket counts per address) and rate limits live in Redis, shared by every process.
# One connection pool per process (supportagent/redis_pool.py), not one per request or socket.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"pool_class": "supportagent.redis_pool.SharedConnectionPool"},
    }
}
# Sessions are read on every page and every socket's handshake: from Redis, written through to
# PostgreSQL (which stays the record: a Redis restart signs nobody out).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if "pool" not in DATABASES["default"].get("OPTIONS", {}):
    # Without a pool (DATABASE_POOL_MAX_SIZE unset), keep connections for a while instead.
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
