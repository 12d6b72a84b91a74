"""Where turns run: a Celery worker in production, a background thread on the embedded default.

On the embedded default (no Redis) one background thread per process answers turns in
arrival order, so the web process never blocks on the agent and turns never overlap.
Tests use "inline" to run the turn before the request returns.
"""

from __future__ import annotations

import logging
import uuid
from concurrent.futures import ThreadPoolExecutor

from django.db import close_old_connections

from apps.core.conf import product_setting

logger = logging.getLogger(__name__)
_executor: ThreadPoolExecutor | None = None


def _run_in_thread(conversation_id: int, message_id: int) -> None:
    from apps.agent.services import turn_run

    close_old_connections()
    try:
        turn_run(conversation_id=conversation_id, message_id=message_id, owner=f"thread-{uuid.uuid4()}")
    except Exception:
        logger.exception("turn for message %s failed", message_id)
    finally:
        close_old_connections()


def turn_enqueue(conversation_id: int, message_id: int) -> None:
    """Queue the agent's turn for a stored customer message (call it after commit)."""
    global _executor
    mode = product_setting("TURN_DISPATCH")
    if mode == "celery":
        from apps.agent.tasks import run_turn

        run_turn.delay(conversation_id, message_id)
    elif mode == "inline":
        from apps.agent.services import turn_run

        turn_run(conversation_id=conversation_id, message_id=message_id, owner=f"inline-{uuid.uuid4()}")
    else:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="turns")
        _executor.submit(_run_in_thread, conversation_id, message_id)
