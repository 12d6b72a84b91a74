"""Turns through the real turn service, with scripted models standing in for the endpoints."""

from apps.agent.models import AgentStep, AgentTurn, ModelCall
from apps.agent.services import turn_run
from apps.audit.models import AuditEvent
from apps.audit.services import conversation_stream
from apps.commerce.models import Order, PaymentTransaction
from apps.conversations.models import Conversation, Handoff, Message
from apps.llm.types import ModelUnavailable
from tests.agent.scripted import ScriptedModel, call, say

PENDING = "#W5442520"  # Olivia's, paid by credit card, 663.85
CANCEL = {"order_id": PENDING, "reason": "no longer needed"}


def test_a_turn_answers_and_records_its_steps(signed_in_conversation, say_to, endpoints, route_as):
    route_as("lookup")
    fast = ScriptedModel([call("get_order_details", {"order_id": PENDING}), say("Your order is pending.")])
    endpoints(fast=fast)

    _, report, statuses = say_to(signed_in_conversation, "status of #W5442520?")

    assert [m.text for m in report.replies] == ["Your order is pending."]
    assert "Checking order #W5442520..." in statuses
    step = AgentStep.objects.get(conversation=signed_in_conversation)
    assert (step.tool_name, step.ok, step.tier) == ("get_order_details", True, "fast")
    kinds = list(
        AuditEvent.objects.filter(stream=conversation_stream(signed_in_conversation.pk)).values_list(
            "kind", flat=True
        )
    )
    assert kinds[-5:] == ["thought", "action", "observation", "guardrail", "answer"]
    assert ModelCall.objects.filter(conversation=signed_in_conversation, tier="fast").count() == 2
    assert signed_in_conversation.state["order_ids"] == [PENDING]


def test_the_fast_tier_sees_read_tools_only_and_the_reasoning_tier_writes_too(
    signed_in_conversation, say_to, endpoints, route_as
):
    fast, reasoning = ScriptedModel([say("hi")]), ScriptedModel([say("ok")])
    endpoints(fast=fast, reasoning=reasoning)
    route_as("smalltalk")
    say_to(signed_in_conversation, "hello")
    route_as("transaction")
    say_to(signed_in_conversation, "cancel something")

    assert "cancel_pending_order" not in fast.tools_seen[0]
    assert {"get_order_details", "escalate"} <= set(fast.tools_seen[0])
    assert "cancel_pending_order" in reasoning.tools_seen[0]
    assert "escalate" not in reasoning.tools_seen[0]


def test_a_write_without_the_customers_yes_is_refused_then_runs_after_it(
    signed_in_conversation, say_to, endpoints, route_as
):
    route_as("transaction")
    reasoning = ScriptedModel(
        [
            call("get_order_details", {"order_id": PENDING}),
            call("cancel_pending_order", CANCEL),
            say("I can cancel #W5442520 and refund $663.85. Shall I?"),
            call("cancel_pending_order", CANCEL),
            say("Done: cancelled, $663.85 back to your card."),
        ]
    )
    endpoints(reasoning=reasoning)

    say_to(signed_in_conversation, "please cancel #W5442520, I no longer need it")
    refused = AgentStep.objects.filter(conversation=signed_in_conversation).last()
    assert refused.data["error_code"] == "confirmation_required"
    assert Order.objects.get(order_id=PENDING).status == "pending"

    say_to(signed_in_conversation, "yes")
    assert Order.objects.get(order_id=PENDING).status == "cancelled"
    assert PaymentTransaction.objects.filter(order__order_id=PENDING, kind="refund").count() == 1


def test_a_yes_does_not_cover_a_different_action(signed_in_conversation, say_to, endpoints, route_as):
    route_as("transaction")
    other = {**CANCEL, "reason": "ordered by mistake"}
    endpoints(
        reasoning=ScriptedModel(
            [
                call("cancel_pending_order", CANCEL),
                say("Shall I?"),
                call("cancel_pending_order", other),
                say("?"),
            ]
        )
    )
    say_to(signed_in_conversation, "cancel #W5442520")
    say_to(signed_in_conversation, "yes")
    assert Order.objects.get(order_id=PENDING).status == "pending"


def test_the_same_message_is_answered_once(signed_in_conversation, say_to, endpoints, route_as):
    route_as("smalltalk")
    endpoints(fast=ScriptedModel([say("hi"), say("hi again")]))
    message, _, _ = say_to(signed_in_conversation, "hello", client_id="c-1")

    again, _, _ = say_to(signed_in_conversation, "hello", client_id="c-1")
    report = turn_run(conversation_id=signed_in_conversation.pk, message_id=message.pk, owner="x")

    assert again.pk == message.pk
    assert report.handled == []
    assert Message.objects.filter(conversation=signed_in_conversation, role="agent").count() == 1


def test_earlier_unanswered_messages_are_answered_first(signed_in_conversation, endpoints, route_as):
    from apps.conversations.services import message_post

    route_as("smalltalk")
    endpoints(fast=ScriptedModel([say("first answer"), say("second answer")]))
    first, _ = message_post(
        role="customer", conversation=signed_in_conversation, text="one", enqueue_turn=False
    )
    second, _ = message_post(
        role="customer", conversation=signed_in_conversation, text="two", enqueue_turn=False
    )

    report = turn_run(conversation_id=signed_in_conversation.pk, message_id=second.pk, owner="w")

    assert report.handled == [first.pk, second.pk]
    assert [m.text for m in report.replies] == ["first answer", "second answer"]


def test_a_busy_conversation_is_not_entered_twice(signed_in_conversation):
    import pytest

    from apps.agent.services import TurnBusy
    from apps.conversations.services import conversation_lease_acquire

    assert conversation_lease_acquire(conversation_id=signed_in_conversation.pk, owner="worker-a")
    with pytest.raises(TurnBusy):
        turn_run(conversation_id=signed_in_conversation.pk, message_id=1, owner="worker-b")


def test_a_redelivered_turn_resumes_without_repeating_the_write(
    signed_in_conversation, say_to, endpoints, route_as
):
    import pytest

    route_as("transaction")
    endpoints(reasoning=ScriptedModel([call("cancel_pending_order", CANCEL), say("Shall I cancel it?")]))
    say_to(signed_in_conversation, "cancel #W5442520")
    # the worker dies right after the cancellation ran, before the answer
    endpoints(reasoning=ScriptedModel([call("cancel_pending_order", CANCEL), RuntimeError("worker lost")]))
    with pytest.raises(RuntimeError):
        say_to(signed_in_conversation, "yes")
    turn = AgentTurn.objects.filter(conversation=signed_in_conversation).last()
    assert turn.status == AgentTurn.Status.RUNNING
    assert Order.objects.get(order_id=PENDING).status == "cancelled"

    resumed = ScriptedModel([say("It's cancelled; $663.85 is on its way back.")])
    endpoints(reasoning=resumed)
    report = turn_run(
        conversation_id=signed_in_conversation.pk, message_id=turn.message_id, owner="redelivery"
    )

    assert [m.text for m in report.replies] == ["It's cancelled; $663.85 is on its way back."]
    assert resumed.seen[0][-1]["role"] == "tool"  # the stored step was replayed into the transcript
    assert PaymentTransaction.objects.filter(order__order_id=PENDING, kind="refund").count() == 1


def test_three_failed_tool_calls_hand_the_chat_to_a_person(
    signed_in_conversation, say_to, endpoints, route_as
):
    route_as("lookup")
    endpoints(fast=ScriptedModel([call("get_order_details", {"order_id": "W5442520"})] * 3))

    _, report, _ = say_to(signed_in_conversation, "where is my order")

    handoff = Handoff.objects.get(conversation=signed_in_conversation)
    assert handoff.reason == "tool_failures"
    assert len(handoff.context["last_steps"]) == 3
    assert signed_in_conversation.status == Conversation.Status.HANDOFF
    assert "member of our team" in report.replies[0].text
    # the agent stays quiet while a person has the chat
    _, later, _ = say_to(signed_in_conversation, "hello?")
    assert later.replies == []


def test_a_failing_endpoint_falls_back_to_the_next_tier(signed_in_conversation, say_to, endpoints, route_as):
    route_as("transaction")
    endpoints(
        reasoning=ScriptedModel([ModelUnavailable("500", status=500)]), fast=ScriptedModel([say("fast here")])
    )

    _, report, _ = say_to(signed_in_conversation, "change my order")

    assert report.replies[0].text == "fast here"
    assert report.replies[0].meta["engine"] == "scripted"
    fallback = AuditEvent.objects.filter(
        stream=conversation_stream(signed_in_conversation.pk), kind="model"
    ).last()
    assert fallback.payload["action"] == "fall back"
    assert ModelCall.objects.filter(conversation=signed_in_conversation, ok=False).count() == 1


def test_the_fast_tier_escalates_and_the_reasoning_tier_keeps_the_thread(
    signed_in_conversation, say_to, endpoints, route_as
):
    route_as("lookup")
    fast = ScriptedModel(
        [call("get_order_details", {"order_id": PENDING}), call("escalate", {"reason": "wants cancel"})]
    )
    reasoning = ScriptedModel([say("I can cancel #W5442520 for you. Shall I?")])
    endpoints(fast=fast, reasoning=reasoning)

    _, report, _ = say_to(signed_in_conversation, "what's in #W5442520? I might cancel it")

    seen = reasoning.seen[0]
    assert '"customer_id": "olivia_ito_3591"' in seen[0]["content"]
    assert PENDING in seen[0]["content"]
    assert any(m.get("role") == "tool" for m in seen)  # the fast tier's look-up came along
    assert report.replies[0].meta["tier"] == "reasoning"


def test_a_tool_the_principal_may_not_use_is_not_offered_and_is_refused(
    anonymous_conversation, say_to, endpoints, route_as
):
    route_as("lookup")
    fast = ScriptedModel(
        [call("get_order_details", {"order_id": PENDING}), say("Please tell me your email.")]
    )
    endpoints(fast=fast)

    say_to(anonymous_conversation, "status of #W5442520")

    assert "get_order_details" not in fast.tools_seen[0]
    assert "find_user_id_by_email" in fast.tools_seen[0]
    step = AgentStep.objects.get(conversation=anonymous_conversation)
    assert step.data["error_code"] == "permission_denied"
    assert AuditEvent.objects.filter(
        stream=conversation_stream(anonymous_conversation.pk), kind="permission_denied"
    ).exists()


def test_an_identity_lookup_identifies_and_the_emailed_code_verifies(
    anonymous_conversation, say_to, endpoints, route_as, fixed_code
):
    route_as("lookup")
    endpoints(
        fast=ScriptedModel(
            [
                call("find_user_id_by_email", {"email": "olivia.ito5204@example.com"}),
                call("get_order_details", {"order_id": PENDING}),
                call("send_verification_code", {}),
                say("I've emailed you a code."),
                call("verify_identity_code", {"code": fixed_code}),
                call("get_order_details", {"order_id": PENDING}),
                say("It's pending."),
            ]
        )
    )

    say_to(anonymous_conversation, "olivia.ito5204@example.com, status of #W5442520")
    # identified, not verified: the order stays closed until the code comes back
    assert anonymous_conversation.customer.customer_id == "olivia_ito_3591"
    steps = AgentStep.objects.filter(conversation=anonymous_conversation).order_by("number")
    assert [(s.tool_name, s.ok) for s in steps] == [
        ("find_user_id_by_email", True),
        ("get_order_details", False),
        ("send_verification_code", True),
    ]
    say_to(anonymous_conversation, fixed_code)
    steps = AgentStep.objects.filter(conversation=anonymous_conversation).order_by("number")
    assert [s.ok for s in steps][3:] == [True, True]


def test_a_request_for_a_person_goes_straight_to_the_queue(
    signed_in_conversation, say_to, endpoints, route_as
):
    route_as("human")
    fast = ScriptedModel([])
    endpoints(fast=fast)
    _, report, _ = say_to(signed_in_conversation, "let me talk to a human")
    assert Handoff.objects.get(conversation=signed_in_conversation).reason == "router"
    assert fast.seen == []
    assert report.replies[0].meta["handoff"] == "router"


def test_a_yes_two_messages_later_does_not_revive_an_old_proposal(
    signed_in_conversation, say_to, endpoints, route_as
):
    route_as("transaction")
    endpoints(
        reasoning=ScriptedModel(
            [
                call("cancel_pending_order", CANCEL),
                say("Shall I cancel #W5442520?"),
                say("#W5866402 was delivered. Anything else?"),
                call("cancel_pending_order", CANCEL),
                say("?"),
            ]
        )
    )
    say_to(signed_in_conversation, "cancel #W5442520")
    say_to(signed_in_conversation, "actually, what about #W5866402?")
    say_to(signed_in_conversation, "yes")  # "yes, something else", not "yes, cancel"

    assert Order.objects.get(order_id=PENDING).status == "pending"
    assert AgentStep.objects.filter(conversation=signed_in_conversation).last().data["error_code"] == (
        "confirmation_required"
    )


def test_the_running_summary_carries_each_turn_to_the_next_tier(
    signed_in_conversation, say_to, endpoints, route_as
):
    route_as("lookup")
    fast = ScriptedModel([call("get_order_details", {"order_id": PENDING}), say("It is pending.")])
    reasoning = ScriptedModel([say("Which reason?")])
    endpoints(fast=fast, reasoning=reasoning)
    say_to(signed_in_conversation, "status of #W5442520")
    route_as("transaction")
    say_to(signed_in_conversation, "cancel it")

    summary = signed_in_conversation.state["summary"].splitlines()
    assert (
        summary[0]
        == "customer: 'status of #W5442520'; agent ran get_order_details ok; agent said: 'It is pending.'"
    )
    assert "agent ran get_order_details ok" in reasoning.seen[0][0]["content"]
    assert len(summary) == 2
