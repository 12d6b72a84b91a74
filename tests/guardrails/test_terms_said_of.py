"""Policy terms said of something other than their topic word: a timing written against a payment
method with no word of refunding, one end of the support hours written alone, and the item-change
limit stated as a limit ("only once") after a change.

Worded unlike the corpus rows on purpose: other methods, other layouts, other times of day."""

from __future__ import annotations

import pytest

from apps.guardrails.check import guard_answer
from apps.guardrails.evidence import ActionRecord, Evidence


def _verdict(snapshot, answer: str):
    return guard_answer(answer, Evidence(knowledge=snapshot))


# --- a timing said of a payment method ---------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "Short version: PayPal takes 5-7 business days, gift cards take 3 days.",
        "Visa: 10 business days\nPayPal: 5-7 business days",
        "For a Mastercard it's usually 2 business days.",
    ],
)
def test_a_timing_written_against_a_payment_method_is_its_refund_timing(snapshot, answer):
    verdict = _verdict(snapshot, answer)

    assert verdict.tripped
    assert any("refund" in claim.evidence.lower() for claim in verdict.failed), verdict.failed


@pytest.mark.parametrize(
    "answer",
    [
        "Short version: PayPal takes 5-7 business days, gift cards are immediate.",
        "Visa: 5-7 business days\nPayPal: 5-7 business days",
        "Your Visa was charged 3 days ago.",  # time gone by, not a term
        "Pay by card: standard delivery takes 3-5 business days.",  # its own topic
    ],
)
def test_the_same_layouts_with_the_policy_timing_or_another_topic_pass(snapshot, answer):
    verdict = _verdict(snapshot, answer)

    assert verdict.verdict == "pass", verdict.failed


# --- one end of the support hours ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "Our agents are around until 6 p.m. Eastern, Monday through Saturday.",
        "The support team is available from 9:30 Eastern time.",
        "You can reach someone until midnight, Monday to Saturday.",
    ],
)
def test_an_opening_or_closing_time_that_is_not_the_facts_contradicts_it(snapshot, answer):
    verdict = _verdict(snapshot, answer)

    assert any("support-hours" in claim.evidence for claim in verdict.failed), verdict.claims


@pytest.mark.parametrize(
    "answer",
    [
        "Our agents are around until 8 p.m. Eastern, Monday through Saturday.",
        "The support team is available from 8:00 Eastern time.",
        "If you write after 9pm, the team answers the next morning.",  # outside the hours
        "An agent will get back to you before 5pm.",  # a reply time, not the hours
    ],
)
def test_the_facts_own_times_and_times_that_are_not_the_hours_pass(snapshot, answer):
    verdict = _verdict(snapshot, answer)

    assert not any("support-hours" in claim.evidence for claim in verdict.failed), verdict.failed


# --- the item-change limit stated as a limit --------------------------------------------------------


def _changed(snapshot) -> Evidence:
    change = ActionRecord(
        "modify_pending_order_items",
        True,
        {"order_id": "#W1000001", "item_ids": ["6469567736"], "new_item_ids": ["1434748144"]},
    )
    return Evidence(knowledge=snapshot, actions=(change,))


@pytest.mark.parametrize(
    "answer",
    [
        "Sorry, #W1000001 was already modified, and an order's items may only be modified one time.",
        "That's not possible: the items of an order can be swapped just once, and #W1000001 used it.",
    ],
)
def test_stating_the_once_only_limit_after_a_change_passes(snapshot, answer):
    verdict = guard_answer(answer, _changed(snapshot))

    assert not any("item-change-limit" in claim.evidence for claim in verdict.failed), verdict.failed


def test_offering_one_more_change_after_a_change_is_still_caught(snapshot):
    answer = "Done on #W1000001. You can only change it once more, so choose carefully."

    verdict = guard_answer(answer, _changed(snapshot))

    assert any("item-change-limit" in claim.evidence for claim in verdict.failed), verdict.claims


# --- how fast a method's refunds go, whatever the verb ---------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "PayPal refunds are processed instantly.",
        "Refunds to a credit card get processed right away, so no waiting.",
    ],
)
def test_a_methods_refunds_said_to_go_through_at_once_contradict_its_timing(snapshot, answer):
    verdict = _verdict(snapshot, answer)

    assert verdict.tripped, verdict.claims


@pytest.mark.parametrize(
    "answer",
    [
        "Gift card refunds are processed immediately.",
        "Your refund was processed right away; it shows up on your card within 5-7 business days.",
        "For a cancellation the refund is issued straight away.",
    ],
)
def test_one_refund_started_at_once_or_a_gift_cards_refunds_are_no_timing_contradiction(snapshot, answer):
    verdict = _verdict(snapshot, answer)  # (a refund reported with no write is an action claim)

    assert not any(claim.kind == "duration" for claim in verdict.failed), verdict.failed


# --- figures in Spanish, French and German: hours and "US-Dollar" ---------------------------------


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("Los reembolsos a PayPal llegan en 24 horas.", True),
        ("Erstattungen auf die Kreditkarte sind innerhalb von 72 Stunden da.", True),
        ("Le remboursement sur la carte cadeau arrive sous 48 heures.", True),  # immediate
        ("Die Erstattung auf Ihre Kreditkarte dauert etwa 120 Stunden.", False),  # 5 days
        ("La batería del altavoz dura 20 horas.", False),  # no policy topic
    ],
)
def test_hours_in_other_languages_are_held_to_the_refund_timing_they_name(snapshot, answer, tripped):
    verdict = _verdict(snapshot, answer)

    assert verdict.tripped is tripped, verdict.claims


def test_an_amount_in_us_dollars_written_out_in_german_is_read(snapshot, order):
    # Given #W2611340 observed: Water Bottle $47.84, Office Chair $488.81, paid $536.65
    evidence = Evidence(knowledge=snapshot, observations=(order,))

    wrong = guard_answer("Die Bestellung kostete insgesamt 563,65 US-Dollar.", evidence)
    right = guard_answer("Die Bestellung kostete insgesamt 536,65 US-Dollar.", evidence)

    assert wrong.tripped
    assert right.verdict == "pass", right.failed


# --- money arriving on a method is a refund's arrival ------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("When the parcel is back, the money posts to your Visa in about 2 business days.", True),
        ("When the parcel is back, the money posts to your Visa in 5-7 business days.", False),
        ("Expect the funds to hit your PayPal account within 10 business days.", True),
        ("Your parcel arrives in 3-5 business days.", False),  # a parcel, not money on a method
    ],
)
def test_money_arriving_on_a_method_is_held_to_its_refund_timing(snapshot, answer, tripped):
    verdict = _verdict(snapshot, answer)

    assert verdict.tripped is tripped, verdict.claims


# --- hours without am/pm after "open", and lines of terms separated by bullets -----------------------


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("Customer care is staffed 9 to 5, Monday to Saturday.", True),
        ("Our team works 8 to 8, Monday to Saturday, Eastern time.", False),
    ],
)
def test_bare_hours_after_open_or_staffed_are_the_support_hours(snapshot, answer, tripped):
    verdict = _verdict(snapshot, answer)

    assert any("support-hours" in claim.evidence for claim in verdict.failed) is tripped, verdict.claims


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("Exchange window · 30 days · Express shipping · 1-2 business days", False),
        ("Return window 30 days • Express 3 business days • Standard 3-5 business days", True),
        ("Return window 30 days • Express 1-2 business days • Standard 3-5 business days", False),
    ],
)
def test_terms_separated_by_bullets_are_each_held_to_their_own_topic(snapshot, answer, tripped):
    verdict = _verdict(snapshot, answer)

    assert verdict.tripped is tripped, verdict.claims


# --- one product swapped for another, cancelling up to delivery ------------------------------------


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("Sure, we can trade your Office Chair in for a Desk Lamp.", True),
        ("I can switch the Water Bottle with a Yoga Mat if you prefer.", True),
        ("We can exchange the Office Chair for another colour of the Office Chair.", False),
        ("We can't swap a Water Bottle for a Yoga Mat; only other versions of it.", False),
        ("Orders can be cancelled any time before delivery.", True),
        ("Orders can be cancelled any time before they are processed.", False),
    ],
)
def test_exchanges_across_products_and_cancelling_until_delivery_contradict_the_terms(
    snapshot, answer, tripped
):
    verdict = _verdict(snapshot, answer)

    assert verdict.tripped is tripped, verdict.claims


# --- price ranges and bounds -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("Office Chairs run $466.44\u2013$512.88 here.", None),  # right ends: filled in below
        ("Every Office Chair is under $1,000.", False),
        ("Every Office Chair is under $400.", True),
        ("Office Chairs: $471.82-$488.81 depending on the options.", True),  # not the lowest nor highest
    ],
)
def test_a_range_of_a_products_prices_and_a_bound_are_held_to_its_lowest_and_highest(
    snapshot, answer, tripped
):
    prices = sorted(v.price for v in snapshot.prices["office chair"])
    low, high = f"${prices[0]:,.2f}", f"${prices[-1]:,.2f}"
    if tripped is None:
        answer, tripped = f"Office Chairs run {low}\u2013{high} here.", False

    verdict = _verdict(snapshot, answer)

    assert verdict.tripped is tripped, verdict.claims


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("Shipping becomes free after your subtotal gets past $50.", False),
        ("Shipping becomes free after your subtotal gets past $65.", True),
        ("When your basket exceeds $50 the delivery is free.", False),
    ],
)
def test_where_free_shipping_starts_in_other_verbs_is_the_threshold(snapshot, answer, tripped):
    verdict = _verdict(snapshot, answer)

    assert verdict.tripped is tripped, verdict.claims
