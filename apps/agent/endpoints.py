"""Which model endpoints a tier may use: key variables and hosts from allow-lists in settings.

A tier names the environment variable that holds its key and the URL the key is sent to. Both
come from operators' allow-lists (SUPPORTAGENT_MODEL_KEY_ENVS, SUPPORTAGENT_MODEL_HOSTS), so
an admin account cannot point a tier at DJANGO_SECRET_KEY or send a key to a host of its own.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from apps.core.conf import product_setting


def _host_allowed(host: str) -> bool:
    host = host.lower().rstrip(".")
    for pattern in product_setting("MODEL_HOSTS"):
        pattern = str(pattern).lower()
        if pattern.startswith("*.") and host.endswith(pattern[1:]):
            return True
        if host == pattern:
            return True
    return False


def endpoint_problems(*, api_key_env: str, base_url: str) -> dict[str, str]:
    """Why a tier's key variable or base URL is not allowed (field: reason); {} when both are."""
    problems = {}
    allowed_keys = list(product_setting("MODEL_KEY_ENVS"))
    if api_key_env not in allowed_keys:
        problems["api_key_env"] = (
            f"{api_key_env[:100]!r} is not an allowed key variable; allowed: {', '.join(allowed_keys)} "
            "(operators extend SUPPORTAGENT_MODEL_KEY_ENVS)."
        )
    if base_url:
        parts = urlsplit(base_url)
        if parts.scheme not in ("https", "http") or not parts.hostname or not _host_allowed(parts.hostname):
            problems["base_url"] = (
                f"{(parts.hostname or base_url)[:100]!r} is not an allowed model host; allowed: "
                f"{', '.join(product_setting('MODEL_HOSTS'))} (operators extend SUPPORTAGENT_MODEL_HOSTS)."
            )
        elif parts.scheme == "http" and parts.hostname not in ("localhost", "127.0.0.1", "::1"):
            problems["base_url"] = "a key is only sent over https (plain http for this machine only)."
    return problems
