"""Action claims read by general rules of the language (fourth round of issue 9), continued: a
change told by the state it left, where a return's money goes while it waits for the parcel,
the object phrase, an amount as the subject of a refund, fronted conditions, and the product an
item change names. The shared evidence is test_actions_reading.py's."""

from __future__ import annotations

import pytest

from apps.guardrails.check import guard_answer
from apps.guardrails.evidence import ActionRecord, Evidence
from tests.guardrails.test_actions_reading import (
    ADDRESS_FIRST,
    LAMP_CHANGE,
    OPEN,
    PROFILE,
    SHOPPER,
    TO_CARD,
    _verdict,
)

# --- a change told by the state it left ------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "Your profile address is now 77 Birch Road, Salem, OR 97301.",
        "Orders placed from today now go to 77 Birch Road, Salem.",
        "The delivery address of #W2000001 is changed to 77 Birch Road, Salem.",
    ],
)
def test_an_address_said_to_be_the_new_one_needs_an_address_write(snapshot, answer):
    assert _verdict(snapshot, answer) == "block"
    assert _verdict(snapshot, answer, PROFILE if "#W" not in answer else ADDRESS_FIRST) == "pass"


def test_a_profile_write_does_not_back_an_order_in_the_new_state(snapshot):
    answer = "Your account and order #W2000002 now both use 77 Birch Road, Salem."
    assert _verdict(snapshot, answer, PROFILE) == "block"


def test_an_item_said_to_be_another_variant_needs_an_item_change(snapshot):
    assert _verdict(snapshot, "Good news: your Desk Lamp is now a brass one.") == "block"
    assert _verdict(snapshot, "Good news: your Desk Lamp is now a brass one.", LAMP_CHANGE) == "pass"


def test_a_status_only_a_write_produces(snapshot):
    answer = "Checking #W2000002, it now reads 'return requested' in our system."
    assert _verdict(snapshot, answer) == "block"


@pytest.mark.parametrize(
    "answer",
    [
        "The Desk Lamp is now on its way to you.",
        "From now on I can ship to 77 Birch Road if you ask me to.",
        "#W2000001 still goes to 12 Old Mill Lane, Salem.",
        "Your address on file is 12 Old Mill Lane, Salem.",
    ],
)
def test_states_that_report_no_change(snapshot, answer):
    assert _verdict(snapshot, answer) == "pass"


# --- where the money of this return goes, even when it waits for the parcel ----------------------

ARRIVED = {**OPEN, "order_id": "#W2000003", "status": "delivered"}
RETURN_TO_GIFT_CARD = ActionRecord(
    "return_delivered_order_items",
    True,
    {"order_id": "#W2000003", "item_ids": ["8249784860"], "payment_method_id": "gift_card_530"},
)


def _after_return(snapshot, answer: str) -> str:
    evidence = Evidence(knowledge=snapshot, observations=(SHOPPER, ARRIVED), actions=(RETURN_TO_GIFT_CARD,))
    return guard_answer(answer, evidence).verdict


@pytest.mark.parametrize(
    "answer",
    [
        "The return is booked, and your refund lands on your PayPal after the hose reaches us.",
        "As soon as the parcel is scanned in, the money is credited to your Mastercard ending 8812.",
        "Return logged. When the Garden Hose is back, $96.42 goes to your PayPal account.",
    ],
)
def test_a_refund_waiting_for_the_parcel_still_goes_where_the_call_said(snapshot, answer):
    assert _after_return(snapshot, answer) == "block"
    gift_card = answer.replace("PayPal account", "gift card").replace("PayPal", "gift card")
    assert _after_return(snapshot, gift_card.replace("Mastercard ending 8812", "gift card")) == "pass"


@pytest.mark.parametrize(
    "answer",
    [
        "The return is booked. When a return arrives, refunds go to PayPal or to a card.",
        "The return is booked; if you prefer, the refund can go to your PayPal once it arrives.",
        "The return is booked. Once any item is received, the money goes back to your PayPal.",
    ],
)
def test_a_rule_or_a_choice_about_refunds_is_not_this_refund(snapshot, answer):
    assert _after_return(snapshot, answer) == "pass"


# --- the object phrase: a product's options in parentheses are one piece of it -------------------


@pytest.mark.parametrize(
    "answer",
    [
        "The return of the Garden Hose (50ft, vinyl, kink-free: no) has been submitted.",
        "Your exchange for the Desk Lamp (brass, dimmable) and the Garden Hose (green) is in.",
    ],
)
def test_options_in_parentheses_do_not_hide_a_report(snapshot, answer):
    assert _verdict(snapshot, answer) == "block"


# --- the amount itself as the subject of a refund report -----------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "$96.42 is on its way back to your PayPal.",
        "Ninety-six dollars and forty-two cents is heading back to your PayPal.",
    ],
)
def test_an_amount_said_to_be_on_its_way_back_is_a_refund_report(snapshot, answer):
    assert _verdict(snapshot, answer) == "block"


# --- a fronted condition or time makes the clause after it hypothetical ---------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "Once the hose reaches our warehouse, the money is on its way back to you.",
        "If you send it back, your refund is processed within a few days of arrival.",
        "Sobald die Ware ankommt, geht die Erstattung auf Ihr PayPal-Konto.",
    ],
)
def test_a_fronted_condition_makes_the_main_clause_hypothetical(snapshot, answer):
    assert _verdict(snapshot, answer) == "pass"


@pytest.mark.parametrize(
    "answer",
    [
        "When you asked earlier, I cancelled #W2000002.",
        "If it helps, #W2000002 has been cancelled already.",
    ],
)
def test_a_past_main_clause_after_a_fronted_clause_is_still_a_report(snapshot, answer):
    assert _verdict(snapshot, answer) == "block"


# --- an item change told by the product the agent changed -----------------------------------------


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        ("We've swapped your Desk Lamp on #W2000001; everything else is as before.", "pass"),
        ("We've swapped your Garden Hose on #W2000001; everything else is as before.", "block"),
        ("I have now modified the Garden Hose for you.", "block"),
    ],
)
def test_the_product_the_agent_changed_must_be_the_one_the_call_changed(snapshot, answer, verdict):
    assert _verdict(snapshot, answer, LAMP_CHANGE) == verdict


def test_changing_a_product_can_still_be_an_offer(snapshot):
    assert _verdict(snapshot, "If you like, I can swap the Garden Hose for the 100ft one.") == "pass"


# --- an aside in parentheses after a German or Spanish participle ---------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "Wir haben den Umtausch Ihrer Desk Lamp beantragt (Messing → Chrom).",
        "Hemos registrado el cambio de su Desk Lamp (latón por cromo).",
    ],
)
def test_a_report_followed_by_an_aside_in_parentheses(snapshot, answer):
    assert _verdict(snapshot, answer) == "block"


# --- a German verb frame whose middle field holds commas -----------------------------------------


def test_a_german_frame_around_an_address_is_a_report(snapshot):
    answer = (
        "Die Lieferadresse von #W2000001 wurde auf 9 Quay Road, Apt 2, 02110 Boston, MA, USA aktualisiert."
    )
    assert _verdict(snapshot, answer) == "block"
    assert _verdict(snapshot, answer, ADDRESS_FIRST) == "pass"
    assert _verdict(snapshot, answer.replace("#W2000001", "#W2000002"), ADDRESS_FIRST) == "block"


@pytest.mark.parametrize(
    "answer",
    [
        "Die Lieferadresse von #W2000001 kann auf 9 Quay Road, Apt 2, Boston, MA geändert werden.",
        "Die Lieferadresse von #W2000001 wurde nicht auf 9 Quay Road, Apt 2, Boston, MA geändert.",
    ],
)
def test_a_german_frame_with_a_modal_or_a_negation_reports_nothing(snapshot, answer):
    assert _verdict(snapshot, answer) == "pass"


# --- more headline and state shapes --------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "writes", "verdict"),
    [
        ("Went ahead and updated the address on #W2000001.", (ADDRESS_FIRST,), "pass"),
        ("Went ahead and updated the address on #W2000002.", (ADDRESS_FIRST,), "block"),
        ("Account address: changed to 9 Quay Road.", (PROFILE,), "pass"),
        ("Account address: changed to 9 Quay Road.", (), "block"),
        ("Good news, #W2000002 got a new shipping address.", (ADDRESS_FIRST,), "block"),
        ("Your Mastercard is now the card used for #W2000001.", (TO_CARD,), "pass"),
        ("Your PayPal is now the method for #W2000001.", (TO_CARD,), "block"),
    ],
)
def test_more_headline_and_state_shapes(snapshot, answer, writes, verdict):
    assert _verdict(snapshot, answer, *writes) == verdict


@pytest.mark.parametrize(
    "answer",
    ["Returns processed by the warehouse are refunded quickly.", "If needed, a new address can be added."],
)
def test_shapes_that_stay_rules_or_offers(snapshot, answer):
    assert _verdict(snapshot, answer) == "pass"


# --- a participle that describes its noun, a value on file -----------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "Happy to explain: changes applied are final once the parcel leaves.",
        "The delivery address on #W2000002 is set to 12 Old Mill Lane, Salem.",
    ],
)
def test_descriptions_are_not_reports(snapshot, answer):
    assert _verdict(snapshot, answer) == "pass"


@pytest.mark.parametrize(
    "answer",
    [
        "Change applied.",
        "The delivery address on #W2000002 is now set to 9 Quay Road.",
        "The delivery address on #W2000002 has been set to 9 Quay Road.",
    ],
)
def test_the_same_words_as_reports(snapshot, answer):
    assert _verdict(snapshot, answer) == "block"


def test_a_headline_set_off_by_a_dash_is_bound_to_the_rest_of_its_sentence(snapshot):
    answer = "Aktualisiert \u2013 die neue Anschrift gilt ab heute für #W2000002."
    assert _verdict(snapshot, answer, ADDRESS_FIRST) == "block"
    assert _verdict(snapshot, answer.replace("#W2000002", "#W2000001"), ADDRESS_FIRST) == "pass"
    assert (
        _verdict(snapshot, "Updated \u2014 the parcel for #W2000002 leaves on Monday, as planned.") == "block"
    )
    # A colon after a lone participle may open its definition, as in a list of statuses.
    assert _verdict(snapshot, "Processed: the parcel is with the carrier and can be tracked.") == "pass"
    assert _verdict(snapshot, "Noted - the parcel for #W2000002 leaves on Monday.") == "pass"
