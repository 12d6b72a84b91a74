"""The entry points of an evaluation's worker processes.

Each worker is a fresh Python process (spawned, not forked) that evaluates on its own copy of
the SQLite database, so workers never wait on each other's write locks. This module is what the
process imports first, before Django is set up: it imports nothing from the apps at module level,
and its arguments are plain data.
"""

from __future__ import annotations

import atexit
import os
from contextlib import ExitStack
from multiprocessing.queues import Queue
from typing import Any

_session = ExitStack()


def worker_start(databases: Queue[str], overrides: list[str]) -> None:
    """Claim one database copy, set Django up on it, and open the evaluation session for good."""
    os.environ["DATABASE_URL"] = f"sqlite:///{databases.get()}"
    import django

    django.setup()
    # Only now can modules that define models be imported.
    from apps.evaluation.session import TierOverride, evaluation_session

    # The session (a transaction) stays open for the life of the process and is never committed.
    _session.enter_context(evaluation_session([TierOverride.parse(text) for text in overrides]))
    # Roll it back while the interpreter is whole: left to the garbage collector at exit, the
    # session's generator ran after Django's modules were torn down and printed a TypeError.
    atexit.register(_session.close)


def worker_trial(job: tuple[Any, Any]) -> Any:
    from apps.evaluation.runner import trial_run

    plan, settings = job
    return trial_run(plan, settings)
