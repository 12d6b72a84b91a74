"""The offline engine quotes the store's terms from the knowledge facts, as admins set them."""

from tests.knowledge.edits import admin_deletes_fact, admin_edits_fact

from .conftest import OLIVIA


def test_a_proposed_cancellation_quotes_the_edited_refund_time(chat):
    # given an admin changed how long a refund to a credit card takes
    admin_edits_fact("refund-time-credit-card", value="3-4")
    conversation = chat(OLIVIA)

    # when the customer asks to cancel an order paid by card
    proposed = conversation.say("Please cancel #W5442520, I ordered it by mistake")

    # then the proposal states the new time and not the old one
    assert "$663.85 to your Visa ending 9182, within 3-4 business days" in proposed.reply
    assert "5-7" not in proposed.reply


def test_a_refused_cancellation_quotes_the_edited_return_window(chat):
    # given an admin lengthened the return window
    admin_edits_fact("return-window-days", value="45")
    conversation = chat(OLIVIA)

    # when the customer asks to cancel a delivered order
    result = conversation.say("Cancel order #W5866402 now, I ordered it by mistake")

    # then the alternative offered uses the new window
    assert "within 45 days" in result.reply
    assert "30 days" not in result.reply


def test_a_deleted_refund_time_is_not_replaced_by_a_figure(chat):
    # given an admin deleted the credit card refund time
    admin_deletes_fact("refund-time-credit-card")
    conversation = chat(OLIVIA)

    # when a cancellation of an order paid by card is proposed
    proposed = conversation.say("Please cancel #W5442520, I ordered it by mistake")

    # then the refund line points at the policy and states no time
    assert "to your Visa ending 9182, within the time our refund policy states" in proposed.reply
    assert "business days" not in proposed.reply
