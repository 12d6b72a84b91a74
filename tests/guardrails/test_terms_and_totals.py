"""Figures written in words, figures held to the topic their sentence is about, and the totals
and price differences an answer may quote."""

import pytest

from apps.guardrails.check import guard_answer
from apps.guardrails.evidence import ActionRecord
from apps.guardrails.patterns.words import number_in_words

ORDER = "#W2611340"  # a Water Bottle ($47.84, item 6469567736) and an Office Chair ($488.81)


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("twelve", 12),
        ("seventy seven", 77),
        ("forty-two", 42),
        ("a hundred", 100),
        ("five hundred and ninety-six", 596),
        ("three thousand eight hundred and nineteen", 3819),
        ("two thousand and six", 2006),
        ("dollars", None),
    ],
)
def test_numbers_in_words_are_read(words, value):
    assert number_in_words(words) == value


@pytest.mark.parametrize(
    ("answer", "ok"),
    [
        ("Standard shipping is free on orders over fifty dollars.", True),
        ("Standard shipping is free on orders over forty dollars.", False),
        ("Free standard shipping kicks in at sixty dollars.", False),
        ("Express shipping costs fourteen dollars and ninety-nine cents.", True),
        ("Express shipping costs five dollars and ninety-nine cents.", False),
        ("We charge a restocking fee of fifteen percent on opened items.", False),
        ("You can send items back within thirty days of delivery.", True),
        ("You can send items back within twenty-one days of delivery.", False),
        ("Exchanges are possible for two weeks after delivery.", False),
    ],
)
def test_figures_in_words_are_held_like_digits(evidence, answer, ok):
    verdict = guard_answer(answer, evidence(observations=[]))

    assert (verdict.verdict == "pass") is ok, verdict.claims


@pytest.mark.parametrize(
    ("answer", "ok"),
    [
        ("Express shipping costs $5.99 per order.", False),  # the standard fee, given to express
        ("Return shipping is $5.99.", False),
        ("Standard shipping costs $5.99 per order.", True),
        ("Express shipping costs $14.99 per order.", True),
        ("Express delivery takes 3-5 business days after processing.", False),  # standard's time
        ("Express delivery takes 1-2 business days after processing.", True),
        ("Standard shipping takes 3-5 business days once the order is processed.", True),
    ],
)
def test_a_figure_is_held_to_the_topic_its_sentence_is_about(evidence, answer, ok):
    verdict = guard_answer(answer, evidence(observations=[]))

    assert (verdict.verdict == "pass") is ok, verdict.claims


@pytest.mark.parametrize(
    ("answer", "ok"),
    [
        ("The money is going back to your gift card. It should show up within 5-7 business days.", False),
        ("The money is going back to PayPal. It should show up within 5-7 business days.", True),
        ("Your PayPal refund should appear within 24 hours.", False),
        ("Your card refund shows up within 48 hours.", False),
        ("The refund to your gift card shows up within the hour, often within 2 hours.", True),
    ],
)
def test_refund_timing_is_held_to_the_method_named_before_and_to_hours(evidence, answer, ok):
    verdict = guard_answer(answer, evidence(observations=[]))

    assert (verdict.verdict == "pass") is ok, verdict.claims


def test_a_refund_for_several_returned_items_may_be_their_sum(evidence):
    call = ActionRecord(
        "return_delivered_order_items", True, {"order_id": ORDER, "item_ids": ["6469567736", "8426249116"]}
    )
    right = "The refund for the Water Bottle and the Office Chair will be $536.65 once they reach us."
    wrong = "The refund for the Water Bottle and the Office Chair will be $526.65 once they reach us."

    assert guard_answer(right, evidence(actions=[call])).verdict == "pass"
    assert guard_answer(wrong, evidence(actions=[call])).verdict != "pass"


def test_an_exchange_may_quote_its_price_difference(evidence):
    exchange = ActionRecord(
        "exchange_delivered_order_items",
        True,
        {"order_id": ORDER, "item_ids": ["6469567736"], "new_item_ids": ["4579334072"]},
    )
    answer = "The exchange is placed. The new Water Bottle costs $7.01 more, charged to your gift card."

    assert guard_answer(answer, evidence(actions=[exchange])).verdict == "pass"
    assert guard_answer(answer.replace("$7.01", "$9.01"), evidence(actions=[exchange])).verdict != "pass"
    assert guard_answer(answer, evidence(actions=[("get_order_details", True)])).verdict != "pass"


@pytest.mark.parametrize(
    "answer",
    [
        "Votre retour est enregistré. Vous serez remboursé de 1\u202f157,86 USD à réception.",
        "Un remboursement de 2\u00a0492,53 USD a été émis.",
    ],
)
def test_french_amounts_with_a_no_break_space_between_thousands_pass(evidence, answer):
    observed = {"order_id": ORDER, "status": "delivered", "refund": "1157.86", "paid": "2492.53"}
    calls = [
        ActionRecord("return_delivered_order_items", True, {"order_id": ORDER}),
        ActionRecord("cancel_pending_order", True, {"order_id": ORDER}),
    ]

    verdict = guard_answer(answer, evidence(observations=[observed], actions=calls))

    assert verdict.verdict == "pass", verdict.failed
