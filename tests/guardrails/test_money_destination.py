"""Where the money of a payment change went, told clause by clause: the new method is charged and
the old one refunded, and a sentence that says both must say each of the right method.

Worded unlike the corpus rows: other methods, other verbs, other order of the clauses."""

from __future__ import annotations

import pytest

from apps.guardrails.check import guard_answer
from apps.guardrails.evidence import ActionRecord, Evidence

CUSTOMER = {
    "user_id": "lena_ortiz_2000",
    "payment_methods": {
        "paypal_111": {"id": "paypal_111", "source": "paypal"},
        "credit_card_222": {
            "id": "credit_card_222",
            "source": "credit_card",
            "brand": "visa",
            "last_four": "4242",
        },
    },
}
PAID_BY_VISA = {
    "order_id": "#W1000001",
    "status": "pending",
    "items": [
        {"name": "Office Chair", "item_id": "8426249116", "price": "488.81", "product_id": "4794339885"}
    ],
    "payment_history": [
        {"transaction_type": "payment", "amount": "488.81", "payment_method_id": "credit_card_222"}
    ],
}
TO_PAYPAL = ActionRecord(
    "modify_pending_order_payment", True, {"order_id": "#W1000001", "payment_method_id": "paypal_111"}
)


def _verdict(snapshot, answer: str):
    evidence = Evidence(knowledge=snapshot, observations=(CUSTOMER, PAID_BY_VISA), actions=(TO_PAYPAL,))
    return guard_answer(answer, evidence)


@pytest.mark.parametrize(
    "answer",
    [
        "Done: your Visa was refunded $488.81, and PayPal was billed $488.81.",
        "PayPal now pays for #W1000001 - $488.81 taken from PayPal, and the $488.81 went back to the Visa.",
    ],
)
def test_each_clause_naming_the_right_method_passes(snapshot, answer):
    verdict = _verdict(snapshot, answer)

    assert verdict.verdict == "pass", verdict.failed


@pytest.mark.parametrize(
    "answer",
    [
        "Done: your PayPal was refunded $488.81, and the Visa was billed $488.81.",
        "Payment switched; $488.81 was charged to the card ending 4242 while $488.81 went back to PayPal.",
    ],
)
def test_the_methods_swapped_between_the_clauses_are_caught(snapshot, answer):
    verdict = _verdict(snapshot, answer)

    assert verdict.tripped, verdict.claims
