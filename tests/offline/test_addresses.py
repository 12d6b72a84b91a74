"""Changing a pending order's shipping address and the default address."""

from apps.commerce.models import Customer, Order

from .conftest import OLIVIA

NEW_ADDRESS = {
    "address1": "123 Main St",
    "address2": "Apt 4",
    "city": "Austin",
    "state": "TX",
    "country": "USA",
    "zip": "78701",
}


def test_a_pending_orders_address_is_changed_after_asking_for_the_missing_parts(chat):
    conversation = chat(OLIVIA)

    asked = conversation.say("Can you change the shipping address of #W7941031?")
    partial = conversation.say("44 Oak Road, Portland")
    proposed = conversation.say("OR 97201")
    done = conversation.say("yes")

    assert "street" in asked.reply
    assert "zip code" in asked.reply
    assert "44 Oak Road, Portland" in partial.reply
    assert "state and zip code" in partial.reply
    assert "44 Oak Road, Portland, OR 97201, USA" in proposed.reply
    assert "570 Elm Avenue" in proposed.reply  # the current address, for comparison
    assert "will now ship to 44 Oak Road, Portland, OR 97201, USA" in done.reply
    order = Order.objects.get(order_id="#W7941031")
    assert (order.address1, order.address2, order.city, order.state, order.zip, order.country) == (
        "44 Oak Road",
        "",
        "Portland",
        "OR",
        "97201",
        "USA",
    )


def test_the_default_address_is_changed_from_one_message(chat):
    conversation = chat(OLIVIA)

    proposed = conversation.say(
        "I moved: please update my address to 123 Main St, Apt 4, Austin, TX 78701, USA"
    )
    done = conversation.say("yes, go ahead")

    assert proposed.called("modify_user_address")[0].arguments == {"user_id": OLIVIA, **NEW_ADDRESS}
    assert "already placed keep their current address" in proposed.reply
    assert "default address is now 123 Main St, Apt 4, Austin, TX 78701, USA" in done.reply
    assert Customer.objects.get(customer_id=OLIVIA).address_dict() == NEW_ADDRESS
    # existing orders keep theirs
    assert Order.objects.get(order_id="#W7941031").city == "Denver"


def test_a_processed_orders_address_cannot_be_changed(chat):
    conversation = chat(OLIVIA)

    result = conversation.say("change the delivery address for #W5353646 to 1 Pine St, Boise, ID 83702")

    assert "modify_pending_order_address" not in result.tools
    assert "can't be changed" in result.reply
    assert Order.objects.get(order_id="#W5353646").city == "Denver"
