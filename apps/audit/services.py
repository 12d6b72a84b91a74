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

from .models import AuditEvent

GENESIS = "0" * 64
SYSTEM_STREAM = "system"


def conversation_stream(conversation_id: int | str | None) -> str:
    """The audit stream of one conversation (every event about it is chained there); events
    outside any conversation go to the system stream."""
    return SYSTEM_STREAM if conversation_id is None else f"conversation:{conversation_id}"


_MAX_APPEND_ATTEMPTS = 20


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


def audit_record(
    *, kind: str, actor: str, payload: dict[str, Any], stream: str = SYSTEM_STREAM
) -> AuditEvent:
    """Append one event to a stream's chain.

    Runs in the caller's transaction, so an event is stored exactly when the change it
    describes is. Two writers racing for the same sequence number meet the unique
    constraint; the loser re-reads the chain's head and tries again.
    """
    # Round-trip through JSON so the stored payload is exactly what was hashed.
    payload = json.loads(_canonical(payload))
    for _ in range(_MAX_APPEND_ATTEMPTS):
        head = AuditEvent.objects.filter(stream=stream).order_by("-seq").values("seq", "hash").first()
        seq = head["seq"] + 1 if head else 1
        prev_hash = head["hash"] if head else GENESIS
        created_at = timezone.now()
        event = AuditEvent(
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
        try:
            with transaction.atomic():
                event.save()
        except IntegrityError:
            continue
        return event
    raise RuntimeError(f"could not append to audit stream {stream!r}: too much contention")


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
