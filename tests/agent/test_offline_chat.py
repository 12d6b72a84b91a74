"""The offline engine end to end: `manage.py chat` with piped stdin, the real router, the real
turn service and the real store (no key configured, so every tier is the offline engine)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from apps.commerce.models import Customer, Order, ReturnRequest
from apps.conversations.models import Conversation, Handoff, Message

EMAIL = "olivia.ito5204@example.com"


def _through_the_command(monkeypatch, lines, customer):
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    out = io.StringIO()
    if customer:
        call_command("chat", customer=customer, stdout=out)
    else:
        call_command("chat", anonymous=True, stdout=out)
    return out.getvalue()


def _through_the_task(monkeypatch, lines, customer):
    """The same conversation through the Celery task, printed the way the command prints it."""
    from apps.agent import services
    from apps.agent.tasks import run_turn
    from apps.conversations.services import conversation_start, message_post
    from apps.core.errors import ApplicationError

    printed: list[str] = []
    monkeypatch.setattr(
        services, "status_publish", lambda conversation_id, text, step, **_: printed.append(f"... {text}")
    )
    user = Customer.objects.get(email__iexact=customer).user if customer else None
    conversation = conversation_start(user=user, channel=Conversation.Channel.API)
    for line in lines:
        try:
            message, _ = message_post(
                role="customer", conversation=conversation, text=line, enqueue_turn=False
            )
        except ApplicationError as exc:
            printed.append(f"error: {exc.message}")
            continue
        seen = Message.objects.filter(conversation=conversation, role="agent").count()
        run_turn.apply(args=(conversation.pk, message.pk))
        for reply in Message.objects.filter(conversation=conversation, role="agent").order_by("id")[seen:]:
            printed.append(f"agent: {reply.text}")
    return "\n".join(printed) + "\n"


@pytest.fixture(params=["manage.py chat", "run_turn task"])
def chat(request, db, monkeypatch):
    """Hold a conversation with these customer lines; returns what was printed.

    Every case runs twice: through `manage.py chat` with piped stdin, and through the
    `run_turn` Celery task the web chat uses.
    """
    driver = _through_the_command if request.param == "manage.py chat" else _through_the_task

    def run(*lines: str, customer: str | None = None) -> str:
        return driver(monkeypatch, lines, customer)

    return run


def agent_lines(output: str) -> list[str]:
    """Each agent reply, with the lines of a multi-line reply joined back together."""
    replies: list[str] = []
    inside = False
    for line in output.splitlines():
        if line.startswith("agent: "):
            replies.append(line)
            inside = True
        elif line.startswith(("... ", "error: ")):
            inside = False
        elif inside:
            replies[-1] += "\n" + line
    return replies


def test_a_knowledge_question_is_answered_from_the_knowledge_base(chat):
    output = chat("what is your return policy?")
    assert "30 days" in agent_lines(output)[0]


def test_authentication_by_email_then_a_code_then_order_status(chat, fixed_code):
    output = chat("where is my order #W5442520?", EMAIL, fixed_code)
    replies = agent_lines(output)
    assert "email" in replies[0].lower()
    # the email only identifies: the order stays closed until the emailed code comes back
    assert "code" in replies[1].lower()
    assert "pending" not in replies[1].lower()
    assert "pending" in replies[2].lower()
    assert "... Looking up your account..." in output
    assert "... Checking order #W5442520..." in output


def test_authentication_by_name_and_zip_then_a_code(chat, fixed_code):
    output = chat("what's the status of order #W5866402", "Olivia Ito 80218", fixed_code)
    assert "delivered" in agent_lines(output)[-1].lower()


def test_a_wrong_code_shows_nothing(chat, fixed_code):
    output = chat("where is my order #W5442520?", EMAIL, "135791")
    replies = agent_lines(output)
    assert "match" in replies[-1].lower()
    assert "pending" not in output.lower()


def test_cancelling_a_pending_order_asks_the_reason_and_waits_for_yes(chat):
    output = chat("I want to cancel order #W5442520", "I ordered it by mistake", "yes", customer=EMAIL)

    replies = agent_lines(output)
    assert "reason" in replies[0].lower() or "why" in replies[0].lower()
    assert "$663.85" in replies[1]
    order = Order.objects.get(order_id="#W5442520")
    assert (order.status, order.cancel_reason) == ("cancelled", "ordered by mistake")
    assert "cancelled" in replies[2].lower()
    assert "$663.85" in replies[2]


def test_a_no_leaves_the_order_alone(chat):
    chat("please cancel #W5442520, I no longer need it", "no", customer=EMAIL)
    assert Order.objects.get(order_id="#W5442520").status == "pending"


def test_returning_a_named_item_refunds_the_original_method(chat):
    output = chat("I'd like to return the sneakers from order #W5866402", "yes", customer=EMAIL)
    request = ReturnRequest.objects.filter(order__order_id="#W5866402").first()
    assert request is not None, output
    assert request.payment_method.method_id == "paypal_8049766"
    assert (
        "return requested" in agent_lines(output)[-1].lower() or "return" in agent_lines(output)[-1].lower()
    )


def test_returning_everything_to_a_gift_card(chat):
    output = chat(
        "return all items of order #W5866402 and put the refund on my gift card", "yes", customer=EMAIL
    )
    request = ReturnRequest.objects.get(order__order_id="#W5866402")
    assert request.item_ids == ["6242772310", "9727387530"]
    assert request.payment_method.method_id == "gift_card_7794233"
    assert "gift card" in agent_lines(output)[-1].lower()


def test_changing_a_pending_orders_address(chat):
    chat(
        "please ship order #W5442520 to 12 Oak Street, Apt 3, Austin, TX 78701 instead",
        "yes",
        customer=EMAIL,
    )
    order = Order.objects.get(order_id="#W5442520")
    assert (order.address1, order.address2, order.city, order.state, order.zip) == (
        "12 Oak Street",
        "Apt 3",
        "Austin",
        "TX",
        "78701",
    )


def test_changing_the_default_address(chat):
    chat("change my default address to 77 Pine Road, Denver, CO 80202", "yes", customer=EMAIL)
    customer = Customer.objects.get(customer_id="olivia_ito_3591")
    assert (customer.address1, customer.city, customer.zip) == ("77 Pine Road", "Denver", "80202")


def test_asking_for_a_person_hands_the_chat_over(chat):
    output = chat("I want to talk to a real person", customer=EMAIL)
    conversation = Conversation.objects.latest("created_at")
    assert conversation.status == Conversation.Status.HANDOFF
    assert Handoff.objects.filter(conversation=conversation).exists()
    assert "team" in agent_lines(output)[0].lower()


def test_what_the_store_cannot_do_goes_to_a_person_with_a_summary(chat):
    chat("Can you add another item to my order #W5442520?", customer=EMAIL)
    handoff = Handoff.objects.latest("created_at")
    assert handoff.summary
    assert Order.objects.get(order_id="#W5442520").status == "pending"


def test_an_exchange_is_proposed_and_done_after_yes(chat):
    output = chat(
        "I want to exchange the sneakers from #W5866402 for size 10, use my paypal", "yes", customer=EMAIL
    )
    assert "-> size 10" in agent_lines(output)[0]
    assert Order.objects.get(order_id="#W5866402").status == "exchange requested"


def test_an_oversized_line_is_refused_and_not_stored(chat, settings):
    settings.SUPPORTAGENT = {**settings.SUPPORTAGENT, "MAX_MESSAGE_CHARS": 50}
    output = chat("x" * 60)
    assert "error: The message is 60 characters long" in output
    assert not Message.objects.filter(text="x" * 60).exists()


def test_the_same_flows_run_through_the_run_turn_task(db, django_capture_on_commit_callbacks):
    from apps.agent.tasks import run_turn
    from apps.conversations.services import conversation_start, message_post

    conversation = conversation_start(user=Customer.objects.get(customer_id="olivia_ito_3591").user)
    for text in ("cancel #W3657213 please, I don't need it anymore", "yes"):
        message, _ = message_post(role="customer", conversation=conversation, text=text, enqueue_turn=False)
        run_turn.apply(args=(conversation.pk, message.pk))

    order = Order.objects.get(order_id="#W3657213")
    assert order.status == "cancelled"
    last = Message.objects.filter(conversation=conversation, role="agent").last()
    assert "$3,570.34" in last.text
