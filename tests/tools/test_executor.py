from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.principals import Principal
from apps.accounts.roles import Role
from apps.audit.models import AuditEvent
from apps.commerce.fingerprint import state_hash
from apps.commerce.models import Order, PaymentMethod, PaymentTransaction
from apps.commerce.selectors import store_state
from apps.tools.executor import tool_execute
from apps.tools.models import Tool, ToolCall

OLIVIA = "olivia_ito_3591"
OLIVIA_PENDING_GIFT_CARD_ORDER = "#W3657213"  # paid 3570.34 with gift_card_7794233 (balance 56)
JAMES_ORDER = "#W2611340"  # belongs to james_li_5688


def problems(observation):
    return {(e["field"], e["problem"].split(" ")[0]) for e in observation.data["errors"]}


@pytest.mark.parametrize(
    ("arguments", "field", "words"),
    [
        ({"reason": "no longer needed"}, "order_id", ["required"]),
        ({"order_id": 1234567, "reason": "no longer needed"}, "order_id", ["expected string", "integer"]),
        ({"order_id": "W1234567", "reason": "no longer needed"}, "order_id", ["matching", "'#W0000000'"]),
        ({"order_id": "#W3657213", "reason": "changed my mind"}, "reason", ["one of", "changed my mind"]),
        ({"order_id": "#W3657213", "reason": "no longer needed", "refund": "all"}, "", ["'refund'"]),
    ],
)
def test_a_schema_error_names_the_field_and_what_was_expected(db, system, arguments, field, words):
    before = state_hash(store_state())

    observation = tool_execute(system, "cancel_pending_order", arguments)

    assert not observation.ok
    assert observation.error_code == "invalid_arguments"
    assert any(e["field"] == field for e in observation.data["errors"])
    for word in words:
        assert word in observation.text
    assert "Nothing was changed" in observation.text
    assert state_hash(store_state()) == before


def test_arguments_arrive_as_a_json_string_from_the_model(db, system):
    observation = tool_execute(system, "get_order_details", '{"order_id": "#W2611340"}')
    assert observation.ok
    assert observation.data["order_id"] == "#W2611340"


def test_malformed_json_is_an_observation_not_an_exception(db, system):
    observation = tool_execute(system, "get_order_details", '{"order_id": "#W2611340"')
    assert not observation.ok
    assert observation.error_code == "invalid_json"
    assert "not valid JSON" in observation.text


def test_oversized_arguments_are_refused_before_parsing(db, system, settings):
    settings.SUPPORTAGENT = {**settings.SUPPORTAGENT, "MAX_TOOL_ARGUMENT_BYTES": 100}
    observation = tool_execute(system, "transfer_to_human_agents", '{"summary": "' + "x" * 200 + '"}')
    assert observation.error_code == "arguments_too_large"


def test_an_unknown_tool_lists_the_real_ones(db, system):
    observation = tool_execute(system, "refund_everything", {})
    assert observation.error_code == "unknown_tool"
    assert "cancel_pending_order" in observation.text


def test_a_tool_disabled_by_an_admin_is_refused(db, system):
    Tool.objects.filter(name="calculate").update(enabled=False)
    observation = tool_execute(system, "calculate", {"expression": "1 + 1"})
    assert observation.error_code == "unknown_tool"


def test_a_customer_reads_their_own_order(db, customer_principal):
    observation = tool_execute(customer_principal(OLIVIA), "get_order_details", {"order_id": "#W5442520"})
    assert observation.ok
    assert observation.data["user_id"] == OLIVIA


def test_a_customer_cannot_read_another_customers_order(db, customer_principal):
    observation = tool_execute(customer_principal(OLIVIA), "get_order_details", {"order_id": JAMES_ORDER})

    assert not observation.ok
    assert observation.error_code == "permission_denied"
    assert "james" not in observation.text.lower()
    denied = AuditEvent.objects.filter(kind=AuditEvent.Kind.PERMISSION_DENIED).last()
    assert denied.payload["tool"] == "get_order_details"
    assert denied.actor == f"customer:{OLIVIA}"


def test_a_customer_cannot_change_another_customers_order_or_profile(db, customer_principal):
    principal = customer_principal(OLIVIA)
    before = state_hash(store_state())

    cancel = tool_execute(
        principal, "cancel_pending_order", {"order_id": "#W4817420", "reason": "no longer needed"}
    )
    address = tool_execute(
        principal,
        "modify_user_address",
        {
            "user_id": "james_li_5688",
            "address1": "1 A St",
            "address2": "",
            "city": "X",
            "state": "NY",
            "country": "USA",
            "zip": "10001",
        },
    )

    assert cancel.error_code == address.error_code == "permission_denied"
    assert state_hash(store_state()) == before


def test_an_anonymous_visitor_reaches_no_order(db):
    observation = tool_execute(Principal.anonymous(), "get_order_details", {"order_id": JAMES_ORDER})
    assert observation.error_code == "permission_denied"


def test_an_l1_supervisor_reads_any_order_but_cannot_move_money(db, django_user_model):
    from django.contrib.auth.models import Group

    from apps.accounts.roles import GROUP_FOR_ROLE

    user = django_user_model.objects.create(username="l1")
    user.groups.add(Group.objects.get(name=GROUP_FOR_ROLE[Role.SUPERVISOR_L1]))
    principal = Principal(role=Role.SUPERVISOR_L1, user_id=user.pk)

    read = tool_execute(principal, "get_order_details", {"order_id": JAMES_ORDER})
    cancel = tool_execute(
        principal,
        "cancel_pending_order",
        {"order_id": OLIVIA_PENDING_GIFT_CARD_ORDER, "reason": "no longer needed"},
    )

    assert read.ok
    assert cancel.error_code == "permission_denied"
    assert Order.objects.get(order_id=OLIVIA_PENDING_GIFT_CARD_ORDER).status == "pending"


def test_an_unknown_order_id_is_not_found(db, system):
    observation = tool_execute(system, "get_order_details", {"order_id": "#W0000001"})
    assert observation.error_code == "not_found"


def test_a_repeated_call_with_the_same_idempotency_key_changes_nothing(db, customer_principal):
    principal = customer_principal(OLIVIA)
    arguments = {"order_id": OLIVIA_PENDING_GIFT_CARD_ORDER, "reason": "ordered by mistake"}

    first = tool_execute(principal, "cancel_pending_order", arguments, conversation=41, step=3)
    after_first = state_hash(store_state())
    second = tool_execute(principal, "cancel_pending_order", arguments, conversation=41, step=3)

    assert first.ok
    assert not first.replayed
    assert second.ok
    assert second.replayed
    assert second.text == first.text
    assert state_hash(store_state()) == after_first
    assert (
        PaymentTransaction.objects.filter(
            order__order_id=OLIVIA_PENDING_GIFT_CARD_ORDER, kind="refund"
        ).count()
        == 1
    )
    assert PaymentMethod.objects.get(method_id="gift_card_7794233").balance == Decimal("3626.34")
    assert ToolCall.objects.filter(conversation_ref="41").count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the claim without a savepoint is PostgreSQL's")
def test_a_call_claims_its_idempotency_key_without_a_savepoint_of_its_own(db, customer_principal):
    principal = customer_principal(OLIVIA)
    arguments = {"order_id": OLIVIA_PENDING_GIFT_CARD_ORDER}

    with CaptureQueriesContext(connection) as queries:
        first = tool_execute(principal, "get_order_details", arguments, conversation=43, step=1)
    again = tool_execute(principal, "get_order_details", arguments, conversation=43, step=1)

    # the idempotency row's insert is not wrapped in a savepoint of its own
    sql = [q["sql"] for q in queries.captured_queries]
    insert = f"INSERT INTO {ToolCall._meta.db_table} "
    at = next(i for i, text in enumerate(sql) if text.replace('"', "").startswith(insert))
    assert not sql[at - 1].startswith("SAVEPOINT"), sql[at - 1 : at + 2]
    assert not sql[at + 1].startswith("RELEASE SAVEPOINT"), sql[at - 1 : at + 2]
    stored = ToolCall.objects.get(conversation_ref="43")
    assert (stored.tool_name, stored.step, stored.arguments) == ("get_order_details", 1, arguments)
    assert stored.principal == principal.as_dict()
    assert stored.created_at is not None
    assert (stored.ok, stored.text) == (True, first.text)
    assert again.replayed
    assert again.text == first.text


def test_the_same_call_at_a_later_step_is_a_new_call(db, customer_principal):
    principal = customer_principal(OLIVIA)
    arguments = {"order_id": OLIVIA_PENDING_GIFT_CARD_ORDER, "reason": "ordered by mistake"}
    tool_execute(principal, "cancel_pending_order", arguments, conversation=42, step=1)

    again = tool_execute(principal, "cancel_pending_order", arguments, conversation=42, step=2)

    assert not again.ok
    assert again.error_code == "wrong_status"


@pytest.mark.parametrize(
    ("tool", "arguments", "code"),
    [
        ("cancel_pending_order", {"order_id": "#W5866402", "reason": "no longer needed"}, "wrong_status"),
        (
            "return_delivered_order_items",
            {"order_id": "#W5866402", "item_ids": ["6242772310"], "payment_method_id": "credit_card_9753331"},
            "refund_method_not_allowed",
        ),
        (
            "return_delivered_order_items",
            {
                "order_id": "#W5866402",
                "item_ids": ["6242772310", "6242772310"],
                "payment_method_id": "paypal_8049766",
            },
            "item_not_in_order",
        ),
        (
            "modify_pending_order_payment",
            {"order_id": "#W5442520", "payment_method_id": "gift_card_7794233"},
            "insufficient_balance",
        ),
        (
            "modify_pending_order_payment",
            {"order_id": "#W5442520", "payment_method_id": "gift_card_1725971"},
            "payment_method_not_found",
        ),
        (
            "modify_pending_order_items",
            {
                "order_id": "#W5442520",
                "item_ids": ["3330317167"],
                "new_item_ids": ["6469567736"],
                "payment_method_id": "paypal_8049766",
            },
            "variant_not_found",
        ),
    ],
)
def test_a_failing_write_leaves_the_store_fingerprint_unchanged(
    db, customer_principal, tool, arguments, code
):
    before = state_hash(store_state())

    observation = tool_execute(customer_principal(OLIVIA), tool, arguments)

    assert not observation.ok
    assert observation.error_code == code
    assert state_hash(store_state()) == before


def test_every_call_is_audited_with_action_and_observation(db, system):
    before = AuditEvent.objects.count()
    tool_execute(system, "calculate", {"expression": "2 * (3 + 4)"})
    events = list(AuditEvent.objects.order_by("-id")[:2])[::-1]
    assert AuditEvent.objects.count() == before + 2
    assert [e.kind for e in events] == ["action", "observation"]
    assert events[0].payload["arguments"] == {"expression": "2 * (3 + 4)"}
    assert events[1].payload["text"] == "14.00"


def test_an_unexpected_exception_becomes_an_observation_and_rolls_back(db, system, monkeypatch):
    from apps.commerce import services

    def explode_after_writing(*, order_id, reason):
        Order.objects.filter(order_id=order_id).update(status="cancelled")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(services, "order_cancel", explode_after_writing)
    observation = tool_execute(
        system,
        "cancel_pending_order",
        {"order_id": OLIVIA_PENDING_GIFT_CARD_ORDER, "reason": "no longer needed"},
    )
    assert observation.error_code == "internal_error"
    assert "disk on fire" not in observation.text
    assert Order.objects.get(order_id=OLIVIA_PENDING_GIFT_CARD_ORDER).status == "pending"


def test_a_failed_audit_append_after_the_write_undoes_the_write_and_returns_an_observation(
    db, system, monkeypatch
):
    # given the audit trail fails when the call is recorded, after the tool has written
    from django.db import OperationalError

    from apps.tools import executor

    def audit_down(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(executor, "audit_record", audit_down)
    monkeypatch.setattr(executor, "audit_records", audit_down)  # the action and observation together
    before = state_hash(store_state())

    # when the model cancels an order
    observation = tool_execute(
        system,
        "cancel_pending_order",
        {"order_id": OLIVIA_PENDING_GIFT_CARD_ORDER, "reason": "no longer needed"},
        conversation=77,
        step=1,
    )

    # then it gets an observation it can act on, nothing changed, and no call was recorded as done
    assert (observation.ok, observation.error_code) == (False, "internal_error")
    assert "connection" not in observation.text
    assert state_hash(store_state()) == before
    assert not ToolCall.objects.filter(conversation_ref="77").exists()
