"""Running the tools the loop asks for, on behalf of one conversation's turn.

Each call goes through `tool_execute` with the confirmation gate as its last check, and is
stored as an AgentStep in the same transaction as its effects, so a redelivered turn finds
the step and replays it instead of acting twice. A successful identity lookup in a
conversation nobody has signed in to authenticates it as that customer.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction

from apps.accounts.principals import Principal, principal_for_customer
from apps.agent.gate import CONFIRMATION_REQUIRED, confirmation_gate
from apps.agent.loop import ToolResult
from apps.agent.models import AgentStep, AgentTurn
from apps.audit.models import AuditEvent
from apps.audit.services import audit_record, conversation_stream
from apps.commerce.models import Customer
from apps.conversations.models import Conversation
from apps.llm.context import AgentContext
from apps.llm.types import ToolCallRequest
from apps.tools.executor import Observation, tool_execute
from apps.tools.selectors import EffectiveTool

IDENTITY_TOOLS = {"find_user_id_by_email", "find_user_id_by_name_zip"}
ORDER_ID = re.compile(r"#W\d{7}")


def principal_for_conversation(conversation: Conversation) -> Principal:
    if conversation.customer is not None:
        return principal_for_customer(conversation.customer.customer_id)
    return Principal.anonymous()


class TurnToolRunner:
    """The loop's ToolRunner for one turn: gate, execute, authenticate, store the step."""

    def __init__(self, *, turn: AgentTurn, conversation: Conversation, context: AgentContext, tier: str):
        self.turn = turn
        self.conversation = conversation
        self.context = context
        self.tier = tier

    @property
    def principal(self) -> Principal:
        return principal_for_conversation(self.conversation)

    def _gate(self, tool: EffectiveTool, arguments: dict[str, Any]) -> Observation | None:
        if not tool.needs_confirmation:
            return None
        decision = confirmation_gate(self.context, tool=tool.name, arguments=arguments)
        self._save_state()
        if decision.allow:
            return None
        return Observation.failure(
            tool.name,
            CONFIRMATION_REQUIRED,
            decision.message,
            kind=str(tool.definition.kind),
            arguments=arguments,
        )

    def _save_state(self) -> None:
        self.conversation.state = {**self.conversation.state, **self.context.as_dict()}
        self.conversation.save(update_fields=["state", "updated_at"])

    def __call__(self, call: ToolCallRequest, thought: str, number: int) -> ToolResult:
        stream = conversation_stream(self.conversation.pk)
        with transaction.atomic():
            audit_record(
                kind=AuditEvent.Kind.THOUGHT,
                actor=f"agent:{self.tier}",
                stream=stream,
                payload={"step": number, "thought": thought[:2000]},
            )
            observation = tool_execute(
                self.principal,
                call.name,
                call.arguments,
                conversation=self.conversation.pk,
                step=number,
                check=self._gate,
            )
            text = observation.text
            if observation.ok and call.name in IDENTITY_TOOLS:
                text = self._authenticate(str(observation.data), text)
            if observation.ok:
                self._remember_orders(call.arguments, observation)
            AgentStep.objects.create(
                turn=self.turn,
                conversation=self.conversation,
                number=number,
                tier=self.tier,
                thought=thought,
                tool_name=call.name[:64],
                tool_call_id=call.id[:100],
                arguments=call.arguments,
                observation=text,
                ok=observation.ok,
                data={
                    "error_code": observation.error_code,
                    "kind": observation.kind,
                    "result": observation.data,
                },
            )
        return ToolResult(observation.ok, text, observation.data, observation.error_code)

    def _authenticate(self, customer_id: str, text: str) -> str:
        current = self.conversation.customer
        if current is None:
            customer = Customer.objects.filter(customer_id=customer_id).first()
            if customer is not None:
                self.conversation.customer = customer
                self.conversation.save(update_fields=["customer", "updated_at"])
                self.context.customer_id = customer_id
                self._save_state()
                audit_record(
                    kind=AuditEvent.Kind.ACTION,
                    actor="agent",
                    stream=conversation_stream(self.conversation.pk),
                    payload={"authenticated": customer_id},
                )
            return text
        if current.customer_id != customer_id:
            return (
                f"{text} (Note: this conversation is already authenticated as {current.customer_id}; "
                "you may only help that customer.)"
            )
        return text

    def _remember_orders(self, arguments: str, observation: Observation) -> None:
        found = ORDER_ID.findall(arguments)
        if found:
            for order_id in found:
                if order_id not in self.context.order_ids:
                    self.context.order_ids.append(order_id)
            self.context.order_ids = self.context.order_ids[-10:]
            self._save_state()
