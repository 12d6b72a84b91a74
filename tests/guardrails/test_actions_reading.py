"""Action claims read by general rules of the language (fourth round of issue 9): the mood of
the verb (a conditional supposes), what a later clause says was left alone, a failed change
named by its noun, how a card is named, and the shapes a payment change is reported in."""

from __future__ import annotations

import pytest

from apps.guardrails.check import guard_answer
from apps.guardrails.evidence import ActionRecord, Evidence

SHOPPER = {
    "user_id": "ines_moreau_2000",
    "payment_methods": {
        "paypal_510": {"id": "paypal_510", "source": "paypal"},
        "credit_card_520": {
            "id": "credit_card_520",
            "source": "credit_card",
            "brand": "mastercard",
            "last_four": "8812",
        },
        "gift_card_530": {"id": "gift_card_530", "source": "gift_card", "balance": "40.00"},
    },
}
OPEN = {
    "order_id": "#W2000001",
    "user_id": "ines_moreau_2000",
    "status": "pending",
    "items": [
        {"name": "Desk Lamp", "item_id": "7453605304", "price": "150.01", "product_id": "6817146515"},
        {"name": "Garden Hose", "item_id": "8249784860", "price": "96.42", "product_id": "6679515468"},
    ],
    "payment_history": [
        {"transaction_type": "payment", "amount": "246.43", "payment_method_id": "paypal_510"}
    ],
}
SECOND = {**OPEN, "order_id": "#W2000002"}


def _evidence(snapshot, *writes: ActionRecord) -> Evidence:
    return Evidence(knowledge=snapshot, observations=(SHOPPER, OPEN, SECOND), actions=tuple(writes))


def _verdict(snapshot, answer: str, *writes: ActionRecord) -> str:
    return guard_answer(answer, _evidence(snapshot, *writes)).verdict


CANCEL_FIRST = ActionRecord(
    "cancel_pending_order", True, {"order_id": "#W2000001", "reason": "no longer needed"}
)
ADDRESS_FIRST = ActionRecord(
    "modify_pending_order_address", True, {"order_id": "#W2000001", "address1": "9 Quay Road", "zip": "02110"}
)
PROFILE = ActionRecord(
    "modify_user_address", True, {"user_id": "ines_moreau_2000", "address1": "9 Quay Road"}
)
TO_CARD = ActionRecord(
    "modify_pending_order_payment", True, {"order_id": "#W2000001", "payment_method_id": "credit_card_520"}
)
TO_GIFT_CARD_FAILED = ActionRecord(
    "modify_pending_order_payment", False, {"order_id": "#W2000001", "payment_method_id": "gift_card_530"}
)


# --- the conditional mood supposes; it reports nothing -------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "En cas d'annulation, le montant de #W2000001 vous serait remboursé sur PayPal.",
        "Bei einer Stornierung würde der Betrag für #W2000001 auf Ihr PayPal-Konto erstattet.",
        "Con la anulación, el importe de #W2000001 le sería reembolsado en PayPal.",
    ],
)
def test_a_conditional_in_another_language_is_not_a_report(snapshot, answer):
    assert _verdict(snapshot, answer) == "pass"


def test_a_past_indicative_in_german_is_still_a_report(snapshot):
    # "wurde" (was) is not "würde" (would): the cancellation is reported, and no call backs it.
    assert _verdict(snapshot, "Die Bestellung #W2000002 wurde storniert.") == "block"


# --- what a later clause says was left alone is not part of the claim ----------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "I cancelled #W2000001 for you; #W2000002 is still on its way to you as planned.",
        "I cancelled #W2000001, but #W2000002 still ships on Friday.",
        "He cancelado #W2000001; el segundo pedido, #W2000002, sigue pendiente.",
    ],
)
def test_a_later_clause_about_an_untouched_order_is_not_claimed(snapshot, answer):
    assert _verdict(snapshot, answer, CANCEL_FIRST) == "pass"


def test_a_profile_change_is_not_read_as_the_order_it_leaves_alone(snapshot):
    answer = "Your saved address is now 9 Quay Road; order #W2000002 still ships to the old one."
    assert (
        _verdict(
            snapshot,
            "I've updated the address on your profile; #W2000002 still ships to the old one.",
            PROFILE,
        )
        == "pass"
    )
    assert _verdict(snapshot, answer.replace("still ships", "now ships"), PROFILE) == "block"


def test_an_order_left_alone_does_not_hide_the_order_claimed(snapshot):
    # The claim names #W2000002, which nothing changed; the order the call touched is aside.
    answer = "I changed the delivery address of #W2000002; #W2000001 still goes to the old place."
    assert _verdict(snapshot, answer, ADDRESS_FIRST) == "block"


# --- a change named by its noun, with a predicate that says it failed ----------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "Sorry, the address change got rejected by the system, so #W2000001 keeps its old address.",
        "That payment change did not go through; your gift card is short of the total.",
        "The payment change failed because the gift card balance is too low.",
    ],
)
def test_a_change_that_failed_is_not_a_report(snapshot, answer):
    assert _verdict(snapshot, answer, TO_GIFT_CARD_FAILED) == "pass"


def test_a_change_reported_in_french_still_needs_its_call(snapshot):
    assert _verdict(snapshot, "Le moyen de paiement de #W2000001 a été changé.") == "block"


# --- a card named by its last four digits is a bank card -----------------------------------------


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        ("#W2000001 is now paid with your card ending in 8812.", "pass"),
        ("Payment switched to the card ending 8812 for #W2000001.", "pass"),
        ("#W2000001 is now paid with your gift card.", "block"),
    ],
)
def test_the_card_a_payment_change_names(snapshot, answer, verdict):
    assert _verdict(snapshot, answer, TO_CARD) == verdict


def test_a_card_by_its_last_digits_is_not_paypal(snapshot):
    to_paypal = ActionRecord(
        "modify_pending_order_payment", True, {"order_id": "#W2000001", "payment_method_id": "paypal_510"}
    )
    assert (
        _verdict(snapshot, "Payment updated: #W2000001 now goes on your card ending 8812.", to_paypal)
        == "block"
    )


# --- the shapes of a payment change report -------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "Your order #W2000001 now uses the Mastercard ending 8812.",
        "I've moved #W2000001 onto your new Mastercard.",
        "From today #W2000001 is billed to your Mastercard now.",
    ],
)
def test_a_payment_change_reported_by_the_method_now_used(snapshot, answer):
    assert _verdict(snapshot, answer, TO_CARD) == "pass"
    assert _verdict(snapshot, answer, TO_GIFT_CARD_FAILED) == "block"


# --- a bare "done" is held to what this turn's write did ------------------------------------------

LAMP_CHANGE = ActionRecord(
    "modify_pending_order_items",
    True,
    {
        "order_id": "#W2000001",
        "item_ids": ["7453605304"],
        "new_item_ids": ["1569765161"],
        "payment_method_id": "paypal_510",
    },
)


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        ("All done: the Desk Lamp on #W2000001 is sorted.", "pass"),
        ("All done: the Garden Hose on #W2000001 is sorted.", "block"),
        ("That's taken care of, and the Garden Hose is the new one now.", "block"),
    ],
)
def test_a_bare_done_names_the_item_the_write_changed(snapshot, answer, verdict):
    assert _verdict(snapshot, answer, LAMP_CHANGE) == verdict


def test_a_bare_done_names_the_method_the_payment_went_to(snapshot):
    assert _verdict(snapshot, "All set: #W2000001 sits on your Mastercard from today.", TO_CARD) == "pass"
    assert _verdict(snapshot, "All set: #W2000001 sits on your PayPal from today.", TO_CARD) == "block"


def test_a_swap_may_be_an_item_change(snapshot):
    # "swap" and "replacement" name an item change on a pending order as well as an exchange.
    assert (
        _verdict(snapshot, "The Desk Lamp replacement on #W2000001 has gone through.", LAMP_CHANGE) == "pass"
    )
    assert _verdict(snapshot, "The Desk Lamp replacement on #W2000001 has gone through.") == "block"


def test_the_state_of_an_order_named_by_a_pronoun(snapshot):
    shipped = {**OPEN, "status": "processed"}
    evidence = Evidence(knowledge=snapshot, observations=(SHOPPER, shipped), actions=())
    answer = "I can't change #W2000001 any more; it's processed, so the warehouse has it."
    assert guard_answer(answer.replace("can't change", "looked at"), evidence).verdict == "pass"
    pending = Evidence(knowledge=snapshot, observations=(SHOPPER, OPEN), actions=())
    assert guard_answer("About #W2000001: it's processed.", pending).verdict == "block"


# --- headlines: a participle with no subject, or a subject with no verb ---------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "Updated!",
        "Great, changed \u2705 Is there anything more?",
        "Account details saved.",
        "Changed the delivery address on #W2000001 \u2714\ufe0f",
        "Gespeichert!",
    ],
)
def test_a_headline_is_a_report_that_needs_a_write(snapshot, answer):
    assert _verdict(snapshot, answer) == "block"


def test_a_headline_is_bound_to_the_order_it_names(snapshot):
    assert _verdict(snapshot, "Changed the delivery address on #W2000001.", ADDRESS_FIRST) == "pass"
    assert _verdict(snapshot, "Changed the delivery address on #W2000002.", ADDRESS_FIRST) == "block"


@pytest.mark.parametrize(
    "answer",
    [
        "Updates are posted daily.",
        "Nothing changed.",
        "Changed your mind? Just tell me.",
        "Prices updated weekly.",
    ],
)
def test_what_is_not_a_headline(snapshot, answer):
    assert _verdict(snapshot, answer) == "pass"


def test_a_headline_noun_may_carry_a_modifier(snapshot):
    answer = "Delivery address update for #W2000002 confirmed: 9 Quay Road."
    assert _verdict(snapshot, answer) == "block"
