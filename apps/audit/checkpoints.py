"""Signed checkpoints of the audit trail's stream heads, kept outside the database.

The hash chain shows an edited row, but someone who can write to the database can also delete
a stream's newest events and rewind its head row, delete a stream whole, or rewrite a row and
re-chain everything after it. A checkpoint records every stream's (seq, hash) at a moment,
signed with HMAC-SHA256 under a key that is not in the database (SUPPORTAGENT_AUDIT_KEY, else
derived from DJANGO_SECRET_KEY), and is written to a file (and may be exported anywhere else).
`audit_verify` then checks that each checkpointed event is still there, with the same hash.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from .models import AuditEvent, AuditStreamHead


def _key() -> bytes:
    configured = getattr(settings, "SUPPORTAGENT_AUDIT_KEY", "")
    if configured:
        return str(configured).encode()
    return hashlib.sha256(f"supportagent.audit-checkpoint:{settings.SECRET_KEY}".encode()).digest()


def _canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def checkpoint_sign(body: dict[str, Any]) -> str:
    return hmac.new(_key(), _canonical(body), hashlib.sha256).hexdigest()


def checkpoint_take() -> dict[str, Any]:
    """Every stream's head now, signed."""
    heads = {head.stream: {"seq": head.seq, "hash": head.hash} for head in AuditStreamHead.objects.all()}
    body = {"taken_at": timezone.now().isoformat(), "heads": heads}
    return {**body, "signature": checkpoint_sign(body)}


def checkpoint_path() -> Path:
    return Path(
        getattr(settings, "SUPPORTAGENT_AUDIT_CHECKPOINT_FILE", settings.VAR_DIR / "audit-checkpoint.json")
    )


def checkpoint_write(path: Path | None = None) -> dict[str, Any]:
    """Take a checkpoint and write it (atomically) to `path`, by default the configured file."""
    target = path or checkpoint_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    checkpoint = checkpoint_take()
    temporary = target.with_suffix(target.suffix + ".tmp")
    temporary.write_text(json.dumps(checkpoint, indent=1, sort_keys=True), "utf-8")
    temporary.replace(target)
    return checkpoint


def checkpoint_read(path: Path | None = None) -> dict[str, Any] | None:
    target = path or checkpoint_path()
    if not target.exists():
        return None
    return json.loads(target.read_text("utf-8"))


def checkpoint_breaks(checkpoint: dict[str, Any], *, streams: list[str] | None = None) -> Iterator[str]:
    """Every way the trail now disagrees with a signed checkpoint."""
    body = {k: v for k, v in checkpoint.items() if k != "signature"}
    if not constant_time_compare(checkpoint_sign(body), str(checkpoint.get("signature", ""))):
        yield "checkpoint: the signature does not match (the file was altered, or another key signed it)"
        return
    for stream, head in sorted(body.get("heads", {}).items()):
        if streams is not None and stream not in streams:
            continue
        if int(head["seq"]) == 0:
            continue
        event = AuditEvent.objects.filter(stream=stream, seq=head["seq"]).only("hash").first()
        if event is None:
            if not AuditEvent.objects.filter(stream=stream).exists():
                yield f"{stream}: the stream was deleted (checkpoint at #{head['seq']})"
            else:
                yield f"{stream}: event #{head['seq']} from the checkpoint is missing (a deleted tail)"
        elif event.hash != head["hash"]:
            yield f"{stream}#{head['seq']}: the hash differs from the checkpoint (rows were re-chained)"
