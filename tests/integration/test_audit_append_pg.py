"""Appends to one stream inside one transaction reuse the head they locked (PostgreSQL); a
rolled-back append, whole or to a savepoint, is never chained onto."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from apps.audit.models import AuditEvent, AuditStreamHead
from apps.audit.services import audit_chain_breaks, audit_record, event_rehash

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

STREAM = "conversation:append-test"


def _append(n: int) -> AuditEvent:
    return audit_record(kind="action", actor="test", stream=STREAM, payload={"n": n})


def _append_then_fail(n: int) -> None:
    with transaction.atomic():
        _append(n)
        raise RuntimeError("failed after the append")


def test_a_second_append_in_the_same_transaction_chains_on_without_reading_the_head():
    _append(0)  # the head exists
    with transaction.atomic():
        first = _append(1)
        with CaptureQueriesContext(connection) as second_queries:
            second = _append(2)
    assert (second.seq, second.prev_hash) == (first.seq + 1, first.hash)
    assert len(second_queries.captured_queries) == 1  # the insert that moves the head, no read
    assert list(audit_chain_breaks(stream=STREAM)) == []


def test_an_append_rolled_back_to_a_savepoint_is_not_chained_onto():
    _append(0)
    with transaction.atomic():
        kept = _append(1)
        with pytest.raises(RuntimeError):
            _append_then_fail(2)  # a savepoint, rolled back
        after = _append(3)
    assert (after.seq, after.prev_hash) == (kept.seq + 1, kept.hash)
    assert [e.payload["n"] for e in AuditEvent.objects.filter(stream=STREAM).order_by("seq")] == [0, 1, 3]
    assert list(audit_chain_breaks(stream=STREAM)) == []


def test_a_transaction_rolled_back_leaves_the_next_one_to_read_the_head_again():
    _append(0)
    with pytest.raises(RuntimeError):
        _append_then_fail(1)  # a whole transaction, rolled back
    with CaptureQueriesContext(connection) as queries:
        after = _append(2)
    assert after.seq == 2
    assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries)
    assert AuditStreamHead.objects.get(stream=STREAM).seq == 2
    assert list(audit_chain_breaks(stream=STREAM)) == []


def test_a_committed_transaction_leaves_the_next_one_to_lock_the_head_again():
    with transaction.atomic():
        _append(0)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        _append(1)
    assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries)
    assert list(audit_chain_breaks(stream=STREAM)) == []


def test_an_append_outside_a_transaction_is_one_statement_whose_hash_python_recomputes():
    _append(0)
    payload = {"text": 'Ünïcode ✓ and "quotes"', "nested": {"b": [1, 2.5, None], "a": True}, "n": 1}
    with CaptureQueriesContext(connection) as queries:
        event = audit_record(kind="answer", actor="agent:fast", stream=STREAM, payload=payload)
    assert len(queries.captured_queries) == 1
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.seq, stored.hash, stored.prev_hash) == (event.seq, event.hash, event.prev_hash)
    assert event_rehash(stored) == stored.hash
    assert list(audit_chain_breaks(stream=STREAM)) == []


def test_the_first_append_to_a_new_stream_creates_its_head():
    event = audit_record(kind="action", actor="test", stream="conversation:brand-new", payload={})
    assert (event.seq, event.prev_hash) == (1, "0" * 64)
    assert AuditStreamHead.objects.get(stream="conversation:brand-new").hash == event.hash


def test_appends_racing_on_one_stream_from_many_connections_chain_without_gaps():
    _append(0)

    def writer(base: int) -> None:
        try:
            for n in range(10):
                if n % 2:
                    _append(base + n)  # alone: one statement
                else:
                    with transaction.atomic():  # with another append, in a transaction
                        _append(base + n)
                        audit_record(kind="action", actor="test", stream=STREAM, payload={"n": -1})
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(writer, [100 * w for w in range(1, 7)]))
    seqs = list(AuditEvent.objects.filter(stream=STREAM).order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, 1 + 1 + 6 * 15))
    assert list(audit_chain_breaks(stream=STREAM)) == []


def test_events_appended_together_are_one_statement_once_the_head_is_held_and_chain_as_one_by_one():
    from apps.audit.services import audit_records

    _append(0)
    with transaction.atomic():
        thought = _append(1)  # locks the head, as a step's thought does
        with CaptureQueriesContext(connection) as queries:
            action, observation = audit_records(
                stream=STREAM,
                events=[("action", "test", {"n": 2}), ("observation", "test", {"n": 3, "at": "x"})],
            )
        after = _append(4)
    # then one round trip for both, chained on the held head, and the next append chains on them
    assert len(queries.captured_queries) == 1
    assert (action.seq, action.prev_hash) == (thought.seq + 1, thought.hash)
    assert (observation.seq, observation.prev_hash) == (action.seq + 1, action.hash)
    assert (after.seq, after.prev_hash) == (observation.seq + 1, observation.hash)
    stored = {e.seq: e for e in AuditEvent.objects.filter(stream=STREAM)}
    assert stored[action.seq].pk == action.pk
    assert stored[observation.seq].pk == observation.pk
    assert all(event_rehash(e) == e.hash for e in stored.values())
    assert list(audit_chain_breaks(stream=STREAM)) == []


def test_events_appended_together_outside_a_transaction_each_take_the_head():
    from apps.audit.services import audit_records

    _append(0)
    appended = audit_records(
        stream=STREAM, events=[("action", "t", {"n": 1}), ("observation", "t", {"n": 2})]
    )
    assert [e.seq for e in appended] == [2, 3]
    assert AuditStreamHead.objects.get(stream=STREAM).seq == 3
    assert list(audit_chain_breaks(stream=STREAM)) == []
