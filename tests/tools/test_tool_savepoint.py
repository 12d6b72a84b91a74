"""A tool runs in a savepoint taken before its first query: undone when it fails, and no
SAVEPOINT / RELEASE round trips for a tool that never touches the database."""

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from apps.audit.models import AuditEvent
from apps.commerce.models import Order
from apps.tools.executor import tool_execute

OLIVIA_PENDING_GIFT_CARD_ORDER = "#W3657213"


def _savepoints(queries) -> int:
    return sum(1 for q in queries.captured_queries if q["sql"].upper().startswith("SAVEPOINT"))


def test_a_tool_that_makes_no_query_costs_no_savepoint_of_its_own(db, system):
    # given a step's transaction, when the model calls a tool that only computes
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        observation = tool_execute(system, "calculate", {"expression": "19.99 * 2"})
    # then the call's own savepoint (tool_execute) is the only one
    assert observation.text == "39.98"
    assert _savepoints(queries) == 1


def test_a_tool_that_queries_runs_in_a_savepoint_of_its_own(db, system):
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        observation = tool_execute(system, "get_order_details", {"order_id": OLIVIA_PENDING_GIFT_CARD_ORDER})
    assert observation.ok
    assert _savepoints(queries) == 2


def test_a_database_error_inside_a_tool_is_undone_and_the_call_still_recorded(db, system, monkeypatch):
    # given a tool that writes, then hits a database error
    from apps.commerce import services

    def write_then_fail(*, order_id, reason):
        Order.objects.filter(order_id=order_id).update(status="cancelled")
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr(services, "order_cancel", write_then_fail)
    before = AuditEvent.objects.count()

    # when the model calls it inside a step's transaction
    with transaction.atomic():
        observation = tool_execute(
            system,
            "cancel_pending_order",
            {"order_id": OLIVIA_PENDING_GIFT_CARD_ORDER, "reason": "no longer needed"},
        )
        # then the transaction is still usable: the call's action and observation are recorded
        assert AuditEvent.objects.count() == before + 2

    assert observation.error_code == "internal_error"
    assert Order.objects.get(order_id=OLIVIA_PENDING_GIFT_CARD_ORDER).status == "pending"


def test_a_tool_that_fails_before_any_query_leaves_no_on_commit_callback(
    db, system, monkeypatch, django_capture_on_commit_callbacks
):
    # given a tool that registers an after-commit action, then fails without having queried
    from apps.tools.retail import lookups

    def fail_after_registering(expression):
        transaction.on_commit(lambda: None)
        raise RuntimeError("no")

    monkeypatch.setattr(lookups, "calculate", fail_after_registering)

    # when the model calls it in a step's transaction
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        observation = tool_execute(system, "calculate", {"expression": "1 + 1"})

    # then the failed call's callback is gone, as a rolled-back savepoint's would be
    assert observation.error_code == "internal_error"
    assert callbacks == []
