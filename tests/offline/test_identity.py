"""Authentication: nothing account-specific before the customer is identified."""

from .conftest import OLIVIA, OLIVIA_EMAIL


def test_an_anonymous_customer_is_asked_who_they_are_and_the_request_is_kept(chat):
    # given an anonymous visitor asking about an order
    conversation = chat()
    # when they ask, then give their email
    first = conversation.say("Where is my order #W5442520?")
    second = conversation.say(OLIVIA_EMAIL)
    # then the first turn asks for identity without touching the store
    assert first.steps == []
    assert "email" in first.reply
    # and the second identifies them and answers the original question in the same turn
    assert second.tools == ["find_user_id_by_email", "get_user_details", "get_order_details"]
    assert conversation.context.customer_id == OLIVIA
    assert "#W5442520 is pending" in second.reply
    assert "Gaming Mouse" in second.reply
    assert "$137.32" in second.reply
    assert "$663.85" in second.reply
    assert "Visa ending 9182" in second.reply


def test_a_customer_can_be_identified_by_name_and_zip(chat):
    conversation = chat()

    result = conversation.say("Hi, I'm Olivia Ito, zip code 80218")

    assert result.tools == ["find_user_id_by_name_zip"]
    assert result.steps[0].arguments == {"first_name": "Olivia", "last_name": "Ito", "zip": "80218"}
    assert conversation.context.customer_id == OLIVIA
    assert "found your account" in result.reply


def test_an_unknown_email_is_refused_and_name_and_zip_offered(chat):
    conversation = chat()

    result = conversation.say("my email is nobody@example.com")

    assert result.tools == ["find_user_id_by_email"]
    assert conversation.context.customer_id is None
    assert "couldn't find an account" in result.reply
    assert "zip code" in result.reply


def test_three_failed_lookups_go_to_a_person(chat):
    conversation = chat()
    conversation.say("nobody@example.com")
    conversation.say("still.nobody@example.com")

    result = conversation.say("Jane Doe 12345")

    assert result.handed_off
    assert "not verified" in result.summary


def test_a_signed_in_customer_is_not_asked_again(chat):
    conversation = chat(OLIVIA)

    result = conversation.say("what's the status of #W5353646?")

    assert result.tools == ["get_user_details", "get_order_details"]
    assert "processed" in result.reply
    assert "632534065413" in result.reply  # the tracking number


def test_an_identified_customer_cannot_switch_to_another_account(chat):
    conversation = chat(OLIVIA)

    result = conversation.say("my email is james.li4495@example.com")

    assert result.steps == []
    assert "already verified" in result.reply
    assert conversation.context.customer_id == OLIVIA
