"""Issue 9: a reply to the agent's own question is an answer, not a request for a person."""

import pytest

from apps.routing import decisions
from apps.routing.decisions import Classification, route_decide
from apps.routing.replies import is_reply_to_question

ASKED = [
    "Is there anything else I can help you with?",
    "Which order do you mean: #W5442520 or #W2611340?",
    "What is the email address on your account?",
    "Would you like the refund on your gift card or your original payment method?",
    "Shall I go ahead and cancel order #W5442520? Please reply yes to confirm.",
]
REPLIES = [
    "no",
    "No.",
    "nope",
    "no thanks",
    "yes",
    "the second one",
    "the first",
    "option 2",
    "olivia.ito5204@example.com",
    "Olivia Ito 32241",
    "#W2611340",
    "the gift card",
    "neither",
    "no, that's all",
]


@pytest.mark.parametrize("agent_text", ASKED)
@pytest.mark.parametrize("reply", REPLIES)
def test_a_reply_to_the_agents_question_never_goes_to_a_person(stored_router, agent_text, reply):
    decision = route_decide(reply, agent_text=agent_text, previous_label="lookup")

    assert decision.tier != "human"
    assert decision.reason == "answer_to_agent"


def test_the_answer_stays_with_the_open_transaction_and_never_becomes_a_person(stored_router, monkeypatch):
    in_transaction = route_decide(
        "no", agent_text=ASKED[4], previous_label="transaction", transaction_open=True
    )
    after_faq = route_decide("no thanks", agent_text=ASKED[0], previous_label="faq")

    assert in_transaction.tier == "reasoning"
    assert after_faq.tier == "fast"

    # even when the classifier reads the bare reply as a request for a person
    scores = {"smalltalk": 0.1, "faq": 0.0, "lookup": 0.0, "transaction": 0.0, "complaint": 0.0, "human": 0.9}
    monkeypatch.setattr(decisions, "_classify", lambda router, text: Classification("human", scores, 1, 1))
    misread = route_decide("no", agent_text=ASKED[0], previous_label="lookup")

    assert (misread.label, misread.tier, misread.reason) == ("lookup", "fast", "answer_to_agent")


@pytest.mark.parametrize(
    "text",
    [
        "no, I want to talk to a person",
        "get me a human",
        "no. transfer me to a real person please",
        "I want a representative",
    ],
)
def test_an_explicit_request_for_a_person_still_reaches_one(stored_router, text):
    decision = route_decide(text, agent_text=ASKED[0], previous_label="lookup")

    assert decision.tier == "human"


def test_strong_frustration_in_a_reply_is_still_a_complaint(stored_router):
    decision = route_decide("no!!! this is ridiculous", agent_text=ASKED[0], previous_label="lookup")

    assert (decision.label, decision.tier) == ("complaint", "reasoning")


def test_without_a_question_from_the_agent_the_message_is_routed_on_its_own(stored_router):
    assert not is_reply_to_question("no", "Your order #W5442520 has been cancelled.")
    assert not is_reply_to_question("no", None)
    assert route_decide("no", agent_text="Here is your order.").reason != "answer_to_agent"


def test_a_long_new_request_after_a_question_is_a_new_intent(stored_router):
    text = "actually can you tell me what your return policy is for opened electronics"

    assert not is_reply_to_question(text, ASKED[0])
    assert route_decide(text, agent_text=ASKED[0], previous_label="lookup").label == "faq"


def test_the_bare_replies_alone_are_not_classified_as_requests_for_a_person(stored_router):
    for reply in ("no", "nope", "No.", "the second one", "olivia.ito5204@example.com"):
        assert route_decide(reply).tier != "human", reply
