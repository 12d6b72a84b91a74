"""Reports of a change in the shapes the lexicon reads (patterns/changes.py, lexicon.py), bare
completion phrases, and the sentences that only look like reports (refusals, promises, policy)."""

import pytest

from apps.guardrails.check import guard_answer
from apps.guardrails.evidence import ActionRecord

ORDER = "#W2611340"  # the fixture order: a Water Bottle and an Office Chair
CANCEL, RETURN, EXCHANGE = (
    "cancel_pending_order",
    "return_delivered_order_items",
    "exchange_delivered_order_items",
)
ADDRESS, PAYMENT, ITEMS = (
    "modify_pending_order_address",
    "modify_pending_order_payment",
    "modify_pending_order_items",
)


@pytest.mark.parametrize(
    ("answer", "tool"),
    [
        # the object, then what says it happened
        (f"The cancellation of order {ORDER} has gone through.", CANCEL),
        (f"Billing change saved for {ORDER}.", PAYMENT),
        (f"Exchange for the Office Chair on {ORDER} lodged.", EXCHANGE),
        (f"The refund on {ORDER} has been put through.", CANCEL),
        # the agent's own work on the object
        (f"We've finalised the return of the Water Bottle from {ORDER}.", RETURN),
        (f"I've voided order {ORDER}.", CANCEL),
        # other words for the change
        (
            f"Your Office Chair from {ORDER} is now being swapped for the black one.",
            "exchange_delivered_order_items",
        ),
        (
            f"The Water Bottle on {ORDER} has been updated to the 1000ml version.",
            "modify_pending_order_items",
        ),
        (
            f"The delivery address for {ORDER} is now 12 Oak Lane, Springfield.",
            "modify_pending_order_address",
        ),
        (f"{ORDER} has had its shipping address corrected.", ADDRESS),
        (f"Order {ORDER} is now billed to your gift card.", PAYMENT),
        (f"We've flagged the Water Bottle from {ORDER} as being returned.", RETURN),
        (f"The Office Chair on {ORDER} is marked as returned.", RETURN),
        (
            f"The return label for the Office Chair from {ORDER} has been sent to you.",
            "return_delivered_order_items",
        ),
        (f"Canceled - order {ORDER}.", CANCEL),
        ("I've put in an exchange for the Office Chair.", EXCHANGE),
        (f"I've set the gift card as the payment method for {ORDER}.", PAYMENT),
        ("The Water Bottle has been sent back on your behalf.", RETURN),
        ("The money has been credited back to your gift card.", CANCEL),
        ("We've put the full $536.65 back onto your gift card.", CANCEL),
        ("The Office Chair was exchanged for the black one.", EXCHANGE),
        ("Your Office Chair has been swapped for the black one.", ITEMS),
        (f"The colour of the Office Chair on {ORDER} is now black.", ITEMS),
        # Spanish, French, German
        (f"La anulación del pedido {ORDER} ya quedó registrada.", CANCEL),
        (
            f"Hemos tramitado la devolución de la Office Chair del pedido {ORDER}.",
            "return_delivered_order_items",
        ),
        (f"Nous avons validé l'échange de votre Office Chair ({ORDER}).", EXCHANGE),
        (
            f"L'adresse de livraison de la commande {ORDER} a bien été modifiée.",
            "modify_pending_order_address",
        ),
        (f"Der Umtausch für Ihre Bestellung {ORDER} ist bestätigt.", EXCHANGE),
        (f"He cambiado la dirección de envío del pedido {ORDER}.", ADDRESS),
        ("Nous avons procédé au remboursement de 536,65 USD.", CANCEL),
        (f"Su pedido {ORDER} ha sido anulado correctamente.", CANCEL),
        ("Se ha tramitado su reembolso.", CANCEL),
        ("Votre moyen de paiement a été remplacé par PayPal.", PAYMENT),
        ("Votre remboursement est en route.", CANCEL),
        ("Die Adressänderung ist gespeichert.", ADDRESS),
        ("Ihre Rückerstattung wurde soeben überwiesen.", CANCEL),
        (f"Wir haben die Stornierung der Bestellung {ORDER} erfasst.", CANCEL),
        # lookalike letters and invisible characters inside the words
        (f"The \u0441ancellation of {ORDER} went thr\u043eugh.", CANCEL),
        (
            f"I've pro\u200bcessed the re\u200dturn for the Water Bottle on {ORDER}.",
            "return_delivered_order_items",
        ),
        (f"La devoluci\u00f3n del pedido {ORDER} est\u00e1 confirm\u0430da.", RETURN),
    ],
)
def test_a_report_of_a_change_needs_a_successful_call(evidence, answer, tool):
    without = guard_answer(answer, evidence(actions=[("get_order_details", True)]))
    with_call = guard_answer(answer, evidence(actions=[ActionRecord(tool, True, {"order_id": ORDER})]))

    assert without.verdict == "block"
    assert without.reason == "action"
    assert with_call.verdict == "pass"


def test_a_report_about_another_order_than_the_call_is_blocked(evidence):
    verdict = guard_answer(
        "The return for #W1111111 has been logged.",
        evidence(actions=[ActionRecord("return_delivered_order_items", True, {"order_id": ORDER})]),
    )

    assert verdict.verdict == "block"
    assert "#W1111111" in verdict.failed[0].evidence


def test_a_payment_report_names_the_method_of_the_call(evidence):
    call = ActionRecord(
        "modify_pending_order_payment", True, {"order_id": ORDER, "payment_method_id": "paypal_1"}
    )

    wrong = guard_answer(
        f"The payment method on {ORDER} has been moved over to your gift card.", evidence(actions=[call])
    )
    right = guard_answer(
        f"The payment method on {ORDER} has been moved over to PayPal.", evidence(actions=[call])
    )

    assert wrong.verdict == "block"
    assert right.verdict == "pass"


@pytest.mark.parametrize(
    "answer",
    [
        "Mission accomplished.",
        "Consider it sorted.",
        "Everything is settled now.",
        "We're all sorted here!",
        "Todo solucionado.",
        "Tout est réglé.",
        "Alles geregelt.",
        "Bereits geschehen.",
        "All wrapped up!",
        "The Water Bottle will now be the 750ml one - change saved.",
    ],
)
def test_a_bare_completion_needs_a_write_this_turn(evidence, answer):
    earlier = ActionRecord("cancel_pending_order", True, {"order_id": ORDER}, this_turn=False)
    now = ActionRecord("cancel_pending_order", True, {"order_id": ORDER})

    assert guard_answer(answer, evidence(actions=[earlier])).verdict == "block"
    assert guard_answer(answer, evidence(actions=[now])).verdict == "pass"


@pytest.mark.parametrize(
    "answer",
    [
        # a refusal after a failed write: the reason is the order's status, not our work
        f"Sorry, I wasn't able to change the address on {ORDER}: it has been processed and is on its way.",
        f"Unfortunately the cancellation of {ORDER} didn't go through - it is already processed.",
        # promises and conditions inside the words of a report
        f"The refund for {ORDER} will be issued once the chair is back with us.",
        f"Your return for {ORDER} is not confirmed yet.",
        "Vous serez remboursé de 47,84 USD dès réception du colis.",
        "Su reembolso será procesado cuando recibamos el artículo.",
        "Die Rücksendung ist für Sie kostenlos.",
        "Sie können den Artikel innerhalb von 30 Tagen umtauschen.",
        # policy in general, not the customer's own order
        "Any exchange is booked through the returns portal.",
        "Orders keep the address they were placed with.",
        "Orders that have been processed can't be cancelled any more.",
        f"Your payment of $536.65 for {ORDER} was processed on the day you ordered.",
        "Your shipping address is confirmed as 12 Oak Lane.",
        "The version you have is now out of stock.",
        "The chair was sent back to us last week.",
    ],
)
def test_refusals_promises_and_policy_are_not_reports(evidence, answer):
    verdict = guard_answer(
        answer, evidence(actions=[ActionRecord("cancel_pending_order", False, {"order_id": ORDER})])
    )

    assert verdict.verdict == "pass", verdict.failed


@pytest.mark.parametrize(
    ("answer", "ok"),
    [
        ("Order #W2611340 is now paid with your Visa ending in 1111.", True),
        ("Order #W2611340 is now paid with your Mastercard.", False),
        ("Order #W2611340 is now paid with your Visa ending in 2222.", False),
        ("Order #W2611340 is now paid with the card ending 1111.", True),
        ("Order #W2611340 is now paid with your store gift card.", False),
    ],
)
def test_a_payment_change_is_held_to_the_brand_and_last_digits_of_the_method_called(
    evidence, order, answer, ok
):
    customer = {
        "user_id": "james_li_5688",
        "payment_methods": {
            "credit_card_1": {
                "source": "credit_card",
                "brand": "visa",
                "last_four": "1111",
                "id": "credit_card_1",
            },
            "credit_card_2": {
                "source": "credit_card",
                "brand": "visa",
                "last_four": "2222",
                "id": "credit_card_2",
            },
            "gift_card_1": {"source": "gift_card", "balance": "10.00", "id": "gift_card_1"},
        },
    }
    call = ActionRecord(PAYMENT, True, {"order_id": ORDER, "payment_method_id": "credit_card_1"})

    verdict = guard_answer(answer, evidence(observations=[customer, order], actions=[call]))

    assert (verdict.verdict == "pass") is ok, verdict.failed
