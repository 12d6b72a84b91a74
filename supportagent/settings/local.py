"""Developer and demo settings: the embedded default, debug on, a fixed insecure key."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, VAR_DIR, env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = SECRET_KEY or "local-development-only-not-secret"
WHITENOISE_USE_FINDERS = True
VAR_DIR.mkdir(parents=True, exist_ok=True)
