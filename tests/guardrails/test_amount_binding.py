"""Issue 9: a refund figure is the amount of the very call the sentence reports (the call on the
order it names, or this turn's refund-producing write), not any number the conversation observed;
the same for the price difference of an item change or exchange."""

import pytest

from apps.guardrails.check import guard_answer
from apps.guardrails.evidence import ActionRecord, Evidence
from tests.guardrails.conftest import observed_order

# #W2611340: Water Bottle 6469567736 ($47.84) and Office Chair 8426249116 ($488.81), paid $536.65.
# #W7303089: Backpack ($201.95) and Pet Bed ($193.22), paid $395.17.
CHAIR_ORDER, BACKPACK_ORDER = "#W2611340", "#W7303089"


def _evidence(snapshot, *actions) -> Evidence:
    return Evidence(
        knowledge=snapshot,
        observations=(observed_order(CHAIR_ORDER), observed_order(BACKPACK_ORDER)),
        actions=actions,
    )


def _cancel(order_id: str) -> ActionRecord:
    return ActionRecord("cancel_pending_order", True, {"order_id": order_id, "reason": "no longer needed"})


def _money_claims(verdict) -> list:
    return [claim for claim in verdict.claims if claim.kind == "money"]


@pytest.mark.parametrize(
    "answer",
    [
        "Your refund of $395.17 for order #W2611340 has been issued.",
        "Refund issued: $395.17.",
        "Order #W2611340 is cancelled and $395.17 is on its way back to your gift card.",
        "Su pedido #W2611340 ha sido cancelado y el reembolso de 395,17 $ ya fue procesado.",
    ],
)
def test_a_refund_figure_seen_elsewhere_in_the_conversation_is_caught(snapshot, answer):
    # Given the cancel of #W2611340 ($536.65) and #W7303089 ($395.17) merely looked at
    evidence = _evidence(snapshot, _cancel(CHAIR_ORDER))

    # When the answer reports the other order's amount as this refund
    verdict = guard_answer(answer, evidence)

    # Then the figure fails, and the evidence says which refund the call made
    assert verdict.tripped
    failed = [claim for claim in verdict.failed if claim.kind == "money"]
    assert failed
    assert "$536.65" in failed[0].evidence


@pytest.mark.parametrize(
    "answer",
    [
        "Your refund of $536.65 for order #W2611340 has been issued.",
        "Refund issued: $536.65.",
        "Order #W2611340 is cancelled and $536.65 is on its way back to your gift card.",
        "Su pedido #W2611340 ha sido cancelado y el reembolso de 536,65 $ ya fue procesado.",
        "You paid $536.65 for order #W2611340 and I've cancelled it; the Water Bottle ($47.84) is refunded.",
    ],
)
def test_the_refund_of_the_reported_call_passes(snapshot, answer):
    verdict = guard_answer(answer, _evidence(snapshot, _cancel(CHAIR_ORDER)))

    assert verdict.verdict == "pass", verdict.failed
    assert _money_claims(verdict)


def test_a_refund_figure_is_bound_to_the_order_the_sentence_names(snapshot):
    evidence = _evidence(snapshot, _cancel(CHAIR_ORDER), _cancel(BACKPACK_ORDER))

    right = guard_answer("The refund of $395.17 for order #W7303089 has been issued.", evidence)
    swapped = guard_answer("The refund of $536.65 for order #W7303089 has been issued.", evidence)
    both = guard_answer("Both orders are cancelled: $931.82 is refunded in all.", evidence)

    assert right.verdict == "pass", right.failed
    assert swapped.tripped
    assert "$395.17" in swapped.failed[0].evidence
    assert both.verdict == "pass", both.failed


def test_a_return_refunds_the_returned_items_not_the_order_total(snapshot):
    returned = ActionRecord(
        "return_delivered_order_items",
        True,
        {"order_id": CHAIR_ORDER, "item_ids": ["6469567736"], "payment_method_id": "gift_card_1725971"},
    )
    evidence = _evidence(snapshot, returned)

    right = guard_answer("Your return is set up; the refund of $47.84 goes to your gift card.", evidence)
    total = guard_answer("Your return is set up; the refund of $536.65 goes to your gift card.", evidence)

    assert right.verdict == "pass", right.failed
    assert total.tripped
    assert any("$47.84" in claim.evidence for claim in total.failed)


def test_the_price_difference_of_an_item_change_is_that_calls_difference(snapshot):
    # The Water Bottle ($47.84) becomes variant 4579334072 ($54.85 in the catalogue): $7.01 more.
    changed = ActionRecord(
        "modify_pending_order_items",
        True,
        {
            "order_id": CHAIR_ORDER,
            "item_ids": ["6469567736"],
            "new_item_ids": ["4579334072"],
            "payment_method_id": "gift_card_1725971",
        },
    )
    evidence = _evidence(snapshot, changed)

    right = guard_answer(
        "I've updated the item; the price difference of $7.01 was charged to your gift card.", evidence
    )
    # $488.81 is the Office Chair's observed price: any observed number used to pass.
    wrong = guard_answer(
        "I've updated the item; the price difference of $488.81 was charged to your gift card.", evidence
    )

    assert right.verdict == "pass", right.failed
    assert wrong.tripped
    assert any("$7.01" in claim.evidence for claim in wrong.failed)


def test_with_no_settling_call_a_refund_figure_keeps_the_looser_rule(snapshot):
    # A refund in the observed payment history may be quoted as it stands.
    order = observed_order(CHAIR_ORDER)
    order["payment_history"].append(
        {"transaction_type": "refund", "amount": "47.84", "payment_method_id": "gift_card_1725971"}
    )
    evidence = Evidence(knowledge=snapshot, observations=(order,))

    verdict = guard_answer("A refund of $47.84 was issued for order #W2611340 on May 3.", evidence)

    assert verdict.verdict == "pass", verdict.failed


def test_the_refund_is_read_from_the_order_as_observed_after_the_call(snapshot):
    # Given the cancel's own output: the order, cancelled, with the refund entry it added
    after = observed_order(CHAIR_ORDER) | {"status": "cancelled"}
    after["payment_history"].append(
        {"transaction_type": "refund", "amount": "536.65", "payment_method_id": "gift_card_1725971"}
    )
    evidence = Evidence(
        knowledge=snapshot,
        observations=(after, observed_order(BACKPACK_ORDER)),
        actions=(_cancel(CHAIR_ORDER),),
    )

    assert guard_answer("Refund issued: $536.65.", evidence).verdict == "pass"
    assert guard_answer("Refund issued: $395.17.", evidence).tripped


def test_a_new_variants_catalogue_price_stays_a_price_in_an_exchange_sentence(snapshot):
    exchanged = ActionRecord(
        "exchange_delivered_order_items",
        True,
        {
            "order_id": CHAIR_ORDER,
            "item_ids": ["6469567736"],
            "new_item_ids": ["4579334072"],
            "payment_method_id": "gift_card_1725971",
        },
    )
    evidence = _evidence(snapshot, exchanged)

    price = guard_answer("You'll be charged $54.85 for the new Water Bottle in the exchange.", evidence)
    difference = guard_answer(
        "The exchange is submitted; the price difference of $54.85 is charged.", evidence
    )

    assert price.verdict == "pass", price.failed
    assert difference.tripped


@pytest.mark.parametrize(
    "answer",
    [
        # the offline engine's proposal: the order is named on the line before the refund
        "Here's what I'll do:\n- Cancel order #W7303089: Backpack; Pet Bed\n- Reason: ordered by mistake\n"
        "- Refund: $395.17 to your gift card, immediately\nShall I go ahead? (yes/no)",
        "Order #W7303089 can be cancelled. The refund would be $395.17 to your gift card.",
    ],
)
def test_a_refund_on_another_order_named_earlier_in_the_answer_is_not_bound_to_the_first_cancel(
    snapshot, answer
):
    # Given the cancel of #W2611340 ($536.65) done earlier and #W7303089 ($395.17) only looked at
    evidence = _evidence(snapshot, _cancel(CHAIR_ORDER))

    # When the answer's refund sentence follows a sentence that names #W7303089
    verdict = guard_answer(answer, evidence)

    # Then the figure is that order's, not the earlier cancel's: it passes
    assert verdict.verdict == "pass", verdict.failed


def test_a_refund_after_another_order_named_earlier_is_still_held_to_that_order(snapshot):
    # Given the cancel of #W2611340 ($536.65) done, #W7303089 ($395.17) only looked at
    evidence = _evidence(snapshot, _cancel(CHAIR_ORDER))

    # When the answer reports the cancel of #W2611340, then a refund figure of neither order
    verdict = guard_answer("Order #W2611340 is cancelled. Refund issued: $401.00.", evidence)

    # Then the figure is held to the order named before it, and fails
    assert verdict.tripped
    assert any("$536.65" in claim.evidence for claim in verdict.failed if claim.kind == "money")
