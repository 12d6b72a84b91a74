"""Celery tasks of the agent: just another interface to `turn_run` and the sweeper."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from apps.agent.assist import assist_run
from apps.agent.services import LeaseLost, TurnBusy, turn_run
from apps.agent.sweeper import sweep
from apps.conversations.leases import lease_token

logger = logging.getLogger(__name__)

# A database that went away (restarted, connections terminated) is retried with backoff; each
# retry is a new execution with a new lease token, and the old one's lease was let go on a
# fresh connection (or runs out by itself within seconds).
DATABASE_ERRORS = (OperationalError, InterfaceError)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=DATABASE_ERRORS,
    retry_backoff=1,
    retry_backoff_max=20,
    max_retries=8,
    soft_time_limit=240,
    time_limit=300,
)
def run_turn(self, conversation_id: int, message_id: int) -> list[int]:
    """Answer a customer's message and any other the conversation is owed. Idempotent.

    Each execution takes the lease with a token of its own: a redelivered copy of a turn that
    is still running (its worker alive and renewing) finds the lease taken and leaves, and the
    running one answers every owed message before letting go. A copy delivered after its worker
    died takes over once the dead lease runs out, and resumes from the stored steps.
    """
    owner = lease_token(f"task-{self.request.id or 'local'}"[:40])
    try:
        report = turn_run(conversation_id=conversation_id, message_id=message_id, owner=owner)
    except (TurnBusy, LeaseLost):
        # The lease holder answers this message too (the sweeper re-dispatches it otherwise).
        return []
    return report.handled


@shared_task(acks_late=False, soft_time_limit=240, time_limit=300)
def run_assist(
    conversation_id: int, supervisor_id: int, instruction: str, turn_id: int | None = None
) -> dict:
    """Carry out a supervisor's instruction in their claimed chat and tell their consoles the outcome.

    At most once (acks_late off): a redelivered assist would run the supervisor's instruction
    again with new step numbers. One that is lost is reported to the supervisor by the sweeper.
    """
    return assist_run(
        conversation_id=conversation_id, supervisor_id=supervisor_id, instruction=instruction, turn_id=turn_id
    )


@shared_task(acks_late=False, soft_time_limit=50, time_limit=60, ignore_result=True)
def sweep_turns() -> dict:
    """Re-dispatch owed turns nobody is answering; report lost assists (beat, every few seconds)."""
    return sweep(escalate=False)
