"""The sweeper: what makes sure nothing waits forever.

Every few seconds it re-dispatches each turn the agent owes that nobody is answering (a lost
queue entry, a failed enqueue, a worker that died mid-turn) and reports lost assists to their
supervisors; every minute it runs the hand-off queue's SLA escalation. Celery beat runs it in
production (`sweep_turns`, `handoff_sla_escalate`); on the embedded default (no Redis, no beat)
one daemon thread per process runs it, started by the ASGI application.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.db import close_old_connections

from apps.conversations.handoffs import handoff_priority_escalate_overdue
from apps.conversations.services import pending_turns_redispatch
from apps.core.conf import product_setting

from .assist import assists_lost_report

logger = logging.getLogger(__name__)

SLA_PERIOD = 60.0


def sweep(*, escalate: bool) -> dict[str, Any]:
    """One pass; returns what it did (message ids re-dispatched, assist turns reported)."""
    done: dict[str, Any] = {
        "redispatched": pending_turns_redispatch(),
        "assists_lost": assists_lost_report(),
    }
    if escalate:
        done["escalated"] = handoff_priority_escalate_overdue()
    return done


_thread: threading.Thread | None = None
_thread_lock = threading.Lock()


def _loop(period: float) -> None:
    last_sla = 0.0
    while True:
        time.sleep(period)
        now = time.monotonic()
        try:
            close_old_connections()
            escalate = now - last_sla >= SLA_PERIOD
            sweep(escalate=escalate)
            if escalate:
                last_sla = now
        except Exception:
            logger.exception("sweep failed; next one in %ss", period)
        finally:
            close_old_connections()


def sweeper_thread_start() -> bool:
    """Start this process's sweeper thread unless Celery beat does the job (TURN_DISPATCH is
    "celery") or it runs already. Returns whether one runs now."""
    global _thread
    if product_setting("TURN_DISPATCH") != "thread":
        return False
    with _thread_lock:
        if _thread is None or not _thread.is_alive():
            period = float(product_setting("SWEEP_SECONDS"))
            _thread = threading.Thread(target=_loop, args=(period,), name="turn-sweeper", daemon=True)
            _thread.start()
    return True
