"""Policy statements in wordings the first patterns did not cover: a gift card's validity, other
ways of paying, changing items more than once, returning before delivery."""

from __future__ import annotations

import pytest

from apps.guardrails.check import guard_answer
from apps.guardrails.evidence import Evidence


@pytest.mark.parametrize(
    "answer",
    [
        "The gift card is usable for eighteen months from the date it was issued.",
        "A gift card only lasts 2 years, so use it soon.",
        "The balance has to be spent within a year.",
        "At checkout you can also use Google Pay.",
        "Klarna is also accepted on our site.",
        "You're free to change the products in your pending order as many times as you like.",
        "You can send back items from an order that has not been delivered yet.",
    ],
)
def test_a_policy_statement_in_other_words_contradicts_its_fact(snapshot, answer):
    verdict = guard_answer(answer, Evidence(knowledge=snapshot))

    assert verdict.tripped, verdict.claims


@pytest.mark.parametrize(
    "answer",
    [
        "Gift card balances stay on the card for good: they never expire.",
        "We don't accept Google Pay; credit cards, PayPal and gift cards work.",
        "You can't return items from an order that hasn't been delivered yet.",
        "The items of a pending order can be changed once.",
    ],
)
def test_the_same_topics_stated_as_the_policy_says_pass(snapshot, answer):
    assert guard_answer(answer, Evidence(knowledge=snapshot)).verdict == "pass"
