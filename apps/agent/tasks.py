"""Celery tasks of the agent: just another interface to `turn_run`."""

from __future__ import annotations

import uuid

from celery import shared_task

from apps.agent.assist import assist_run
from apps.agent.services import TurnBusy, turn_run


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=120,
    soft_time_limit=240,
    time_limit=300,
)
def run_turn(self, conversation_id: int, message_id: int) -> list[int]:
    """Answer a customer's message (and any earlier unanswered ones). Idempotent per message.

    A redelivered task (worker lost mid-turn) keeps its task id, so it takes back its own
    lease and resumes from the steps already stored.
    """
    owner = self.request.id or f"local-{uuid.uuid4()}"
    try:
        report = turn_run(conversation_id=conversation_id, message_id=message_id, owner=owner)
    except TurnBusy as exc:
        # Another worker is answering this conversation; our message waits its turn.
        raise self.retry(exc=exc, countdown=0.5) from exc
    return report.handled


# At most once (acks_late off): a redelivered assist would run the supervisor's instruction with
# new step numbers, so a write could happen twice. A lost one is simply asked again.
@shared_task(acks_late=False, soft_time_limit=240, time_limit=300)
def run_assist(conversation_id: int, supervisor_id: int, instruction: str) -> dict:
    """Carry out a supervisor's instruction in their claimed chat and tell their consoles the outcome."""
    return assist_run(conversation_id=conversation_id, supervisor_id=supervisor_id, instruction=instruction)
