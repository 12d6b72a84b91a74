"""Choosing the low-confidence thresholds from cross-validated predictions."""

from __future__ import annotations

import numpy as np

from apps.routing.tuning import MARGIN_GRID, TOP_PROBABILITY_GRID, choose_thresholds

CLASSES = ["complaint", "faq", "human", "lookup", "smalltalk", "transaction"]


def _row(**probabilities: float) -> list[float]:
    rest = (1.0 - sum(probabilities.values())) / (len(CLASSES) - len(probabilities))
    return [probabilities.get(label, rest) for label in CLASSES]


def test_near_ties_that_hide_complaints_make_the_margin_rule_fire():
    # given confident, correct rows, and near-ties of lookup over complaint that are complaints
    confident = [("where is my order", "lookup", _row(lookup=0.9))] * 20
    hidden = [("the parcel again", "complaint", _row(lookup=0.46, complaint=0.44))] * 5
    texts, labels, rows = zip(*(confident + hidden), strict=True)

    # when the thresholds are chosen
    chosen = choose_thresholds(list(texts), list(labels), np.array(rows), CLASSES)

    # then the near-ties are escalated, and the confident rows are not
    assert chosen.min_margin > 0.02
    assert chosen.min_top_probability < 0.9


def test_without_anything_to_catch_the_lowest_settings_win():
    # given near-ties that the model gets right: escalating them would only cost
    rows = [("where is my order", "lookup", _row(lookup=0.46, complaint=0.44))] * 10
    texts, labels, probabilities = zip(*rows, strict=True)

    chosen = choose_thresholds(list(texts), list(labels), np.array(probabilities), CLASSES)

    assert (chosen.min_top_probability, chosen.min_margin) == (TOP_PROBABILITY_GRID[0], MARGIN_GRID[0])
