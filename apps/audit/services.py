"""Appending to the audit trail and checking that nobody rewrote it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from .models import AuditEvent, AuditStreamHead

GENESIS = "0" * 64
SYSTEM_STREAM = "system"


def conversation_stream(conversation_id: int | str | None) -> str:
    """The audit stream of one conversation (every event about it is chained there); events
    outside any conversation go to the system stream."""
    return SYSTEM_STREAM if conversation_id is None else f"conversation:{conversation_id}"


def _canonical(payload: Any) -> str:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder)


def event_hash(
    *, prev_hash: str, stream: str, seq: int, kind: str, actor: str, payload: Any, created_at: datetime
) -> str:
    body = _canonical(
        {
            "prev": prev_hash,
            "stream": stream,
            "seq": seq,
            "kind": kind,
            "actor": actor,
            "payload": payload,
            "at": created_at.isoformat(),
        }
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def event_rehash(event: AuditEvent) -> str:
    """The hash a stored event should carry, recomputed from its own fields."""
    return event_hash(
        prev_hash=event.prev_hash,
        stream=event.stream,
        seq=event.seq,
        kind=event.kind,
        actor=event.actor,
        payload=event.payload,
        created_at=event.created_at,
    )


def _head_for_update(stream: str) -> AuditStreamHead:
    """The stream's head row, locked until the caller's transaction ends (created if new)."""
    if connection.vendor == "postgresql":
        known = _held_heads().get(stream)
        if known is not None:
            return AuditStreamHead(stream=stream, seq=known[0], hash=known[1])
        head = _head_locked(stream)
    else:
        head = AuditStreamHead.objects.select_for_update().filter(stream=stream).first()
    if head is not None:
        return head
    try:
        with transaction.atomic():
            # The new row stays locked by this insert; a racing insert waits on it, then fails.
            return AuditStreamHead.objects.create(stream=stream, seq=0, hash=GENESIS)
    except IntegrityError:
        return AuditStreamHead.objects.select_for_update().get(stream=stream)


def _head_locked(stream: str) -> AuditStreamHead | None:
    # Hand-written: the same query through the ORM cost more CPU to build than to run.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT seq, hash FROM {AuditStreamHead._meta.db_table} WHERE stream = %s FOR UPDATE",  # noqa: S608
            [stream],
        )
        row = cursor.fetchone()
    return None if row is None else AuditStreamHead(stream=stream, seq=row[0], hash=row[1])


# The heads this connection's open transaction has locked and moved, so the next append to the
# same stream in the same transaction (a step appends its thought, action and observation
# together) chains on without reading the head again: nobody else can move a head while the
# lock is held, and the transaction itself moves it only here. Each entry is valid while the
# on-commit marker registered with it is still pending: Django drops the markers of a savepoint
# rolled back (whose appends are undone with it) and of a transaction that ends either way.
def _held_heads() -> dict[str, tuple[int, str]]:
    held: dict[str, tuple[int, str, object]] = getattr(connection, "_audit_heads_held", {})
    # Django keeps (savepoint ids, function, robust) per pending callback.
    callbacks: list[Any] = connection.run_on_commit
    pending = {id(callback[1]) for callback in callbacks}
    for stream in [stream for stream, (_, _, marker) in held.items() if id(marker) not in pending]:
        del held[stream]  # rolled back: forget it (and keep the map small)
    return {stream: (seq, hash_) for stream, (seq, hash_, _) in held.items()}


def _head_moved(stream: str, seq: int, hash_: str) -> None:
    held: dict[str, tuple[int, str, object]] | None = getattr(connection, "_audit_heads_held", None)
    if held is None:
        held = connection._audit_heads_held = {}  # type: ignore[attr-defined]

    def marker() -> None:
        # Committed: the lock is gone, the next transaction reads the head afresh.
        if held.get(stream, (0, "", None))[2] is marker:
            held.pop(stream, None)

    held[stream] = (seq, hash_, marker)
    transaction.on_commit(marker)


def audit_stream_open(*, stream: str) -> None:
    """Create the stream's head (at genesis) if it has none, in one statement, so that its first
    append costs what every later one does (one statement on PostgreSQL) instead of also
    finding no head and creating it under a savepoint. Called where the stream's subject is
    created (a conversation), in the same transaction; appends still create a missing head."""
    AuditStreamHead.objects.bulk_create(
        [AuditStreamHead(stream=stream, seq=0, hash=GENESIS)], ignore_conflicts=True
    )


def audit_record(
    *, kind: str, actor: str, payload: dict[str, Any], stream: str = SYSTEM_STREAM
) -> AuditEvent:
    """Append one event to a stream's chain.

    Runs in the caller's transaction, so an event is stored exactly when the change it
    describes is. Appends to one stream are serialised on the stream's head row: a second
    writer waits until the first one's transaction ends, then chains onto what it wrote.
    """
    # Round-trip through JSON so the stored payload is exactly what was hashed.
    payload = json.loads(_canonical(payload))
    if connection.vendor == "postgresql" and stream not in _held_heads():
        # One statement locks the head, appends and moves the head (outside a transaction it
        # is one by itself), instead of BEGIN, a locking read, the append and COMMIT.
        event = _append_onto_locked_head(kind=kind, actor=actor, payload=payload, stream=stream)
        if event is not None:
            if connection.in_atomic_block:
                _head_moved(stream, event.seq, event.hash)
            return event
    return _audit_record_in_transaction(kind=kind, actor=actor, payload=payload, stream=stream)


def audit_records(*, stream: str, events: Sequence[tuple[str, str, dict[str, Any]]]) -> list[AuditEvent]:
    """Append (kind, actor, payload) events to one stream, in order, as `audit_record` would one
    at a time. On PostgreSQL, once the caller's transaction holds the stream's head, they go in
    one statement (a tool call's action and observation: one round trip, not two); the head's
    lock, the chain and its hashes are the same."""
    appended: list[AuditEvent] = []
    pending = list(events)
    if connection.vendor == "postgresql" and pending and stream not in _held_heads():
        kind, actor, payload = pending.pop(0)
        appended.append(audit_record(kind=kind, actor=actor, payload=payload, stream=stream))
    held = _held_heads().get(stream) if connection.vendor == "postgresql" else None
    if held is None or len(pending) < 2:
        for kind, actor, payload in pending:
            appended.append(audit_record(kind=kind, actor=actor, payload=payload, stream=stream))
        return appended
    seq, prev_hash = held
    chained = []
    for kind, actor, payload in pending:
        seq += 1
        # what is stored is exactly what was hashed
        chained.append(
            _chained(
                stream=stream,
                seq=seq,
                prev_hash=prev_hash,
                kind=kind,
                actor=actor,
                payload=json.loads(_canonical(payload)),
            )
        )
        prev_hash = chained[-1].hash
    _append_and_advance(*chained)
    _head_moved(stream, seq, prev_hash)
    return appended + chained


def _chained(*, stream: str, seq: int, prev_hash: str, kind: str, actor: str, payload: Any) -> AuditEvent:
    """The event at `seq` of the stream, after the event whose hash is `prev_hash`, with its hash
    (not yet stored)."""
    created_at = timezone.now()
    return AuditEvent(
        stream=stream,
        seq=seq,
        kind=kind,
        actor=actor,
        payload=payload,
        created_at=created_at,
        prev_hash=prev_hash,
        hash=event_hash(
            prev_hash=prev_hash,
            stream=stream,
            seq=seq,
            kind=kind,
            actor=actor,
            payload=payload,
            created_at=created_at,
        ),
    )


# No savepoint of its own: inside a caller's transaction a failed append fails that transaction
# whole (the change it describes must not be stored without it), and two queries are saved.
@transaction.atomic(savepoint=False)
def _audit_record_in_transaction(
    *, kind: str, actor: str, payload: dict[str, Any], stream: str
) -> AuditEvent:
    head = _head_for_update(stream)
    seq = head.seq + 1
    event = _chained(stream=stream, seq=seq, prev_hash=head.hash, kind=kind, actor=actor, payload=payload)
    if connection.vendor == "postgresql":
        _append_and_advance(event)
        _head_moved(stream, seq, event.hash)
    else:
        event.save(force_insert=True)
        AuditStreamHead.objects.filter(stream=stream).update(seq=seq, hash=event.hash)
    return event


def _hash_body_around(
    *, stream: str, kind: str, actor: str, payload: Any, created_at: datetime
) -> tuple[str, str, str]:
    """`event_hash`'s body in three pieces, to be joined around the previous hash and the seq
    (which only the locked head knows): the canonical JSON's keys are sorted, so "prev" and
    "seq" come between "payload" and "stream"."""
    before = _canonical({"actor": actor, "at": created_at.isoformat(), "kind": kind, "payload": payload})
    return before[:-1] + ',"prev":"', '","seq":', ',"stream":' + _canonical(stream) + "}"


def _append_onto_locked_head(*, kind: str, actor: str, payload: Any, stream: str) -> AuditEvent | None:
    """Lock the head, insert the event chained onto it (PostgreSQL hashes the same canonical
    body `event_hash` does) and move the head, in one statement. None if the stream has no head
    row yet (the caller then takes the slower path, which creates it)."""
    events, heads = AuditEvent._meta.db_table, AuditStreamHead._meta.db_table
    created_at = timezone.now()
    before, middle, after = _hash_body_around(
        stream=stream, kind=kind, actor=actor, payload=payload, created_at=created_at
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH head AS (SELECT seq, hash FROM {heads} WHERE stream = %s FOR UPDATE), "  # noqa: S608
            f"appended AS (INSERT INTO {events} "
            "(stream, seq, kind, actor, payload, created_at, prev_hash, hash) "
            "SELECT %s, head.seq + 1, %s, %s, %s::jsonb, %s, head.hash, encode(sha256(convert_to("
            "%s::text || head.hash || %s::text || (head.seq + 1)::text || %s::text, 'UTF8')), 'hex') "
            "FROM head RETURNING id, seq, prev_hash, hash) "
            f"UPDATE {heads} SET seq = appended.seq, hash = appended.hash FROM appended "
            f"WHERE {heads}.stream = %s "
            "RETURNING appended.id, appended.seq, appended.prev_hash, appended.hash",
            [stream, stream, kind, actor, _canonical(payload), created_at, before, middle, after, stream],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    event = AuditEvent(
        pk=row[0],
        stream=stream,
        seq=row[1],
        kind=kind,
        actor=actor,
        payload=payload,
        created_at=created_at,
        prev_hash=row[2],
        hash=row[3],
    )
    event._state.adding = False
    return event


def _append_and_advance(*events: AuditEvent) -> None:
    """Insert the events (consecutive, on one stream whose head this transaction holds) and move
    the head onto the last, in one round trip: a turn appends a dozen events, each a query less."""
    events_table, heads = AuditEvent._meta.db_table, AuditStreamHead._meta.db_table
    last = events[-1]
    values: list[str] = []
    params: list[Any] = []
    for event in events:
        values.append("(%s, %s, %s, %s, %s::jsonb, %s, %s, %s)")
        params += [
            event.stream,
            event.seq,
            event.kind,
            event.actor,
            _canonical(event.payload),
            event.created_at,
            event.prev_hash,
            event.hash,
        ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH appended AS (INSERT INTO {events_table} "  # noqa: S608 (table names from the models)
            "(stream, seq, kind, actor, payload, created_at, prev_hash, hash) "
            f"VALUES {', '.join(values)} RETURNING id, seq) "
            f"UPDATE {heads} SET seq = %s, hash = %s WHERE stream = %s "
            "RETURNING (SELECT array_agg(id ORDER BY seq) FROM appended)",
            [*params, last.seq, last.hash, last.stream],
        )
        row = cursor.fetchone()
    if row is None or not row[0] or len(row[0]) != len(events):
        raise RuntimeError(f"could not append to audit stream {last.stream}")
    for event, pk in zip(events, row[0], strict=True):
        event.pk = pk
        event._state.adding = False


def audit_streams() -> list[str]:
    """Every stream that has (or had) events: a stream deleted whole still has its head."""
    with_events = AuditEvent.objects.order_by().values_list("stream", flat=True).distinct()
    return sorted(set(with_events) | set(AuditStreamHead.objects.values_list("stream", flat=True)))


def audit_chain_breaks(*, stream: str) -> Iterator[str]:
    """Yield a description of every place where the stream's chain does not hold."""
    prev_hash = GENESIS
    expected_seq = 1
    for event in AuditEvent.objects.filter(stream=stream).order_by("seq").iterator():
        if event.seq != expected_seq:
            yield f"{stream}: expected seq {expected_seq}, found {event.seq}"
        if event.prev_hash != prev_hash:
            yield f"{stream}#{event.seq}: prev_hash does not match the previous event"
        recomputed = event_rehash(event)
        if recomputed != event.hash:
            yield f"{stream}#{event.seq}: content does not match its hash"
        prev_hash = event.hash
        expected_seq = event.seq + 1
    head = AuditStreamHead.objects.filter(stream=stream).first()
    if head is not None and (head.seq, head.hash) != (expected_seq - 1, prev_hash):
        last = expected_seq - 1
        yield f"{stream}: the newest event should be #{head.seq}; the chain ends at #{last}"
