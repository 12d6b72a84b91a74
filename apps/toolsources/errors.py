"""Failures of remote calls, each an observation the model can act on."""

from __future__ import annotations

from apps.core.errors import ApplicationError


class RemoteError(ApplicationError):
    """A remote call failed. `nothing_changed` is False when a write may have reached the service."""

    code = "remote_error"

    def __init__(self, message: str, *, code: str | None = None, nothing_changed: bool = True) -> None:
        super().__init__(message, code=code)
        self.nothing_changed = nothing_changed


class HostRefused(RemoteError):
    code = "host_not_allowed"


class SourceMisconfigured(RemoteError):
    code = "source_misconfigured"


OUTCOME_UNKNOWN = (
    "The service may or may not have made the change: check with a read tool before trying "
    "again, and never repeat the change blindly."
)
