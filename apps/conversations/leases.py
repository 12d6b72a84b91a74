"""The conversation's turn lease: one execution at a time per conversation, with a heartbeat.

Each execution (a turn, an assist) takes the lease with a token of its own, never a task id,
so a redelivered copy of a running turn finds the lease taken and leaves. The lease is short
(LEASE_SECONDS) and kept alive by one heartbeat thread per process, which renews every lease
the process holds in one UPDATE every few seconds. A process that dies stops renewing, and
its leases run out within seconds instead of minutes; the sweeper then re-dispatches the turn.

The lease is not a fence by itself: a write and an answer also re-read the conversation under
a row lock and check that the lease is still theirs (`conversation_turn_guard`).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.db import DatabaseError, close_old_connections, connection
from django.db.models import Q
from django.utils import timezone

from apps.core.conf import product_setting

from .models import Conversation

logger = logging.getLogger(__name__)


def lease_seconds() -> float:
    return float(product_setting("LEASE_SECONDS"))


def lease_token(prefix: str) -> str:
    """A token for one execution: unique, so nobody else (not even a redelivery) can enter."""
    return f"{prefix}-{uuid.uuid4().hex}"[:64]


def conversation_lease_acquire(*, conversation_id: int, owner: str, seconds: float | None = None) -> bool:
    """Take the conversation's turn lease unless someone else holds a live one."""
    now = timezone.now()
    until = now + timedelta(seconds=seconds if seconds is not None else lease_seconds())
    taken = (
        Conversation.objects.filter(pk=conversation_id)
        .filter(Q(turn_lease_until__isnull=True) | Q(turn_lease_until__lt=now) | Q(turn_lease_owner=owner))
        .update(turn_lease_owner=owner, turn_lease_until=until)
    )
    return taken == 1


def conversation_lease_release(*, conversation_id: int, owner: str) -> None:
    """Give the lease back; after a database error, on a fresh connection.

    A release that cannot reach the database at all is logged: the lease then runs out by
    itself within LEASE_SECONDS, since nobody renews it any more.
    """
    for attempt in range(3):
        try:
            if attempt:
                # The connection the turn used may be dead (terminated, or a broken
                # transaction); a release on it would fail too.
                connection.close()
            Conversation.objects.filter(pk=conversation_id, turn_lease_owner=owner).update(
                turn_lease_owner="", turn_lease_until=None
            )
            return
        except DatabaseError:
            if connection.in_atomic_block:
                raise
            logger.warning("could not release the lease of conversation %s", conversation_id, exc_info=True)
    logger.error("lease of conversation %s left to expire", conversation_id)


class LeaseKeeper:
    """Renews the leases this process holds, every `LEASE_SECONDS / 3`, from its own thread."""

    def __init__(self) -> None:
        self._held: dict[str, int] = {}  # owner token -> conversation id
        self._lost: set[str] = set()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def hold(self, conversation_id: int, owner: str) -> None:
        with self._lock:
            self._held[owner] = conversation_id
            self._lost.discard(owner)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="lease-heartbeat", daemon=True)
                self._thread.start()

    def drop(self, owner: str) -> None:
        with self._lock:
            self._held.pop(owner, None)
            self._lost.discard(owner)

    def lost(self, owner: str) -> bool:
        """True once a renewal found the lease no longer ours (it ran out and was taken)."""
        with self._lock:
            return owner in self._lost

    def renew_now(self) -> None:
        """Renew every held lease once (the thread's body; tests call it directly)."""
        with self._lock:
            owners = list(self._held)
        if not owners:
            return
        until = timezone.now() + timedelta(seconds=lease_seconds())
        Conversation.objects.filter(turn_lease_owner__in=owners).update(turn_lease_until=until)
        still = set(
            Conversation.objects.filter(turn_lease_owner__in=owners).values_list(
                "turn_lease_owner", flat=True
            )
        )
        with self._lock:
            for owner in owners:
                if owner not in still and owner in self._held:
                    self._lost.add(owner)

    def _run(self) -> None:
        while True:
            self._wake.wait(max(lease_seconds() / 3, 0.2))
            try:
                self.renew_now()
            except Exception:
                logger.warning("lease heartbeat failed; retrying", exc_info=True)
            finally:
                close_old_connections()
            with self._lock:
                if not self._held:
                    self._thread = None
                    return


lease_keeper = LeaseKeeper()


@contextmanager
def conversation_lease(*, conversation_id: int, owner: str, heartbeat: bool = True) -> Iterator[bool]:
    """Hold the lease for the block (yields False, holding nothing, when someone else has it).

    With `heartbeat`, the process's keeper renews it while the block runs; it is released on
    the way out, on a fresh connection if the block's failed.
    """
    if not conversation_lease_acquire(conversation_id=conversation_id, owner=owner):
        yield False
        return
    if heartbeat:
        lease_keeper.hold(conversation_id, owner)
    try:
        yield True
    finally:
        lease_keeper.drop(owner)
        conversation_lease_release(conversation_id=conversation_id, owner=owner)
