"""Money figures read by their relations, not their wording: arithmetic the answer states, totals
of an order and of several orders, the order a figure is said of, the direction of a change's
settlement, the variant a sentence names, and amounts written with a decimal comma.

The answers are worded differently on purpose (each class is tried in more than one phrasing)."""

import json

import pytest

from apps.guardrails.check import guard_answer
from apps.guardrails.evidence import ActionRecord, Evidence
from tests.guardrails.conftest import DEMO, observed_order

# #W2611340: Water Bottle ($47.84, 1000ml glass blue) and Office Chair ($488.81), paid $536.65.
# #W7303089: Backpack ($201.95) and Pet Bed 7381052709 ($193.22, large memory foam brown), paid $395.17.
CHAIR, PET_BED = "#W2611340", "#W7303089"
PRODUCTS = json.loads((DEMO / "products.json").read_text())


def _both_orders(snapshot, *actions) -> Evidence:
    return Evidence(
        knowledge=snapshot, observations=(observed_order(CHAIR), observed_order(PET_BED)), actions=actions
    )


def _pet_bed_exchange(new_item: str) -> ActionRecord:
    return ActionRecord(
        "exchange_delivered_order_items",
        True,
        {
            "order_id": PET_BED,
            "item_ids": ["7381052709"],
            "new_item_ids": [new_item],
            "payment_method_id": "credit_card_4387170",
        },
    )


# --- arithmetic the answer states --------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "Your two items come to $47.84 + $488.81 = $536.65.",
        "The gap in price is $488.81 - $47.84 = $440.97.",
        "Two bottles would be 2 x $47.84 = $95.68.",
    ],
)
def test_a_result_that_computes_from_the_figures_before_it_passes(snapshot, answer):
    verdict = guard_answer(answer, _both_orders(snapshot))

    assert verdict.verdict == "pass", verdict.failed


def test_a_result_that_does_not_compute_is_repaired_to_what_it_computes(snapshot):
    verdict = guard_answer("Your two items come to $47.84 + $488.81 = $546.65.", _both_orders(snapshot))

    assert verdict.verdict == "repair"
    assert "$536.65" in verdict.text


@pytest.mark.parametrize(
    "answer",
    [
        "Order #W2611340 cost $536.65 and order #W7303089 cost $395.17, which makes $931.82 in total.",
        "Together your two orders cost $931.82.",
        "Zusammen haben Sie für beide Bestellungen 931,82 USD bezahlt.",
    ],
)
def test_several_orders_added_up_pass(snapshot, answer):
    assert guard_answer(answer, _both_orders(snapshot)).verdict == "pass"


def test_a_wrong_sum_of_several_orders_is_caught(snapshot):
    assert guard_answer("Together your two orders cost $921.82.", _both_orders(snapshot)).tripped


# --- decimal commas in an answer read as English ----------------------------------------------------


def test_a_decimal_comma_amount_is_read_whole(snapshot):
    evidence = _both_orders(snapshot)

    right = guard_answer("Paid on #W2611340: 536,65 USD.", evidence)
    wrong = guard_answer("Paid on #W2611340: 563,65 USD.", evidence)

    assert right.verdict == "pass", right.failed
    assert wrong.tripped
    assert any(claim.text == "563,65 USD" for claim in wrong.failed)


# --- figures said of an order -------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "Everything on order #W2611340 came to $488.81.",
        "The total for #W2611340 was $488.81, both items included.",
        "#W2611340 added up to $488.81 altogether.",
    ],
)
def test_a_part_of_an_order_quoted_as_its_whole_is_caught(snapshot, answer):
    # Given the order whose items are $47.84 and $488.81 (paid $536.65)
    verdict = guard_answer(answer, _both_orders(snapshot))

    # Then one item's price called the order's total fails
    assert verdict.tripped


@pytest.mark.parametrize(
    "answer",
    [
        "The total for #W2611340 was $536.65, both items included.",
        "#W2611340 added up to $536.65 altogether.",
    ],
)
def test_the_whole_of_an_order_passes(snapshot, answer):
    assert guard_answer(answer, _both_orders(snapshot)).verdict == "pass"


@pytest.mark.parametrize(
    "answer",
    [
        "For #W2611340 you paid $536.65, for #W7303089 $395.17.",
        "#W2611340: $536.65; #W7303089: $395.17.",
        "You spent $536.65 on #W2611340 and $395.17 on #W7303089.",
        "El pedido #W2611340 costó 536,65 USD y el pedido #W7303089 395,17 USD.",
    ],
)
def test_each_orders_own_amount_passes_and_swapped_ones_are_caught(snapshot, answer):
    swapped = answer.replace("536.65", "@").replace("395.17", "536.65").replace("@", "395.17")
    swapped = swapped.replace("536,65", "@").replace("395,17", "536,65").replace("@", "395,17")

    right = guard_answer(answer, _both_orders(snapshot))

    assert right.verdict == "pass", right.failed
    assert guard_answer(swapped, _both_orders(snapshot)).tripped


@pytest.mark.parametrize(
    "answer",
    [
        "Both #W2611340 and #W7303089 came to $931.82 in total.",
        "#W2611340 and #W7303089 were $536.65 and $395.17.",
    ],
)
def test_figures_that_do_not_pair_with_one_order_each_are_not_bound(snapshot, answer):
    assert guard_answer(answer, _both_orders(snapshot)).verdict == "pass"


# --- the direction of a change's settlement --------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "Your exchange for #W7303089 is in, and you'll receive $15.10 back.",
        "The exchange on #W7303089 went through; $15.10 is being refunded to your card.",
    ],
)
def test_a_charge_reported_as_a_refund_is_caught(snapshot, answer):
    # Given the Pet Bed swapped for a dearer variant (small polyester brown, $208.32): $15.10 charged
    evidence = _both_orders(snapshot, _pet_bed_exchange("8056198669"))

    assert guard_answer(answer, evidence).tripped


def test_a_refund_reported_as_a_charge_is_caught(snapshot):
    # Given the Pet Bed swapped for a cheaper variant (large memory foam beige, $180.93): $12.29 back
    evidence = _both_orders(snapshot, _pet_bed_exchange("6942241102"))

    charged = guard_answer("The exchange on #W7303089 is done; we'll charge you $12.29 extra.", evidence)
    refunded = guard_answer("The exchange on #W7303089 is done; $12.29 comes back to you.", evidence)

    assert charged.tripped
    assert refunded.verdict == "pass", refunded.failed


@pytest.mark.parametrize(
    "answer",
    [
        "The exchange on #W7303089 is done. Price difference: $12.92.",
        "The exchange on #W7303089 is done, and the new variant is $12.92 cheaper.",
    ],
)
def test_a_difference_after_a_label_or_as_a_comparative_is_bound_to_the_change(snapshot, answer):
    evidence = _both_orders(snapshot, _pet_bed_exchange("6942241102"))

    assert guard_answer(answer, evidence).tripped
    assert guard_answer(answer.replace("12.92", "12.29"), evidence).verdict == "pass"


def test_the_prices_a_difference_compares_are_not_the_difference(snapshot):
    evidence = _both_orders(snapshot, _pet_bed_exchange("6942241102"))

    verdict = guard_answer(
        "The exchange on #W7303089 is done: $12.29 back to you, the difference between $193.22 and $180.93.",
        evidence,
    )

    assert verdict.verdict == "pass", verdict.failed


@pytest.mark.parametrize(
    "answer",
    [
        "The exchange on #W7303089 is submitted. The replacement variant costs $193.22.",
        "Umtausch für #W7303089 eingereicht. Der neue Artikel kostet 193,22 USD.",
    ],
)
def test_the_old_items_price_quoted_as_the_new_variants_is_caught(snapshot, answer):
    evidence = _both_orders(snapshot, _pet_bed_exchange("6942241102"))

    assert guard_answer(answer, evidence).tripped
    assert guard_answer(answer.replace("193.22", "180.93").replace("193,22", "180,93"), evidence).verdict == (
        "pass"
    )


# --- refunds in other words ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "The Water Bottle return is set up and you'll get $536.65 back.",
        "Return booked for the Water Bottle; $536.65 will be returned to your gift card.",
        "Return started for the Water Bottle. Expect $536.65 on your gift card within a week.",
    ],
)
def test_a_returns_refund_is_the_returned_items_price(snapshot, answer):
    # Given a return of the Water Bottle alone ($47.84) from an order paid $536.65
    returned = ActionRecord(
        "return_delivered_order_items",
        True,
        {"order_id": CHAIR, "item_ids": ["6469567736"], "payment_method_id": "gift_card_1725971"},
    )
    evidence = _both_orders(snapshot, returned)

    assert guard_answer(answer, evidence).tripped
    assert guard_answer(answer.replace("536.65", "47.84"), evidence).verdict == "pass"


# --- the variant a sentence names ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "A 750ml glass black Water Bottle is $47.84.",
        "The Water Bottle in 750ml, glass, black sells for $47.84.",
    ],
)
def test_another_variants_price_for_the_variant_named_is_caught(snapshot, answer):
    # Given the Water Bottle observed with all its variants (750ml glass black is $54.85)
    details = {
        "name": "Water Bottle",
        "product_id": "8310926033",
        "variants": {
            item: {"item_id": item, "price": price, "options": options, "available": True}
            for item, price, options in (
                ("4579334072", "54.85", {"capacity": "750ml", "material": "glass", "color": "black"}),
                ("6469567736", "47.84", {"capacity": "1000ml", "material": "glass", "color": "blue"}),
            )
        },
    }
    evidence = Evidence(knowledge=snapshot, observations=(details,))

    assert guard_answer(answer, evidence).tripped
    assert guard_answer(answer.replace("47.84", "54.85"), evidence).verdict == "pass"


# --- an item change on a pending order ------------------------------------------------------------

# #W5918442: Perfume 1725100896 ($289.66), Skateboard 5312063289 ($195.15), two Action Cameras
# ($497.39, $481.50), paid $1,463.70. The change: Skateboard -> 6843647669 ($180.10, -$15.05) and
# Perfume -> 1002370030 ($290.25, +$0.59), $14.46 back in all.
SKATEBOARD_ORDER = "#W5918442"


def _modified(snapshot) -> Evidence:
    change = ActionRecord(
        "modify_pending_order_items",
        True,
        {
            "order_id": SKATEBOARD_ORDER,
            "item_ids": ["5312063289", "1725100896"],
            "new_item_ids": ["6843647669", "1002370030"],
            "payment_method_id": "credit_card_5051208",
        },
    )
    return Evidence(knowledge=snapshot, observations=(observed_order(SKATEBOARD_ORDER),), actions=(change,))


@pytest.mark.parametrize(
    ("answer", "right"),
    [
        ("Both swaps on #W5918442 are saved: the Skateboard is now $180.10.", True),
        ("Both swaps on #W5918442 are saved: the Skateboard is now $195.15.", False),
        ("Updated #W5918442. Skateboard: $195.15 -> $180.10.", True),
        ("Updated #W5918442. Skateboard: $195.15 -> $186.06.", False),
    ],
)
def test_what_a_changed_item_is_now_is_its_new_variants_price(snapshot, answer, right):
    verdict = guard_answer(answer, _modified(snapshot))

    assert verdict.tripped is not right, verdict.failed


def test_an_orders_total_after_a_change_counts_what_the_change_settled(snapshot):
    evidence = _modified(snapshot)

    after = guard_answer("The changes on #W5918442 are done; the order total is now $1,449.24.", evidence)
    before = guard_answer("The changes on #W5918442 are done; the order total is now $1,463.71.", evidence)

    assert after.verdict == "pass", after.failed
    assert before.tripped


def test_units_of_one_product_added_up_pass(snapshot):
    evidence = Evidence(knowledge=snapshot, observations=(observed_order(SKATEBOARD_ORDER),))

    assert (
        guard_answer("The two Action Cameras on #W5918442 cost $978.89 together.", evidence).verdict == "pass"
    )
    assert guard_answer("The two Action Cameras on #W5918442 cost $987.89 together.", evidence).tripped


def test_a_bracketed_figure_is_the_value_of_the_noun_before_it_not_the_refund(snapshot):
    returned = ActionRecord(
        "return_delivered_order_items",
        True,
        {"order_id": CHAIR, "item_ids": ["6469567736"], "payment_method_id": "gift_card_1725971"},
    )
    evidence = _both_orders(snapshot, returned)

    kept = guard_answer(
        "The return for #W2611340 is set up: $47.84 comes back to you, and the rest ($488.81) stays.",
        evidence,
    )
    called_refund = guard_answer(
        "The return for #W2611340 is set up: your refund ($488.81) is on its way.", evidence
    )

    assert kept.verdict == "pass", kept.failed
    assert called_refund.tripped


def test_goods_going_back_do_not_make_another_figure_a_refund(snapshot):
    evidence = _both_orders(snapshot, _pet_bed_exchange("6942241102"))

    verdict = guard_answer(
        "I've exchanged the Pet Bed; it'll be sent back to us, and the new one, at $180.93, ships today.",
        evidence,
    )

    assert verdict.verdict == "pass", verdict.failed


def test_a_figure_in_words_that_spans_a_clause_break_keeps_the_words_after_it(snapshot):
    # Given a cancel that refunded $536.65
    evidence = _both_orders(
        snapshot,
        ActionRecord("cancel_pending_order", True, {"order_id": CHAIR, "reason": "no longer needed"}),
    )

    # When the refund is written in words whose "and" splits the clause before "back"
    wrong = guard_answer(
        "For #W2611340 I sent forty-seven dollars and eighty-four cents back to you.", evidence
    )
    right = guard_answer(
        "For #W2611340 I sent five hundred thirty-six dollars and sixty-five cents back to you.", evidence
    )

    # Then the figure is still read as the refund
    assert wrong.tripped
    assert right.verdict == "pass", right.failed


# --- written-out arithmetic in a sentence that reports a settled call -----------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "Exchange on #W7303089 submitted. Price gap: $193.22 - $180.93 = $12.29.",
        "Exchange for #W7303089 filed. Net difference: $193.22 - $180.93 = $12.29 in your favour.",
        "Exchange for #W7303089 filed; the difference ($193.22 - $180.93) is $12.29 back to you.",
        "Exchange on #W7303089 submitted: $193.22 minus $180.93 is $12.29, which comes back to you.",
    ],
)
def test_the_terms_of_a_difference_written_out_are_not_held_to_the_settlement(snapshot, answer):
    # The new variant's price is observed, as get_product_details shows it before an exchange.
    pet_bed = next(p for p in PRODUCTS.values() if "6942241102" in p["variants"])
    evidence = Evidence(
        knowledge=snapshot,
        observations=(observed_order(PET_BED), json.loads(json.dumps(pet_bed, default=str))),
        actions=(_pet_bed_exchange("6942241102"),),
    )

    verdict = guard_answer(answer, evidence)

    assert verdict.verdict == "pass", verdict.failed


def test_a_sum_that_computes_is_still_held_to_the_refund_the_call_made(snapshot):
    # Only the Pet Bed went back: the refund is $193.22, not both items' sum.
    pet_bed_return = ActionRecord(
        "return_delivered_order_items",
        True,
        {"order_id": PET_BED, "item_ids": ["7381052709"], "payment_method_id": "credit_card_4387170"},
    )
    evidence = _both_orders(snapshot, pet_bed_return)

    wrong = guard_answer("Refund for #W7303089: $201.95 + $193.22 = $395.17", evidence)
    right = guard_answer("Refund for #W7303089: $193.22 for the Pet Bed.", evidence)

    assert wrong.tripped, wrong.claims
    assert right.verdict == "pass", right.failed


# --- a price difference and the verb that says which way it went -------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "We billed the $12.29 difference to your card, and the new Pet Bed ships once the old one is back.",
        "Exchange on #W7303089 confirmed. The price difference, $12.29, has been charged to your Visa.",
        "Die Preisdifferenz von 12,29 USD wurde Ihrer Karte belastet.",
        "La diferencia de precio de 12,29 USD se ha cobrado a su tarjeta.",
    ],
)
def test_a_difference_refunded_but_reported_as_charged_is_caught(snapshot, answer):
    # Given the Pet Bed swapped for a cheaper variant (large memory foam beige, $180.93): $12.29 back
    evidence = _both_orders(snapshot, _pet_bed_exchange("6942241102"))

    assert guard_answer(answer, evidence).tripped


@pytest.mark.parametrize(
    "answer",
    [
        "Exchange on #W7303089 confirmed. The price difference, $15.10, has been charged to your Visa.",
        "Die Preisdifferenz von 15,10 USD wurde Ihrer Karte belastet.",
    ],
)
def test_a_difference_charged_and_reported_as_charged_passes(snapshot, answer):
    # Given the Pet Bed swapped for a dearer variant (small polyester brown, $208.32): $15.10 charged
    evidence = _both_orders(snapshot, _pet_bed_exchange("8056198669"))

    verdict = guard_answer(answer, evidence)

    assert verdict.verdict == "pass", verdict.failed


def test_a_difference_refunded_and_reported_as_refunded_passes(snapshot):
    evidence = _both_orders(snapshot, _pet_bed_exchange("6942241102"))

    verdict = guard_answer("The $12.29 price difference went back to your card.", evidence)

    assert verdict.verdict == "pass", verdict.failed


# --- option values inside longer ones ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "right"),
    [
        # Rose gold is not gold: the rose gold 64GB 8GB 5.8-inch phone costs $1,161.04.
        ("A Smartphone in rose gold, 64GB, 8GB RAM, 5.8 inch screen is $1,213.51.", "$1,161.04"),
        # Non-polarized is not polarized: black, green, non-polarized, metal costs $281.48.
        ("Sunglasses with a black frame, green non-polarized lenses, metal: $296.47.", "$281.48"),
        # Wi-Fi + Cellular is not Wi-Fi: 8-inch is only sold with Wi-Fi, 7 inch cellular 8GB is $267.58.
        ("The E-Reader, 7 inch / Wi-Fi + Cellular / 8GB, costs $244.02 at the moment.", "$267.58"),
    ],
)
def test_a_value_inside_a_longer_value_named_does_not_name_a_variant(snapshot, answer, right):
    # Given nothing observed: the catalogue's prices
    evidence = Evidence(knowledge=snapshot)
    wrong = answer.split("$")[-1].split(" ")[0].rstrip(".")

    assert guard_answer(answer, evidence).tripped
    fixed = guard_answer(answer.replace(f"${wrong}", right), evidence)
    assert fixed.verdict == "pass", fixed.failed


@pytest.mark.parametrize(
    ("new_item", "answer", "tripped"),
    [
        ("6942241102", "Exchange submitted for #W7303089. We'll bill you $12.29 for it.", True),
        ("6942241102", "Exchange submitted for #W7303089. You'll be charged $12.29 on your card.", True),
        ("8056198669", "Exchange submitted for #W7303089. You'll be charged $15.10 on your card.", False),
    ],
)
def test_a_charge_in_the_sentence_after_a_change_is_the_changes_direction(
    snapshot, new_item, answer, tripped
):
    # Given this turn's only settling call is the Pet Bed exchange (cheaper: $12.29 back; dearer: $15.10 due)
    verdict = guard_answer(answer, _both_orders(snapshot, _pet_bed_exchange(new_item)))

    assert verdict.tripped is tripped, verdict.claims


# --- a product's own price inside a refund sentence; its cheapest and dearest variants -----------------


def test_an_items_price_written_against_its_name_in_a_refund_sentence_is_its_price(snapshot):
    # Given the Pet Bed returned from #W7303089: $193.22 back
    returned = ActionRecord(
        "return_delivered_order_items",
        True,
        {"order_id": PET_BED, "item_ids": ["7381052709"], "payment_method_id": "credit_card_4387170"},
    )
    evidence = _both_orders(snapshot, returned)

    kept = guard_answer("The Backpack by itself was $201.95; the refund of $193.22 is for the bed.", evidence)
    wrong = guard_answer(
        "The Backpack by itself was $201.95; the refund of $201.95 is for the bed.", evidence
    )

    assert kept.verdict == "pass", kept.failed
    assert wrong.tripped


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("Our least expensive Office Chair is $488.81.", True),
        ("Office Chairs start at $488.81.", True),
        ("The priciest Pet Bed we sell is $193.22.", True),
        ("The priciest Pet Bed we sell is $214.33.", False),
    ],
)
def test_the_cheapest_or_dearest_variant_is_held_to_the_lowest_or_highest_price(snapshot, answer, tripped):
    # Given nothing observed: the catalogue's prices (the Pet Bed's highest is $214.33)
    verdict = guard_answer(answer, Evidence(knowledge=snapshot))

    assert verdict.tripped is tripped, verdict.claims


# --- figures the answer does not assert, signed differences, prices compared ------------------------


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("You asked whether express delivery is $20; it is $14.99.", False),
        ("Return shipping of $6? No, the prepaid label costs you nothing.", False),
        ("Return shipping of $6? Yes, that is what it costs.", True),
        ("Is there a 12% restocking fee? Nope, none at all.", False),
    ],
)
def test_figures_quoted_from_a_question_or_echoed_and_denied_are_not_claims(snapshot, answer, tripped):
    verdict = guard_answer(answer, Evidence(knowledge=snapshot))

    assert verdict.tripped is tripped, verdict.claims


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("Exchange logged for #W7303089: Pet Bed $193.22 -> $180.93 (-$12.29).", False),
        ("Exchange logged for #W7303089: Pet Bed $193.22 -> $180.93 (-$21.29).", True),
        ("Exchange logged: the new Pet Bed is $12.29 cheaper ($180.93 vs $193.22).", False),
        ("Exchange logged: the new Pet Bed is $12.29 cheaper ($180.93 compared with $139.22).", True),
    ],
)
def test_a_signed_difference_and_prices_compared_in_brackets(snapshot, answer, tripped):
    # Given the Pet Bed swapped for the large memory foam beige variant ($180.93): $12.29 back
    verdict = guard_answer(answer, _both_orders(snapshot, _pet_bed_exchange("6942241102")))

    assert verdict.tripped is tripped, verdict.claims


# --- labelled terms of arithmetic, struck-out figures, percentages under a label -------------------


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("Office Chair $488.81 plus Water Bottle $47.84 equals $536.65.", False),
        ("Office Chair $488.81 plus Water Bottle $47.84 equals $563.65.", True),
        ("$488.81 for the chair + $47.84 for the bottle = $536.65", False),
    ],
)
def test_terms_of_written_out_arithmetic_may_carry_labels(snapshot, answer, tripped):
    verdict = guard_answer(answer, _both_orders(snapshot))

    assert verdict.tripped is tripped, verdict.claims


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("**Order #W2611340 total:** ~~$563.65~~ $536.65 (corrected)", False),
        ("**Order #W2611340 total:** ~~$536.65~~ $563.65", True),
    ],
)
def test_a_struck_out_figure_is_a_correction_not_a_claim(snapshot, answer, tripped):
    verdict = guard_answer(answer, _both_orders(snapshot))

    assert verdict.tripped is tripped, verdict.claims


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("Restock fee: 15% of what you paid.", True),
        ("Restocking: 0%, nothing is deducted.", False),
        ("Returns carry a 0% fee.", False),
    ],
)
def test_a_percentage_under_a_label_or_a_zero_fee(snapshot, answer, tripped):
    verdict = guard_answer(answer, Evidence(knowledge=snapshot))

    assert verdict.tripped is tripped, verdict.claims


@pytest.mark.parametrize(
    ("new_item", "answer", "tripped"),
    [
        ("8056198669", "Cambio hecho para #W7303089: usted recibirá 15,10 USD por la diferencia.", True),
        ("8056198669", "Cambio hecho para #W7303089: usted pagará 15,10 USD por la diferencia.", False),
        ("6942241102", "Échange fait pour #W7303089 : vous paierez 12,29 $ de différence.", True),
        ("6942241102", "Umtausch für #W7303089 erledigt: Sie erhalten 12,29 USD Differenz.", False),
        ("8056198669", "Exchange done on #W7303089; you will receive the $15.10 difference.", True),
    ],
)
def test_which_way_a_difference_went_in_the_verbs_of_four_languages(snapshot, new_item, answer, tripped):
    # Given the Pet Bed exchange: dearer variant $15.10 charged, cheaper variant $12.29 back
    verdict = guard_answer(answer, _both_orders(snapshot, _pet_bed_exchange(new_item)))

    assert verdict.tripped is tripped, verdict.claims


@pytest.mark.parametrize(
    ("answer", "tripped"),
    [
        ("En #W7303089 la Backpack costó 193,22 USD y la Pet Bed 201,95 USD.", True),
        ("En #W7303089 la Backpack costó 201,95 USD y la Pet Bed 193,22 USD.", False),
        ("Das Pet Bed (large, memory foam, beige) kostet 193,22 USD.", True),
        ("Das Pet Bed (large, memory foam, beige) kostet 180,93 USD.", False),
    ],
)
def test_a_price_in_another_language_is_held_to_the_product_and_variant_it_names(snapshot, answer, tripped):
    # Given #W7303089 observed (Backpack $201.95, Pet Bed large memory foam brown $193.22)
    verdict = guard_answer(answer, _both_orders(snapshot))

    assert verdict.tripped is tripped, verdict.claims
