"""What the customer wants, from their words."""

import pytest

from apps.offline.fuzzy import correct_typos
from apps.offline.intents import Intent, detect_intent
from apps.offline.slots import order_ids


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("hi there", Intent.GREETING),
        ("thanks a lot!", Intent.THANKS),
        ("I want to talk to a person", Intent.HUMAN),
        ("how long do refunds take to my credit card", Intent.KNOWLEDGE),
        ("can i send something back after a month", Intent.KNOWLEDGE),
        ("what's your return policy?", Intent.KNOWLEDGE),
        ("how do I cancel an order?", Intent.KNOWLEDGE),
        ("where is my order?", Intent.ORDER_STATUS),
        ("what's the status of #W5442520?", Intent.ORDER_STATUS),
        ("what did I order?", Intent.ORDER_STATUS),
        ("I'd like to cancel my order", Intent.CANCEL),
        ("can you cancel #W5442520?", Intent.CANCEL),
        ("I want to return the kettle", Intent.RETURN),
        ("I'd like to send the sneakers back", Intent.RETURN),
        ("please change the shipping address of #W5442520", Intent.ORDER_ADDRESS),
        ("I moved, please update my address", Intent.DEFAULT_ADDRESS),
        ("what's my gift card balance?", Intent.PROFILE),
        ("I want to exchange the t-shirt for a bigger size", Intent.CHANGE_ITEMS),
        ("I want to pay with a different card", Intent.CHANGE_PAYMENT),
        ("I'd like to add another item to my order", Intent.UNSUPPORTED),
        ("helo, i wnat to cancle my ordr", Intent.CANCEL),
        ("i need to chnage the shipping adress of my order", Intent.ORDER_ADDRESS),
        ("what orders do I have?", Intent.LIST_ORDERS),
        ("where is my tablet", Intent.ORDER_STATUS),
        ("how long do I have to exchange an item?", Intent.KNOWLEDGE),
        ("do you ship internationally?", Intent.KNOWLEDGE),
        ("I want my money back but keep the item", Intent.KEEP_AND_REFUND),
        (
            "actually wait, don't cancel it, I'd rather change the shipping address instead",
            Intent.ORDER_ADDRESS,
        ),
        ("I'd like to pay for my order #W5442520 with my PayPal instead", Intent.CHANGE_PAYMENT),
        ("can I pay with a different card?", Intent.KNOWLEDGE),  # a policy question
        ("olivia.ito5204@example.com", None),
    ],
)
def test_intents(text, intent):
    plain = correct_typos(text)
    assert detect_intent(plain, has_order_id=bool(order_ids(text))) == intent
