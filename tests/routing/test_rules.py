"""The rules on top of the classifier, fed with hand-made probabilities."""

from __future__ import annotations

import pytest

from apps.routing.artifact import Thresholds
from apps.routing.rules import apply_rules, frustration_signal, is_explicit_human_request

THRESHOLDS = Thresholds(min_top_probability=0.45, min_margin=0.10)


def _scores(**probabilities: float) -> dict[str, float]:
    labels = ("smalltalk", "faq", "lookup", "transaction", "complaint", "human")
    rest = (1.0 - sum(probabilities.values())) / (len(labels) - len(probabilities))
    return {label: probabilities.get(label, rest) for label in labels}


@pytest.mark.parametrize(
    "text",
    [
        "talk to a real human",
        "can I speak with an agent please",
        "get me a human",
        "human please",
        "transfer me to your supervisor",
        "I want a real person",
        "connect me with a live agent now",
    ],
)
def test_explicit_requests_for_a_person_are_recognised(text):
    assert is_explicit_human_request(text)


@pytest.mark.parametrize(
    "text",
    [
        "are you a real person?",
        "is this a human or a bot",
        "the agent on the phone said I'd get a refund",
        "my manager wants an invoice",
        "the person at the door signed for it",
    ],
)
def test_questions_and_mentions_of_people_are_not_requests(text):
    assert not is_explicit_human_request(text)


def test_a_confident_model_label_is_kept():
    # given a confident faq
    ruled = apply_rules(
        "what is your return policy", label="faq", scores=_scores(faq=0.9), thresholds=THRESHOLDS
    )

    # then it is served by the fast tier on the model's word
    assert (ruled.label, ruled.tier, ruled.reason) == ("faq", "fast", "model")


def test_a_weak_top_label_goes_to_the_reasoning_tier():
    # given a lookup the model is unsure of
    ruled = apply_rules("my thing", label="lookup", scores=_scores(lookup=0.40), thresholds=THRESHOLDS)

    # then the label stays but the safer tier serves it
    assert (ruled.label, ruled.tier, ruled.reason) == ("lookup", "reasoning", "low_confidence")


def test_a_near_tie_with_another_tier_goes_to_the_reasoning_tier():
    # given lookup barely ahead of complaint (a different tier)
    scores = _scores(lookup=0.50, complaint=0.45)

    # when the rules run
    ruled = apply_rules("the parcel", label="lookup", scores=scores, thresholds=THRESHOLDS)

    # then the message is escalated
    assert (ruled.tier, ruled.reason) == ("reasoning", "low_confidence")


def test_a_near_tie_within_the_fast_tier_stays_fast():
    # given faq barely ahead of lookup: both are served by the fast tier
    scores = _scores(faq=0.50, lookup=0.45)

    ruled = apply_rules("shipping to my place", label="faq", scores=scores, thresholds=THRESHOLDS)

    assert (ruled.tier, ruled.reason) == ("fast", "model")


def test_an_unsure_human_label_is_never_downgraded():
    # given the model leans to human, but weakly
    ruled = apply_rules("hmm", label="human", scores=_scores(human=0.30), thresholds=THRESHOLDS)

    assert (ruled.label, ruled.tier) == ("human", "human")


def test_inside_a_transaction_a_fast_label_stays_on_the_reasoning_tier():
    # given a confident lookup in the middle of a cancellation
    scores = _scores(lookup=0.95)

    # when routed with an open transaction, and without
    inside = apply_rules(
        "which order was that", label="lookup", scores=scores, thresholds=THRESHOLDS, transaction_open=True
    )
    outside = apply_rules("which order was that", label="lookup", scores=scores, thresholds=THRESHOLDS)

    # then only the open transaction keeps it on the reasoning tier
    assert (inside.label, inside.tier, inside.reason) == ("lookup", "reasoning", "sticky_transaction")
    assert outside.tier == "fast"


def test_an_open_transaction_does_not_hold_back_a_request_for_a_person():
    ruled = apply_rules(
        "let me talk to a person",
        label="transaction",
        scores=_scores(transaction=0.6),
        thresholds=THRESHOLDS,
        transaction_open=True,
    )

    assert (ruled.label, ruled.tier, ruled.reason) == ("human", "human", "explicit_human")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("THIS IS RIDICULOUS!!! where is my order", "lookup"),
        ("where is my stuff, this is the worst store", "lookup"),
        ("cancel it or I'm filing a chargeback", "transaction"),
        ("WHERE IS MY REFUND, I PAID WEEKS AGO!", "lookup"),
        ("what the fuck is going on with shipping", "faq"),
    ],
)
def test_strong_frustration_raises_a_complaint(text, label):
    ruled = apply_rules(text, label=label, scores=_scores(**{label: 0.8}), thresholds=THRESHOLDS)

    assert (ruled.label, ruled.tier, ruled.reason) == ("complaint", "reasoning", "frustration")


def test_enthusiasm_and_figures_of_speech_are_not_frustration():
    assert frustration_signal("THANK YOU SO MUCH!!!", label="smalltalk") is None
    assert frustration_signal("worst case, can I still return it?", label="faq") is None
    assert frustration_signal("where is my order!!!", label="lookup") == "shouting"


def test_empty_text_is_small_talk_on_the_fast_tier():
    ruled = apply_rules("  \n ", label="complaint", scores=_scores(complaint=0.9), thresholds=THRESHOLDS)

    assert (ruled.label, ruled.tier, ruled.reason) == ("smalltalk", "fast", "empty")
