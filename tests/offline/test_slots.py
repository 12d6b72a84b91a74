"""Slot extraction: plain functions, no database."""

import pytest

from apps.offline import slots

ITEMS = [
    {"name": "Electric Kettle", "item_id": "1000000001", "price": "80.00", "options": {"color": "white"}},
    {"name": "T-Shirt", "item_id": "1000000002", "price": "20.00", "options": {"color": "blue", "size": "M"}},
    {"name": "T-Shirt", "item_id": "1000000003", "price": "22.00", "options": {"color": "red", "size": "L"}},
    {"name": "Tea Kettle", "item_id": "1000000004", "price": "35.00", "options": {"material": "glass"}},
    {"name": "Water Bottle", "item_id": "1000000005", "price": "9.00", "options": {"capacity": "750ml"}},
    {"name": "Water Bottle", "item_id": "1000000005", "price": "9.00", "options": {"capacity": "750ml"}},
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("where is #W1234567?", ["#W1234567"]),
        ("order W1234567 please", ["#W1234567"]),
        ("it's w 1234567", ["#W1234567"]),
        ("order 1234567", ["#W1234567"]),
        ("order number: #1234567", ["#W1234567"]),
        ("#W1234567 and #W7654321, and #W1234567 again", ["#W1234567", "#W7654321"]),
        ("item 1234567890 and zip 80218", []),
        ("show 1234567", []),
    ],
)
def test_order_ids_are_found_and_normalised(text, expected):
    assert slots.order_ids(text) == expected


def test_an_email_is_found_in_a_sentence():
    assert slots.email("sure, it's Olivia.Ito5204@example.com.") == "Olivia.Ito5204@example.com"
    assert slots.email("no email here") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Olivia Ito 80218", ("Olivia", "Ito", "80218")),
        ("my name is olivia ito and my zip is 80218", ("Olivia", "Ito", "80218")),
        ("Hi, I'm Olivia Ito, zip code 80218", ("Olivia", "Ito", "80218")),
        ("80218", None),
        ("Olivia Ito", None),
        ("change my address to 123 Main St, Austin, TX 78701", None),
    ],
)
def test_name_and_zip(text, expected):
    assert slots.name_and_zip(text) == expected


@pytest.mark.parametrize(
    "text", ["yes", "Yeah", "yep!", "sure", "go ahead", "please do", "confirm", "ok do it"]
)
def test_plain_agreement_is_a_yes(text):
    assert slots.is_yes(text)
    assert not slots.is_no(text)


@pytest.mark.parametrize("text", ["no", "No thanks", "don't", "cancel that", "wait", "hold on", "nope"])
def test_refusals_are_a_no(text):
    assert slots.is_no(text)
    assert not slots.is_yes(text)


@pytest.mark.parametrize("text", ["yes, but to the other card", "yes?", "maybe", "no longer needed"])
def test_hedged_answers_are_not_a_yes(text):
    assert not slots.is_yes(text)


def test_no_longer_needed_is_a_reason_not_a_refusal():
    assert not slots.is_no("no longer needed")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("I ordered it by mistake", "ordered by mistake"),
        ("accidentally bought two", "ordered by mistake"),
        ("wrong order", "ordered by mistake"),
        ("I don't need it anymore", "no longer needed"),
        ("changed my mind", "no longer needed"),
        ("no longer needed", "no longer needed"),
        ("because", None),
    ],
)
def test_cancel_reasons_map_to_the_two_accepted_wordings(text, reason):
    assert slots.cancel_reason(text) == reason


@pytest.mark.parametrize(
    ("text", "preference"),
    [
        ("refund it to my gift card", "gift_card"),
        ("put it on gift_card_7794233", "gift_card_7794233"),
        ("back to the original payment method", "original"),
        ("to my paypal please", "paypal"),
        ("my visa", "credit_card"),
        ("the sneakers", None),
    ],
)
def test_refund_preferences(text, preference):
    assert slots.refund_preference(text) == preference


@pytest.mark.parametrize(
    ("text", "selected", "ambiguous"),
    [
        ("the electric kettle", [0], []),
        ("the blue t-shirt", [1], []),
        ("the red tee", [2], []),
        ("the kettle", [], [[0, 3]]),  # two different kettles: ask which
        ("the tea kettle and the electric kettle", [0, 3], []),  # each named in full: both
        ("the t-shirt", [], [[1, 2]]),  # two variants: ask which
        ("the water bottles", [4, 5], []),  # the same item twice: both units
        ("the water bottle", [4], []),  # named in the singular: one unit
        # one product named twice, each time with the options of another of its variants
        ("the t-shirt (color blue, size M) and the t-shirt (color red, size L)", [1, 2], []),
        ("everything", [0, 1, 2, 3, 4, 5], []),
        ("all of them except the tea kettle", [0, 1, 2, 4, 5], []),
        ("the blue tee and the glass tea kettle", [1, 3], []),
        ("hmm not sure", [], []),
    ],
)
def test_items_are_matched_by_name_and_options(text, selected, ambiguous):
    match = slots.match_items(text, ITEMS)
    assert match.selected == selected
    assert match.ambiguous == ambiguous
