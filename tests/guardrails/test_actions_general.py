"""Action claims bound to what the calls really did, read by general rules rather than phrases:
where a settling call sent the money, every object a claim names, the order a profile write
cannot stand for, and the clauses that say something was left alone."""

from __future__ import annotations

import pytest

from apps.guardrails.check import guard_answer
from apps.guardrails.evidence import ActionRecord, Evidence

CUSTOMER = {
    "user_id": "rosa_vega_1000",
    "payment_methods": {
        "paypal_111": {"id": "paypal_111", "source": "paypal"},
        "credit_card_222": {
            "id": "credit_card_222",
            "source": "credit_card",
            "brand": "visa",
            "last_four": "4242",
        },
        "gift_card_333": {"id": "gift_card_333", "source": "gift_card", "balance": "25.00"},
    },
}
PENDING = {
    "order_id": "#W1000001",
    "user_id": "rosa_vega_1000",
    "status": "pending",
    "items": [
        {"name": "Water Bottle", "item_id": "6469567736", "price": "47.84", "product_id": "8310926033"},
        {"name": "Office Chair", "item_id": "8426249116", "price": "488.81", "product_id": "4794339885"},
    ],
    "payment_history": [
        {"transaction_type": "payment", "amount": "536.65", "payment_method_id": "credit_card_222"}
    ],
}
DELIVERED = {**PENDING, "order_id": "#W1000002", "status": "delivered"}
OTHER = {**PENDING, "order_id": "#W1000003"}


def _evidence(
    snapshot, *writes: ActionRecord, observations=(CUSTOMER, PENDING, DELIVERED, OTHER)
) -> Evidence:
    return Evidence(knowledge=snapshot, observations=tuple(observations), actions=tuple(writes))


CANCEL = ActionRecord("cancel_pending_order", True, {"order_id": "#W1000001", "reason": "no longer needed"})
RETURN_TO_GIFT_CARD = ActionRecord(
    "return_delivered_order_items",
    True,
    {"order_id": "#W1000002", "item_ids": ["6469567736"], "payment_method_id": "gift_card_333"},
)


# --- the money goes where the call sent it --------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "Order #W1000001 is cancelled; the money will be back on your PayPal account in a few days.",
        "I called off #W1000001 and the full amount was credited to your gift card.",
        "Le remboursement de la commande #W1000001 arrive sur votre compte PayPal.",
        "Die Stornierung ist erledigt, das Geld geht zurück auf Ihr PayPal-Konto.",
    ],
)
def test_a_cancellation_refund_named_to_a_method_that_never_paid_is_blocked(snapshot, answer):
    verdict = guard_answer(answer, _evidence(snapshot, CANCEL))

    assert verdict.verdict == "block", verdict.claims
    assert any("not the method named" in claim.evidence for claim in verdict.failed)


@pytest.mark.parametrize(
    "answer",
    [
        "Order #W1000001 is cancelled and the $536.65 is on its way back to your Visa ending in 4242.",
        "Cancelled #W1000001; your credit card gets the refund.",
        "Your refund for #W1000001 goes back to the card you paid with.",
    ],
)
def test_a_cancellation_refund_named_to_the_method_that_paid_passes(snapshot, answer):
    verdict = guard_answer(answer, _evidence(snapshot, CANCEL))

    assert verdict.verdict == "pass", verdict.failed


def test_a_return_refund_follows_the_method_of_the_call_even_in_the_next_sentence(snapshot):
    wrong = "Your return of the Water Bottle on #W1000002 is logged. The $47.84 will land on your Visa."
    right = "Your return of the Water Bottle on #W1000002 is logged. The $47.84 will land on your gift card."

    assert guard_answer(wrong, _evidence(snapshot, RETURN_TO_GIFT_CARD)).verdict == "block"
    assert guard_answer(right, _evidence(snapshot, RETURN_TO_GIFT_CARD)).verdict == "pass"


def test_a_choice_of_destination_is_an_offer_not_a_claim(snapshot):
    offer = "For the return on #W1000002 the refund can go to your PayPal account or to a gift card."

    assert guard_answer(offer, _evidence(snapshot, RETURN_TO_GIFT_CARD)).verdict == "pass"


def test_a_call_whose_method_is_not_shown_cannot_contradict_the_sentence(snapshot):
    unknown = ActionRecord(
        "return_delivered_order_items", True, {"order_id": "#W1000002", "item_ids": ["6469567736"]}
    )

    verdict = guard_answer(
        "The refund for #W1000002 goes to your PayPal account.", _evidence(snapshot, unknown)
    )

    assert verdict.verdict == "pass", verdict.failed


# --- a claim covers every object it names, and only those ---------------------------------------

ONE_ITEM_CHANGED = ActionRecord(
    "modify_pending_order_items",
    True,
    {
        "order_id": "#W1000001",
        "item_ids": ["6469567736"],
        "new_item_ids": ["1434748144"],
        "payment_method_id": "paypal_111",
    },
)


@pytest.mark.parametrize(
    "answer",
    [
        "I've swapped both the Office Chair and the Water Bottle on #W1000001 for the new versions.",
        "The Water Bottle and Office Chair on #W1000001 were updated to the options you chose.",
    ],
)
def test_an_item_change_naming_two_products_needs_both_changed(snapshot, answer):
    verdict = guard_answer(answer, _evidence(snapshot, ONE_ITEM_CHANGED))

    assert verdict.verdict == "block", verdict.claims
    assert "office chair" in verdict.failed[0].evidence.lower()


@pytest.mark.parametrize(
    "answer",
    [
        "I've switched the Water Bottle on #W1000001 to the new version; the Office Chair stays as it was.",
        "The Water Bottle on #W1000001 is now the new version, and the Office Chair remains unchanged.",
    ],
)
def test_a_product_said_to_be_left_alone_is_not_part_of_the_claim(snapshot, answer):
    verdict = guard_answer(answer, _evidence(snapshot, ONE_ITEM_CHANGED))

    assert verdict.verdict == "pass", verdict.failed


ADDRESS_ON_ONE = ActionRecord(
    "modify_pending_order_address",
    True,
    {
        "order_id": "#W1000001",
        "address1": "1 Elm Row",
        "city": "Austin",
        "state": "TX",
        "zip": "78701",
        "country": "USA",
    },
)


@pytest.mark.parametrize(
    "answer",
    [
        "#W1000001 now ships to the new address, while #W1000003 keeps the old one.",
        "Your new address is on #W1000001; #W1000003 stays untouched.",
        "He cambiado la dirección del pedido #W1000001; el pedido #W1000003 sigue igual.",
    ],
)
def test_an_order_said_to_be_left_alone_is_not_part_of_the_claim(snapshot, answer):
    verdict = guard_answer(answer, _evidence(snapshot, ADDRESS_ON_ONE))

    assert verdict.verdict == "pass", verdict.failed


def test_an_order_named_as_changed_in_a_later_clause_is_still_part_of_the_claim(snapshot):
    verdict = guard_answer(
        "The new address is saved on #W1000001, and on #W1000003 too.", _evidence(snapshot, ADDRESS_ON_ONE)
    )

    assert verdict.verdict == "block"


PROFILE_ADDRESS = ActionRecord(
    "modify_user_address",
    True,
    {
        "user_id": "rosa_vega_1000",
        "address1": "1 Elm Row",
        "city": "Austin",
        "state": "TX",
        "zip": "78701",
        "country": "USA",
    },
)


@pytest.mark.parametrize(
    "answer",
    [
        "I've moved order #W1000001 to your new address as well as your account.",
        "The delivery address of #W1000001 has been updated.",
    ],
)
def test_a_profile_address_change_does_not_back_an_order_address_claim(snapshot, answer):
    verdict = guard_answer(answer, _evidence(snapshot, PROFILE_ADDRESS))

    assert verdict.verdict == "block", verdict.claims


def test_a_profile_address_change_backs_a_claim_about_the_account(snapshot):
    verdict = guard_answer(
        "Your account's default address has been updated.", _evidence(snapshot, PROFILE_ADDRESS)
    )

    assert verdict.verdict == "pass", verdict.failed


# --- claims about the order as a whole, and about things no tool can do -------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "I've amended your order #W1000001 as you asked.",
        "Order #W1000001 has been modified.",
        "We made the changes to order #W1000001.",
    ],
)
def test_a_change_to_the_order_as_a_whole_needs_a_write_on_that_order(snapshot, answer):
    on_other = ActionRecord(
        "cancel_pending_order", True, {"order_id": "#W1000003", "reason": "ordered by mistake"}
    )
    on_it = ActionRecord(
        "cancel_pending_order", True, {"order_id": "#W1000001", "reason": "ordered by mistake"}
    )

    assert guard_answer(answer, _evidence(snapshot, on_other)).verdict == "block"
    assert guard_answer(answer, _evidence(snapshot, on_it)).verdict == "pass"


def test_a_product_said_to_be_another_version_now_is_an_item_change(snapshot):
    answer = "Good news: the Office Chair on #W1000001 is now the mesh, black variant."

    assert guard_answer(answer, _evidence(snapshot)).verdict == "block"
    changed = ActionRecord(
        "modify_pending_order_items",
        True,
        {
            "order_id": "#W1000001",
            "item_ids": ["8426249116"],
            "new_item_ids": ["1793929609"],
            "payment_method_id": "paypal_111",
        },
    )
    assert guard_answer(answer, _evidence(snapshot, changed)).verdict == "pass"


@pytest.mark.parametrize(
    "answer",
    [
        "I've upgraded your shipping to overnight at no charge.",
        "As an apology we've applied a 10 dollar store credit to your account.",
        "Priority delivery has been added to #W1000001.",
        "Your voucher has been issued.",
        "The restocking fee has been waived.",
    ],
)
def test_a_perk_no_tool_can_grant_is_never_backed(snapshot, answer):
    verdict = guard_answer(answer, _evidence(snapshot, CANCEL))

    assert verdict.verdict == "block", verdict.claims
    assert any("no tool" in claim.evidence or "tool doing this" in claim.evidence for claim in verdict.failed)


@pytest.mark.parametrize(
    "answer",
    [
        "Express shipping is available for $14.99 per order.",
        "A discount applied at checkout shows up on your receipt.",
        "I can't add a coupon, but standard shipping is free on orders of $50.00 or more.",
        "Would you like me to upgrade the shipping?",
    ],
)
def test_talk_about_perks_that_reports_nothing_passes(snapshot, answer):
    verdict = guard_answer(answer, _evidence(snapshot))

    assert verdict.verdict == "pass", verdict.failed


# --- other wordings of the same claims -------------------------------------------------------------

OTHER_CANCELLED = ActionRecord(
    "cancel_pending_order", True, {"order_id": "#W1000001", "reason": "no longer needed"}
)
PAID_BY_VISA = ActionRecord(
    "modify_pending_order_payment", True, {"order_id": "#W1000001", "payment_method_id": "credit_card_222"}
)


@pytest.mark.parametrize(
    ("answer", "writes", "tripped"),
    [
        ("Your Visa has been credited with the $47.84.", (RETURN_TO_GIFT_CARD,), True),
        ("You'll see the refund for #W1000002 on your PayPal statement.", (RETURN_TO_GIFT_CARD,), True),
        ("The $47.84 for #W1000002 is going onto your gift card.", (RETURN_TO_GIFT_CARD,), False),
        ("The Office Chair from #W1000002 is being returned.", (RETURN_TO_GIFT_CARD,), True),
        ("The Water Bottle from #W1000002 is being returned.", (RETURN_TO_GIFT_CARD,), False),
        ("I've switched #W1000001 over to PayPal.", (PAID_BY_VISA,), True),
        ("Your payment on #W1000001 now comes from your gift card.", (PAID_BY_VISA,), True),
        ("From now on #W1000001 is charged to your Visa.", (PAID_BY_VISA,), False),
        ("Only #W1000001 was cancelled; #W1000003 is still pending.", (OTHER_CANCELLED,), False),
        (
            "I've cancelled #W1000001, but #W1000003 had already shipped so I left it.",
            (OTHER_CANCELLED,),
            False,
        ),
        ("Both #W1000001 and #W1000003 are cancelled now.", (OTHER_CANCELLED,), True),
    ],
)
def test_other_wordings_bind_to_the_same_objects(snapshot, answer, writes, tripped):
    verdict = guard_answer(answer, _evidence(snapshot, *writes))

    assert verdict.tripped is tripped, verdict.claims


@pytest.mark.parametrize(
    "answer",
    [
        "I've added a second Office Chair to your order.",
        "I took the Water Bottle off order #W1000001.",
        "I've reopened the order you cancelled.",
        "We merged your two orders so they ship together.",
    ],
)
def test_order_changes_no_tool_makes_are_never_backed(snapshot, answer):
    assert guard_answer(answer, _evidence(snapshot, OTHER_CANCELLED)).verdict == "block"


def test_an_address_added_to_an_order_is_the_address_claim_not_an_untooled_one(snapshot):
    verdict = guard_answer(
        "I've added the new address to order #W1000001.", _evidence(snapshot, ADDRESS_ON_ONE)
    )

    assert verdict.verdict == "pass", verdict.failed


@pytest.mark.parametrize(
    "answer",
    [
        "Would you like the refund for #W1000001 on PayPal instead?",
        "Refunds to a gift card are available at once, while PayPal takes a few days.",
        "As soon as the chair reaches us, the money goes back to your PayPal account.",
    ],
)
def test_questions_rules_and_conditions_about_where_money_goes_are_not_destination_claims(snapshot, answer):
    verdict = guard_answer(answer, _evidence(snapshot, CANCEL))

    assert not any("not the method named" in claim.evidence for claim in verdict.failed), verdict.failed


def test_the_lines_of_a_plan_are_not_destination_claims(snapshot):
    plan = (
        "Here's what I'll do:\n- Cancel order #W1000003 (Office Chair)\n- Refund: $536.65 to your PayPal\n"
        "Shall I go ahead?"
    )

    verdict = guard_answer(plan, _evidence(snapshot, CANCEL))

    assert not any("not the method named" in claim.evidence for claim in verdict.failed), verdict.failed


def test_an_earlier_turns_call_is_not_what_a_sentence_naming_no_order_reports(snapshot):
    earlier = ActionRecord(
        "cancel_pending_order", True, {"order_id": "#W1000001", "reason": "no longer needed"}, False
    )

    verdict = guard_answer("The refund goes to your PayPal account.", _evidence(snapshot, earlier))

    assert not any("not the method named" in claim.evidence for claim in verdict.failed), verdict.failed


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("El pedido #W1000001 ahora se paga con PayPal.", True),
        ("La commande #W1000001 est désormais payée avec votre Visa se terminant par 4242.", False),
        ("Die Zahlungsart von #W1000001 ist jetzt PayPal.", True),
        ("Bestellung #W1000001 wird jetzt mit Ihrer Kreditkarte bezahlt.", False),
    ],
)
def test_a_foreign_payment_change_is_bound_to_the_method_it_names(snapshot, answer, tripped):
    assert guard_answer(answer, _evidence(snapshot, PAID_BY_VISA)).tripped is tripped


def test_a_german_refund_credited_to_a_card_that_did_not_get_it_is_blocked(snapshot):
    wrong = "Die 47,84 USD werden Ihrer Kreditkarte gutgeschrieben."
    right = "Die 47,84 USD werden Ihrer Geschenkkarte gutgeschrieben."

    assert guard_answer(wrong, _evidence(snapshot, RETURN_TO_GIFT_CARD)).verdict == "block"
    assert guard_answer(right, _evidence(snapshot, RETURN_TO_GIFT_CARD)).verdict == "pass"


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("Hemos añadido el envío urgente sin coste.", True),
        ("Une remise vous a été accordée sur la commande.", True),
        ("Für Ihre Geduld haben wir Ihnen einen Kulanzbetrag gutgeschrieben.", True),
        ("No podemos ofrecer descuentos en pedidos ya realizados.", False),
        ("La livraison express coûte 14,99 $ par commande.", False),
    ],
)
def test_perks_reported_in_other_languages_are_never_backed(snapshot, answer, tripped):
    assert guard_answer(answer, _evidence(snapshot)).tripped is tripped
