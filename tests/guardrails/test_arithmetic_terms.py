"""Terms of written-out arithmetic: products listed before their figures, counts with a label
between them and the price, and terms wrapped in brackets (found in fifth's arithmetic rows,
read after its measure; these tests use other products, orders and wording)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from apps.guardrails.check import guard_answer

PRODUCTS = json.loads(
    (Path(__file__).resolve().parents[2] / "apps/commerce/demo_data/products.json").read_text()
)
# #W2611340 holds a Water Bottle (1000ml, glass, blue: $47.84) and an Office Chair ($488.81).
BOTTLE = next(
    {"name": p["name"], "product_id": key, "variants": p["variants"]}
    for key, p in PRODUCTS.items()
    if p["name"] == "Water Bottle"
)


def _passes(answer: str, evidence) -> bool:
    return not guard_answer(answer, evidence).tripped


@pytest.mark.parametrize(
    "answer",
    [
        # products listed first, their figures after in the same order or the other
        "You asked about the Office Chair and the Water Bottle: $488.81 + $47.84 = $536.65 in all.",
        "Water Bottle and Office Chair, both on #W2611340: $488.81 plus $47.84 makes $536.65 together.",
        # each term in brackets beside its product
        "Office Chair ($488.81) plus Water Bottle ($47.84) equals $536.65.",
        "#W2611340 lines: Water Bottle (USD 47.84) + Office Chair (USD 488.81) = USD 536.65",
        # a count, a label and the unit price
        "Three more of those bottles: 3 x Water Bottle @ $47.84 = $143.52.",
        "2 \u00d7 Office Chair at $488.81 = $977.62 before tax.",
    ],
)
def test_terms_of_listed_products_and_labelled_counts_compute_and_pass(evidence, answer):
    assert _passes(answer, evidence())


@pytest.mark.parametrize(
    "answer",
    [
        # a result that does not compute
        "You asked about the Office Chair and the Water Bottle: $488.81 + $47.84 = $563.65 in all.",
        "Office Chair ($488.81) plus Water Bottle ($47.84) equals $526.65.",
        "Three more of those bottles: 3 x Water Bottle @ $47.84 = $134.52.",
        # a term that is no price of the products listed
        "You asked about the Office Chair and the Water Bottle: $498.81 + $47.84 = $546.65 in all.",
        # a term beside its own product keeps that product: the prices swapped between them
        "Office Chair ($47.84) plus Water Bottle ($488.81) equals $536.65.",
    ],
)
def test_a_wrong_result_a_foreign_term_or_swapped_labels_still_trip(evidence, answer):
    assert not _passes(answer, evidence())


def test_a_named_variant_against_yours_takes_either_price_as_a_term(evidence, order):
    # given the order's blue glass bottle ($47.84) and the catalogue's red glass one ($49.72)
    seen = evidence(observations=[order, BOTTLE])

    # then a difference written with yours first passes, and one with a price of neither trips
    assert _passes("The red 1000ml glass Water Bottle against yours: $49.72 minus $47.84 = $1.88 more.", seen)
    # the terms in the other order than the names: yours, then the red one
    assert _passes(
        "The red 1000ml glass Water Bottle vs yours: $47.84 versus $49.72, a difference of $1.88.", seen
    )
    assert not _passes(
        "The red 1000ml glass Water Bottle against yours: $52.79 minus $47.84 = $4.95 more.", seen
    )
