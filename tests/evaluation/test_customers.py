"""The simulated customers: the rule-based one answers from the task, the model-played one is
briefed with it and speaks through an OpenAI-compatible endpoint."""

from __future__ import annotations

import random

import pytest
from django.core.mail import send_mail

from apps.evaluation.brief import CustomerBrief, Identity, Request, brief_for
from apps.evaluation.customer import CustomerConfig
from apps.evaluation.customer_model import END_MARKER, ModelCustomer, customer_endpoint
from apps.evaluation.customer_scripted import ScriptedCustomer
from apps.evaluation.inbox import Inbox, mail_captured
from apps.evaluation.tasks import tasks_select
from apps.routing.confirmations import is_explicit_yes
from tests.support.openai_server import ScriptedOpenAIServer, text

BRIEF = CustomerBrief(
    identity=Identity("Sofia", "Kovacs", "19049", "sofia.kovacs4505@example.com", by_email=True),
    requests=(
        Request("return", order_id="#W7736983", items=("Coffee Maker", "Desk Lamp"), payment="my gift card"),
        Request("cancel", order_id="#W5765741", reason="ordered by mistake"),
    ),
)


def customer(seed=1):
    return ScriptedCustomer(BRIEF, rng=random.Random(seed))


def test_the_brief_names_items_and_payment_as_the_customer_knows_them(db):
    # train task 3: exchange a coffee maker for another variant, then cancel an order
    brief = brief_for(tasks_select("train", indices=[3])[0])

    assert brief.identity == Identity(
        "Sofia",
        "Kovacs",
        "19049",
        "sofia.kovacs4505@example.com",
        by_email=False,
        mailboxes=("sofia.kovacs4505@example.com",),
    )
    exchange, cancel = brief.requests
    assert (exchange.kind, exchange.order_id, exchange.items) == ("exchange", "#W7736983", ("Coffee Maker",))
    # only the options that change, in words
    assert exchange.targets == ("color stainless steel, type drip, features built-in grinder",)
    assert exchange.payment == "my PayPal account (paypal_6840891)"
    assert (cancel.kind, cancel.order_id, cancel.reason) == ("cancel", "#W5765741", "ordered by mistake")


def test_an_instruction_with_an_email_makes_the_customer_give_the_email(db):
    brief = brief_for(tasks_select("train", indices=[2])[0])

    assert brief.identity.by_email
    assert brief.identity.email == "james.li4495@example.com"


def test_a_customer_unsure_of_their_email_reads_the_mail_of_every_address_they_own(db):
    # dev task 6: four addresses in the instruction, the account uses the last one
    brief = brief_for(tasks_select("dev", indices=[6])[0])

    assert brief.identity.email == "raj89@example.com"  # the one tried first
    assert brief.identity.mailboxes[0] == "raj.lee6137@example.com"  # the account's
    assert set(brief.identity.mailboxes) == {
        "raj89@example.com",
        "rajlee@example.com",
        "lee42@example.com",
        "raj.lee6137@example.com",
    }


def test_the_inbox_finds_a_code_sent_to_any_of_the_customers_addresses(settings):
    with mail_captured():
        inbox = Inbox(["raj89@example.com", "Raj.Lee6137@example.com"])
        send_mail("Your code", "Your code is 123456.", "shop@example.com", ["someone@example.com"])
        assert inbox.new_code() is None
        send_mail("Your code", "Your code is 654321.", "shop@example.com", ["raj.lee6137@example.com"])
        assert inbox.new_code() == "654321"
        assert inbox.new_code() is None  # read once


def test_the_customer_answers_what_the_agent_asks():
    sofia = customer()
    opening = sofia.opening()

    assert "#W7736983" in opening
    assert "return the Coffee Maker and Desk Lamp" in opening
    assert "sofia.kovacs4505@example.com" in sofia.reply("What's the email address on your account?")
    # (the "email address" above did not make the customer recite a shipping address)
    items = sofia.reply("Which items would you like to return?")
    assert items == "The Coffee Maker and Desk Lamp."
    assert "gift card" in sofia.reply("Which payment method should the refund go to?")


def test_asked_again_who_they_are_the_customer_tries_the_other_way():
    sofia = customer()
    sofia.opening()
    sofia.reply("Could you give me your email?")

    again = sofia.reply("I couldn't find that account. What's your name and zip code?")

    assert again == "My name is Sofia Kovacs and my zip code is 19049."


def test_the_customer_agrees_to_a_summary_in_words_the_gate_accepts_then_moves_on_and_leaves():
    sofia = customer()
    sofia.opening()

    agree = sofia.reply("I'll return both items to your gift card. Shall I go ahead? (yes/no)")
    assert is_explicit_yes(agree)
    second = sofia.reply("Done: the return is requested. Is there anything else I can help with?")
    assert "cancel my order #W5765741" in second
    assert is_explicit_yes(sofia.reply("Cancel #W5765741 (ordered by mistake)? Shall I go ahead?"))
    goodbye = sofia.reply("Done: order #W5765741 is cancelled. Is there anything else I can help with?")

    assert goodbye is not None
    assert not is_explicit_yes(goodbye)
    assert sofia.reply("Goodbye!") is None


def test_shown_the_variants_in_stock_the_customer_picks_the_one_it_wants():
    brief = CustomerBrief(
        identity=BRIEF.identity,
        requests=(
            Request(
                "exchange",
                order_id="#W7736983",
                items=("Sunglasses",),
                targets=("frame color black",),
                wanted=("frame color black, lens color brown",),
                payment="my gift card",
            ),
        ),
    )
    shopper = ScriptedCustomer(brief, rng=random.Random(1))
    shopper.opening()

    pick = shopper.reply(
        "Sorry, that one isn't available. These are in stock:\n"
        "- frame color black, lens color green, $287.79\n"
        "- frame color black, lens color brown, $290.94\n"
        "Which one would you like?"
    )

    assert pick == "For the Sunglasses, the one with frame color black, lens color brown."


def test_asked_the_same_again_after_the_same_answer_the_customer_lets_the_request_go():
    sofia = customer()
    sofia.opening()
    question = "Which payment method should the refund go to?"
    sofia.reply(question)

    let_go = sofia.reply(question)
    next_request = sofia.reply("All right, I've left it as it was. Anything else?")

    assert "never mind" in let_go.lower() or "forget it" in let_go.lower()
    assert "cancel my order #W5765741" in next_request


def test_the_same_seed_plays_the_same_chat():
    lines = ["What's your email?", "Shall I go ahead? (yes/no)", "Anything else?", "Shall I go ahead?"]

    first, second = customer(seed=5), customer(seed=5)

    assert [first.opening(), *map(first.reply, lines)] == [second.opening(), *map(second.reply, lines)]


@pytest.fixture
def customer_server(monkeypatch):
    monkeypatch.setenv("CUSTOMER_TEST_KEY", "sk-customer")
    replies = [
        text("Hi, I'd like to cancel order #W5765741.", usage=(50, 5)),
        text(END_MARKER, usage=(60, 2)),
    ]
    with ScriptedOpenAIServer(replies) as server:
        yield server


def test_a_model_plays_the_customer_from_our_briefing_until_it_ends_the_chat(customer_server):
    config = CustomerConfig(
        kind="model", model="customer-model", base_url=customer_server.base_url, key_env="CUSTOMER_TEST_KEY"
    )
    played = ModelCustomer(customer_endpoint(config, seed=3), "You want to cancel #W5765741.")

    opening = played.opening()
    ending = played.reply("Sure. Why would you like to cancel it?")

    assert opening == "Hi, I'd like to cancel order #W5765741."
    assert ending is None
    first, second = customer_server.requests
    assert first["model"] == "customer-model"
    assert first["seed"] == 3
    assert "You want to cancel #W5765741." in first["messages"][0]["content"]
    # the chat seen from the customer's side: the agent speaks as the user, the customer as the assistant
    assert [m["role"] for m in second["messages"]] == ["system", "user", "assistant", "user"]
    assert second["messages"][-1]["content"] == "Sure. Why would you like to cancel it?"
    assert (played.usage.calls, played.usage.input_tokens, played.usage.output_tokens) == (2, 110, 7)
