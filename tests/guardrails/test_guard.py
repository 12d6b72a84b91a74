"""guard_answer: claims checked against facts, observations and the conversation's tool calls."""

import pytest

from apps.guardrails.check import guard_answer
from apps.guardrails.topics import knowledge_index


def test_the_right_product_price_passes(evidence):
    verdict = guard_answer("The Water Bottle in order #W2611340 was $47.84.", evidence())

    assert verdict.verdict == "pass"
    assert verdict.text == "The Water Bottle in order #W2611340 was $47.84."
    assert [(c.kind, c.ok) for c in verdict.claims] == [("price", True)]


@pytest.mark.parametrize(
    "answer",
    [
        "The Water Bottle in order #W2611340 was $45.00.",
        "You paid $488.81 for the Water Bottle.",  # the chair's price, quoted for the bottle
        "Your water bottle cost 52 dollars.",
    ],
)
def test_a_wrong_product_price_is_repaired_from_the_observation(evidence, answer):
    verdict = guard_answer(answer, evidence())

    assert verdict.verdict == "repair"
    assert "$47.84" in verdict.text
    failed = verdict.failed
    assert len(failed) == 1
    assert failed[0].repair == "$47.84"
    assert "47.84" in failed[0].evidence


def test_a_wrong_catalogue_price_with_many_candidates_is_blocked(evidence):
    # No order observed: the Water Bottle has many variants, so no single right figure to use.
    verdict = guard_answer("The Water Bottle costs $12.00.", evidence(observations=[]))

    assert verdict.verdict == "block"
    assert "$12.00" not in verdict.text
    assert verdict.failed[0].kind == "price"


def test_totals_and_subsets_of_the_order_pass(evidence):
    answer = (
        "Order #W2611340 has a Water Bottle ($47.84) and an Office Chair ($488.81); "
        "you paid $536.65 in total."
    )

    assert guard_answer(answer, evidence()).verdict == "pass"


def test_an_amount_nothing_supports_is_blocked_and_handed_off_per_the_setting(evidence):
    answer = "There is a $4.99 handling fee on every return."

    with_handoff = guard_answer(answer, evidence(handoff_on_block=True))
    without = guard_answer(answer, evidence(handoff_on_block=False))

    assert with_handoff.verdict == without.verdict == "block"
    assert with_handoff.handoff is True
    assert without.handoff is False
    assert "colleague" in with_handoff.text
    assert "colleague" not in without.text
    assert "$4.99" not in with_handoff.text


def test_an_invented_refund_is_blocked(evidence):
    verdict = guard_answer("I've refunded your order.", evidence(actions=[("get_order_details", True)]))

    assert verdict.verdict == "block"
    assert verdict.reason == "action"
    assert verdict.text.startswith("I'm sorry, I haven't made that change yet")
    assert [c.kind for c in verdict.failed] == ["action"]


def test_the_same_refund_passes_after_a_successful_call(evidence):
    verdict = guard_answer("I've refunded your order.", evidence(actions=[("cancel_pending_order", True)]))

    assert verdict.verdict == "pass"
    assert "cancel_pending_order" in verdict.claims[0].evidence


def test_a_failed_call_does_not_count_as_done(evidence):
    verdict = guard_answer(
        "Your order #W2611340 has been cancelled.", evidence(actions=[("cancel_pending_order", False)])
    )

    assert verdict.verdict == "block"


@pytest.mark.parametrize(
    ("answer", "tool"),
    [
        ("I've set up the return for the Water Bottle.", "return_delivered_order_items"),
        ("Your exchange is on its way.", "exchange_delivered_order_items"),
        ("I've updated the shipping address of order #W2611340.", "modify_pending_order_address"),
        ("I've switched the payment method to your gift card.", "modify_pending_order_payment"),
        ("I can confirm your order has been cancelled.", "cancel_pending_order"),
        ("I went ahead and cancelled order #W2611340 as you asked.", "cancel_pending_order"),
        ("Done! The refund is on its way to your gift card.", "cancel_pending_order"),
        ("I swapped the bottle for the 500ml version.", "modify_pending_order_items"),
    ],
)
def test_each_action_needs_its_own_tool(evidence, answer, tool):
    wrong_tool = guard_answer(answer, evidence(actions=[("get_user_details", True)]))
    right_tool = guard_answer(answer, evidence(actions=[(tool, True)]))

    assert wrong_tool.verdict == "block"
    assert right_tool.verdict == "pass"


@pytest.mark.parametrize(
    "answer",
    [
        "I can cancel order #W2611340 for you. Shall I go ahead?",
        "Once you confirm, I'll refund the $47.84 to your gift card.",
        "Would you like me to change the shipping address?",
        "After you confirm, the order will be cancelled and refunded within 5-7 business days.",
        "I haven't cancelled anything yet.",
        "If the order had been cancelled, you would see a refund.",
        "Has your order been cancelled? Let me check.",
    ],
)
def test_offers_questions_and_conditions_do_not_claim_an_action(evidence, answer):
    assert guard_answer(answer, evidence()).verdict == "pass"


def test_a_reported_status_is_not_an_action_claim(evidence, order):
    cancelled = {**order, "status": "cancelled"}

    verdict = guard_answer(
        "Order #W2611340 was cancelled, so there is nothing to pay.", evidence([cancelled])
    )

    assert verdict.verdict == "pass"
    assert "observed status" in verdict.claims[0].evidence


@pytest.mark.parametrize(
    ("answer", "repaired"),
    [
        ("You can return delivered items within 14 days.", "You can return delivered items within 30 days."),
        ("Refunds to PayPal take 10 business days.", "Refunds to PayPal take 5-7 business days."),
        ("Express shipping takes 3-5 business days.", "Express shipping takes 1-2 business days."),
        (
            "Returns are accepted for two weeks after delivery.",
            "Returns are accepted for 30 days after delivery.",
        ),
        ("Express shipping is $9.99 per order.", "Express shipping is $14.99 per order."),
    ],
)
def test_a_policy_figure_that_contradicts_the_facts_is_repaired(evidence, answer, repaired):
    verdict = guard_answer(answer, evidence(observations=[]))

    assert verdict.verdict == "repair"
    assert verdict.text == repaired
    assert verdict.failed[0].evidence.startswith("contradicts")


@pytest.mark.parametrize(
    "answer",
    [
        "You can return delivered items within 30 days; refunds to a card take 5-7 business days.",
        "Standard shipping is $5.99 per order, and free on orders of $50.00 or more.",
        "A refund to a gift card is available immediately.",
        "There's no restocking fee, and return shipping is free.",
        "Gift card balances never expire, and they cannot be cashed out.",
        "Good news: returns are free of charge, and you have a full 30 days from delivery.",
        "Express delivery is $14.99; standard is $5.99 unless your order is $50.00 or more.",
        "Exchanges work the same way: within 30 days of delivery, for another version.",
        "Your order should arrive within 7 days.",
    ],
)
def test_answers_that_agree_with_the_facts_pass(evidence, answer):
    assert guard_answer(answer, evidence(observations=[])).verdict == "pass"


@pytest.mark.parametrize(
    ("answer", "statement"),
    [
        ("Gift cards expire after 12 months.", "Gift card balances never expire."),
        ("There is a 15% restocking fee on returns.", "There is no restocking fee on returns."),
        ("We also accept Apple Pay.", "We accept credit cards, PayPal and our own gift cards."),
    ],
)
def test_a_statement_of_policy_that_contradicts_a_fact_becomes_the_fact(evidence, answer, statement):
    verdict = guard_answer(answer, evidence(observations=[]))

    assert verdict.verdict == "repair"
    assert verdict.text == statement


def test_observations_as_json_text_count_like_objects(evidence, order):
    import json

    verdict = guard_answer("The Office Chair was $488.81.", evidence(observations=[json.dumps(order)]))

    assert verdict.verdict == "pass"


def test_a_long_answer_is_checked_claim_by_claim_on_an_index_built_once_per_snapshot(evidence):
    # given an answer with two prices and two policy windows, and no index built for the snapshot yet
    answer = (
        "Order #W2611340 has a Water Bottle ($47.84) and an Office Chair ($488.81). Delivered items can be "
        "returned within 30 days, and refunds to a card take 5-7 business days. Shall I start a return?"
    )
    knowledge_index.cache_clear()

    # when it is checked twice against the same knowledge
    first = guard_answer(answer, evidence())
    second = guard_answer(answer, evidence())

    # then every claim was found and holds, and the second check reused the first one's index
    # (bench/guardrails.py measures the latency per answer)
    assert [(c.kind, c.text, c.ok) for c in first.claims] == [
        ("price", "$47.84", True),
        ("price", "$488.81", True),
        ("duration", "30 days", True),
        ("duration", "5-7 business days", True),
    ]
    assert (first.verdict, second.verdict) == ("pass", "pass")
    assert knowledge_index.cache_info().misses == 1
