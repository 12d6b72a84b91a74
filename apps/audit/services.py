"""Appending to the audit trail and checking that nobody rewrote it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
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


def _head_for_update(stream: str) -> AuditStreamHead:
    """The stream's head row, locked until the caller's transaction ends (created if new)."""
    head = AuditStreamHead.objects.select_for_update().filter(stream=stream).first()
    if head is not None:
        return head
    try:
        with transaction.atomic():
            # The new row stays locked by this insert; a racing insert waits on it, then fails.
            return AuditStreamHead.objects.create(stream=stream, seq=0, hash=GENESIS)
    except IntegrityError:
        return AuditStreamHead.objects.select_for_update().get(stream=stream)


@transaction.atomic
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
    head = _head_for_update(stream)
    seq, prev_hash, created_at = head.seq + 1, head.hash, timezone.now()
    event = AuditEvent.objects.create(
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
    head.seq, head.hash = seq, event.hash
    head.save(update_fields=["seq", "hash"])
    return event


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
        recomputed = event_hash(
            prev_hash=event.prev_hash,
            stream=event.stream,
            seq=event.seq,
            kind=event.kind,
            actor=event.actor,
            payload=event.payload,
            created_at=event.created_at,
        )
        if recomputed != event.hash:
            yield f"{stream}#{event.seq}: content does not match its hash"
        prev_hash = event.hash
        expected_seq = event.seq + 1
    head = AuditStreamHead.objects.filter(stream=stream).first()
    if head is not None and (head.seq, head.hash) != (expected_seq - 1, prev_hash):
        last = expected_seq - 1
        yield f"{stream}: the newest event should be #{head.seq}; the chain ends at #{last}"
