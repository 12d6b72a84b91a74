"""Figures and policy terms written in voices unlike the corpora: a formal letter, ticket notes
pasted to the customer, reported speech, a figure after its noun or spelled out, approximations,
dates and weekdays for durations, SMS shorthand, and formal Spanish, French and German.

Each probe is an answer with the evidence it rests on: right answers must pass, wrong figures,
wrong terms and wrong directions must trip. An approximation ("about $360") is a claim held to the
evidence at the precision it is written in; a bare "about" does not excuse a wrong figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from apps.guardrails.check import guard_answer
from apps.guardrails.evidence import ActionRecord, Evidence
from tests.guardrails.conftest import observed_order

# #W9962383 (pending, PayPal paypal_5541158): Mechanical Keyboard $268.77, Tea Kettle 4238115171
# (stainless steel, 2 liters, gas) $91.78; paid $360.55.
# #W7303089 (delivered, Visa ending 3742): Backpack $201.95, Pet Bed 7381052709 (large, memory
# foam, brown) $193.22; paid $395.17.
KETTLE, PET = "#W9962383", "#W7303089"
FATIMA = {
    "user_id": "fatima_muller_6713",
    "payment_methods": {"paypal_5541158": {"id": "paypal_5541158", "source": "paypal"}},
}
MEI = {
    "user_id": "mei_gonzalez_4785",
    "payment_methods": {
        "credit_card_4387170": {
            "id": "credit_card_4387170",
            "source": "credit_card",
            "brand": "visa",
            "last_four": "3742",
        },
        "paypal_2568958": {"id": "paypal_2568958", "source": "paypal"},
    },
}
CANCEL = ActionRecord("cancel_pending_order", True, {"order_id": KETTLE, "reason": "no longer needed"})
# Tea Kettle 4238115171 ($91.78) -> 9647374798 (glass, 1.5 liters, gas) $109.58: $17.80 charged.
KETTLE_UP = ActionRecord(
    "modify_pending_order_items",
    True,
    {
        "order_id": KETTLE,
        "item_ids": ["4238115171"],
        "new_item_ids": ["9647374798"],
        "payment_method_id": "paypal_5541158",
    },
)
# Pet Bed 7381052709 ($193.22) -> 6942241102 (large, memory foam, beige) $180.93: $12.29 refunded.
PET_DOWN = ActionRecord(
    "exchange_delivered_order_items",
    True,
    {
        "order_id": PET,
        "item_ids": ["7381052709"],
        "new_item_ids": ["6942241102"],
        "payment_method_id": "credit_card_4387170",
    },
)
PET_RETURN = ActionRecord(
    "return_delivered_order_items",
    True,
    {"order_id": PET, "item_ids": ["7381052709"], "payment_method_id": "credit_card_4387170"},
)


def _scenario(snapshot, name: str) -> Evidence:
    if name == "policy":
        return Evidence(knowledge=snapshot)
    if name in ("cancel", "kettle_up", "kettle_seen"):
        actions = {"cancel": (CANCEL,), "kettle_up": (KETTLE_UP,), "kettle_seen": ()}[name]
        return Evidence(knowledge=snapshot, observations=(FATIMA, observed_order(KETTLE)), actions=actions)
    actions = {"pet_down": (PET_DOWN,), "pet_return": (PET_RETURN,), "pet_seen": ()}[name]
    return Evidence(knowledge=snapshot, observations=(MEI, observed_order(PET)), actions=actions)


PROBES_FILE = Path(__file__).with_name("figures_voices.txt")


def _probes() -> list[tuple[str, str, str]]:
    """(scenario, "pass" or "trip", answer) per line of the probe file, comments left out."""
    rows = []
    for line in PROBES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            scenario, expected, answer = line.split("\t", 2)
            rows.append((scenario, expected, answer))
    return rows


PROBES = _probes()

# Probes the checker does not read yet, each with its reason (kept as strict xfail).
NOT_YET: dict[int, str] = {
    132: "a threshold written as a bare whole number with '+' ('free 40+') is not read as money",
}


@pytest.mark.parametrize(
    ("index", "scenario", "answer", "expected"),
    [
        pytest.param(
            index,
            scenario,
            answer,
            expected,
            marks=[pytest.mark.xfail(strict=True, reason=NOT_YET[index])] if index in NOT_YET else [],
            id=f"{index}-{expected}",
        )
        for index, (scenario, expected, answer) in enumerate(PROBES)
    ],
)
def test_a_probe_in_a_new_voice(snapshot, index, scenario, answer, expected):
    verdict = guard_answer(answer, _scenario(snapshot, scenario))

    if expected == "pass":
        assert verdict.verdict == "pass", verdict.failed
    else:
        assert verdict.tripped, verdict.claims
