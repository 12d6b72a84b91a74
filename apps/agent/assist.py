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

import contextlib
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import transaction

from apps.accounts.principals import Principal, principal_for_user
from apps.audit.models import AuditEvent
from apps.audit.services import audit_record, conversation_stream
from apps.conversations.events import console_user_publish, status_publish
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
    message_post,
    message_text_clean,
)
from apps.core.conf import product_setting
from apps.core.errors import ApplicationError, InvalidRequest
from apps.guardrails.services import answer_guard
from apps.llm.context import AgentContext
from apps.llm.types import Message as ChatMessage
from apps.llm.types import ModelUnavailable
from apps.tools.registry import ToolKind
from apps.tools.selectors import tools_offered

from .history import conversation_history
from .loop import Outcome, run_agent
from .models import AgentTurn
from .prompts import system_prompt
from .runner import AssistToolRunner
from .selectors import step_number_next, tool_is_write, tool_status_line
from .tiers import engine_chain

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
            note, _ = message_post(
                conversation=conversation,
                role=Message.Role.SYSTEM,
                text=instruction,
                author=supervisor,
                # Internal: never sent to the customer; the console shows it.
                internal=True,
                meta={"assist_instruction": True, "by": supervisor.get_username()},
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


def _run(
    turn: AgentTurn, conversation: Conversation, note: Message, principal: Principal, supervisor: User
) -> tuple[Outcome | None, str]:
    context = _context(conversation, note)
    runner = AssistToolRunner(
        turn=turn, conversation=conversation, principal=principal, supervisor=supervisor, tier=ASSIST_TIER
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
                first_step=step_number_next(conversation.pk),
                max_steps=int(product_setting("MAX_AGENT_STEPS")),
                max_failures=int(product_setting("MAX_CONSECUTIVE_TOOL_FAILURES")),
                emit=lambda text, step: status_publish(conversation.pk, text, step),
                status_for=tool_status_line,
            )
        except ModelUnavailable:
            continue
        return outcome, "offline" if engine.offline else engine.model.name
    return None, ""


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
    wrote = any(s.ok and tool_is_write(s.tool_name) for s in steps)
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
            conversation_id=conversation.pk,
            text=outcome.text,
            steps=steps,
            actor=principal.label,
            declared=outcome.claims or (),
        )
        if verdict.verdict == "block":
            # The customer never sees an answer that fails the guardrails; the supervisor does.
            text = f"Not sent: the answer failed a guardrail check ({verdict.reason}). Draft: {outcome.text}"
            turn.outcome = "blocked"
            turn.status = AgentTurn.Status.DONE
            turn.save()
            return AssistResult(ok=False, refused=False, text=text, message=None, engine=engine)
        message, _ = message_post(
            conversation=conversation,
            role=Message.Role.SUPERVISOR,
            text=verdict.text,
            author=supervisor,
            meta={"assisted": True, "engine": engine, "author_name": customer_facing_name(supervisor)},
            audit={"action": "assist_answer", "engine": engine, "verdict": verdict.verdict},
        )
        turn.answer = message
        turn.outcome = "answer"
        turn.status = AgentTurn.Status.DONE
        turn.save()
    return AssistResult(ok=True, refused=False, text=verdict.text, message=message, engine=engine)


def assist_run(*, conversation_id: int, supervisor_id: int, instruction: str) -> dict[str, Any]:
    """Run one assist and tell the supervisor's consoles how it went; returns that notice."""
    supervisor = get_user_model().objects.get(pk=supervisor_id)
    try:
        result = supervisor_assist(
            conversation_id=conversation_id, supervisor=supervisor, instruction=instruction
        )
    except ApplicationError as exc:
        notice = {"kind": "assist", "conversation": conversation_id, "ok": False, "refused": False}
        notice["text"] = exc.message
    else:
        notice = {
            "kind": "assist",
            "conversation": conversation_id,
            "ok": result.ok,
            "refused": result.refused,
            "text": result.text,
            "message": result.message.pk if result.message is not None else None,
        }
    _outcome_note(conversation_id, supervisor, notice)
    console_user_publish(supervisor_id, notice)
    return notice


def _outcome_note(conversation_id: int, supervisor: Any, notice: dict[str, Any]) -> None:
    """Keep the outcome in the thread, under the instruction, as a note only staff see."""
    text = (
        "Done: the agent carried out the instruction and sent the customer its answer."
        if notice["ok"]
        else str(notice["text"])
    )
    # No such conversation: the notice already says what went wrong.
    with contextlib.suppress(ApplicationError, Conversation.DoesNotExist):
        message_post(
            conversation=conversation_id,
            role=Message.Role.SYSTEM,
            text=text,
            author=supervisor,
            internal=True,
            meta={"assist_result": True, "ok": notice["ok"], "refused": notice["refused"]},
        )
