import pytest

from apps.audit.models import AuditEvent
from apps.audit.services import GENESIS, audit_chain_breaks, audit_record


def test_events_chain_by_hash_within_a_stream(db):
    first = audit_record(kind="route", actor="system", payload={"label": "faq"}, stream="conversation:7")
    second = audit_record(kind="answer", actor="system", payload={"text": "hi"}, stream="conversation:7")
    other = audit_record(kind="route", actor="system", payload={}, stream="conversation:8")

    assert (first.seq, second.seq, other.seq) == (1, 2, 1)
    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.hash
    assert list(audit_chain_breaks(stream="conversation:7")) == []


def test_events_cannot_be_changed_or_deleted(db):
    event = audit_record(kind="route", actor="system", payload={}, stream="s")
    event.kind = "answer"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).update(kind="answer")
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_a_rewritten_event_breaks_the_chain(db):
    audit_record(kind="route", actor="system", payload={"label": "faq"}, stream="s")
    audit_record(kind="answer", actor="system", payload={"text": "Your refund is 10.00"}, stream="s")
    # someone edits the table behind the application's back
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET payload = %s WHERE stream = %s AND seq = 2",
            ['{"text": "Your refund is 1000.00"}', "s"],
        )
    breaks = list(audit_chain_breaks(stream="s"))
    assert breaks == ["s#2: content does not match its hash"]


def test_the_verify_command_reports_an_intact_or_a_broken_chain(db, capsys):
    from django.core.management import CommandError, call_command
    from django.db import connection

    audit_record(kind="route", actor="system", payload={"label": "faq"}, stream="conversation:5")
    audit_record(kind="answer", actor="system", payload={"text": "ok"}, stream="conversation:5")
    call_command("audit_verify", stream="conversation:5")
    assert "Audit trail intact: 1 stream(s), 2 event(s)." in capsys.readouterr().out

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET actor = 'someone else' WHERE stream = 'conversation:5' AND seq = 1"
        )
    with pytest.raises(CommandError):
        call_command("audit_verify", stream="conversation:5")
    assert "BROKEN conversation:5#1" in capsys.readouterr().out


def test_the_export_command_writes_one_json_line_per_event(db, tmp_path):
    import json

    from django.core.management import call_command

    first = audit_record(kind="route", actor="system", payload={"label": "faq"}, stream="conversation:6")
    audit_record(kind="answer", actor="system", payload={"text": "ok"}, stream="conversation:6")
    target = tmp_path / "audit.jsonl"

    call_command("audit_export", stream="conversation:6", output=str(target))

    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert [r["seq"] for r in rows] == [1, 2]
    assert rows[1]["prev_hash"] == first.hash


def test_deleting_the_newest_events_or_a_whole_stream_is_found(db):
    from django.db import connection

    from apps.audit.services import audit_streams

    for n in range(3):
        audit_record(kind="route", actor="system", payload={"n": n}, stream="conversation:9")
    audit_record(kind="route", actor="system", payload={}, stream="conversation:10")
    # someone deletes behind the application's back: the newest event of one stream, all of another
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE stream = 'conversation:9' AND seq = 3")
        cursor.execute("DELETE FROM audit_auditevent WHERE stream = 'conversation:10'")

    assert list(audit_chain_breaks(stream="conversation:9")) == [
        "conversation:9: the newest event should be #3; the chain ends at #2"
    ]
    assert "conversation:10" in audit_streams()
    assert list(audit_chain_breaks(stream="conversation:10")) == [
        "conversation:10: the newest event should be #1; the chain ends at #0"
    ]


def test_an_event_rolled_back_with_its_change_leaves_the_chain_whole(db):
    from django.db import transaction

    def failing_change():
        with transaction.atomic():
            audit_record(kind="action", actor="system", payload={"tool": "cancel"}, stream="s")
            raise RuntimeError("the change failed")

    audit_record(kind="route", actor="system", payload={}, stream="s")
    with pytest.raises(RuntimeError):
        failing_change()
    after = audit_record(kind="answer", actor="system", payload={}, stream="s")

    assert after.seq == 2
    assert list(audit_chain_breaks(stream="s")) == []
