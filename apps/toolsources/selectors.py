"""Reads about tool sources: their health for the dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q

from apps.audit.models import AuditEvent

from .models import ToolSource

# Observation error codes that mean the source itself failed (not a refused or bad call).
SOURCE_FAILURES = ("host_not_allowed", "source_misconfigured", "response_too_large")
_RECENT = 200


@dataclass(frozen=True)
class SourceHealth:
    name: str
    kind: str
    enabled: bool
    tools: int
    last_success_at: datetime | None
    last_error_at: datetime | None
    last_error: str


def _latest(a: datetime | None, b: datetime | None) -> datetime | None:
    return max((t for t in (a, b) if t is not None), default=None)


def tool_sources_health() -> list[SourceHealth]:
    """Per source: its last success and last error, from the health check and from real calls."""
    found = []
    sources = ToolSource.objects.annotate(enabled_tools=Count("tools", filter=Q(tools__enabled=True)))
    for source in sources.prefetch_related("tools"):
        names = [tool.name for tool in source.tools.all()]
        success_at, error_at, error = source.last_success_at, source.last_error_at, source.last_error
        if names:
            events = AuditEvent.objects.filter(kind=AuditEvent.Kind.OBSERVATION, payload__tool__in=names)
            seen_ok = seen_error = False
            for event in events.order_by("-id")[:_RECENT]:
                code = str(event.payload.get("error_code") or "")
                if event.payload.get("ok") and not seen_ok:
                    seen_ok = True
                    success_at = _latest(success_at, event.created_at)
                elif not seen_error and (code.startswith("remote_") or code in SOURCE_FAILURES):
                    seen_error = True
                    if error_at is None or event.created_at > error_at:
                        error_at, error = event.created_at, str(event.payload.get("text", ""))
                if seen_ok and seen_error:
                    break
        found.append(
            SourceHealth(
                name=source.name,
                kind=source.get_kind_display(),
                enabled=source.enabled,
                tools=source.enabled_tools,
                last_success_at=success_at,
                last_error_at=error_at,
                last_error=error[:300],
            )
        )
    return found
