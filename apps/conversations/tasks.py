"""Celery tasks of the handoff queue: just another interface to the services in handoffs.py."""

from __future__ import annotations

from celery import shared_task

from .handoffs import assist_run, handoff_priority_escalate_overdue


@shared_task(acks_late=True, soft_time_limit=50, time_limit=60)
def handoff_sla_escalate() -> list[int]:
    """Raise the priority of chats waiting longer than the SLA (beat runs it every minute). Idempotent."""
    return handoff_priority_escalate_overdue()


# At most once (acks_late off): a redelivered assist would run the supervisor's instruction with
# new step numbers, so a write could happen twice. A lost one is simply asked again.
@shared_task(acks_late=False, soft_time_limit=240, time_limit=300)
def handoff_assist_run(conversation_id: int, supervisor_id: int, instruction: str) -> dict:
    """Carry out a supervisor's instruction in their claimed chat and tell their consoles the outcome."""
    return assist_run(conversation_id=conversation_id, supervisor_id=supervisor_id, instruction=instruction)
