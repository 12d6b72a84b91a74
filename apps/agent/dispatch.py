"""Where the agent's work runs: a Celery worker in production, a background thread on the
embedded default, inline in tests.

On the embedded default (no Redis) one background thread per process answers turns in
arrival order (and one more runs supervisors' assists), so the web process never blocks on
the agent. Conversations reach `turn_enqueue` through the dispatcher this app registers in
AgentConfig.ready; consoles and the API call `assist_request`.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from celery import Task
from django.db import close_old_connections

from apps.conversations.handoffs import handoff_assert_may_act
from apps.conversations.services import message_text_clean
from apps.core.conf import product_setting

from .assist import assist_run
from .services import turn_run
from .tasks import run_assist, run_turn

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)
_executors: dict[str, ThreadPoolExecutor] = {}


def _in_thread(work: Callable[..., Any], kwargs: dict[str, Any]) -> None:
    close_old_connections()
    try:
        work(**kwargs)
    except Exception:
        logger.exception("%s failed (%s)", work.__name__, kwargs)
    finally:
        close_old_connections()


def _dispatch(lane: str, task: Task, work: Callable[..., Any], kwargs: dict[str, Any], args: tuple) -> None:
    """Run `work(**kwargs)` the way TURN_DISPATCH says: as `task` on a worker, inline, or on
    this process's single thread for the lane (so work in one lane never overlaps)."""
    mode = product_setting("TURN_DISPATCH")
    if mode == "celery":
        task.delay(*args)
    elif mode == "inline":
        work(**kwargs)
    else:
        if lane not in _executors:
            _executors[lane] = ThreadPoolExecutor(max_workers=1, thread_name_prefix=lane)
        _executors[lane].submit(_in_thread, work, kwargs)


def turn_enqueue(conversation_id: int, message_id: int) -> None:
    """Queue the agent's turn for a stored customer message (called after commit)."""
    owner = f"{product_setting('TURN_DISPATCH')}-{uuid.uuid4()}"
    _dispatch(
        "turns",
        run_turn,
        turn_run,
        {"conversation_id": conversation_id, "message_id": message_id, "owner": owner},
        (conversation_id, message_id),
    )


def assist_request(*, conversation_id: int, user: User, instruction: Any) -> None:
    """Queue the agent to act on a supervisor's instruction, with the supervisor's permissions.

    Checked here, before anything is queued: the instruction is text within the limit, and the
    supervisor may act in the chat. The agent never runs in the caller (a websocket handler or a
    request); the outcome reaches the supervisor's consoles as a `notice`, and the customer as a
    message from the supervisor.
    """
    text = message_text_clean(instruction)
    handoff_assert_may_act(conversation_id=conversation_id, user=user)
    _dispatch(
        "assist",
        run_assist,
        assist_run,
        {"conversation_id": conversation_id, "supervisor_id": user.pk, "instruction": text},
        (conversation_id, user.pk, text),
    )
