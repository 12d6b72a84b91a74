"""Returning delivered items: which items, which refund method, yes, then the store changes."""

from apps.commerce.models import Order, ReturnRequest

from .conftest import OLIVIA, OLIVIA_EMAIL

ESPRESSO, SNEAKERS = "6242772310", "9727387530"


def test_one_named_item_is_returned_to_the_original_payment_method(chat):
    conversation = chat(OLIVIA)

    proposed = conversation.say("I'd like to return the sneakers from order #W5866402")
    done = conversation.say("yes")

    assert proposed.called("return_delivered_order_items")[0].arguments == {
        "order_id": "#W5866402",
        "item_ids": [SNEAKERS],
        "payment_method_id": "paypal_8049766",
    }
    # the product by name: no other sneakers in the order, so no options to tell them apart
    assert "Sneakers, $207.75" in proposed.reply
    assert "size" not in proposed.reply
    assert "$207.75 to your PayPal" in proposed.reply
    assert "'return requested' for Sneakers" in done.reply
    assert "email" in done.reply
    request = ReturnRequest.objects.get(order__order_id="#W5866402")
    assert request.item_ids == [SNEAKERS]
    assert request.payment_method.method_id == "paypal_8049766"
    assert Order.objects.get(order_id="#W5866402").status == "return requested"


def test_all_items_are_returned_to_the_customers_gift_card(chat):
    conversation = chat(OLIVIA)

    proposed = conversation.say("I want to return everything from #W5866402, refund to my gift card")
    done = conversation.say("ok")

    # the total comes from the calculate tool, so the figure is in an observation
    assert proposed.called("calculate")[0].observation == "3203.78"
    assert "$3,203.78 to your gift card ending 4233" in proposed.reply
    assert "$3,203.78" in done.reply
    assert "available immediately" in done.reply
    request = ReturnRequest.objects.get(order__order_id="#W5866402")
    assert sorted(request.item_ids) == sorted([ESPRESSO, SNEAKERS])
    assert request.payment_method.method_id == "gift_card_7794233"


def test_the_items_are_asked_for_when_none_is_named(chat):
    conversation = chat(OLIVIA)

    asked = conversation.say("I want to return something from #W5866402")
    proposed = conversation.say("the espresso machine")

    assert "Which items" in asked.reply
    assert "Espresso Machine" in asked.reply
    assert "Sneakers" in asked.reply
    assert proposed.called("return_delivered_order_items")[0].arguments["item_ids"] == [ESPRESSO]


def test_the_only_delivered_order_is_found_without_its_number(chat):
    conversation = chat(OLIVIA)

    result = conversation.say("I want to return the sneakers")

    assert result.called("return_delivered_order_items")[0].arguments["order_id"] == "#W5866402"
    assert "Shall I go ahead?" in result.reply


def test_an_anonymous_return_request_continues_after_identification(chat):
    conversation = chat()
    conversation.say("I'd like to return the sneakers from #W5866402")

    result = conversation.say(OLIVIA_EMAIL)

    assert result.tools[0] == "find_user_id_by_email"
    assert "return_delivered_order_items" in result.tools
    assert "Sneakers" in result.reply
    assert "Shall I go ahead?" in result.reply


def test_a_pending_order_cannot_be_returned(chat):
    conversation = chat(OLIVIA)

    result = conversation.say("return the gaming mouse from #W5442520")

    assert "return_delivered_order_items" not in result.tools
    assert "hasn't been delivered yet" in result.reply
    assert Order.objects.get(order_id="#W5442520").status == "pending"


def test_a_hedged_yes_that_changes_the_refund_method_is_proposed_again(chat):
    conversation = chat(OLIVIA)
    conversation.say("return the sneakers from #W5866402")

    changed = conversation.say("yes, but to my gift card instead")
    done = conversation.say("yes")

    assert (
        changed.called("return_delivered_order_items")[0].arguments["payment_method_id"]
        == "gift_card_7794233"
    )
    assert "Shall I go ahead?" in changed.reply
    assert (
        ReturnRequest.objects.get(order__order_id="#W5866402").payment_method.method_id == "gift_card_7794233"
    )
    assert "return requested" in done.reply
