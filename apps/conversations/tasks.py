"""Celery tasks of the handoff queue: just another interface to the services in handoffs.py."""

from __future__ import annotations

from celery import shared_task

from .handoffs import handoff_priority_escalate_overdue


@shared_task(acks_late=True, soft_time_limit=50, time_limit=60)
def handoff_sla_escalate() -> list[int]:
    """Raise the priority of chats waiting longer than the SLA (beat runs it every minute). Idempotent."""
    return handoff_priority_escalate_overdue()
