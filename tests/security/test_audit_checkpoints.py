"""V7: a signed checkpoint of the stream heads catches what the chain alone cannot."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from apps.audit.checkpoints import checkpoint_breaks, checkpoint_take
from apps.audit.services import audit_chain_breaks, audit_record


def _stream(name: str, events: int) -> None:
    for number in range(events):
        audit_record(kind="route", actor="system", payload={"n": number}, stream=name)


def _sql(statement: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_an_untouched_trail_matches_its_checkpoint(db):
    _stream("conversation:91", 3)
    assert list(checkpoint_breaks(checkpoint_take())) == []


def test_a_deleted_tail_with_its_head_rewound_is_caught(db):
    # given a checkpoint, then someone deletes the newest event and rewinds the head row
    _stream("conversation:92", 3)
    checkpoint = checkpoint_take()
    _sql("DELETE FROM audit_auditevent WHERE stream = %s AND seq = 3", "conversation:92")
    head_hash = _hash_of("conversation:92", 2)
    _sql(
        "UPDATE audit_auditstreamhead SET seq = 2, hash = %s WHERE stream = %s", head_hash, "conversation:92"
    )
    # the chain alone looks intact
    assert list(audit_chain_breaks(stream="conversation:92")) == []
    # the checkpoint does not
    assert any("deleted tail" in b for b in checkpoint_breaks(checkpoint))


def test_a_stream_deleted_whole_is_caught(db):
    _stream("conversation:93", 2)
    checkpoint = checkpoint_take()
    _sql("DELETE FROM audit_auditevent WHERE stream = %s", "conversation:93")
    _sql("DELETE FROM audit_auditstreamhead WHERE stream = %s", "conversation:93")
    assert any("stream was deleted" in b for b in checkpoint_breaks(checkpoint))


def test_a_rechained_row_is_caught(db):
    # given a row rewritten and every hash after it recomputed (a forger with the code)
    _stream("conversation:94", 2)
    checkpoint = checkpoint_take()
    _sql("DELETE FROM audit_auditevent WHERE stream = %s", "conversation:94")
    _sql("DELETE FROM audit_auditstreamhead WHERE stream = %s", "conversation:94")
    audit_record(kind="route", actor="system", payload={"n": "forged"}, stream="conversation:94")
    audit_record(kind="route", actor="system", payload={"n": 1}, stream="conversation:94")
    assert list(audit_chain_breaks(stream="conversation:94")) == []
    assert any("re-chained" in b for b in checkpoint_breaks(checkpoint))


def test_a_forged_checkpoint_is_refused(db):
    _stream("conversation:95", 1)
    checkpoint = checkpoint_take()
    checkpoint["heads"]["conversation:95"]["seq"] = 0
    assert any("signature" in b for b in checkpoint_breaks(checkpoint))


def test_audit_verify_fails_on_a_deleted_tail_given_the_checkpoint_file(db, tmp_path):
    _stream("conversation:96", 2)
    target = tmp_path / "checkpoint.json"
    call_command("audit_checkpoint", output=str(target))
    assert "conversation:96" in json.loads(target.read_text())["heads"]
    _sql("DELETE FROM audit_auditevent WHERE stream = %s AND seq = 2", "conversation:96")
    _sql(
        "UPDATE audit_auditstreamhead SET seq = 1, hash = %s WHERE stream = %s",
        _hash_of("conversation:96", 1),
        "conversation:96",
    )
    with pytest.raises(CommandError):
        call_command("audit_verify", checkpoint=str(target))


def _hash_of(stream: str, seq: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT hash FROM audit_auditevent WHERE stream = %s AND seq = %s", [stream, seq])
        return cursor.fetchone()[0]
