"""Running the tools the loop asks for, for a customer's turn or a supervisor's assist.

One runner: every call goes through `tool_execute` with the caller's last check, and is stored
as an AgentStep in the same transaction as its effects, so a redelivered turn finds the step
and replays it instead of acting twice. What differs is the policy:

- a customer's turn acts as the conversation's customer, behind the confirmation gate; a
  successful identity lookup in a conversation nobody has signed in to authenticates it;
- a supervisor's assist acts with the supervisor's own permissions and no gate (their
  instruction is the authorisation), on the conversation's own customer only.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.apps import apps as django_apps
from django.db import transaction

from apps.accounts.identity import customer_principal
from apps.accounts.principals import Principal
from apps.audit.models import AuditEvent
from apps.audit.services import audit_record, conversation_stream
from apps.commerce.models import Customer
from apps.conversations.models import Conversation
from apps.conversations.services import conversation_turn_guard
from apps.llm.context import AgentContext
from apps.llm.types import ToolCallRequest
from apps.tools.executor import Observation, tool_execute
from apps.tools.selectors import EffectiveTool

from .gate import CONFIRMATION_REQUIRED, confirmation_gate
from .loop import ToolResult
from .models import AgentStep, AgentTurn
from .selectors import tool_is_write

if TYPE_CHECKING:
    from django.contrib.auth.models import User

IDENTITY_TOOLS = {"find_user_id_by_email", "find_user_id_by_name_zip"}
VERIFY_TOOL = "verify_identity_code"
ORDER_ID = re.compile(r"#W\d{7}")


def principal_for_conversation(conversation: Conversation) -> Principal:
    """Anonymous until a customer is identified; verified only once they proved it."""
    if conversation.customer is not None:
        return customer_principal(
            conversation_ref=str(conversation.pk),
            customer_id=conversation.customer.customer_id,
            signed_in_user_id=conversation.user_id,
        )
    return Principal.anonymous()


def client_of(message: Any) -> str | None:
    """The client address the transport noted on the customer's message, if any."""
    meta = getattr(message, "meta", None) or {}
    client = meta.get("client") if isinstance(meta, dict) else None
    return str(client)[:64] if client else None


def _thought_payload(number: int, thought: str) -> dict[str, Any]:
    # A call the model gave no reason for still runs (unless its tier refuses it); the trail
    # says so plainly rather than leaving an empty thought to be guessed at.
    if not thought:
        return {"step": number, "thought": "", "no_reason": True}
    return {"step": number, "thought": thought[:2000]}


class ToolRunner(ABC):
    """The loop's ToolRunner: check, execute, store the step. Subclasses set the policy."""

    def __init__(self, *, turn: AgentTurn, conversation: Conversation, tier: str, actor: str) -> None:
        self.turn = turn
        self.conversation = conversation
        self.tier = tier
        self.actor = actor

    @property
    @abstractmethod
    def principal(self) -> Principal:
        """Whom the calls run for: each policy says."""

    def check(self, tool: EffectiveTool, arguments: dict[str, Any]) -> Observation | None:
        """The last check before the tool runs: an observation refuses the call."""
        return None

    def after(self, call: ToolCallRequest, observation: Observation) -> str:
        """What the model is told of a call that ran; a policy may add to the observation."""
        return observation.text

    def step_data(self) -> dict[str, Any]:
        return {}

    @property
    def client(self) -> str | None:
        return client_of(self.turn.message)

    def stop_reason(self, *, write: bool) -> str | None:
        """Called first in each step's transaction: lock the conversation (always first, so a
        step and a customer's message lock in the same order) and say whether to stop."""
        Conversation.objects.select_for_update().filter(pk=self.conversation.pk).values_list("pk").first()
        return None

    number = 0

    def __call__(self, call: ToolCallRequest, thought: str, number: int) -> ToolResult:
        self.number = number
        with transaction.atomic():
            stop = self.stop_reason(write=tool_is_write(call.name))
            if stop is not None:
                # Nothing stored: the turn ends at its next check, before any answer.
                return ToolResult(False, f"{call.name} was not run: {stop}. Nothing was changed.", None, stop)
            audit_record(
                kind=AuditEvent.Kind.THOUGHT,
                actor=self.actor,
                stream=conversation_stream(self.conversation.pk),
                payload=_thought_payload(number, thought),
            )
            observation = tool_execute(
                self.principal,
                call.name,
                call.arguments,
                conversation=self.conversation.pk,
                step=number,
                check=self.check,
                client=self.client,
            )
            text = self.after(call, observation) if observation.ok else observation.text
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
                    **({} if thought else {"no_reason": True}),
                    **self.step_data(),
                },
            )
        return ToolResult(observation.ok, text, observation.data, observation.error_code)


class TurnToolRunner(ToolRunner):
    """A customer's turn: the confirmation gate; identity lookups authenticate the chat."""

    def __init__(
        self,
        *,
        turn: AgentTurn,
        conversation: Conversation,
        context: AgentContext,
        tier: str,
        emit: Callable[[str, int], None] | None = None,
        owner: str | None = None,
    ):
        super().__init__(turn=turn, conversation=conversation, tier=tier, actor=f"agent:{tier}")
        self.context = context
        # Status lines of writes go out from here, once every check has let the call through
        # ("Cancelling order..." must never reach a customer whose call is then refused).
        self.emit = emit
        self.owner = owner

    def stop_reason(self, *, write: bool) -> str | None:
        # A write goes ahead only while the agent still has the chat: no person took it over,
        # it is not closed, and this execution still holds the lease.
        stop = conversation_turn_guard(conversation_id=self.conversation.pk, owner=self.owner)
        if stop is None or not write:
            return None
        return {"lease_lost": "the turn lost its lease"}.get(stop, f"the conversation is now {stop}")

    @property
    def principal(self) -> Principal:
        # Re-read on every call: an identity lookup earlier in the turn may have authenticated.
        return principal_for_conversation(self.conversation)

    def check(self, tool: EffectiveTool, arguments: dict[str, Any]) -> Observation | None:
        if not tool.needs_confirmation:
            self._announce(tool, arguments)
            return None
        decision = confirmation_gate(self.context, tool=tool.name, arguments=arguments)
        self._save_state()
        if decision.allow:
            self._announce(tool, arguments)
            return None
        return Observation.failure(
            tool.name,
            CONFIRMATION_REQUIRED,
            decision.message,
            kind=str(tool.definition.kind),
            arguments=arguments,
        )

    def _announce(self, tool: EffectiveTool, arguments: dict[str, Any]) -> None:
        if self.emit is not None and str(tool.definition.kind) == "write":
            self.emit(tool.status_for(arguments), self.number)

    def after(self, call: ToolCallRequest, observation: Observation) -> str:
        text = observation.text
        if call.name in IDENTITY_TOOLS:
            text = self._authenticate(str(observation.data), text)
        if call.name == VERIFY_TOOL:
            self.context.verified = self.principal.verified
            self._save_state()
        self._remember_orders(call.arguments)
        return text

    def _save_state(self) -> None:
        self.conversation.state = {**self.conversation.state, **self.context.as_dict()}
        self.conversation.save(update_fields=["state", "updated_at"])

    def _authenticate(self, customer_id: str, text: str) -> str:
        """An identity lookup identifies the chat's customer. Until one is verified a new lookup
        may replace them (a typo in an email); once verified, the chat never changes hands."""
        current = self.conversation.customer
        if current is not None and current.customer_id != customer_id and not self.principal.verified:
            current = None
        if current is None:
            customer = Customer.objects.filter(customer_id=customer_id).first()
            if customer is not None:
                self.conversation.customer = customer
                self.conversation.save(update_fields=["customer", "updated_at"])
                self.context.customer_id = customer_id
                self.context.verified = self.principal.verified
                self._save_state()
                audit_record(
                    kind=AuditEvent.Kind.ACTION,
                    actor="agent",
                    stream=conversation_stream(self.conversation.pk),
                    payload={"identified": customer_id, "verified": self.context.verified},
                )
            if not self.context.verified:
                text = (
                    f"{text} (Identified, not verified: call send_verification_code and ask the "
                    "customer for the code before reading their account or orders.)"
                )
            return text
        if current.customer_id != customer_id:
            return (
                f"{text} (Note: this conversation is already verified as {current.customer_id}; "
                "you may only help that customer.)"
            )
        return text

    def _remember_orders(self, arguments: str) -> None:
        found = ORDER_ID.findall(arguments)
        if found:
            for order_id in found:
                if order_id not in self.context.order_ids:
                    self.context.order_ids.append(order_id)
            self.context.order_ids = self.context.order_ids[-10:]
            self._save_state()


class AssistToolRunner(ToolRunner):
    """A supervisor's assist: their own permissions, no gate, this chat's customer only."""

    def __init__(
        self,
        *,
        turn: AgentTurn,
        conversation: Conversation,
        principal: Principal,
        supervisor: User,
        tier: str,
    ) -> None:
        super().__init__(turn=turn, conversation=conversation, tier=tier, actor=f"assist:{principal.label}")
        self._principal = principal
        self.supervisor = supervisor

    @property
    def principal(self) -> Principal:
        return self._principal

    def check(self, tool: EffectiveTool, arguments: dict[str, Any]) -> Observation | None:
        target = tool.definition.target
        customer = self.conversation.customer
        if target is None or customer is None:
            return None
        row = (
            django_apps.get_model(target.model)
            .objects.filter(**{target.field: arguments.get(target.argument)})
            .first()
        )
        owner = getattr(row, "customer", row)
        if getattr(owner, "customer_id", None) == customer.customer_id:
            return None
        return Observation.failure(
            tool.name,
            "other_customer",
            f"this chat is with customer {customer.customer_id}; assist may only act on their own "
            "profile and orders. Nothing was changed.",
            kind=str(tool.definition.kind),
            arguments=arguments,
        )

    def step_data(self) -> dict[str, Any]:
        return {"by": self.supervisor.get_username()}
