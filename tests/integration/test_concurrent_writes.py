"""Two requests for the same order at the same moment, each on its own connection."""

import threading
from decimal import Decimal

import pytest
from django.db import connections

from apps.accounts.principals import Principal
from apps.audit.services import audit_chain_breaks
from apps.commerce.models import Order, PaymentMethod, PaymentTransaction, ReturnRequest
from apps.tools.executor import tool_execute
from apps.tools.models import ToolCall
from tests.factories import CustomerFactory, PaymentMethodFactory, VariantFactory, order_with_items

pytestmark = pytest.mark.django_db(transaction=True)


def run_at_once(calls):
    """Run each zero-argument callable in its own thread, released together; return their results."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def gift_card_order():
    customer = CustomerFactory()
    card = PaymentMethodFactory(customer=customer, balance=Decimal("10.00"))
    variants = [VariantFactory(price=Decimal("30.00")), VariantFactory(price=Decimal("12.50"))]
    return order_with_items(customer=customer, variants=variants, payment_method=card), card


def test_two_concurrent_cancellations_change_the_order_once(gift_card_order):
    order, card = gift_card_order
    arguments = {"order_id": order.order_id, "reason": "no longer needed"}

    results = run_at_once([lambda: tool_execute(Principal.system(), "cancel_pending_order", arguments)] * 2)

    assert sorted(r.ok for r in results) == [False, True]
    assert next(r for r in results if not r.ok).error_code == "wrong_status"
    assert Order.objects.get(pk=order.pk).status == "cancelled"
    assert PaymentTransaction.objects.filter(order=order, kind="refund").count() == 1
    assert PaymentMethod.objects.get(pk=card.pk).balance == Decimal("52.50")
    assert list(audit_chain_breaks(stream="system")) == []


def test_two_concurrent_returns_change_the_order_once():
    customer = CustomerFactory()
    card = PaymentMethodFactory(customer=customer)
    variants = [VariantFactory(), VariantFactory()]
    order = order_with_items(customer=customer, variants=variants, payment_method=card, status="delivered")
    calls = [
        lambda items=items: tool_execute(
            Principal.system(),
            "return_delivered_order_items",
            {"order_id": order.order_id, "item_ids": items, "payment_method_id": card.method_id},
        )
        for items in ([variants[0].item_id], [variants[0].item_id, variants[1].item_id])
    ]

    results = run_at_once(calls)

    assert sorted(r.ok for r in results) == [False, True]
    assert ReturnRequest.objects.filter(order=order).count() == 1
    winner = next(r for r in results if r.ok)
    assert ReturnRequest.objects.get(order=order).item_ids == sorted(winner.arguments["item_ids"])


def test_the_same_keyed_call_twice_at_once_runs_once(gift_card_order):
    order, card = gift_card_order
    arguments = {"order_id": order.order_id, "reason": "ordered by mistake"}

    def call():
        return tool_execute(Principal.system(), "cancel_pending_order", arguments, conversation=77, step=4)

    results = run_at_once([call, call])

    assert [r.ok for r in results] == [True, True]
    assert sorted(r.replayed for r in results) == [False, True]
    assert results[0].text == results[1].text
    assert ToolCall.objects.filter(conversation_ref="77").count() == 1
    assert PaymentTransaction.objects.filter(order=order, kind="refund").count() == 1
    assert PaymentMethod.objects.get(pk=card.pk).balance == Decimal("52.50")
    assert list(audit_chain_breaks(stream="conversation:77")) == []


def test_fifty_writes_on_fifty_orders_at_once_all_succeed_and_chain(db):
    # given 50 pending orders and 50 writers, each on its own connection, all auditing to the
    # system stream at the same moment
    orders = []
    for _ in range(50):
        customer = CustomerFactory()
        card = PaymentMethodFactory(customer=customer, balance=Decimal("0.00"))
        orders.append(order_with_items(customer=customer, variants=[VariantFactory()], payment_method=card))

    def cancel(order_id):
        arguments = {"order_id": order_id, "reason": "no longer needed"}
        return lambda: tool_execute(Principal.system(), "cancel_pending_order", arguments)

    # when they run at once
    results = run_at_once([cancel(order.order_id) for order in orders])

    # then every write happened, none raised, and the stream's chain holds
    assert [r.ok for r in results] == [True] * 50, [r.text for r in results if not r.ok][:3]
    assert Order.objects.filter(pk__in=[o.pk for o in orders], status="cancelled").count() == 50
    assert list(audit_chain_breaks(stream="system")) == []
