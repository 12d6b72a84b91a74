"""One turn reads the configuration once.

A turn asks for the same admin-edited rows many times (each tool's row at every step and in the
gate, the facts' signature for every search and for the guardrails, the model tiers). Inside
`config_snapshot()` the first read of each is kept and the rest reuse it, so a turn sees one
consistent configuration and pays one query for each; outside it every read goes to the
database as before. An admin's edit is seen from the next turn on (turns last seconds).

Per thread and per task (a context variable): the worker's turn threads never share a snapshot.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_snapshot: ContextVar[dict[Hashable, Any] | None] = ContextVar("config_snapshot", default=None)


@contextmanager
def config_snapshot() -> Iterator[None]:
    """Reads through `snapshot_cached` inside this block happen once (nested blocks share one)."""
    if _snapshot.get() is not None:
        yield
        return
    token = _snapshot.set({})
    try:
        yield
    finally:
        _snapshot.reset(token)


def snapshot_cached(key: Hashable, load: Callable[[], T]) -> T:
    """`load()`, remembered under `key` for the rest of the current snapshot (if any)."""
    snapshot = _snapshot.get()
    if snapshot is None:
        return load()
    if key not in snapshot:
        snapshot[key] = load()
    return snapshot[key]


def snapshot_active() -> bool:
    """Whether reads are being remembered (inside `config_snapshot()`)."""
    return _snapshot.get() is not None


def snapshot_forget(key: Hashable) -> None:
    """Drop one remembered read (the turn itself changed what it described)."""
    snapshot = _snapshot.get()
    if snapshot is not None:
        snapshot.pop(key, None)
