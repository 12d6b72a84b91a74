"""Two sockets of one chat say "yes" to one proposed write at the same moment: exactly one write.

Real daphne, worker, PostgreSQL and Redis; the model is the loopback server, scripted as a model
that calls the write whenever the customer's latest word is "yes". Both messages are stored and
acked, and the conversation's turns run one at a time: the first yes carries out the proposal and
the gate forgets it; the second yes finds no proposal of its own (its previous message is the
first yes, not the one the agent asked about), so the call it prompts is refused, never run.
"""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from asgiref.sync import async_to_sync

from apps.accounts.services import DEMO_CUSTOMER_ID
from apps.agent.models import ModelTier
from apps.audit.services import audit_chain_breaks, conversation_stream
from apps.commerce.models import Order, PaymentTransaction
from apps.conversations.models import Message
from apps.tools.models import ToolCall
from tests.integration.test_faults import answers_in, frames_until
from tests.support.openai_server import ScriptedOpenAIServer, text, tool_call

pytestmark = pytest.mark.django_db(transaction=True)

ASK = "Shall I cancel that order for you? Please answer yes or no."
DONE = "Is there anything else I can help with?"


def _model(order_id: str, seen: list):
    arguments = {"order_id": order_id, "reason": "no longer needed"}

    def reply(body: dict) -> object:
        last = body["messages"][-1]
        seen.append((body.get("model"), last.get("role"), str(last.get("content", ""))[:120]))
        if last["role"] == "tool":
            refused = "confirmation required" in str(last.get("content", ""))
            return text(ASK if refused else DONE, delay=0.2)
        words = str(last.get("content", "")).lower()
        if "cancel" in words or words.strip(" .!") == "yes":
            # A model that acts on any yes: the gate alone decides whether it counts.
            return tool_call("cancel_pending_order", arguments, delay=0.5)
        return text(DONE, delay=0.2)

    return reply


@pytest.fixture
def cancel_model():
    servers: list[ScriptedOpenAIServer] = []

    def install(order_id: str) -> list:
        seen: list = []
        server = ScriptedOpenAIServer(_model(order_id, seen)).start()
        servers.append(server)
        for name in ("fast", "reasoning"):
            ModelTier.objects.update_or_create(
                name=name,
                defaults={
                    "model": f"loopback-{name}",
                    "base_url": server.base_url,
                    "api_key_env": "LOOPBACK_MODEL_KEY",
                    "api": ModelTier.Api.CHAT_COMPLETIONS,
                    "reasoning_effort": "",
                    "stream": False,
                    "timeout_seconds": 30,
                    "max_retries": 0,
                    "enabled": True,
                },
            )
        return seen

    yield install
    for server in servers:
        server.stop()


def test_two_sockets_saying_yes_at_once_to_one_proposal_write_once(live, cancel_model):
    # given a signed-in customer whose agent has proposed cancelling a pending order
    order = Order.objects.filter(customer__customer_id=DEMO_CUSTOMER_ID, status="pending").first()
    assert order is not None
    refunds_before = PaymentTransaction.objects.filter(order=order, kind="refund").count()
    model_saw = cancel_model(order.order_id)
    cookie = live.session_cookie("/chat/", login=(DEMO_CUSTOMER_ID, "demo-customer"))

    async def propose() -> list[dict]:
        async with live.websocket("/ws/chat/", cookie) as ws:
            await ws.send(
                json.dumps(
                    {"type": "message", "text": f"please cancel order {order.order_id}", "client_id": "c0"}
                )
            )
            return answers_in(await frames_until(ws, lambda f: f.get("role") == "agent", timeout=60))

    assert [a["text"] for a in async_to_sync(propose)()] == [ASK], model_saw

    # when two sockets of that chat (two tabs) send "yes" at the same moment
    async def both_say_yes() -> list[dict]:
        async with live.websocket("/ws/chat/", cookie) as one, live.websocket("/ws/chat/", cookie) as two:
            await asyncio.gather(
                one.send(json.dumps({"type": "message", "text": "yes", "client_id": "y1"})),
                two.send(json.dumps({"type": "message", "text": "yes", "client_id": "y2"})),
            )
            seen: dict[int, dict] = {}
            async with asyncio.timeout(60):
                while len(seen) < 2:  # an answer to each yes (either socket sees both)
                    frame = json.loads(await one.recv())
                    if frame["type"] == "message" and frame["role"] == "agent":
                        seen[frame["id"]] = frame
            return list(seen.values())

    answers = async_to_sync(both_say_yes)()
    time.sleep(1.0)  # a late second write would land here

    # then both are stored and answered, and the order was cancelled and refunded exactly once
    conversation_id = Message.objects.get(client_id="y1").conversation_id
    assert Message.objects.filter(conversation_id=conversation_id, text="yes").count() == 2
    assert len(answers) == 2, live.logs()
    order.refresh_from_db()
    calls = list(
        ToolCall.objects.filter(conversation_ref=str(conversation_id)).values_list(
            "tool_name", "ok", "error_code"
        )
    )
    assert order.status == "cancelled", (calls, model_saw, [a["text"] for a in answers])
    assert PaymentTransaction.objects.filter(order=order, kind="refund").count() == refunds_before + 1
    # and the second yes never reached the store: its call stopped at the gate
    attempted = ToolCall.objects.filter(
        conversation_ref=str(conversation_id), tool_name="cancel_pending_order"
    )
    assert attempted.count() == 1
    assert attempted.get().ok
    assert list(audit_chain_breaks(stream=conversation_stream(conversation_id))) == []
