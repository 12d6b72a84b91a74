"""Which variant the customer asks for, and which part of a message is about which item:
plain functions, no database."""

from apps.offline.item_flows import _naming_part, _segment
from apps.offline.variants import choose_variant, wanted_options

SUNGLASSES = [
    {"frame color": "brown", "lens color": "brown", "lens type": "polarized"},
    {"frame color": "black", "lens color": "brown", "lens type": "polarized"},
    {"frame color": "black", "lens color": "black", "lens type": "polarized"},
]
CHAIR = [
    {"color": "gray", "armrest": "fixed", "backrest height": "high-back"},
    {"color": "black", "armrest": "fixed", "backrest height": "high-back"},
]
UMBRELLA = {
    "name": "Patio Umbrella",
    "variants": {
        "1": {"item_id": "1", "available": True, "options": {"color": "red", "material": "olefin"}},
        "2": {"item_id": "2", "available": True, "options": {"color": "green", "material": "olefin"}},
        "3": {"item_id": "3", "available": True, "options": {"color": "green", "material": "sunbrella"}},
    },
}
E_READER = [
    {"connectivity": "Wi-Fi", "storage": "8GB"},
    {"connectivity": "Wi-Fi + Cellular", "storage": "32GB"},
]


def _variants(options):
    return [{"options": o} for o in options]


def test_a_value_after_an_options_name_is_that_options_value():
    # given two options that share the value "black"
    # when the customer names one of them
    wanted = wanted_options("the one with frame color black", _variants(SUNGLASSES), SUNGLASSES[0])

    # then the other one is not asked for
    assert wanted == {"frame color": "black"}


def test_a_word_that_is_a_value_itself_is_not_a_typo_of_another():
    wanted = wanted_options(
        "the one with color gray, armrest fixed, backrest height high-back", _variants(CHAIR), {}
    )

    assert wanted == {"color": "gray", "armrest": "fixed", "backrest height": "high-back"}


def test_the_products_own_name_is_not_read_as_an_option():
    item = {"item_id": "1", "options": {"color": "red", "material": "olefin"}}

    choice = choose_variant("Patio Umbrella for the one with color green", UMBRELLA, item)

    assert choice.variant is not None
    assert choice.variant["item_id"] == "2"


def test_a_longer_value_named_in_full_wins_over_the_shorter_one_inside_it():
    wanted = wanted_options("connectivity Wi-Fi + Cellular, storage 32GB", _variants(E_READER), E_READER[0])

    assert wanted == {"connectivity": "Wi-Fi + Cellular", "storage": "32GB"}


def test_every_item_named_in_a_list_of_swaps_stays_named():
    text = (
        "swap the Cycling Helmet for the one with ventilation high, the Espresso Machine for the one "
        "with capacity 1L, type manual and the Garden Hose for the one with color black."
    )

    naming = _naming_part(text)

    assert "Espresso Machine" in naming
    assert "Garden Hose" in naming
    assert "ventilation" not in naming
    assert "manual" not in naming


def test_the_part_about_an_item_is_every_mention_of_it():
    kettle, tea = {"name": "Electric Kettle"}, {"name": "Tea Kettle"}
    text = (
        "swap the Tea Kettle for the one with capacity 2 liters, the Electric Kettle for the one with "
        "capacity 2L | For the Electric Kettle, the one with color white"
    )

    part = _segment(text, kettle, [tea])

    assert "2 liters" not in part  # the tea kettle's wish, though "kettle" is in both names
    assert "capacity 2L" in part
    assert "color white" in part


def test_of_two_units_of_one_product_each_gets_the_wish_after_its_own_options():
    black = {"name": "Smart Watch", "item_id": "1", "options": {"color": "black", "display": "LCD"}}
    silver = {"name": "Smart Watch", "item_id": "2", "options": {"color": "silver", "display": "AMOLED"}}
    text = (
        "swap the Smart Watch (color black, display LCD) for the one with color gold and the "
        "Smart Watch (color silver, display AMOLED) for the one with color rose"
    )

    assert "gold" in _segment(text, black, [], [silver])
    assert "rose" not in _segment(text, black, [], [silver])
    assert "rose" in _segment(text, silver, [], [black])
    assert "gold" not in _segment(text, silver, [], [black])
