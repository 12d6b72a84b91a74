"""Periodic tasks of the audit trail."""

from celery import shared_task

from .checkpoints import checkpoint_write


@shared_task(acks_late=True, soft_time_limit=50, time_limit=60)
def audit_checkpoint() -> int:
    """Sign and write the heads of every stream (celery beat runs it every few minutes)."""
    return len(checkpoint_write()["heads"])
