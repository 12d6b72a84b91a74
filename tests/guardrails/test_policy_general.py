"""Policy terms read by general rules: statements that contradict a text fact in any wording the
rule's structure covers, timings said in words, zero rates and where a threshold starts."""

from __future__ import annotations

import pytest

from apps.guardrails.check import guard_answer
from apps.guardrails.evidence import ActionRecord, Evidence


def _verdict(snapshot, answer: str):
    return guard_answer(answer, Evidence(knowledge=snapshot))


@pytest.mark.parametrize(
    "answer",
    [
        "Just so you know, store gift cards lose their value after eighteen months: they expire.",
        "Keep in mind the remaining balance expires at the end of next year.",
        "Each gift card is only valid for two years from the day you bought it.",
        "Gift cards come with an expiry date printed on the back.",
    ],
)
def test_any_statement_that_a_gift_card_runs_out_contradicts_the_expiry_fact(snapshot, answer):
    verdict = _verdict(snapshot, answer)

    assert verdict.tripped, verdict.claims
    assert any("gift-card-expiry" in claim.evidence for claim in verdict.failed)


@pytest.mark.parametrize(
    "answer",
    [
        "Good news: gift card balances never expire.",
        "Your gift card doesn't expire, so there is no rush.",
    ],
)
def test_saying_a_gift_card_never_expires_passes(snapshot, answer):
    assert _verdict(snapshot, answer).verdict == "pass"


@pytest.mark.parametrize(
    "answer",
    [
        "If you like, I can transfer what's left on the gift card into your checking account.",
        "We'll send the gift card balance to your bank by wire.",
        "Sure, your balance can be turned back into cash at any time.",
    ],
)
def test_moving_a_gift_card_balance_to_cash_or_a_bank_contradicts_the_cash_out_fact(snapshot, answer):
    verdict = _verdict(snapshot, answer)

    assert verdict.tripped, verdict.claims
    assert any("gift-card-cash-out" in claim.evidence for claim in verdict.failed)


@pytest.mark.parametrize(
    "answer",
    [
        "The balance on a gift card can't be withdrawn to a bank account.",
        "You can spend your gift card balance just like cash at checkout.",
    ],
)
def test_gift_card_talk_that_moves_no_money_out_passes(snapshot, answer):
    assert _verdict(snapshot, answer).verdict == "pass"


@pytest.mark.parametrize(
    "answer",
    [
        "Feel free to swap the kettle for another product altogether.",
        "We can exchange it for something else from the shop.",
    ],
)
def test_an_exchange_for_another_product_contradicts_the_exchange_terms(snapshot, answer):
    assert _verdict(snapshot, answer).tripped


def test_an_exchange_for_another_version_passes(snapshot):
    assert (
        _verdict(snapshot, "You can exchange it for a different colour of the same product.").verdict
        == "pass"
    )


def test_a_cancellation_deadline_past_processing_contradicts_the_cancellable_status(snapshot):
    verdict = _verdict(snapshot, "Orders may be cancelled up until they reach you.")

    assert any("cancellable-status" in claim.evidence for claim in verdict.failed)


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("Refunds to your credit card land instantly.", True),
        ("Money sent back to PayPal shows up the same day.", True),
        ("A refund onto a gift card is available immediately.", False),
        (
            "For a cancellation the refund process starts right away.",
            False,
        ),  # when it starts, not when it arrives
        ("Card refunds aren't instant; expect 5-7 business days.", False),
    ],
)
def test_an_instant_refund_is_a_timing_held_to_its_method(snapshot, answer, tripped):
    assert _verdict(snapshot, answer).tripped is tripped


@pytest.mark.parametrize(
    "answer",
    [
        "The restocking fee on returns is 0%.",
        "Return shipping: 0% of the item price.",
    ],
)
def test_a_zero_rate_agrees_with_a_fee_the_store_does_not_charge(snapshot, answer):
    assert _verdict(snapshot, answer).verdict == "pass"


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("Free standard shipping starts at $50.00.", False),
        ("Standard shipping becomes free once you spend $50.", False),
        ("Free standard shipping kicks in from $75.", True),
    ],
)
def test_where_free_shipping_starts_is_the_threshold(snapshot, answer, tripped):
    assert _verdict(snapshot, answer).tripped is tripped


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("Someone from the team is around day and night, seven days a week.", True),
        ("You can reach us weekdays only, from 10:00 to 18:00.", True),
        ("Our agents pick up chats Tuesday through Sunday.", True),
        ("A person answers Monday to Saturday, 7am to 9pm Eastern.", True),
        ("Our support team answers Monday to Saturday, 8am to 8pm Eastern time.", False),
        ("The team is online Mon-Sat, 8:00-20:00 ET.", False),
        ("Standard shipping takes 3-5 business days.", False),  # no one answering: not about support
    ],
)
def test_support_hours_are_held_to_the_fact_days_and_hours(snapshot, answer, tripped):
    verdict = _verdict(snapshot, answer)

    assert verdict.tripped is tripped, verdict.claims
    if tripped:
        assert any("support-hours" in claim.evidence for claim in verdict.failed)


def test_changing_items_more_than_once_contradicts_the_change_limit(snapshot):
    verdict = _verdict(snapshot, "You're welcome to switch the items a second time if you change your mind.")

    assert any("item-change-limit" in claim.evidence for claim in verdict.failed)


def _changed(snapshot, order_id: str = "#W1000001") -> Evidence:
    change = ActionRecord(
        "modify_pending_order_items",
        True,
        {
            "order_id": order_id,
            "item_ids": ["6469567736"],
            "new_item_ids": ["1434748144"],
            "payment_method_id": "p",
        },
    )
    return Evidence(knowledge=snapshot, actions=(change,))


def test_after_an_item_change_the_order_cannot_be_said_to_stay_changeable(snapshot):
    answer = "The swap on #W1000001 is done, and you are still able to cancel it later if needed."

    verdict = guard_answer(answer, _changed(snapshot))

    assert any("item-change-limit" in claim.evidence for claim in verdict.failed)


@pytest.mark.parametrize(
    "answer",
    [
        "The swap on #W1000001 is done; it can no longer be changed or cancelled.",
        "Order #W1000002 is still pending, so you can cancel it if you like.",  # another order
    ],
)
def test_after_an_item_change_other_orders_and_denials_pass(snapshot, answer):
    verdict = guard_answer(answer, _changed(snapshot))

    assert not any("item-change-limit" in claim.evidence for claim in verdict.failed), verdict.failed


def test_saying_an_order_can_be_changed_needs_no_check_when_no_items_were_changed(snapshot):
    assert (
        _verdict(snapshot, "Your order is pending, so you can still change or cancel it.").verdict == "pass"
    )


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("El reembolso a una tarjeta de crédito tarda 30 días.", True),  # 30 days is another fact's
        ("Le remboursement sur PayPal arrive sous 5 à 7 jours ouvrés.", False),
        ("Die Erstattung auf Ihre Kreditkarte dauert 14 Tage.", True),
        ("Vous pouvez renvoyer l'article pendant 30 jours.", False),
        ("Sie können den Artikel 5 Tage lang umtauschen.", True),
    ],
)
def test_foreign_durations_are_held_to_the_topic_they_name(snapshot, answer, tripped):
    assert _verdict(snapshot, answer).tripped is tripped


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("After a cancellation we refund 75% of the order total.", True),
        ("Returned items are reimbursed at 80% of their price.", True),
        ("You get 100% of your money back when you cancel.", False),
    ],
)
def test_a_refund_of_only_part_of_a_payment_has_no_fact_behind_it(snapshot, answer, tripped):
    assert _verdict(snapshot, answer).tripped is tripped


@pytest.mark.parametrize(
    "answer",
    [
        "Any credit left on a gift card is forfeited after two years.",
        "The gift card balance gets wiped if you don't use it within a year.",
        "You may withdraw your gift card balance whenever you like.",
        "A gift card can be cashed out at the till.",
        "Our agents can help any day between 10 and 4.",
        "Changed your mind? You can cancel even after it ships.",
    ],
)
def test_further_wordings_of_the_same_policy_claims(snapshot, answer):
    assert _verdict(snapshot, answer).tripped, answer
