"""Supervisor assist: the agent acts on a supervisor's instruction with the supervisor's permissions."""

import pytest

from apps.agent.assist import supervisor_assist
from apps.agent.models import AgentStep
from apps.audit.models import AuditEvent
from apps.audit.services import conversation_stream
from apps.commerce.models import Order, ReturnRequest
from apps.conversations.handoffs import handoff_claim
from apps.conversations.models import Message
from apps.core.errors import PermissionDenied
from tests.agent.scripted import ScriptedModel, call, say
from tests.handoff_helpers import escalated_conversation, staff_accounts

pytestmark = pytest.mark.django_db

RETURN = "return the sneakers of order #W5866402, refund to paypal_8049766"
RETURN_ARGUMENTS = {
    "order_id": "#W5866402",
    "item_ids": ["9727387530"],
    "payment_method_id": "paypal_8049766",
}


@pytest.fixture
def staff():
    return staff_accounts()


@pytest.fixture
def claimed_by(staff):
    """A chat with Olivia, claimed by the named staff member."""

    def claim(username):
        conversation, handoff = escalated_conversation()
        handoff_claim(handoff_id=handoff.pk, user=staff[username])
        return conversation

    return claim


def scripted_return():
    return ScriptedModel(
        [
            call(
                "return_delivered_order_items",
                RETURN_ARGUMENTS,
                "Thought: the supervisor asked for this return.",
            ),
            say("I've requested the return of the Sneakers; the refund goes to your PayPal account."),
        ]
    )


def test_an_l1_supervisors_assist_cannot_return(claimed_by, staff, endpoints):
    conversation = claimed_by("supervisor1")
    endpoints(reasoning=scripted_return())

    result = supervisor_assist(
        conversation_id=conversation.pk, supervisor=staff["supervisor1"], instruction=RETURN
    )

    assert (result.ok, result.refused, result.message) == (False, True, None)
    assert "may not use return_delivered_order_items" in result.text
    assert not ReturnRequest.objects.filter(order__order_id="#W5866402").exists()
    assert Order.objects.get(order_id="#W5866402").status == "delivered"
    assert not Message.objects.filter(conversation=conversation, role="supervisor").exists()
    step = AgentStep.objects.get(conversation=conversation)
    assert (step.tool_name, step.ok, step.data["error_code"]) == (
        "return_delivered_order_items",
        False,
        "permission_denied",
    )
    assert AuditEvent.objects.filter(
        stream=conversation_stream(conversation.pk), kind=AuditEvent.Kind.PERMISSION_DENIED
    ).exists()


def test_an_l2_supervisors_assist_returns_and_the_customer_hears_it_from_them(claimed_by, staff, endpoints):
    conversation = claimed_by("supervisor2")
    model = scripted_return()
    endpoints(reasoning=model)

    result = supervisor_assist(
        conversation_id=conversation.pk, supervisor=staff["supervisor2"], instruction=RETURN
    )

    assert (result.ok, result.refused) == (True, False)
    assert ReturnRequest.objects.get(order__order_id="#W5866402").item_ids == ["9727387530"]
    reply = result.message
    assert (reply.role, reply.author, reply.meta["assisted"]) == ("supervisor", staff["supervisor2"], True)
    assert "Sneakers" in reply.text
    assert "return_delivered_order_items" in model.tools_seen[0]
    assert RETURN in model.seen[0][-1]["content"]
    actions = list(
        AuditEvent.objects.filter(
            stream=conversation_stream(conversation.pk), kind=AuditEvent.Kind.SUPERVISOR_ACTION
        ).values_list("payload__action", flat=True)
    )
    assert actions == ["claim", "assist", "assist_answer"]


def test_the_l1_supervisor_is_not_even_offered_money_tools(claimed_by, staff, endpoints):
    conversation = claimed_by("supervisor1")
    model = ScriptedModel([say("Order #W5866402 was delivered.")])
    endpoints(reasoning=model)

    supervisor_assist(
        conversation_id=conversation.pk, supervisor=staff["supervisor1"], instruction="status of #W5866402"
    )

    assert "return_delivered_order_items" not in model.tools_seen[0]
    assert "modify_pending_order_address" in model.tools_seen[0]


def test_the_offline_engine_cancels_for_an_l2_supervisor_without_asking_for_a_yes(
    claimed_by, staff, endpoints
):
    conversation = claimed_by("supervisor2")
    endpoints()  # no key: the offline engine serves

    result = supervisor_assist(
        conversation_id=conversation.pk,
        supervisor=staff["supervisor2"],
        instruction="cancel #W5442520, ordered by mistake",
    )

    assert result.ok, result.text
    assert result.engine == "offline"
    assert Order.objects.get(order_id="#W5442520").status == "cancelled"
    assert "#W5442520" in result.message.text


def test_the_offline_engine_refuses_a_cancellation_for_an_l1_supervisor(claimed_by, staff, endpoints):
    conversation = claimed_by("supervisor1")
    endpoints()

    result = supervisor_assist(
        conversation_id=conversation.pk,
        supervisor=staff["supervisor1"],
        instruction="cancel #W5442520, ordered by mistake",
    )

    assert result.refused
    assert Order.objects.get(order_id="#W5442520").status == "pending"


def test_assist_acts_only_on_the_chats_own_customer(claimed_by, staff, endpoints):
    conversation = claimed_by("admin")
    other = Order.objects.exclude(customer__customer_id="olivia_ito_3591").filter(status="pending").first()
    endpoints(
        reasoning=ScriptedModel(
            [
                call("cancel_pending_order", {"order_id": other.order_id, "reason": "ordered by mistake"}),
                say("Done."),
            ]
        )
    )

    result = supervisor_assist(
        conversation_id=conversation.pk, supervisor=staff["admin"], instruction="cancel it"
    )

    assert result.refused
    assert Order.objects.get(pk=other.pk).status == "pending"


def test_only_the_claimer_may_ask_for_an_assist(claimed_by, staff, endpoints):
    conversation = claimed_by("supervisor1")

    with pytest.raises(PermissionDenied):
        supervisor_assist(
            conversation_id=conversation.pk, supervisor=staff["supervisor2"], instruction=RETURN
        )
