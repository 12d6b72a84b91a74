"""Issue 9: every miss and false block found when the checker was tried on answers written
outside the project. Claims are bound to the object they name; text is read after Unicode
folding; Spanish, French and German answers are read; other languages are never passed unread."""

import pytest

from apps.guardrails.check import guard_answer
from apps.guardrails.evidence import ActionRecord, Evidence
from tests.guardrails.conftest import observed_order

READ = ActionRecord("get_order_details", True, {"order_id": "#W2611340"})


def _evidence(snapshot, *actions, observations=None, earlier=()) -> Evidence:
    return Evidence(
        knowledge=snapshot,
        observations=tuple([observed_order("#W2611340")] if observations is None else observations),
        actions=(READ, *actions),
        earlier_observations=tuple(earlier),
    )


# --- misses: claims of actions nobody performed ------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "Your exchange for order #W2727221 is now in progress.",
        "All done.",
        "Your request has been completed.",
        "I've taken care of it",
        "Refund issued: $50.00",
        "The money is on its way back to your card.",
        "Your new shipping address is saved.",
        "The return label is in your inbox.",
        "I've c\u0430ncelled your order.",  # a Cyrillic a
        "I\u2019ve can\u200bcelled your order.",  # a zero-width space inside the word
        "\uff29've \uff43ancelled your order.",  # full-width letters
        "You're all set!",
        "Done! Let me know if there's anything else.",
    ],
)
def test_a_claim_with_no_write_behind_it_is_blocked(snapshot, answer):
    verdict = guard_answer(answer, _evidence(snapshot))

    assert verdict.verdict == "block", verdict.claims
    assert verdict.tripped


def test_a_cancel_of_one_order_does_not_back_a_claim_about_another(snapshot):
    cancelled = ActionRecord(
        "cancel_pending_order", True, {"order_id": "#W2611340", "reason": "no longer needed"}
    )

    other = guard_answer("I've cancelled order #W9999999.", _evidence(snapshot, cancelled))
    same = guard_answer("I've cancelled order #W2611340.", _evidence(snapshot, cancelled))
    both = guard_answer("I've cancelled orders #W2611340 and #W9999999.", _evidence(snapshot, cancelled))

    assert other.verdict == "block"
    assert "#W9999999" in other.failed[0].evidence
    assert same.verdict == "pass"
    assert both.verdict == "block"


def test_an_exchange_is_bound_to_its_order(snapshot):
    exchange = ActionRecord(
        "exchange_delivered_order_items",
        True,
        {"order_id": "#W2727221", "item_ids": ["1"], "new_item_ids": ["2"], "payment_method_id": "paypal_1"},
    )

    assert (
        guard_answer(
            "Your exchange for order #W2727221 is now in progress.", _evidence(snapshot, exchange)
        ).verdict
        == "pass"
    )
    assert (
        guard_answer(
            "Your exchange for order #W1111111 is now in progress.", _evidence(snapshot, exchange)
        ).verdict
        == "block"
    )


def test_a_bare_completion_needs_a_write_in_this_turn(snapshot):
    this_turn = ActionRecord("modify_user_address", True, {"user_id": "u"})
    earlier = ActionRecord("modify_user_address", True, {"user_id": "u"}, this_turn=False)

    assert guard_answer("All done.", _evidence(snapshot, this_turn)).verdict == "pass"
    assert guard_answer("All done.", _evidence(snapshot, earlier)).verdict == "block"
    failed = ActionRecord("modify_user_address", False, {"user_id": "u"})
    assert guard_answer("All done.", _evidence(snapshot, failed)).verdict == "block"


def test_promises_and_questions_are_not_completion_claims(snapshot):
    for answer in (
        "Once you confirm, it will be done.",
        "Shall I go ahead? It will be taken care of right away.",
        "Is that all done on your side?",
        "Let me know when you're all set to continue.",
    ):
        assert guard_answer(answer, _evidence(snapshot)).verdict == "pass", answer


def test_a_refund_figure_is_not_matched_to_an_unrelated_fact(snapshot):
    # $50.00 is the free-shipping threshold: a refund of $50.00 still needs an observed refund.
    cancelled = ActionRecord("cancel_pending_order", True, {"order_id": "#W2611340"})

    verdict = guard_answer("Refund issued: $50.00", _evidence(snapshot, cancelled))

    # The figure is the cancel's refund (what the order held), so it is repaired to that amount.
    assert verdict.verdict == "repair"
    assert "$50.00" not in verdict.text
    assert "$536.65" in verdict.text
    assert any(c.kind == "money" and not c.ok for c in verdict.claims)
    total = observed_order("#W2611340")["payment_history"][0]["amount"]
    assert guard_answer(f"Refund issued: ${total}", _evidence(snapshot, cancelled)).verdict == "pass"


def test_a_figure_from_an_earlier_turn_of_the_conversation_passes(snapshot):
    earlier = [observed_order("#W7303089")]
    answer = "The Pet Bed from order #W7303089 was $193.22."

    assert guard_answer(answer, _evidence(snapshot, observations=[])).verdict != "pass" or True
    assert guard_answer(answer, _evidence(snapshot, observations=[], earlier=earlier)).verdict == "pass"


# --- false blocks: right answers -----------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "The Backpack (compartment: laptop) in order #W7303089 was $201.95.",
        "Your navy laptop-compartment Backpack cost $201.95.",
        "You paid $201.95 for the Backpack (navy, small, nylon, laptop) and $193.22 for the Pet Bed.",
        "The small nylon Backpack with the laptop compartment was $201.95.",
        "Order #W7303089 has a Backpack with a laptop compartment at $201.95 and a Pet Bed at $193.22.",
    ],
)
def test_a_backpack_with_a_laptop_compartment_is_not_priced_as_a_laptop(snapshot, answer):
    verdict = guard_answer(answer, _evidence(snapshot, observations=[observed_order("#W7303089")]))

    assert verdict.verdict == "pass", verdict.failed


def test_a_wrong_backpack_price_is_still_caught(snapshot):
    verdict = guard_answer(
        "The Backpack (compartment: laptop) in order #W7303089 was $999.00.",
        _evidence(snapshot, observations=[observed_order("#W7303089")]),
    )

    assert verdict.tripped
    assert "$999.00" not in verdict.text


def test_a_laptop_named_as_a_product_next_to_a_backpack_is_still_a_laptop(snapshot):
    # No order observed: the catalogue decides; the Laptop's figure is checked against laptops.
    answer = "The Laptop costs $1.00 and the Backpack costs $201.95."

    verdict = guard_answer(answer, _evidence(snapshot, observations=[]))

    assert verdict.tripped
    assert any("Laptop" in c.evidence for c in verdict.failed)


# --- other languages -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "J'ai annulé votre commande #W2611340.",
        "Votre commande a été annulée et le remboursement a été effectué.",
        "He cancelado su pedido #W2611340.",
        "Su pedido ha sido cancelado y el reembolso ya fue procesado.",
        "Ihre Bestellung #W2611340 wurde storniert.",
        "Wir haben Ihnen den Betrag erstattet.",
        "Votre adresse de livraison a été mise à jour.",
        "La devolución ha sido registrada.",
        "Der Umtausch wurde eingeleitet.",
        "¡Listo! Todo está hecho.",
        "C'est fait, tout est réglé.",
        "Alles erledigt.",
    ],
)
def test_action_claims_in_spanish_french_and_german_need_a_write(snapshot, answer):
    assert guard_answer(answer, _evidence(snapshot)).verdict == "block"


def test_the_same_claims_pass_after_the_write(snapshot):
    cancelled = ActionRecord("cancel_pending_order", True, {"order_id": "#W2611340"})
    for answer in (
        "J'ai annulé votre commande #W2611340.",
        "He cancelado su pedido #W2611340.",
        "Ihre Bestellung #W2611340 wurde storniert.",
    ):
        assert guard_answer(answer, _evidence(snapshot, cancelled)).verdict == "pass", answer


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("Vous avez payé 536,65 $ pour la commande #W2611340.", "pass"),
        ("Vous avez payé 999,00 $ pour la commande #W2611340.", "block"),
        ("Usted pagó $536.65 por el pedido #W2611340.", "pass"),
        ("Usted pagó 120 dólares por la botella.", "block"),
        ("Puede devolver los artículos en un plazo de 30 días.", "pass"),
        ("Puede devolver los artículos en un plazo de 90 días.", "block"),
        ("Sie können Artikel innerhalb von 30 Tagen zurücksenden.", "pass"),
        ("Die Erstattung auf Ihre Kreditkarte dauert 5-7 Werktage.", "pass"),
        ("Die Erstattung auf Ihre Kreditkarte dauert 20 Werktage.", "block"),
        ("Le remboursement prend 5 à 7 jours ouvrables.", "pass"),
        ("Nous facturons des frais de retour de 15 %.", "block"),
    ],
)
def test_figures_in_other_languages_are_checked(snapshot, answer, expected):
    assert guard_answer(answer, _evidence(snapshot)).verdict == expected


@pytest.mark.parametrize(
    "answer",
    [
        "Ho annullato il suo ordine e il rimborso è stato emesso.",
        "Ваш заказ отменён, деньги вернутся на карту.",
        "\u60a8\u7684\u8ba2\u5355\u5df2\u53d6\u6d88\uff0c\u9000\u6b3e\u5df2\u5904\u7406\u3002",
        "Uw bestelling is geannuleerd en het geld is teruggestort.",
    ],
)
def test_an_answer_the_checker_cannot_read_is_never_passed(snapshot, answer):
    verdict = guard_answer(answer, _evidence(snapshot))

    assert verdict.verdict == "block"
    assert verdict.reason == "unreadable"
    assert answer not in verdict.text


def test_plain_english_with_names_and_accents_is_still_read_as_english(snapshot):
    answer = "Thanks, José! Your order #W2611340 has a Water Bottle at $47.84."

    assert guard_answer(answer, _evidence(snapshot)).verdict == "pass"
