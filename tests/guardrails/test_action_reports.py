"""Issue 9: action reports read by their structure (action noun + object phrase + completion
predicate, in any order), in English, Spanish, French and German."""

import pytest

from apps.guardrails.check import guard_answer
from apps.guardrails.evidence import ActionRecord, Evidence
from tests.guardrails.conftest import observed_order

ORDER = "#W2611340"
# The order's Water Bottle: the reports that name it are about the item the write changed.
WATER_BOTTLE = "6469567736"


def _evidence(snapshot, *actions) -> Evidence:
    read = ActionRecord("get_order_details", True, {"order_id": ORDER})
    return Evidence(knowledge=snapshot, observations=(observed_order(ORDER),), actions=(read, *actions))


WRITES = {
    "cancel": ActionRecord("cancel_pending_order", True, {"order_id": ORDER, "reason": "no longer needed"}),
    "exchange": ActionRecord(
        "exchange_delivered_order_items",
        True,
        {
            "order_id": ORDER,
            "item_ids": [WATER_BOTTLE],
            "new_item_ids": ["1434748144"],
            "payment_method_id": "paypal_1",
        },
    ),
    "return": ActionRecord(
        "return_delivered_order_items",
        True,
        {"order_id": ORDER, "item_ids": [WATER_BOTTLE], "payment_method_id": "paypal_1"},
    ),
    "address": ActionRecord("modify_pending_order_address", True, {"order_id": ORDER}),
    "payment": ActionRecord(
        "modify_pending_order_payment", True, {"order_id": ORDER, "payment_method_id": "paypal_1"}
    ),
}

# (the write that makes the report true, the report naming {order})
REPORTS = [
    ("exchange", "The exchange on order {order} has been submitted."),
    ("exchange", "The exchange for order {order} has been processed."),
    ("exchange", "The exchange of order {order} has been placed."),
    ("exchange", "The exchange on your order {order} has been put through."),
    ("exchange", "The exchange on order {order} went through."),
    ("exchange", "The exchange request on {order} is now in progress."),
    ("exchange", "Exchange for {order} submitted."),
    ("exchange", "Submitted: the exchange on order {order}."),
    ("exchange", "I've put through the exchange for {order}."),
    ("exchange", "I've put the exchange for {order} through."),
    ("exchange", "Good news - the swap of the Water Bottle on {order} has gone through."),
    ("cancel", "Your refund for {order} was issued."),
    ("cancel", "The refund for order {order} has been processed and should show up in 5-7 business days."),
    ("cancel", "Cancellation of {order} is confirmed."),
    ("cancel", "We have processed the cancellation of {order}."),
    ("cancel", "Please note the refund for {order} has been issued."),
    ("return", "Return request for order {bare} is in."),
    ("return", "We've lodged a return for the Water Bottle on {order}."),
    ("return", "The return label for {order} has been generated and emailed to you."),
    ("return", "Your refund request for the Water Bottle on {order} has been submitted."),
    ("address", "The shipping address on order {order} has been amended."),
    ("payment", "The payment method for {order} has been switched to PayPal."),
    ("exchange", "El cambio del pedido {order} ha sido registrado."),
    ("cancel", "Su reembolso por el pedido {order} fue emitido."),
    ("return", "La solicitud de devolución del pedido {order} está registrada."),
    ("cancel", "La cancelación de {order} está confirmada."),
    ("cancel", "Se ha procesado el reembolso del pedido {order}."),
    ("return", "Hemos registrado la devolución de su pedido {order}."),
    ("exchange", "L'échange de la commande {order} a été soumis."),
    ("cancel", "Votre remboursement pour la commande {order} a été émis."),
    ("return", "La demande de retour pour la commande {order} est enregistrée."),
    ("cancel", "L'annulation de {order} est confirmée."),
    ("return", "Nous avons enregistré votre retour pour la commande {order}."),
    ("exchange", "Der Umtausch für Bestellung {order} wurde eingereicht."),
    ("cancel", "Ihre Erstattung für {order} wurde ausgestellt."),
    ("return", "Die Rücksendeanfrage für Bestellung {order} ist eingegangen."),
    ("cancel", "Die Stornierung von {order} ist bestätigt."),
    ("exchange", "Wir haben den Umtausch für Ihre Bestellung {order} eingereicht."),
    ("return", "We've initiated the return process for order {order}."),
    ("exchange", "The exchange on order {order} is currently being processed."),
    ("exchange", "The exchange on {order} went ahead."),
    ("exchange", "Order {order}: the exchange has been submitted."),
    ("cancel", "Your cancellation request for order {order} has been actioned."),
    ("cancel", "El reembolso del pedido {order} está siendo procesado."),
    ("exchange", "Exchange for {order} placed \u2705"),
    ("cancel", "Se emitió el reembolso del pedido {order}."),
    ("exchange", "Votre échange pour la commande {order} est bien enregistré."),
    ("return", "Wir haben Ihre Rücksendung für Bestellung {order} registriert."),
]


def _say(template: str, order: str) -> str:
    return template.format(order=order, bare=order.lstrip("#"))


@pytest.mark.parametrize(("write", "template"), REPORTS)
def test_a_report_with_no_write_behind_it_is_blocked(snapshot, write, template):
    verdict = guard_answer(_say(template, ORDER), _evidence(snapshot))

    assert verdict.verdict == "block"
    assert verdict.reason == "action"


@pytest.mark.parametrize(("write", "template"), REPORTS)
def test_the_report_passes_after_the_write_on_its_order(snapshot, write, template):
    verdict = guard_answer(_say(template, ORDER), _evidence(snapshot, WRITES[write]))

    assert verdict.verdict == "pass", verdict.failed


@pytest.mark.parametrize(("write", "template"), [r for r in REPORTS if "{order}" in r[1] or "{bare}" in r[1]])
def test_the_report_is_bound_to_the_order_it_names(snapshot, write, template):
    verdict = guard_answer(_say(template, "#W9999999"), _evidence(snapshot, WRITES[write]))

    assert verdict.verdict == "block"
    assert any("#W9999999" in claim.evidence for claim in verdict.failed)


def test_a_write_of_another_kind_does_not_back_the_report(snapshot):
    verdict = guard_answer(
        "The exchange on order #W2611340 has been submitted.", _evidence(snapshot, WRITES["cancel"])
    )

    assert verdict.verdict == "block"


def test_a_return_does_not_back_a_refund_reported_as_issued(snapshot):
    # The return files the refund request; the refund is issued when the items arrive.
    verdict = guard_answer(
        "Your refund for the Water Bottle has been issued.", _evidence(snapshot, WRITES["return"])
    )

    assert verdict.verdict == "block"


@pytest.mark.parametrize(
    "answer",
    [
        "Refunds are processed within 5-7 business days.",
        "A refund is issued once we receive the item.",
        "The refund is issued to the original payment method.",
        "Exchanges are processed after the items arrive.",
        "Your exchange will be submitted once you confirm.",
        "The exchange on order #W2611340 hasn't been submitted yet.",
        "Once the return is processed, the refund goes to your card.",
        "I can submit the exchange for #W2611340 as soon as you confirm.",
        "Items you return are processed quickly.",
        "The return window for #W2611340 has been extended.",
        "The address on order #W2611340 has been confirmed as correct.",
        "Your payment for order #W2611340 was processed on May 3.",
        "I've confirmed the exchange details with you; shall I go ahead?",
        "I've sent you the return instructions by email.",
        "If the exchange is approved, we'll ship the new item.",
        "The exchange for #W2611340 can be submitted today.",
        "Your exchange request was received and will be processed shortly.",
        "Orders whose items were changed cannot be cancelled.",
        "Return requested or exchange requested: we are waiting for the items to come back.",
        "Set up a return within 30 days of delivery: the refund goes to your card once the item reaches us.",
        "I can check an order, cancel a pending order, set up a return, or change an address.",
        "Los reembolsos se procesan en un plazo de 5 a 7 días.",
        "El reembolso será emitido cuando recibamos el artículo.",
        "Le remboursement sera effectué sous 5 à 7 jours ouvrés.",
        "Die Erstattung erfolgt innerhalb von 5 bis 7 Tagen.",
        "Le remboursement est effectué sous 5 à 7 jours.",
        "The refund processed by your bank may take a few days to appear.",
        "I've explained the return process.",
        "I went ahead and checked the exchange options for you.",
        "Sobald Sie bestätigen, wird der Umtausch eingereicht.",
    ],
)
def test_rules_promises_and_negations_are_not_reports(snapshot, answer):
    verdict = guard_answer(answer, _evidence(snapshot))

    assert verdict.verdict == "pass", verdict.failed


def test_an_earlier_item_change_is_backed_by_the_orders_observed_status(snapshot):
    order = observed_order(ORDER) | {"status": "pending (item modified)"}
    evidence = Evidence(knowledge=snapshot, observations=(order,))

    verdict = guard_answer("The items of order #W2611340 have already been changed once.", evidence)

    assert verdict.verdict == "pass", verdict.failed
    assert guard_answer(
        "The items of order #W2611340 have already been changed once.", _evidence(snapshot)
    ).tripped
