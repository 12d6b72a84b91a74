"""Figures and policy terms read by who states them and what they are bound to: the customer's own
figures repeated by the agent, refund timings whose topic is carried from the sentence before,
hours against an "immediately" fact, a cancellation's refund after an earlier payment change."""

from __future__ import annotations

import pytest

from apps.guardrails.check import guard_answer
from apps.guardrails.evidence import ActionRecord, Evidence
from tests.guardrails.conftest import observed_order

# --- the customer's own figures ------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "You said the chair was listed at $455.00 last week. Order #W2611340 shows $536.65 paid.",
        "You told me the bottle was $39.99, but it was $47.84.",
        "I see you were quoted $512.00 by phone; what you actually paid for #W2611340 is $536.65.",
        "You mentioned a 45-day return window. Returns are accepted for 30 days after delivery.",
        "Earlier you wrote that 'the bottle was $39.99'. Our records show $47.84 for it.",
        "You'd heard refunds take two weeks, but card refunds arrive within 5-7 business days.",
        "Vous avez indiqué 455,00 $ pour la chaise. La commande #W2611340 a coûté 536,65 $.",
    ],
)
def test_a_figure_the_customer_stated_and_the_agent_repeats_is_not_the_agents_claim(evidence, answer):
    verdict = guard_answer(answer, evidence())

    assert verdict.verdict == "pass", verdict.claims


@pytest.mark.parametrize(
    "answer",
    [
        # The customer's figure, then the agent's own wrong one after a contrast.
        "You said you paid $536.65, but the refund I issued is $499.00.",
        # Agreeing with the customer makes the figure the agent's too.
        "As you said, the whole order came to $555.00.",
        # The agent speaking in a clause of its own after the customer's words.
        "You mentioned the chair; I've checked and the chair cost $450.00.",
        "You told us about the bottle, and I can confirm it was $52.00.",
    ],
)
def test_the_agents_own_figure_next_to_the_customers_words_is_still_checked(evidence, answer):
    verdict = guard_answer(answer, evidence())

    assert verdict.tripped, verdict.claims


def test_a_policy_statement_the_customer_was_told_is_not_the_agents(snapshot):
    verdict = guard_answer(
        "I understand you were told gift cards expire after a year. They never expire.",
        Evidence(knowledge=snapshot),
    )

    assert verdict.verdict == "pass", verdict.claims


# --- refund timings whose topic comes from before ------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        # The clause before sends the money back; "it" is that money.
        "$536.65 is going back to your gift card. It should be there within 3 days.",
        "We sent $47.84 back to your Visa. Expect it in 10 business days.",
        # Money going back worded without "refund"; the second clause names its own method.
        "Money that goes back to a card takes 5-7 business days; on PayPal it takes 14 days.",
        # Hours against a fact that says the money is there at once.
        "The refund to your gift card will appear within 72 hours.",
        "The $47.84 went back onto your gift card; you'll have it within 36 hours.",
    ],
)
def test_a_refund_timing_carried_from_the_sentence_before_is_held_to_its_methods_fact(evidence, answer):
    verdict = guard_answer(answer, evidence())

    assert verdict.tripped, verdict.claims
    assert any(claim.kind == "duration" for claim in verdict.failed)


@pytest.mark.parametrize(
    "answer",
    [
        "$47.84 is going back to your Visa. You'll see it within 5-7 business days.",
        "Money that goes back to a card takes 5-7 business days; on a gift card it is there at once.",
        "The $47.84 went back onto your gift card. Your new chair should arrive in 3-5 business days.",
        "I've sent $47.84 back to your card. I'll check in with you again in 2 days.",
    ],
)
def test_a_right_or_unrelated_timing_after_money_going_back_passes(evidence, answer):
    verdict = guard_answer(answer, evidence(observations=[]))

    assert not any(claim.kind == "duration" and not claim.ok for claim in verdict.claims), verdict.claims


# --- a cancellation's refund after a payment change -----------------------------------------------


def _switched_then_cancelled(snapshot, observed_before: bool) -> Evidence:
    """#W2611340 ($536.65) paid by gift card, switched to a Visa in an earlier turn, cancelled now."""
    payments = [
        {"transaction_type": "payment", "amount": "536.65", "payment_method_id": "gift_card_1725971"},
        {"transaction_type": "payment", "amount": "536.65", "payment_method_id": "credit_card_4000111"},
        {"transaction_type": "refund", "amount": "536.65", "payment_method_id": "gift_card_1725971"},
    ]
    cancelled = [*payments, {**payments[1], "transaction_type": "refund"}]
    orders = [{"order_id": "#W2611340", "status": "cancelled", "payment_history": cancelled}]
    if observed_before:
        orders.insert(0, {"order_id": "#W2611340", "status": "pending", "payment_history": payments})
    return Evidence(
        knowledge=snapshot,
        observations=tuple(orders),
        actions=(
            ActionRecord(
                "modify_pending_order_payment",
                True,
                {"order_id": "#W2611340", "payment_method_id": "credit_card_4000111"},
                this_turn=False,
            ),
            ActionRecord(
                "cancel_pending_order", True, {"order_id": "#W2611340", "reason": "no longer needed"}
            ),
        ),
    )


@pytest.mark.parametrize("observed_before", [True, False])
@pytest.mark.parametrize(
    "answer",
    [
        "Order #W2611340 is cancelled and $1,073.30 is on its way back to your Visa.",
        "Cancelled. You'll get a refund of $1,073.30 on your card.",
    ],
)
def test_a_cancellation_after_a_payment_change_does_not_refund_both_payments(
    snapshot, answer, observed_before
):
    verdict = guard_answer(answer, _switched_then_cancelled(snapshot, observed_before))

    assert verdict.tripped, verdict.claims
    assert any("$536.65" in (claim.repair or claim.evidence) for claim in verdict.failed)


@pytest.mark.parametrize("observed_before", [True, False])
def test_a_cancellation_after_a_payment_change_refunds_the_new_payment(snapshot, observed_before):
    answer = "Order #W2611340 is cancelled and the $536.65 refund is going back to your card."

    verdict = guard_answer(answer, _switched_then_cancelled(snapshot, observed_before))

    assert verdict.verdict == "pass", verdict.claims


# --- a word of wholeness binds to its own figure --------------------------------------------------


def _with_gift_card(order) -> list[dict]:
    user = {"payment_methods": {"gift_card_1725971": {"source": "gift_card", "balance": "12.00"}}}
    return [order, user]


@pytest.mark.parametrize(
    "answer",
    [
        "I couldn't move #W2611340 to your gift card: its balance of $12.00 is below the total of $536.65.",
        "Paying #W2611340 by gift card won't work, since the card has $12.00 left and the total is $536.65.",
    ],
)
def test_a_balance_beside_an_orders_total_is_not_taken_for_the_total(evidence, order, answer):
    verdict = guard_answer(answer, evidence(observations=_with_gift_card(order)))

    assert verdict.verdict == "pass", verdict.claims


@pytest.mark.parametrize(
    "answer",
    [
        "Your gift card balance is fine for #W2611340, and the order total came to $512.00.",
        "For #W2611340 the total, after the gift card balance check, is $512.00.",
    ],
)
def test_a_wrong_total_after_a_balance_word_is_still_the_total(evidence, order, answer):
    verdict = guard_answer(answer, evidence(observations=_with_gift_card(order)))

    assert verdict.tripped, verdict.claims


# --- topics in Spanish, French and German ---------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "El envío exprés tarda de 3 a 5 días hábiles después de procesar el pedido.",
        "Der Expressversand dauert 3 bis 5 Werktage nach der Bearbeitung der Bestellung.",
        "Avec l'option express, comptez 3 à 5 jours après le traitement.",
    ],
)
def test_a_foreign_express_time_is_held_to_the_express_fact_not_to_shipping_or_processing(snapshot, answer):
    verdict = guard_answer(answer, Evidence(knowledge=snapshot))

    assert verdict.tripped, verdict.claims


@pytest.mark.parametrize(
    "answer",
    [
        "El envío estándar tarda de 3 a 5 días hábiles después de procesar el pedido.",
        "Der Expressversand dauert 1 bis 2 Werktage nach der Bearbeitung.",
        "La livraison standard prend 3 à 5 jours ouvrés après le traitement de la commande.",
    ],
)
def test_a_foreign_shipping_time_that_matches_its_own_fact_passes(snapshot, answer):
    assert guard_answer(answer, Evidence(knowledge=snapshot)).verdict == "pass"


# --- lists under a heading, and ranges whose unit was given just before -------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "How long a refund takes:\n- Visa or Mastercard: 2 weeks\n- PayPal: 5-7 business days",
        "Refund times by method:\n1. PayPal: 5-7 business days\n2. Card: 1-3 business days",
        "When refunded money shows up:\n* Gift card: within 48 hours",
    ],
)
def test_a_list_line_takes_its_topic_from_the_heading_above_it(snapshot, answer):
    verdict = guard_answer(answer, Evidence(knowledge=snapshot))

    assert verdict.tripped, verdict.claims
    assert any(claim.kind == "duration" for claim in verdict.failed)


@pytest.mark.parametrize(
    "answer",
    [
        "How long a refund takes:\n- Card: 5-7 business days\n- PayPal: 5-7 business days",
        "Things to know:\n- Apartment 12 is on file\n- Your parcel left 3 days ago",
    ],
)
def test_list_lines_that_agree_with_their_heading_or_name_no_topic_pass(snapshot, answer):
    assert guard_answer(answer, Evidence(knowledge=snapshot)).verdict == "pass"


@pytest.mark.parametrize(
    "answer",
    [
        "Standard shipping takes 3-5 business days, express 3-5.",
        "Delivery: standard 3-5 business days (express 4 or so).",
        "Returns are open for 30 days and exchanges for 60.",
    ],
)
def test_a_bare_range_after_a_duration_takes_its_unit_and_its_own_topic(snapshot, answer):
    verdict = guard_answer(answer, Evidence(knowledge=snapshot))

    assert verdict.tripped, verdict.claims


@pytest.mark.parametrize(
    "answer",
    [
        "Standard shipping takes 3-5 business days, express 1-2.",
        "Returns are open for 30 days and exchanges for 30.",
        "Standard shipping takes 3-5 business days; your order has 2 items.",
    ],
)
def test_a_right_bare_range_or_an_unrelated_count_passes(snapshot, answer):
    assert guard_answer(answer, Evidence(knowledge=snapshot)).verdict == "pass"


# --- other ways of writing figures ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("For #W2611340 you paid 536.65$ in all.", False),
        ("For #W2611340 you paid 563.65$ in all.", True),
        ("The bottle was 47.84 $ and the chair 488.81 $.", False),
        ("The bottle was 74.84 $.", True),
    ],
)
def test_a_dollar_sign_after_the_figure_is_read_as_money(evidence, answer, tripped):
    assert guard_answer(answer, evidence()).tripped is tripped


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("You have a fortnight from delivery to send it back.", True),
        ("Exchanges stay open for two fortnights after delivery.", True),
        ("New orders are packed within 72 hours.", True),
        ("New orders are processed within 24 hours.", False),
        ("Express shipping gets it to you within 48 hours once processed.", False),
        ("The speaker (blue, 10 hours of battery) goes back to your PayPal as a refund.", False),
    ],
)
def test_fortnights_and_hours_are_held_to_the_topic_their_clause_names(snapshot, answer, tripped):
    assert guard_answer(answer, Evidence(knowledge=snapshot)).tripped is tripped


# --- time gone by, time left, and the agent's next step are not the term itself -----------------


@pytest.mark.parametrize(
    "answer",
    [
        "The parcel reached you 9 days ago, so you're well inside the 30-day return window.",
        "Since delivery it's been 12 days; you can still send it back.",
        "It came 8 days ago, which leaves you 22 days to return it.",
        "You still have 22 days to send the bottle back.",
        "Your window for swapping it shuts in 4 days.",
        "I'll check in with you again in 3 days about the return.",
        "The purchase is 40 days old, so it is past the 30-day return window.",
    ],
)
def test_elapsed_or_remaining_time_or_a_follow_up_is_not_read_as_a_policy_term(snapshot, answer):
    assert guard_answer(answer, Evidence(knowledge=snapshot)).verdict == "pass"


@pytest.mark.parametrize(
    "answer",
    [
        "You still have 45 days to send the bottle back.",
        "Your return window closes in 50 days, no rush.",
        "You have 14 days to return it.",
    ],
)
def test_time_left_longer_than_the_term_or_a_term_stated_wrong_still_trips(snapshot, answer):
    assert guard_answer(answer, Evidence(knowledge=snapshot)).tripped


# --- figures from the customer's documents, and figures the sentence denies ----------------------


@pytest.mark.parametrize(
    "answer",
    [
        "The receipt you attached says $510.00, yet #W2611340 shows a payment of $536.65.",
        "Your bank statement lists $540.00; the order itself came to $536.65.",
        "There is no $15 handling charge on #W2611340.",
        "You were never charged $700 for this order; the payment was $536.65.",
        "I don't see a charge of $89.99 anywhere on #W2611340.",
    ],
)
def test_a_figure_from_the_customers_document_or_one_denied_is_not_the_agents_claim(evidence, answer):
    assert guard_answer(answer, evidence()).verdict == "pass", guard_answer(answer, evidence()).claims


@pytest.mark.parametrize(
    "answer",
    [
        "Your bank statement lists $540.00, and I can confirm the order came to $566.65.",
        "The bottle wasn't $47.84, it was $52.00.",
        "Return shipping is never more than $6.50.",
    ],
)
def test_the_agents_figure_after_a_document_or_a_denial_is_still_checked(evidence, answer):
    assert guard_answer(answer, evidence()).tripped


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("Send it back and you'll receive 75% of what you paid back.", True),
        ("You'd get sixty percent of the price back on your card.", True),
        ("You get 100% of the price back.", False),
    ],
)
def test_a_share_of_the_money_coming_back_other_than_all_of_it_has_no_fact(snapshot, answer, tripped):
    assert guard_answer(answer, Evidence(knowledge=snapshot)).tripped is tripped


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("The bottle came to €47.84.", False),
        ("The bottle came to €57.84.", True),
        ("The chair was 499.00 EUR.", True),
        ("Standard shipping is £7.50.", True),
    ],
)
def test_a_figure_in_another_currency_is_read_not_passed_unread(evidence, answer, tripped):
    assert guard_answer(answer, evidence()).tripped is tripped


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("Do you mean a $520.00 charge? #W2611340 shows one payment of $536.65.", False),
        ("Is the $515.00 on your card a pending authorisation? The order was $536.65.", False),
        ("Where does the $64 amount come from? Nothing on #W2611340 matches it.", False),
        ("Shall I refund the $57.84 for the bottle?", True),
        ("Is the bottle's price of $57.84 fine with you?", True),
    ],
)
def test_a_figure_a_question_asks_about_is_not_a_claim_but_an_offered_one_is(evidence, answer, tripped):
    assert guard_answer(answer, evidence()).tripped is tripped


# --- a time that is a product's option ------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        # The option named beside its value, under a heading that names a policy topic.
        "Swap planned on #W7728728:\n- Wireless Earbuds: battery life 8 hours -> battery life 4 hours\n"
        "- Exchanges are accepted for 30 days after delivery",
        # The product named, its option value alone, in a sentence about an exchange.
        "For the exchange, the Wireless Earbuds you have last 8 hours; the ones you picked last 20 hours.",
    ],
)
def test_a_time_that_is_a_catalogue_option_of_the_product_named_is_not_a_policy_term(evidence, answer):
    verdict = guard_answer(answer, evidence(observations=[observed_order("#W7728728")]))

    assert verdict.verdict == "pass", verdict.claims


def test_a_time_that_is_no_option_of_the_products_named_is_still_a_policy_term(evidence):
    # "8 hours" is an option value of the Earbuds, but this sentence is about exchanges, names
    # neither the option nor a product with it, and no exchange is allowed that fast only.
    verdict = guard_answer(
        "Exchanges on #W7728728 are accepted for 8 hours after delivery.",
        evidence(observations=[observed_order("#W7728728")]),
    )

    assert verdict.tripped, verdict.claims
