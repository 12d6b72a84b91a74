from decimal import Decimal

import pytest

from apps.commerce.models import ExchangeRequest, Order, PaymentMethod, ReturnRequest
from apps.core.errors import InvalidRequest
from apps.tools.executor import tool_execute
from apps.tools.retail.arithmetic import calculate
from tests.factories import CustomerFactory, PaymentMethodFactory, VariantFactory, order_with_items


def test_cancelling_a_gift_card_order_credits_the_card_at_once(db, system):
    observation = tool_execute(
        system, "cancel_pending_order", {"order_id": "#W3657213", "reason": "no longer needed"}
    )

    assert observation.ok
    assert observation.data["status"] == "cancelled"
    assert observation.data["cancel_reason"] == "no longer needed"
    assert observation.data["payment_history"][-1] == {
        "transaction_type": "refund",
        "amount": "3570.34",
        "payment_method_id": "gift_card_7794233",
    }
    assert PaymentMethod.objects.get(method_id="gift_card_7794233").balance == Decimal("3626.34")


def test_cancelling_after_a_payment_change_refunds_only_what_is_held(db, system):
    # given an order moved from its card to PayPal (payment on PayPal, refund to the card)
    tool_execute(
        system,
        "modify_pending_order_payment",
        {"order_id": "#W5442520", "payment_method_id": "paypal_8049766"},
    )
    # when it is cancelled
    observation = tool_execute(
        system, "cancel_pending_order", {"order_id": "#W5442520", "reason": "no longer needed"}
    )
    # then only PayPal, which holds the money now, is refunded
    refunds = [e for e in observation.data["payment_history"] if e["transaction_type"] == "refund"]
    assert refunds == [
        {"transaction_type": "refund", "amount": "663.85", "payment_method_id": "credit_card_9753331"},
        {"transaction_type": "refund", "amount": "663.85", "payment_method_id": "paypal_8049766"},
    ]


def test_modifying_items_charges_the_difference_and_locks_the_order(db, system):
    customer = CustomerFactory()
    card = PaymentMethodFactory(customer=customer, balance=Decimal("10.00"))
    old = VariantFactory(price=Decimal("40.00"))
    new = VariantFactory(product=old.product, price=Decimal("47.50"), options={"color": "red"})
    order = order_with_items(customer=customer, variants=[old, old], payment_method=card)

    observation = tool_execute(
        system,
        "modify_pending_order_items",
        {
            "order_id": order.order_id,
            "item_ids": [old.item_id],
            "new_item_ids": [new.item_id],
            "payment_method_id": card.method_id,
        },
    )

    assert observation.ok
    assert [i["item_id"] for i in observation.data["items"]] == [new.item_id, old.item_id]
    assert observation.data["items"][0]["options"] == {"color": "red"}
    assert observation.data["status"] == "pending (item modified)"
    assert observation.data["payment_history"][-1]["amount"] == "7.50"
    card.refresh_from_db()
    assert card.balance == Decimal("2.50")
    again = tool_execute(
        system, "cancel_pending_order", {"order_id": order.order_id, "reason": "no longer needed"}
    )
    assert again.error_code == "wrong_status"


def test_a_gift_card_must_cover_an_item_difference(db, system):
    customer = CustomerFactory()
    card = PaymentMethodFactory(customer=customer, balance=Decimal("5.00"))
    old = VariantFactory(price=Decimal("40.00"))
    new = VariantFactory(product=old.product, price=Decimal("47.50"))
    order = order_with_items(customer=customer, variants=[old], payment_method=card)

    observation = tool_execute(
        system,
        "modify_pending_order_items",
        {
            "order_id": order.order_id,
            "item_ids": [old.item_id],
            "new_item_ids": [new.item_id],
            "payment_method_id": card.method_id,
        },
    )

    assert observation.error_code == "insufficient_balance"
    assert Order.objects.get(pk=order.pk).status == "pending"


def test_an_unavailable_variant_cannot_be_chosen(db, system):
    customer = CustomerFactory()
    card = PaymentMethodFactory(customer=customer)
    old = VariantFactory()
    gone = VariantFactory(product=old.product, available=False)
    order = order_with_items(customer=customer, variants=[old], payment_method=card, status="delivered")

    observation = tool_execute(
        system,
        "exchange_delivered_order_items",
        {
            "order_id": order.order_id,
            "item_ids": [old.item_id],
            "new_item_ids": [gone.item_id],
            "payment_method_id": card.method_id,
        },
    )
    assert observation.error_code == "variant_unavailable"


def test_return_and_exchange_requests_store_sorted_item_lists(db, system):
    ret = tool_execute(
        system,
        "return_delivered_order_items",
        {
            "order_id": "#W5866402",
            "item_ids": ["9727387530", "6242772310"],
            "payment_method_id": "paypal_8049766",
        },
    )
    assert ret.ok
    assert ret.data["status"] == "return requested"
    assert ReturnRequest.objects.get(order__order_id="#W5866402").item_ids == ["6242772310", "9727387530"]

    exchange_args = {
        "order_id": "#W4435622",
        "item_ids": ["6777246137", "4694984344"],
        "new_item_ids": ["7199146548", "3812493782"],
        "payment_method_id": "gift_card_1725971",
    }
    exchange = tool_execute(system, "exchange_delivered_order_items", exchange_args)
    assert exchange.ok, exchange.text
    request = ExchangeRequest.objects.get(order__order_id="#W4435622")
    assert request.item_ids == ["4694984344", "6777246137"]
    assert request.new_item_ids == ["3812493782", "7199146548"]
    assert request.price_difference == Decimal("4.82")  # (48.02 - 47.76) + (244.34 - 239.78)


def test_identity_lookups(db, system):
    by_email = tool_execute(system, "find_user_id_by_email", {"email": "Olivia.Ito5204@EXAMPLE.com"})
    by_name = tool_execute(
        system, "find_user_id_by_name_zip", {"first_name": "olivia", "last_name": "ITO", "zip": "80218"}
    )
    nobody = tool_execute(system, "find_user_id_by_email", {"email": "nobody@example.com"})
    assert by_email.text == "olivia_ito_3591"
    assert by_name.text == "olivia_ito_3591"
    assert nobody.error_code == "not_found"


def test_product_types_are_sorted_by_name(db, system):
    observation = tool_execute(system, "list_all_product_types", {})
    names = list(observation.data)
    assert len(names) == 50
    assert names == sorted(names)


@pytest.mark.parametrize(
    ("expression", "result"),
    [("2 + 2", "4.00"), ("(47.84 + 488.81) - 20", "516.65"), ("10 / 3", "3.33"), ("-3 * (2 - 5)", "9.00")],
)
def test_calculate_is_exact(expression, result):
    assert calculate(expression) == result


@pytest.mark.parametrize("expression", ["__import__('os')", "2 ** 100", "1 / 0", "()", "7 // 2", "1e5"])
def test_calculate_refuses_anything_but_arithmetic(expression):
    with pytest.raises(InvalidRequest):
        calculate(expression)
