"""What the customer wants, from their words."""

import pytest

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
        ("I want to exchange the t-shirt for a bigger size", Intent.UNSUPPORTED),
        ("I want to pay with a different card", Intent.UNSUPPORTED),
        ("can I pay with a different card?", Intent.KNOWLEDGE),  # a policy question
        ("olivia.ito5204@example.com", None),
    ],
)
def test_intents(text, intent):
    assert detect_intent(text, has_order_id=bool(order_ids(text))) == intent
