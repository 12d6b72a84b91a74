"""Supervisor assist: the agent acts on a supervisor's instruction, with the supervisor's permissions.

In a claimed chat a supervisor writes "cancel #W4386313, ordered by mistake". The agent runs the
ReAct loop on the conversation's context with the supervisor's principal and no confirmation
gate: the supervisor's instruction is the explicit authorisation (the audit trail says so).
Every call still goes through `tool_execute`, so permissions hold: an L1 supervisor cannot
refund or return, an L2 or an admin can. Calls are also limited to the conversation's own
customer, so a mistyped order id cannot touch someone else's order.

The instruction is stored as an internal system message with an AgentTurn, so the steps are
stored as AgentSteps (the console's trace shows them) with conversation-wide step numbers,
which are also the tool calls' idempotency keys. The outcome reaches the customer as a message
from the supervisor; a refusal reaches only the supervisor.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps as django_apps
from django.db import transaction

from apps.accounts.principals import Principal, principal_for_user
from apps.agent.history import conversation_history
from apps.agent.loop import Outcome, ToolResult, run_agent
from apps.agent.models import AgentStep, AgentTurn
from apps.agent.prompts import system_prompt
from apps.agent.tiers import engine_chain
from apps.audit.models import AuditEvent
from apps.audit.services import audit_record, conversation_stream
from apps.conversations.events import message_publish_on_commit, status_publish
from apps.conversations.handoffs import (
    HandoffConflict,
    customer_facing_name,
    handoff_assert_may_act,
    person_name,
)
from apps.conversations.models import Conversation, Message
from apps.conversations.services import (
    conversation_lease_acquire,
    conversation_lease_release,
    message_text_clean,
)
from apps.core.conf import product_setting
from apps.core.errors import InvalidRequest
from apps.guardrails.services import answer_guard
from apps.llm.context import AgentContext
from apps.llm.types import Message as ChatMessage
from apps.llm.types import ModelUnavailable, ToolCallRequest
from apps.tools.executor import Observation, tool_execute
from apps.tools.registry import ToolKind
from apps.tools.selectors import EffectiveTool, tool_effective, tools_offered

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ASSIST_TIER = "assist"
AUTHORISATION = "the supervisor's instruction stands for the customer's confirmation"

_ASSIST_PROMPT = """\
A member of the support team ({role}) has taken over this chat and instructs you to act for
them. Their instruction is the last message. Carry it out with your tools: the instruction is
the authorisation, so do not ask the customer to confirm. You act with the supervisor's own
permissions; if a tool refuses, do not try another way around it. When done, write a short
message to the customer, in the first person, saying exactly what was done (order, items,
amounts, payment method), as the supervisor would.
"""


@dataclass(frozen=True)
class AssistResult:
    ok: bool  # the agent did what it was asked
    refused: bool  # a permission the supervisor lacks stopped it
    text: str  # what the supervisor is told
    message: Message | None  # what the customer received (None when nothing was sent)
    engine: str


class AssistToolRunner:
    """Runs the loop's tool calls for the supervisor: no gate, this customer only, steps stored."""

    def __init__(
        self, *, turn: AgentTurn, conversation: Conversation, principal: Principal, supervisor: User
    ) -> None:
        self.turn = turn
        self.conversation = conversation
        self.principal = principal
        self.supervisor = supervisor

    def _this_customer_only(self, tool: EffectiveTool, arguments: dict[str, Any]) -> Observation | None:
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

    def __call__(self, call: ToolCallRequest, thought: str, number: int) -> ToolResult:
        with transaction.atomic():
            audit_record(
                kind=AuditEvent.Kind.THOUGHT,
                actor=f"assist:{self.principal.label}",
                stream=conversation_stream(self.conversation.pk),
                payload={"step": number, "thought": thought[:2000]},
            )
            observation = tool_execute(
                self.principal,
                call.name,
                call.arguments,
                conversation=self.conversation.pk,
                step=number,
                check=self._this_customer_only,
            )
            AgentStep.objects.create(
                turn=self.turn,
                conversation=self.conversation,
                number=number,
                tier=ASSIST_TIER,
                thought=thought,
                tool_name=call.name[:64],
                tool_call_id=call.id[:100],
                arguments=call.arguments,
                observation=observation.text,
                ok=observation.ok,
                data={
                    "error_code": observation.error_code,
                    "kind": observation.kind,
                    "result": observation.data,
                    "by": self.supervisor.get_username(),
                },
            )
        return ToolResult(observation.ok, observation.text, observation.data, observation.error_code)


def supervisor_assist(*, conversation_id: int, supervisor: User, instruction: str) -> AssistResult:
    """Let the agent carry out the supervisor's instruction in their claimed chat, as them."""
    instruction = message_text_clean(instruction)
    handoff_assert_may_act(conversation_id=conversation_id, user=supervisor)
    conversation = Conversation.objects.select_related("customer").get(pk=conversation_id)
    if conversation.customer is None:
        raise InvalidRequest(
            "The customer is not identified yet: ask them for their email (or name and zip code) first.",
            code="customer_unknown",
        )
    owner = f"assist-{uuid.uuid4()}"
    if not conversation_lease_acquire(conversation_id=conversation_id, owner=owner):
        raise HandoffConflict("The agent is busy with this chat; try again in a moment.", code="busy")
    try:
        principal = principal_for_user(supervisor)
        with transaction.atomic():
            note = Message.objects.create(
                conversation=conversation,
                role=Message.Role.SYSTEM,
                text=instruction,
                author=supervisor,
                # Internal: never sent to the customer (no publish); the console shows it.
                meta={"internal": True, "assist_instruction": True, "by": supervisor.get_username()},
            )
            turn = AgentTurn.objects.create(
                message=note, conversation=conversation, route_label="assist", tier=ASSIST_TIER
            )
            audit_record(
                kind=AuditEvent.Kind.SUPERVISOR_ACTION,
                actor=principal.label,
                stream=conversation_stream(conversation.pk),
                payload={
                    "action": "assist",
                    "by": supervisor.get_username(),
                    "instruction": instruction[:2000],
                    "message": note.pk,
                    "authorisation": AUTHORISATION,
                },
            )
        outcome, engine = _run(turn, conversation, note, principal, supervisor)
        return _finish(turn, conversation, principal, supervisor, outcome, engine)
    finally:
        conversation_lease_release(conversation_id=conversation_id, owner=owner)


def _context(conversation: Conversation, note: Message) -> AgentContext:
    context = AgentContext.from_dict(conversation.state or {})
    context.conversation_id = conversation.pk
    context.customer_id = conversation.customer.customer_id if conversation.customer else None
    context.latest_customer_message = note.text
    context.latest_customer_message_id = note.pk
    context.pending_action = None
    context.slots = {}  # the offline engine starts afresh on the instruction
    context.transaction_open = True
    context.tier = "reasoning"
    return context


def _next_step_number(conversation: Conversation) -> int:
    last = (
        AgentStep.objects.filter(conversation=conversation)
        .order_by("-number")
        .values_list("number", flat=True)
    )
    return (last.first() or 0) + 1


def _status_line(tool: str, arguments: dict[str, Any]) -> str:
    effective = tool_effective(tool)
    return effective.status_for(arguments) if effective is not None else "Working on it..."


def _run(
    turn: AgentTurn, conversation: Conversation, note: Message, principal: Principal, supervisor: User
) -> tuple[Outcome | None, str]:
    context = _context(conversation, note)
    runner = AssistToolRunner(
        turn=turn, conversation=conversation, principal=principal, supervisor=supervisor
    )
    tools = [t.openai_spec() for t in tools_offered(principal, kinds=[ToolKind.READ, ToolKind.WRITE])]
    history = conversation_history(conversation, before=note.pk)
    chain = engine_chain(
        "reasoning", context, conversation_id=conversation.pk, actor=f"assist:{principal.label}"
    )
    for engine in chain:
        # The offline engine reads the last "user" message as the request itself.
        instruction = (
            note.text
            if engine.offline
            else f"Instruction from {person_name(supervisor)} ({principal.role}): {note.text}"
        )
        messages: list[ChatMessage] = [
            {
                "role": "system",
                "content": _ASSIST_PROMPT.format(role=principal.role) + system_prompt("reasoning", context),
            },
            *history,
            {"role": "user", "content": instruction},
        ]
        try:
            outcome = run_agent(
                engine.model,
                tools,
                runner,
                messages,
                first_step=_next_step_number(conversation),
                max_steps=int(product_setting("MAX_AGENT_STEPS")),
                max_failures=int(product_setting("MAX_CONSECUTIVE_TOOL_FAILURES")),
                emit=lambda text, step: status_publish(conversation.pk, text, step),
                status_for=_status_line,
            )
        except ModelUnavailable:
            continue
        return outcome, "offline" if engine.offline else engine.model.name
    return None, ""


def _is_write(tool: str) -> bool:
    effective = tool_effective(tool)
    return effective is not None and effective.definition.kind == ToolKind.WRITE


def _finish(
    turn: AgentTurn,
    conversation: Conversation,
    principal: Principal,
    supervisor: User,
    outcome: Outcome | None,
    engine: str,
) -> AssistResult:
    steps = outcome.steps if outcome is not None else []
    denied = sorted({s.tool_name for s in steps if s.error_code in {"permission_denied", "other_customer"}})
    wrote = any(s.ok and _is_write(s.tool_name) for s in steps)
    stream = conversation_stream(conversation.pk)
    with transaction.atomic():
        if outcome is None or outcome.kind != "answer" or (denied and not wrote):
            if denied and not wrote:
                text = (
                    f"Not done: as {principal.role} you may not use {', '.join(denied)} for this customer. "
                    "Nothing was changed and the customer was not told; ask an L2 supervisor or an admin."
                )
            elif outcome is None:
                text = "Not done: no model endpoint answered. Nothing was sent to the customer."
            else:
                text = f"Not done: the agent could not complete it ({outcome.reason}). Nothing was sent."
            audit_record(
                kind=AuditEvent.Kind.SUPERVISOR_ACTION,
                actor=principal.label,
                stream=stream,
                payload={
                    "action": "assist_refused" if denied else "assist_failed",
                    "text": text,
                    "steps": len(steps),
                },
            )
            turn.outcome = "refused" if denied else "failed"
            turn.status = AgentTurn.Status.DONE
            turn.save()
            return AssistResult(ok=False, refused=bool(denied), text=text, message=None, engine=engine)
        verdict = answer_guard(
            conversation_id=conversation.pk, text=outcome.text, steps=steps, actor=principal.label
        )
        if verdict.verdict == "block":
            # The customer never sees an answer that fails the guardrails; the supervisor does.
            text = f"Not sent: the answer failed a guardrail check ({verdict.reason}). Draft: {outcome.text}"
            turn.outcome = "blocked"
            turn.status = AgentTurn.Status.DONE
            turn.save()
            return AssistResult(ok=False, refused=False, text=text, message=None, engine=engine)
        message = Message.objects.create(
            conversation=conversation,
            role=Message.Role.SUPERVISOR,
            text=verdict.text,
            author=supervisor,
            meta={"assisted": True, "engine": engine, "author_name": customer_facing_name(supervisor)},
        )
        audit_record(
            kind=AuditEvent.Kind.SUPERVISOR_ACTION,
            actor=principal.label,
            stream=stream,
            payload={
                "action": "assist_answer",
                "message": message.pk,
                "engine": engine,
                "text": verdict.text[:2000],
                "verdict": verdict.verdict,
            },
        )
        message_publish_on_commit(message)
        turn.answer = message
        turn.outcome = "answer"
        turn.status = AgentTurn.Status.DONE
        turn.save()
    return AssistResult(ok=True, refused=False, text=verdict.text, message=message, engine=engine)
