"""Settings shared by every environment. Everything that varies is read from the environment.

With no environment at all the platform runs on the embedded default: SQLite, the
in-memory channel layer, turns run in-process, and the offline engine instead of a model.
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("SUPPORTAGENT_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "axes",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "channels",
    "apps.core",
    "apps.accounts",
    "apps.rbac",
    "apps.audit",
    "apps.commerce",
    "apps.tools",
    "apps.knowledge",
    "apps.conversations",
    "apps.routing",
    "apps.guardrails",
    "apps.agent",
    "apps.api",
    "apps.web",
    "apps.evaluation",
    "apps.toolsources",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in with its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "supportagent.urls"
WSGI_APPLICATION = "supportagent.wsgi.application"
ASGI_APPLICATION = "supportagent.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'supportagent.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while a turn writes; the timeout rides out short locks.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
# PostgreSQL behind a per-process connection pool (psycopg_pool) when DATABASE_POOL_MAX_SIZE is
# set: turn threads and the consumers' database threads borrow a connection per burst of queries
# instead of opening one per task or per call, or holding one each through model waits.
_POOL_MAX = int(os.environ.get("DATABASE_POOL_MAX_SIZE", "0"))
if _POOL_MAX and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("DATABASE_POOL_MIN_SIZE", "2")),
        "max_size": _POOL_MAX,
        # (Django has the pool check each connection before lending it, so a terminated
        # backend is replaced rather than handed out.)
        "timeout": float(os.environ.get("DATABASE_POOL_TIMEOUT", "30")),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: counts failed sign-ins (admin, login page, API tokens) and refuses locked-out ones.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Visitors who are not signed in never get object permissions; no guardian stand-in user.
ANONYMOUS_USER_NAME = None

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]

LOGIN_URL = "/accounts/login/"

# Redis is optional: without it the platform runs everything in one process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # "core": Redis lists (each process pops its sockets' events one round trip per event);
    # "pubsub": Redis pub/sub (events pushed to each process as they are published, at most
    # once; a page that misses one sees the sequence gap and resumes from the database).
    _CHANNEL_LAYER = os.environ.get("SUPPORTAGENT_CHANNEL_LAYER", "pubsub")
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": {
                "core": "channels_redis.core.RedisChannelLayer",
                "pubsub": "channels_redis.pubsub.RedisPubSubChannelLayer",
            }[_CHANNEL_LAYER],
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The worker's pool, when `celery worker` is not given --pool / --concurrency. A turn holds its
# thread for its whole length, mostly waiting on the model (several seconds per turn), and a CPU
# for tens of milliseconds: the threads, not the CPU, run out first. Measured with bench/load.py
# (defaults: ~6 s of model time per turn), 200 chats on 80 threads: every thread waiting on the
# model, 120 turns queued in Redis, the worker at 22% of a core, 9.7 answers/s; on 200 threads:
# 17.9 answers/s, nothing queued. So size the threads for the open chats (one turn in flight per
# chat at most, the lease), not for the cores: README, "Processes and sizing".
CELERY_WORKER_POOL = os.environ.get("CELERY_WORKER_POOL", "threads")
CELERY_WORKER_CONCURRENCY = int(os.environ.get("CELERY_WORKER_CONCURRENCY", "500"))
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A task taken by a worker that died is delivered again after the visibility timeout. It must
# outlast the longest task (run_turn's hard limit is 300 s), or a running turn is delivered a
# second time (its own lease token keeps that copy out, but it is wasted work). Speed after a
# crash does not depend on it: the sweeper re-dispatches owed turns within seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "360")),
    # Reconnect instead of hanging when Redis restarts.
    "socket_timeout": 10,
    "socket_connect_timeout": 5,
    "retry_on_timeout": True,
    "health_check_interval": 10,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None  # keep trying while Redis is away
# Enqueueing from a web process must not hang a request for long while Redis is down: the
# message is stored and owed anyway, and the sweeper queues it once Redis is back.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5}
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        # Tokens are stored hashed and expire (django-rest-knox); POST /api/auth/token/ issues them.
        "knox.auth.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=int(os.environ.get("SUPPORTAGENT_API_TOKEN_HOURS", "12"))),
    "AUTO_REFRESH": False,
    "TOKEN_LIMIT_PER_USER": 10,
}

# Failed sign-ins: five wrong passwords for one username from one address lock that pair out for
# 15 minutes; every failure is logged (and kept in the database) by django-axes.
AXES_FAILURE_LIMIT = int(os.environ.get("SUPPORTAGENT_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("SUPPORTAGENT_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = True

# Content-Security-Policy on every response (django-csp): our own scripts, styles and sockets only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'", "ws:", "wss:"],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
    }
}

SPECTACULAR_SETTINGS = {
    "TITLE": "supportagent API",
    "DESCRIPTION": "Conversations, messages and the handoff queue of supportagent.",
    "VERSION": "0.1.0",
    # Swagger UI and Redoc served from our own static files (drf-spectacular-sidecar), not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Product settings (each one read from the environment, so operators need no code change).
SUPPORTAGENT: dict[str, Any] = {
    # Messages longer than this are refused with a clear error and never stored.
    "MAX_MESSAGE_CHARS": int(os.environ.get("SUPPORTAGENT_MAX_MESSAGE_CHARS", "4000")),
    # A tool call's arguments larger than this are refused before they are parsed.
    "MAX_TOOL_ARGUMENT_BYTES": int(os.environ.get("SUPPORTAGENT_MAX_TOOL_ARGUMENT_BYTES", "16384")),
    # The agent loop: most model steps in one turn, and how many failed tool calls in a row
    # hand the conversation to a person.
    "MAX_AGENT_STEPS": int(os.environ.get("SUPPORTAGENT_MAX_AGENT_STEPS", "12")),
    "MAX_CONSECUTIVE_TOOL_FAILURES": int(os.environ.get("SUPPORTAGENT_MAX_CONSECUTIVE_TOOL_FAILURES", "3")),
    # Where turns run: "celery" (a worker, needs Redis), "thread" (in this process), "inline".
    "TURN_DISPATCH": os.environ.get("SUPPORTAGENT_TURN_DISPATCH", "celery" if REDIS_URL else "thread"),
    # The turn lifecycle (apps/conversations/leases.py, apps/agent/sweeper.py): a turn's lease
    # lasts this long unless its process's heartbeat renews it (every third of it); an owed turn
    # nobody is answering is dispatched again after this long; the sweeper looks this often.
    "LEASE_SECONDS": float(os.environ.get("SUPPORTAGENT_LEASE_SECONDS", "30")),
    "LEASE_HEARTBEAT": True,
    "PENDING_TURN_REDISPATCH_SECONDS": float(
        os.environ.get("SUPPORTAGENT_PENDING_TURN_REDISPATCH_SECONDS", "15")
    ),
    "SWEEP_SECONDS": float(os.environ.get("SUPPORTAGENT_SWEEP_SECONDS", "3")),
    # A proposal the customer has not agreed to within this long needs asking again.
    "CONFIRMATION_TTL_SECONDS": float(os.environ.get("SUPPORTAGENT_CONFIRMATION_TTL_SECONDS", "300")),
    # An assist request not started (or whose run died) this long after it was asked is lost.
    "ASSIST_LOST_SECONDS": float(os.environ.get("SUPPORTAGENT_ASSIST_LOST_SECONDS", "60")),
    # Threads answering turns on the embedded default (SQLite serialises writes; keep it small).
    "EMBEDDED_TURN_THREADS": int(os.environ.get("SUPPORTAGENT_EMBEDDED_TURN_THREADS", "2")),
    # `manage.py evaluate --user model`: the OpenAI-compatible endpoint that plays the customer, and
    # the name of the environment variable that holds its key (never the key itself).
    "EVALUATION_USER_MODEL": os.environ.get("SUPPORTAGENT_EVALUATION_USER_MODEL", "gpt-4.1"),
    "EVALUATION_USER_BASE_URL": os.environ.get("SUPPORTAGENT_EVALUATION_USER_BASE_URL", ""),
    "EVALUATION_USER_KEY_ENV": os.environ.get("SUPPORTAGENT_EVALUATION_USER_KEY_ENV", "OPENAI_API_KEY"),
    # Tools from OpenAPI documents and MCP servers: the hosts they may reach (host[:port] or
    # *.domain), the environment variables that may hold their credentials, the programs a stdio
    # MCP source may start. Empty: nothing is reachable.
    "TOOL_HOSTS": env_list("SUPPORTAGENT_TOOL_HOSTS"),
    "TOOL_SECRET_ENVS": env_list("SUPPORTAGENT_TOOL_SECRET_ENVS"),
    "TOOL_COMMANDS": env_list("SUPPORTAGENT_TOOL_COMMANDS"),
    # Where rate-limit counts live: Redis when there is one (shared by every process), else memory.
    "THROTTLE_STORAGE": os.environ.get("SUPPORTAGENT_THROTTLE_STORAGE", REDIS_URL or "memory://"),
    # Rates ("N per M seconds|minutes|hours"), per scope and key; see apps/core/throttles.py.
    "THROTTLE_RATES": {
        "chat:conversation": "10 per 10 seconds",
        "chat:session": "10 per 10 seconds",
        "chat:client": "30 per minute",
        "conversation_start:client": "20 per hour",
        "identity_lookup:client": "10 per hour",
        "identity_lookup:conversation": "5 per hour",
        "identity_code_send:customer": "5 per hour",
        "identity_code_send:client": "10 per hour",
        "identity_code_check:customer": "10 per hour",
        "identity_code_check:client": "20 per hour",
        "identity_code_check:code": "5 per 10 minutes",
        "token:client": "10 per minute",
    },
    # Model tiers may read their key only from these variables and send it only to these hosts
    # ("*.example.com" matches subdomains); see apps/agent/endpoints.py.
    "MODEL_KEY_ENVS": env_list(
        "SUPPORTAGENT_MODEL_KEY_ENVS", "OPENAI_API_KEY,AZURE_OPENAI_API_KEY,VLLM_KEY,OLLAMA_API_KEY"
    ),
    "MODEL_HOSTS": env_list(
        "SUPPORTAGENT_MODEL_HOSTS", "api.openai.com,*.openai.azure.com,localhost,127.0.0.1"
    ),
    # Open sockets (chat and console together) one client address may hold at once.
    "MAX_SOCKETS_PER_CLIENT": int(os.environ.get("SUPPORTAGENT_MAX_SOCKETS_PER_CLIENT", "20")),
    # One-time identity codes emailed to customers: how long one works.
    "IDENTITY_CODE_TTL_SECONDS": int(os.environ.get("SUPPORTAGENT_IDENTITY_CODE_TTL_SECONDS", "600")),
    # An embedding site's signed identity: the longest a signature may claim to stay valid.
    "EMBED_SIGNATURE_MAX_SECONDS": int(os.environ.get("SUPPORTAGENT_EMBED_SIGNATURE_MAX_SECONDS", "86400")),
}

# Email (identity codes): the console on the embedded default, so the code is in the server log;
# SMTP in production (EMAIL_HOST and friends); tests use Django's in-memory outbox.
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "support@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Celery beat: the handoff queue's SLA check (idempotent; raises a priority once per SLA period).
CELERY_BEAT_SCHEDULE = {
    "handoff-sla-escalate": {"task": "apps.conversations.tasks.handoff_sla_escalate", "schedule": 60.0},
    "audit-checkpoint": {"task": "apps.audit.tasks.audit_checkpoint", "schedule": 300.0},
    # Owed turns nobody answers and lost assists (apps/agent/sweeper.py).
    "sweep-turns": {
        "task": "apps.agent.tasks.sweep_turns",
        "schedule": SUPPORTAGENT["SWEEP_SECONDS"],
        "options": {"expires": SUPPORTAGENT["SWEEP_SECONDS"] * 3},
    },
}

# Audit checkpoints (apps/audit/checkpoints.py): signed with this key, which must not live in the
# database (derived from DJANGO_SECRET_KEY when unset), and written to this file; copy the file
# (or `manage.py audit_checkpoint --output`) somewhere the database's users cannot write.
SUPPORTAGENT_AUDIT_KEY = os.environ.get("SUPPORTAGENT_AUDIT_KEY", "")
SUPPORTAGENT_AUDIT_CHECKPOINT_FILE = Path(
    os.environ.get("SUPPORTAGENT_AUDIT_CHECKPOINT_FILE", VAR_DIR / "audit-checkpoint.json")
)
