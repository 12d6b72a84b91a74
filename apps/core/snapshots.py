"""One turn reads the configuration once, and a process reads it again only when it changed.

A turn asks for the same admin-edited rows many times (each tool's row at every step and in the
gate, the facts' signature for every search and for the guardrails, the model tiers). Inside
`config_snapshot()` the first read of each is kept and the rest reuse it, so a turn sees one
consistent configuration; outside it every read goes to the database as before.

A read that names the tables it comes from (`tables=`) is also kept across turns in the process:
on entering a snapshot, one query fetches every configuration table's generation token
(apps/core/generations.py: changed by a trigger on every write, whoever writes), and a kept read
is reused only while the tokens of its tables are the ones it was read under. An admin's edit is
therefore seen by the very next turn of every worker process.

Per thread and per task (a context variable): the worker's turn threads never share a snapshot.
What a snapshot holds is never changed once read (callers must not mutate it): a turn keeps its
own references, so replacing a shared entry for a newer turn leaves older turns untouched.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Model

from .generations import config_generations

T = TypeVar("T")


@dataclass
class _Snapshot:
    generations: dict[str, int]
    reads: dict[Hashable, Any] = field(default_factory=dict)


_snapshot: ContextVar[_Snapshot | None] = ContextVar("config_snapshot", default=None)

# Reads kept across turns: key -> (the tokens of its tables it was read under, the value).
_shared: dict[Hashable, tuple[tuple[int, ...], Any]] = {}
_shared_lock = threading.Lock()


@contextmanager
def config_snapshot() -> Iterator[None]:
    """Reads through `snapshot_cached` inside this block happen once (nested blocks share one)."""
    if _snapshot.get() is not None:
        yield
        return
    token = _snapshot.set(_Snapshot(generations=config_generations()))
    try:
        yield
    finally:
        _snapshot.reset(token)


def snapshot_cached(key: Hashable, load: Callable[[], T], *, tables: tuple[type[Model], ...] = ()) -> T:
    """`load()`, remembered under `key` for the rest of the current snapshot (if any), and for
    later snapshots in this process while none of `tables` has changed (if given)."""
    snapshot = _snapshot.get()
    if snapshot is None:
        return load()
    if key in snapshot.reads:
        return snapshot.reads[key]
    generations = _generations_of(snapshot, tables)
    if generations is not None:
        with _shared_lock:
            kept = _shared.get(key)
        if kept is not None and kept[0] == generations:
            snapshot.reads[key] = kept[1]
            return kept[1]
    value = load()
    snapshot.reads[key] = value
    if generations is not None:
        with _shared_lock:
            _shared[key] = (generations, value)
    return value


def _generations_of(snapshot: _Snapshot, tables: tuple[type[Model], ...]) -> tuple[int, ...] | None:
    # None (read every turn) when no tables are named or one has no token (no trigger yet, or
    # its token row was just flushed).
    if not tables:
        return None
    tokens = tuple(snapshot.generations.get(model._meta.db_table) for model in tables)
    return None if None in tokens else tokens  # type: ignore[return-value]


def config_tokens(*tables: type[Model]) -> tuple[int, ...] | None:
    """The generation tokens of these tables: the current snapshot's (no query) inside one, read
    now outside; None when one of them has no token (then nothing proves it unchanged)."""
    snapshot = _snapshot.get()
    if snapshot is None:
        snapshot = _Snapshot(generations=config_generations())
    return _generations_of(snapshot, tables)


def snapshot_active() -> bool:
    """Whether reads are being remembered (inside `config_snapshot()`)."""
    return _snapshot.get() is not None


def snapshot_forget(key: Hashable) -> None:
    """Drop one remembered read (the turn itself changed what it described)."""
    snapshot = _snapshot.get()
    if snapshot is not None:
        snapshot.reads.pop(key, None)
