"""Running the planned trials: in this process, or spread over worker processes.

Both start from the fresh store of an evaluation session, replay the tasks' reference calls
there to learn the fingerprint each trial must reach, and yield records as trials finish.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from django.db import connection

from .records import TrialRecord
from .runner import RunSettings, TrialPlan, trial_run
from .session import TierOverride, evaluation_session
from .tasks import EvalTask, reference_fingerprints
from .worker import worker_start, worker_trial

TrialKey = tuple[int, int]  # (task index, trial)


def _plans(tasks: Sequence[EvalTask], keys: Sequence[TrialKey]) -> list[TrialPlan]:
    by_index = {task.index: task for task in tasks}
    wanted = [by_index[index] for index in dict.fromkeys(index for index, _ in keys)]
    references = reference_fingerprints(wanted)
    return [
        TrialPlan(task=by_index[index], trial=trial, reference=references[index]) for index, trial in keys
    ]


def trials_inline(
    tasks: Sequence[EvalTask],
    keys: Sequence[TrialKey],
    settings: RunSettings,
    overrides: Sequence[TierOverride],
) -> Iterator[TrialRecord]:
    """Each trial in turn, in this process."""
    with evaluation_session(overrides):
        for plan in _plans(tasks, keys):
            yield trial_run(plan, settings)


def workers_unsupported() -> str | None:
    """Why worker processes cannot be used on this database, or None when they can."""
    if connection.vendor != "sqlite":
        return (
            "--concurrency above 1 needs the SQLite database (each worker evaluates on its own copy); "
            "on PostgreSQL, run several commands with separate --tasks instead"
        )
    return None


def trials_in_workers(
    tasks: Sequence[EvalTask],
    keys: Sequence[TrialKey],
    settings: RunSettings,
    overrides: Sequence[TierOverride],
    *,
    workers: int,
) -> Iterator[TrialRecord]:
    """The trials spread over `workers` processes, each on its own copy of the database, yielded
    as they finish (not in order)."""
    reason = workers_unsupported()
    if reason is not None:
        raise ValueError(reason)
    with tempfile.TemporaryDirectory(prefix="supportagent-evaluate-") as scratch:
        # Copied before this process writes anything: SQLite cannot copy a database from a
        # connection that is in the middle of writing to it.
        copies = _database_copies(Path(scratch), workers)
        with evaluation_session(overrides):  # also checks the overrides before any worker starts
            plans = _plans(tasks, keys)
        context = multiprocessing.get_context("spawn")
        databases = context.Queue()
        for path in copies:
            databases.put(str(path))
        texts = [override.as_text() for override in overrides]
        # A worker that cannot start breaks the pool (BrokenProcessPool) instead of being respawned.
        pool = ProcessPoolExecutor(
            workers, mp_context=context, initializer=worker_start, initargs=(databases, texts)
        )
        try:
            futures = [pool.submit(worker_trial, (plan, settings)) for plan in plans]
            for future in as_completed(futures):
                yield future.result()
        finally:
            # Interrupted: the trials not started yet are dropped, the running ones finish.
            pool.shutdown(cancel_futures=True)


def _database_copies(directory: Path, count: int) -> list[Path]:
    """Consistent copies of the database (SQLite's online backup), one per worker."""
    connection.ensure_connection()
    source = connection.connection
    paths = []
    for number in range(count):
        path = directory / f"worker-{number}.sqlite3"
        target = sqlite3.connect(path)
        try:
            source.backup(target, progress=_impatient())
        finally:
            target.close()
        paths.append(path)
    return paths


# SQLite retries a copy of a locked database forever (every 0.25 s); a writer holding the lock
# for this long will not let go soon.
MAX_LOCKED_RETRIES = 40


def _impatient() -> Callable[[int, int, int], object]:
    retries = 0

    def progress(status: int, remaining: int, total: int) -> None:
        nonlocal retries
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            retries += 1
            if retries > MAX_LOCKED_RETRIES:
                raise ValueError("the database stayed locked by a writer; cannot copy it for the workers")

    return progress
