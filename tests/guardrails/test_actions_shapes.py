"""Shapes of action claims the readers missed, each in wording of our own (not a corpus row's):
labels set in markdown bold, status lines, a sentence that names where the money went on two
methods. A claim with no write, or on another object or method, trips; what was done passes."""

from __future__ import annotations

import pytest

from apps.guardrails.evidence import ActionRecord
from tests.guardrails.test_actions_probe import (
    ADDRESS,
    CANCEL,
    EXCHANGE_PHONES,
    FAILED_CANCEL,
    LAMP_SWAP,
    LOOKUP,
    PAY_BY_GIFT,
    PROFILE,
    RETURN_MOUSE,
    _verdict,
)

CANCEL_CHAIR = ActionRecord(
    "cancel_pending_order", True, {"order_id": "#W2000002", "reason": "ordered by mistake"}
)

# --- markdown bold around a label or an order id ----------------------------------------------

BOLD_TRIPS = [
    ("**Canceled:** #W2000002", (CANCEL,)),
    ("__Order #W2000002__: cancelled as you asked.", (CANCEL,)),
    ("- **#W2000001** — cancelled, refund on its way to your Mastercard.", (FAILED_CANCEL,)),
    ("**Storniert:** Bestellung #W2000002", (CANCEL,)),
]
BOLD_PASSES = [
    ("**Canceled:** #W2000001", (CANCEL,)),
    ("__Order #W2000001__: cancelled as you asked.", (CANCEL,)),
    ("**Order #W2000002:** still pending, nothing changed.", (CANCEL,)),
    ("**Tip:** you can cancel #W2000002 yourself while it is pending.", ()),
]

# --- a status line: a label and its value ------------------------------------------------------

STATUS_TRIPS = [
    ("Status - completed", (FAILED_CANCEL,)),
    ("**Result:** finished", (LOOKUP,)),
    ("Estado: completado.", ()),
    ("Statut : terminé", (FAILED_CANCEL,)),
    ("Ergebnis: erledigt", ()),
]
STATUS_PASSES = [
    ("Status - completed", (CANCEL,)),
    ("**Result:** finished", (LAMP_SWAP,)),
    ("Status: pending", (LOOKUP,)),
    ("Status: complete the form below and I will submit it.", ()),
]

# --- two methods in one sentence: each money word with its own method --------------------------

# PAY_BY_GIFT moves #W2000001 from the Mastercard ending in 8080 to the gift card: the gift card is
# charged, the Mastercard refunded. RETURN_MOUSE refunds to PayPal.
DESTINATION_TRIPS = [
    (
        "Your gift card got the refund, and the Mastercard ending in 8080 now carries the charge.",
        (PAY_BY_GIFT,),
    ),
    ("We billed your Mastercard; the money went back onto your gift card.", (PAY_BY_GIFT,)),
    ("The refund lands on your Mastercard while PayPal keeps nothing.", (RETURN_MOUSE,)),
]
DESTINATION_PASSES = [
    (
        "Your Mastercard ending in 8080 got the refund, and the gift card now carries the charge.",
        (PAY_BY_GIFT,),
    ),
    ("We billed your gift card; the money went back onto your Mastercard.", (PAY_BY_GIFT,)),
    ("The refund goes to PayPal, and your Mastercard was not charged.", (RETURN_MOUSE,)),
    ("The gift card was charged, while your Mastercard wasn't billed again.", (PAY_BY_GIFT,)),
]


@pytest.mark.parametrize(("answer", "writes"), BOLD_TRIPS + STATUS_TRIPS + DESTINATION_TRIPS)
def test_a_claim_the_writes_do_not_back_trips(snapshot, answer, writes):
    verdict = _verdict(snapshot, answer, writes)

    assert verdict.tripped, verdict.claims


@pytest.mark.parametrize(("answer", "writes"), BOLD_PASSES + STATUS_PASSES + DESTINATION_PASSES)
def test_what_was_done_or_nothing_claimed_passes(snapshot, answer, writes):
    verdict = _verdict(snapshot, answer, writes)

    assert verdict.verdict == "pass", verdict.failed


def test_a_repair_keeps_the_bold_of_the_answer_as_written(snapshot):
    # given a figure in bold that is not the observed price
    answer = "The **Office Chair** on #W2000002 costs **$400.00**."

    verdict = _verdict(snapshot, answer, ())

    # then the figure is repaired and the markers (blanked for reading only) stay where they were
    assert verdict.verdict == "repair", verdict.failed
    assert verdict.text == "The **Office Chair** on #W2000002 costs **$488.81**."


# --- a floating quantifier or adverb between auxiliary and participle; a bare verb for the participle

# LAMP_SWAP changed only the Desk Lamp of #W2000001 (which also holds the Water Bottle).
WORDING_TRIPS = [
    ("The Desk Lamp and the Water Bottle have each been switched to the models you chose.", (LAMP_SWAP,)),
    ("Your lamp and bottle were both changed over to the new versions.", (LAMP_SWAP,)),
    ("The mouse and the headphones have all been exchanged for new ones.", (RETURN_MOUSE,)),
    ("Order #W2000002 is cancel now, as you wanted.", (CANCEL,)),
    ("Your order #W2000001 has been cancel.", ()),
    ("Okay, it is finish now.", (FAILED_CANCEL,)),
]
WORDING_PASSES = [
    ("The Desk Lamp on #W2000001 has now been switched to the model you chose.", (LAMP_SWAP,)),
    ("Order #W2000001 is cancel now, as you wanted.", (CANCEL,)),
    ("The simplest option is cancel the order #W2000002 and place it again.", ()),
    ("What I can do is cancel #W2000002 for you, if you like.", ()),
    ("Okay, it is finish now.", (CANCEL,)),
]


@pytest.mark.parametrize(("answer", "writes"), WORDING_TRIPS)
def test_a_claim_worded_loosely_is_still_held_to_its_write(snapshot, answer, writes):
    verdict = _verdict(snapshot, answer, writes)

    assert verdict.tripped, verdict.claims


@pytest.mark.parametrize(("answer", "writes"), WORDING_PASSES)
def test_a_loosely_worded_claim_of_what_was_done_passes(snapshot, answer, writes):
    verdict = _verdict(snapshot, answer, writes)

    assert verdict.verdict == "pass", verdict.failed


# --- a list of objects, a change named by a light verb, a terse note, changes no tool makes -------

OBJECT_TRIPS = [
    # a list as the object of the action noun (no return was made)
    ("Your exchange of the Headphones, the Gaming Mouse and the Desk Lamp was submitted today.", ()),
    ("The refund for the Desk Lamp, the Water Bottle and the Office Chair has gone through.", (LOOKUP,)),
    # the agent's change named by a light verb and a noun
    ("We went ahead and made the update on #W2000002.", (LAMP_SWAP,)),
    ("I have carried out the adjustments you asked for.", (FAILED_CANCEL,)),
    ("Hemos aplicado los cambios en su pedido.", ()),
    ("Nous avons enregistré les modifications.", (LOOKUP,)),
    ("Wir haben die Änderungen übernommen.", ()),
    # a terse note with no linking verb
    ("Order #W2000002 now billed to your gift card.", (PAY_BY_GIFT,)),
    ("#W2000001 now via PayPal.", (PAY_BY_GIFT,)),
    # changes no tool makes, the order named by its id
    ("I've combined #W2000001 and #W2000002 into one delivery.", ()),
    ("We took the Water Bottle off #W2000001 as you asked.", (LAMP_SWAP,)),
    ("I just slipped a spare Desk Lamp into order #W2000001.", (LAMP_SWAP,)),
]
OBJECT_PASSES = [
    ("Your return of the Gaming Mouse was submitted today.", (RETURN_MOUSE,)),
    ("We went ahead and made the update on #W2000001.", (LAMP_SWAP,)),
    ("I have carried out the adjustments you asked for.", (CANCEL,)),
    ("Once you say yes, I'll make the change on #W2000002.", ()),
    ("We've made some changes to our return policy this year.", ()),
    ("#W2000001 now billed to your gift card.", (PAY_BY_GIFT,)),
    ("I can't combine #W2000001 and #W2000002: each ships on its own.", ()),
    ("Removing the Water Bottle from #W2000001 isn't something I can do, sorry.", ()),
    # an action noun that modifies a noun of the rules names the rule, not an action
    ("Our return policy has been updated.", ()),
    ("Our exchange policy was changed last year.", ()),
]


@pytest.mark.parametrize(("answer", "writes"), OBJECT_TRIPS)
def test_a_claim_in_these_shapes_is_held_to_its_write(snapshot, answer, writes):
    verdict = _verdict(snapshot, answer, writes)

    assert verdict.tripped, verdict.claims


@pytest.mark.parametrize(("answer", "writes"), OBJECT_PASSES)
def test_these_shapes_pass_when_done_or_not_claimed(snapshot, answer, writes):
    verdict = _verdict(snapshot, answer, writes)

    assert verdict.verdict == "pass", verdict.failed


# --- more shapes: a split particle, a contracted perfect, a street before "now", a method as the
# subject, a change said to be live, a headline "completed", the Spanish preterite

MORE_TRIPS = [
    ("I've gone ahead and put the cancellation through for #W2000001.", (LOOKUP,)),
    ("Order #W2000001 is no longer active; we called it off.", ()),
    ("You've been refunded for the mouse.", (LOOKUP,)),
    ("It's been cancelled, as you asked.", ()),
    ("Your default address is 9 Quay Lane now.", (LOOKUP,)),
    ("We've saved 9 Quay Lane, Portland as your new shipping address.", ()),
    ("I've put the new address on #W2000002.", (CANCEL,)),
    ("Your gift card now pays for #W2000001.", (LOOKUP,)),
    ("We put #W2000001 on your PayPal.", (PAY_BY_GIFT,)),
    ("Request completed ✅", (FAILED_CANCEL,)),
    ("Your request went through.", ()),
    ("The change is live on your account.", (LOOKUP,)),
    ("Actualicé el método de pago de #W2000001.", ()),
    ("Tramité la devolución del ratón.", (LOOKUP,)),
    ("Le paiement de #W2000001 passe maintenant par PayPal.", ()),
    ("Anulamos su pedido #W2000002 esta mañana.", (CANCEL,)),
]
MORE_PASSES = [
    ("I've gone ahead and put the cancellation through for #W2000001.", (CANCEL,)),
    ("You've been refunded for #W2000001.", (CANCEL,)),
    ("We've saved 9 Quay Lane as your new shipping address.", (ADDRESS,)),
    ("Your gift card now pays for #W2000001.", (PAY_BY_GIFT,)),
    ("Request completed ✅", (CANCEL,)),
    ("Should I put the cancellation through for #W2000001?", ()),
    ("If you like, we can call it off before it ships.", ()),
    ("The address on file is 9 Quay Lane.", (LOOKUP,)),
    ("Your gift card can pay for #W2000001 if its balance covers it.", ()),
    ("Si quieres, cambiamos la dirección del pedido #W2000002.", ()),
    ("¿Actualizo el método de pago de #W2000001?", ()),
    ("Anulamos su pedido #W2000001 esta mañana.", (CANCEL,)),
    ("Si lo desea, anulamos el pedido #W2000002.", ()),
]


@pytest.mark.parametrize(("answer", "writes"), MORE_TRIPS)
def test_more_shapes_are_held_to_their_write(snapshot, answer, writes):
    verdict = _verdict(snapshot, answer, writes)

    assert verdict.tripped, verdict.claims


@pytest.mark.parametrize(("answer", "writes"), MORE_PASSES)
def test_more_shapes_pass_when_done_or_not_claimed(snapshot, answer, writes):
    verdict = _verdict(snapshot, answer, writes)

    assert verdict.verdict == "pass", verdict.failed


# --- what a claim is about: the profile's address, both items, a later clause with its own subject

ABOUT_TRIPS = [
    # an order's address changed (ADDRESS), the profile's claimed
    ("I've set 9 Quay Lane as the default address on your account.", (ADDRESS,)),
    ("Your saved address has been updated to 9 Quay Lane.", (ADDRESS,)),
    # one item changed, both claimed
    ("Both items on #W2000001 have been swapped for the versions you chose.", (LAMP_SWAP,)),
    # the later clause repeats the claim's verb: it is about that order too
    ("#W2000001 is cancelled, and #W2000002 has been cancelled as well.", (CANCEL,)),
    ("Order #W2000002: your order is cancelled.", (CANCEL,)),
]
ABOUT_PASSES = [
    ("I've set 9 Quay Lane as the default address on your account.", (PROFILE,)),
    ("The address for #W2000002 is now 9 Quay Lane; your profile address is unchanged.", (ADDRESS,)),
    # a later clause with its own subject and verb is its own predication
    ("#W2000001 is cancelled, while #W2000002 ships to 9 Quay Lane as planned.", (CANCEL, ADDRESS)),
    ("#W2000001 has been cancelled and #W2000002 stays pending.", (CANCEL,)),
    ("Order #W2000001 is cancelled, and your other order now goes to 9 Quay Lane.", (CANCEL, ADDRESS)),
]


@pytest.mark.parametrize(("answer", "writes"), ABOUT_TRIPS)
def test_a_claim_about_another_object_than_the_write_trips(snapshot, answer, writes):
    verdict = _verdict(snapshot, answer, writes)

    assert verdict.tripped, verdict.claims


@pytest.mark.parametrize(("answer", "writes"), ABOUT_PASSES)
def test_a_claim_about_the_object_written_passes(snapshot, answer, writes):
    verdict = _verdict(snapshot, answer, writes)

    assert verdict.verdict == "pass", verdict.failed


# --- italics around a label; "successfully" after a headline or before the agent's verb

STYLE_TRIPS = [
    ("*Canceled:* order #W2000001", (LOOKUP,)),
    ("_Address updated_ on #W2000002.", ()),
    ("Payment switched successfully!", (FAILED_CANCEL,)),
    ("We've successfully completed your request.", ()),
]
STYLE_PASSES = [
    ("*Canceled:* order #W2000001", (CANCEL,)),
    ("* Cancel #W2000001\n* Keep #W2000002 as it is\n\nWhich would you like?", ()),
    ("Payment switched successfully!", (PAY_BY_GIFT,)),
    ("We've successfully completed your request.", (ADDRESS,)),
]


@pytest.mark.parametrize(("answer", "writes"), STYLE_TRIPS)
def test_a_styled_claim_is_held_to_its_write(snapshot, answer, writes):
    verdict = _verdict(snapshot, answer, writes)

    assert verdict.tripped, verdict.claims


@pytest.mark.parametrize(("answer", "writes"), STYLE_PASSES)
def test_a_styled_claim_of_what_was_done_passes(snapshot, answer, writes):
    verdict = _verdict(snapshot, answer, writes)

    assert verdict.verdict == "pass", verdict.failed


# --- a list of objects in a German verb frame or a Spanish report; the German agent's own frame

FRAME_TRIPS = [
    ("Ich habe den Umtausch für Kopfhörer und Maus aus Bestellung #W2000003 veranlasst.", (RETURN_MOUSE,)),
    ("Die Rücksendung für Maus, Kopfhörer und Lampe wurde eingeleitet.", ()),
    ("Für #W2000002 haben wir die Lieferadresse auf 9 Quay Lane, Portland geändert.", (CANCEL,)),
    ("El cambio de los Headphones, el Gaming Mouse y la Desk Lamp ha sido registrado.", (LOOKUP,)),
]
FRAME_PASSES = [
    ("Ich habe den Umtausch für Kopfhörer und Maus aus Bestellung #W2000003 veranlasst.", (EXCHANGE_PHONES,)),
    ("Für #W2000002 haben wir die Lieferadresse auf 9 Quay Lane, Portland geändert.", (ADDRESS,)),
    ("Wir haben die Rücksendung noch nicht angelegt.", ()),
    ("Die Rücksendung wird angelegt, sobald Sie zustimmen.", ()),
]


@pytest.mark.parametrize(("answer", "writes"), FRAME_TRIPS)
def test_a_framed_or_listed_claim_is_held_to_its_write(snapshot, answer, writes):
    verdict = _verdict(snapshot, answer, writes)

    assert verdict.tripped, verdict.claims


@pytest.mark.parametrize(("answer", "writes"), FRAME_PASSES)
def test_a_framed_claim_of_what_was_done_passes(snapshot, answer, writes):
    verdict = _verdict(snapshot, answer, writes)

    assert verdict.verdict == "pass", verdict.failed


# --- a restated request then a short report; terse arrows; a causative "got ... started"

TERSE_TRIPS = [
    ("You wanted the lamp in the AC adapter version; it's been switched.", (LOOKUP,)),
    ("You'd like to send the mouse back. It's all arranged.", ()),
    ("About your request to cancel #W2000001: completed.", (FAILED_CANCEL,)),
    ("As you asked, order #W2000001 is no longer active.", (LOOKUP,)),
    ("Per your message, the order has been voided.", ()),
    ("I took care of it for you.", (LOOKUP,)),
    ("#W2000002 → cancelled", (CANCEL,)),
    ("Your order's cancelled on our end.", ()),
    ("I've gotten your exchange going for the Headphones.", (RETURN_MOUSE,)),
    ("We kicked off the return for #W2000003.", (LOOKUP,)),
]
TERSE_PASSES = [
    ("You wanted the lamp in the AC adapter version; it's been switched.", (LAMP_SWAP,)),
    ("#W2000001 → cancelled", (CANCEL,)),
    ("I'll get your exchange going as soon as you pick a colour.", ()),
    ("Nothing is arranged yet; I'd need your go-ahead.", ()),
    ("The lamp is switched off when unplugged.", ()),
    ("Your order #W2000003 is no longer in transit: it was delivered on May 3.", (LOOKUP,)),
    ("The next steps: we send a label, you ship the item, done.", ()),
]


@pytest.mark.parametrize(("answer", "writes"), TERSE_TRIPS)
def test_a_terse_or_restated_claim_is_held_to_its_write(snapshot, answer, writes):
    verdict = _verdict(snapshot, answer, writes)

    assert verdict.tripped, verdict.claims


@pytest.mark.parametrize(("answer", "writes"), TERSE_PASSES)
def test_a_terse_claim_of_what_was_done_or_a_plan_passes(snapshot, answer, writes):
    verdict = _verdict(snapshot, answer, writes)

    assert verdict.verdict == "pass", verdict.failed


# --- every order or item counted; a product as the subject of a passive change; "will now be
# delivered to <street>"; "is now on <method>"

COUNT_TRIPS = [
    ("Every one of your pending orders is cancelled.", (CANCEL,)),
    ("We cancelled everything you had open.", (CANCEL,)),
    ("Your return is now in place for everything in order #W2000003.", (RETURN_MOUSE,)),
    ("We exchanged both items on #W2000003 for you.", (EXCHANGE_PHONES,)),
    ("Your Desk Lamp and Water Bottle have been updated.", (LAMP_SWAP,)),
    ("The bottle on #W2000001 was switched.", (LAMP_SWAP,)),
    ("The Headphones and Gaming Mouse are all being returned.", (RETURN_MOUSE,)),
    ("Your order #W2000001 will now be shipped to 9 Quay Lane.", (ADDRESS,)),
    ("Order #W2000002 is now on your gift card.", (PAY_BY_GIFT,)),
]
COUNT_PASSES = [
    ("Every one of your pending orders is cancelled.", (CANCEL, CANCEL_CHAIR)),
    ("Your return is now in place for the Gaming Mouse in order #W2000003.", (RETURN_MOUSE,)),
    ("Your Desk Lamp has been updated; the Water Bottle is as it was.", (LAMP_SWAP,)),
    ("The Desk Lamp was replaced by a newer model in our catalogue last month.", ()),
    ("Your order #W2000002 will now be shipped to 9 Quay Lane.", (ADDRESS,)),
    ("Order #W2000001 is now on your gift card.", (PAY_BY_GIFT,)),
]


@pytest.mark.parametrize(("answer", "writes"), COUNT_TRIPS)
def test_a_claim_on_more_than_was_written_trips(snapshot, answer, writes):
    verdict = _verdict(snapshot, answer, writes)

    assert verdict.tripped, verdict.claims


@pytest.mark.parametrize(("answer", "writes"), COUNT_PASSES)
def test_a_claim_on_what_was_written_passes(snapshot, answer, writes):
    verdict = _verdict(snapshot, answer, writes)

    assert verdict.verdict == "pass", verdict.failed
