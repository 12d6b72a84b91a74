"""Where the agent's work runs: a Celery worker in production, background threads on the
embedded default, inline in tests.

On the embedded default (no Redis) a small pool of background threads per process answers
turns (and one more thread runs supervisors' assists), so the web process never blocks on the
agent; the sweeper thread (apps/agent/sweeper.py) re-dispatches anything owed. Conversations
reach `turn_enqueue` through the dispatcher this app registers in AgentConfig.ready; consoles
and the API call `assist_request`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from celery import Task
from django.db import close_old_connections

from apps.conversations.handoffs import handoff_assert_may_act
from apps.conversations.leases import lease_token
from apps.conversations.services import message_text_clean
from apps.core.conf import product_setting

from .assist import assist_request_store, assist_run
from .services import LeaseLost, TurnBusy, turn_run
from .sweeper import sweeper_thread_start
from .tasks import run_assist, run_turn

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)
_executors: dict[str, ThreadPoolExecutor] = {}


def _in_thread(work: Callable[..., Any], kwargs: dict[str, Any]) -> None:
    close_old_connections()
    try:
        work(**kwargs)
    except (TurnBusy, LeaseLost):
        pass  # the lease holder answers this message too; nothing is dropped
    except Exception:
        logger.exception("%s failed (%s)", work.__name__, kwargs)
    finally:
        close_old_connections()


def _dispatch(lane: str, task: Task, work: Callable[..., Any], kwargs: dict[str, Any], args: tuple) -> None:
    """Run `work(**kwargs)` the way TURN_DISPATCH says: as `task` on a worker, inline, or on
    this process's threads for the lane."""
    mode = product_setting("TURN_DISPATCH")
    if mode == "celery":
        task.delay(*args)
    elif mode == "inline":
        work(**kwargs)
    else:
        sweeper_thread_start()
        if lane not in _executors:
            size = int(product_setting("EMBEDDED_TURN_THREADS")) if lane == "turns" else 1
            _executors[lane] = ThreadPoolExecutor(max_workers=size, thread_name_prefix=lane)
        _executors[lane].submit(_in_thread, work, kwargs)


def turn_enqueue(conversation_id: int, message_id: int) -> None:
    """Queue the agent's turn for a stored customer message (called after commit).

    Inline (tests, the terminal chat) a busy conversation raises TurnBusy to the caller; on a
    worker or a thread the lease holder answers the message.
    """
    owner = lease_token(str(product_setting("TURN_DISPATCH")))
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
    # Stored before it is queued, so a request whose task is lost is reported to the supervisor.
    turn = assist_request_store(conversation_id=conversation_id, supervisor=user, instruction=text)
    _dispatch(
        "assist",
        run_assist,
        assist_run,
        {
            "conversation_id": conversation_id,
            "supervisor_id": user.pk,
            "instruction": text,
            "turn_id": turn.pk,
        },
        (conversation_id, user.pk, text, turn.pk),
    )
