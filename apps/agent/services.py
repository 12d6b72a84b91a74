"""One customer turn: route, pick an engine, run the loop, store and send the outcome.

`turn_run` is what the Celery task, the terminal chat and the tests call. It takes the
conversation's lease (one execution at a time, its own token, renewed by a heartbeat), then
handles every customer message the agent owes an answer, oldest first, and looks again after
letting go, so a message whose own task found the lease taken is never left behind. A turn
interrupted half-way resumes from its stored steps.

Before each write and before an answer or a hand-off is stored, the turn re-reads the
conversation under a row lock: if a person took it over, the chat closed, or the lease ran out
and someone else holds it, the turn stops there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.agent.history import HISTORY_MESSAGES, conversation_history, history_lines
from apps.agent.loop import Outcome, StepRecord, run_agent
from apps.agent.models import AgentTurn
from apps.agent.owed import owed_ids, owed_messages
from apps.agent.prompts import system_prompt
from apps.agent.runner import TurnToolRunner, principal_for_conversation
from apps.agent.selectors import step_number_next, tool_is_write, tool_status_line
from apps.agent.tiers import engine_chain
from apps.agent.turn_handoff import turn_hand_off

# LeaseLost is raised through turn_may_go_on; dispatch and tasks catch it from here.
from apps.agent.turn_state import LeaseLost as LeaseLost
from apps.agent.turn_state import turn_context_save, turn_finish, turn_may_go_on
from apps.agent.waiting import ConnectionReleasingModel
from apps.audit.models import AuditEvent
from apps.audit.services import audit_record, conversation_stream
from apps.conversations.events import RECEIVED_STATUS, status_publish
from apps.conversations.leases import conversation_lease
from apps.conversations.models import Conversation, Handoff, Message
from apps.conversations.services import message_post
from apps.core.conf import product_setting
from apps.core.snapshots import config_snapshot
from apps.guardrails.services import answer_guard, customer_message_inspect
from apps.llm.context import AgentContext
from apps.llm.types import Message as ChatMessage
from apps.llm.types import ModelUnavailable
from apps.routing.decisions import route_message
from apps.tools.registry import ToolKind
from apps.tools.selectors import tools_offered

logger = logging.getLogger(__name__)

Emit = Callable[[str, int], None]


class TurnBusy(Exception):
    """Another execution holds this conversation's lease; it answers every owed message
    before letting go, so the caller has nothing left to do."""


@dataclass
class TurnReport:
    handled: list[int] = field(default_factory=list)  # customer message ids answered now
    replies: list[Message] = field(default_factory=list)


def _agent_settings() -> dict[str, int]:
    return {
        "max_steps": int(product_setting("MAX_AGENT_STEPS")),
        "max_failures": int(product_setting("MAX_CONSECUTIVE_TOOL_FAILURES")),
    }


def turn_run(
    *,
    conversation_id: int,
    message_id: int,
    owner: str,
    emit: Emit | None = None,
    forced_tier: str | None = None,
) -> TurnReport:
    """Answer every customer message the conversation is owed (its PendingTurns, and any
    unanswered one up to `message_id`), in order. Raises TurnBusy if another execution holds
    the conversation (it will answer them).

    `owner` is this execution's own lease token. `forced_tier` serves every turn the router
    does not give to a person on that tier (`manage.py evaluate --all-reasoning`); None lets
    the router choose.
    """
    report = TurnReport()
    heartbeat = bool(product_setting("LEASE_HEARTBEAT"))
    while True:
        with conversation_lease(conversation_id=conversation_id, owner=owner, heartbeat=heartbeat) as held:
            if not held:
                if report.handled:
                    return report  # someone took over after we let go: theirs now
                raise TurnBusy(f"conversation {conversation_id} is busy")
            for index, message in enumerate(owed_messages(conversation_id, message_id, report.handled)):
                if index:
                    # The turn before changed the conversation (its state, perhaps its status)
                    # after this message was read with it: read it again.
                    message.conversation = Conversation.objects.select_related("customer").get(
                        pk=conversation_id
                    )
                # One read of the tools, facts and tiers per turn (apps/core/snapshots.py).
                with config_snapshot():
                    reply = _turn_for_message(message, owner=owner, emit=emit, forced_tier=forced_tier)
                report.handled.append(message.pk)
                if reply is not None:
                    report.replies.append(reply)
        # A message stored while we held the lease may have had its own task turned away: look
        # once more after letting go, and take the lease again for whatever is owed.
        if not owed_ids(conversation_id, 0, report.handled):
            return report


def _recent(conversation: Conversation, message: Message) -> list[tuple[int, str, str]]:
    """The latest messages up to the customer's (included), oldest first, as (id, role, text):
    one read gives both what came before it (`_before`) and the history the models read."""
    rows = (
        Message.objects.filter(conversation=conversation, id__lte=message.pk)
        .order_by("-id")
        .values_list("id", "role", "text")[:HISTORY_MESSAGES]
    )
    return list(reversed(rows))


def _before(
    conversation: Conversation, message: Message, recent: list[tuple[int, str, str]]
) -> tuple[int | None, tuple[str, str] | None]:
    """Before the customer's message: the id of their previous one, and the role and text of
    the latest message not theirs. Usually both are among the `recent` ones."""
    rows = [row for row in reversed(recent) if row[0] < message.pk]
    previous = next((id_ for id_, role, _ in rows if role == Message.Role.CUSTOMER), None)
    asked = next(((role, text) for _, role, text in rows if role != Message.Role.CUSTOMER), None)
    if len(recent) == HISTORY_MESSAGES and rows:  # older messages may exist: look there too
        older = Message.objects.filter(conversation=conversation, id__lt=rows[-1][0]).order_by("-id")
        if previous is None:
            previous = older.filter(role=Message.Role.CUSTOMER).values_list("id", flat=True).first()
        if asked is None:
            asked = older.exclude(role=Message.Role.CUSTOMER).values_list("role", "text").first()
    return previous, asked


def _history(
    conversation: Conversation, message: Message, recent: list[tuple[int, str, str]]
) -> list[ChatMessage]:
    """What `conversation_history(through=message)` reads, from the `recent` rows unless system
    lines among a full window hide older messages the history would show (read afresh then)."""
    shown = [(role, text) for _, role, text in recent if role != Message.Role.SYSTEM]
    if len(recent) == HISTORY_MESSAGES and len(shown) < HISTORY_MESSAGES:
        return conversation_history(conversation, through=message.pk)
    return history_lines(shown)


def _context_for(conversation: Conversation, message: Message, previous: int | None) -> AgentContext:
    context = AgentContext.from_dict(conversation.state or {})
    context.conversation_id = conversation.pk
    context.customer_id = conversation.customer.customer_id if conversation.customer is not None else None
    context.verified = principal_for_conversation(conversation).verified
    context.latest_customer_message = message.text
    context.latest_customer_message_id = message.pk
    pending = context.pending_action
    if pending is not None and pending.proposed_after_message != previous:
        # A yes answers only the proposal made in reply to the customer's previous message;
        # an older one went stale when the conversation moved on.
        context.pending_action = None
    elif pending is not None and _proposal_expired(pending.proposed_after_message):
        # Nor does a yes long after the proposal (or a turn run again much later, after an
        # outage): the agent asks afresh rather than act on a stale agreement.
        context.pending_action = None
    return context


def _proposal_expired(proposed_after_message: int) -> bool:
    ttl = timedelta(seconds=float(product_setting("CONFIRMATION_TTL_SECONDS")))
    asked = Message.objects.filter(pk=proposed_after_message).values_list("created_at", flat=True).first()
    return asked is None or timezone.now() - asked > ttl


def _turn_for(message: Message, conversation: Conversation) -> tuple[AgentTurn, bool]:
    """The message's turn: the one a previous execution left (read with the message), or a new
    one. Only the lease holder gets here, so no one else is creating it at the same time."""
    try:
        return message.turn, False
    except AgentTurn.DoesNotExist:
        pass
    try:
        # Autocommit (a turn runs outside any transaction): one INSERT, and a failed one leaves
        # nothing to roll back.
        return AgentTurn.objects.create(message=message, conversation=conversation), True
    except IntegrityError:  # a holder whose lease ran out created it after our read
        return AgentTurn.objects.get(message=message), False


def _stored_steps(turn: AgentTurn) -> list[StepRecord]:
    return [
        StepRecord(
            s.number,
            s.thought,
            s.tool_name,
            s.tool_call_id,
            s.arguments,
            s.observation,
            s.ok,
            (s.data or {}).get("result"),
            (s.data or {}).get("error_code"),
        )
        for s in turn.steps.order_by("number")
    ]


def _turn_for_message(
    message: Message, *, owner: str, emit: Emit | None, forced_tier: str | None
) -> Message | None:
    conversation = message.conversation  # read with the message (and its customer) by _owed
    turn, created = _turn_for(message, conversation)

    def emit_status(text: str, step: int) -> None:
        if not text:
            return  # a write's line: the runner sends it once the gate has let the call through
        status_publish(conversation.pk, text, step, seq=conversation.seq)
        if emit is not None:
            emit(text, step)

    if conversation.status != Conversation.Status.ACTIVE:
        # A person has the conversation: the agent stays quiet.
        with transaction.atomic():
            turn_finish(turn, outcome="human")
        return None

    recent = _recent(conversation, message)
    previous, asked = _before(conversation, message, recent)
    context = _context_for(conversation, message, previous)
    customer_message_inspect(conversation_id=conversation.pk, message_id=message.pk, text=message.text)
    # A reply to the agent's own question ("no", "the second one", an email) is an answer to it.
    decision = route_message(
        message.text,
        transaction_open=context.transaction_open,
        conversation_id=conversation.pk,
        forced_tier=forced_tier,
        agent_text=asked[1] if asked is not None and asked[0] == Message.Role.AGENT else None,
        previous_label=context.intent or None,
    )
    turn.route_label, turn.tier = decision.label, decision.tier
    context.intent = decision.label
    if decision.label == "transaction":
        context.transaction_open = True

    if decision.tier == "human":
        return turn_hand_off(
            turn,
            conversation,
            context,
            Handoff.Reason.ROUTER,
            "The customer asked for a person.",
            owner=owner,
        )

    if emit is not None:
        # The socket's customers heard this line when the message was stored (message_post).
        emit(RECEIVED_STATUS, 0)
    outcome, engine = _run_tiers(
        turn,
        conversation,
        context,
        decision.tier,
        emit_status,
        owner=owner,
        resumed=not created,
        history=_history(conversation, message, recent),
    )
    if outcome is None:
        return turn_hand_off(
            turn, conversation, context, Handoff.Reason.MODEL_DOWN, "No model endpoint answered.", owner=owner
        )
    if outcome.kind == "handoff":
        reason = {
            "agent": Handoff.Reason.AGENT,
            "step_limit": Handoff.Reason.STEP_LIMIT,
            "refusal": Handoff.Reason.MODEL_REFUSED,
            "content_filter": Handoff.Reason.MODEL_REFUSED,
        }.get(outcome.reason, Handoff.Reason.TOOL_FAILURES)
        if engine == "offline" and outcome.reason == "agent":
            reason = Handoff.Reason.OFFLINE
        return turn_hand_off(turn, conversation, context, reason, outcome.text or outcome.reason, owner=owner)

    if outcome.memory is not None:
        context.slots = outcome.memory
    verdict = answer_guard(
        conversation_id=conversation.pk,
        text=outcome.text,
        steps=outcome.steps,
        actor=f"agent:{turn.tier}",
        declared=outcome.claims or (),
    )
    if verdict.verdict == "block" and verdict.handoff:
        return turn_hand_off(
            turn,
            conversation,
            context,
            Handoff.Reason.GUARDRAIL,
            f"A guardrail blocked the agent's answer ({verdict.reason}): {outcome.text[:300]}",
            reply_text=verdict.text,
            owner=owner,
        )
    _close_transaction_if_done(context, outcome)
    context.summary = _summary_with(context.summary, message.text, outcome)
    with transaction.atomic():
        if not turn_may_go_on(turn, owner):
            return None
        reply, _ = message_post(
            conversation=conversation,
            role=Message.Role.AGENT,
            text=verdict.text,
            meta={"tier": turn.tier, "engine": engine, "guardrail": verdict.verdict},
            actor=f"agent:{turn.tier}",
            audit={"engine": engine, "verdict": verdict.verdict},
            savepoint=False,  # any error here ends this transaction anyway
        )
        turn_context_save(conversation, context)
        turn.answer = reply
        turn_finish(turn, outcome="answer")
    return reply


def _run_tiers(
    turn: AgentTurn,
    conversation: Conversation,
    context: AgentContext,
    tier: str,
    emit: Emit,
    *,
    owner: str,
    resumed: bool,
    history: list[ChatMessage],
) -> tuple[Outcome | None, str]:
    """Run the loop on the best engine that answers; escalate fast -> reasoning when asked.
    A `resumed` turn (redelivered, or run again after a failure) starts from its stored steps."""
    limits = _agent_settings()
    escalated = False
    while True:
        chain = engine_chain(tier, context, conversation_id=conversation.pk, actor=f"agent:{tier}")
        for engine in chain:
            context.tier, context.offline = tier, engine.offline
            runner = TurnToolRunner(
                turn=turn,
                conversation=conversation,
                context=context,
                tier=engine.tier,
                emit=emit,
                owner=owner,
            )
            kinds = (
                [ToolKind.READ] if tier == "fast" and not engine.offline else [ToolKind.READ, ToolKind.WRITE]
            )
            tools = [t.openai_spec() for t in tools_offered(runner.principal, kinds=kinds)]
            messages = [
                {"role": "system", "content": system_prompt(tier, context)},
                *history,  # the messages through the customer's: the same for every engine
            ]
            # A new turn has no steps until this loop stores one (a fallback or an escalation
            # re-reads them: the engine before may have stored some).
            prior = _stored_steps(turn) if resumed else []
            resumed = True
            try:
                outcome = run_agent(
                    ConnectionReleasingModel(engine.model),
                    tools,
                    runner,
                    messages,
                    first_step=prior[0].number if prior else step_number_next(conversation.pk),
                    max_steps=limits["max_steps"],
                    max_failures=limits["max_failures"],
                    emit=emit,
                    status_for=_status_before_the_gate,
                    can_escalate=tier == "fast" and not engine.offline and not escalated,
                    prior_steps=prior,
                    require_reason=engine.require_reason,
                )
            except ModelUnavailable as exc:
                audit_record(
                    kind=AuditEvent.Kind.MODEL,
                    actor=f"agent:{tier}",
                    stream=conversation_stream(conversation.pk),
                    payload={
                        "tier": engine.tier,
                        "model": engine.model.name,
                        "error": str(exc)[:300],
                        "action": "fall back",
                    },
                )
                continue
            if outcome.kind == "escalate":
                audit_record(
                    kind=AuditEvent.Kind.ROUTE,
                    actor=f"agent:{tier}",
                    stream=conversation_stream(conversation.pk),
                    payload={"escalated_to": "reasoning", "reason": outcome.reason},
                )
                tier, escalated = "reasoning", True
                turn.tier = tier
                break
            turn.tier = engine.tier if not engine.offline else tier
            return outcome, "offline" if engine.offline else engine.model.name
        else:
            return None, ""


def _status_before_the_gate(tool: str, arguments: dict[str, Any]) -> str:
    """A read's status line goes out as the call starts; a write's waits for the gate (runner)."""
    return "" if tool_is_write(tool) else tool_status_line(tool, arguments)


SUMMARY_TURNS = 6


def _summary_with(summary: str, customer_text: str, outcome: Outcome) -> str:
    """The running summary every tier and every person taking over reads: one line per turn,
    the latest few turns only, built from what happened (no model needed)."""
    done = [f"{s.tool_name} {'ok' if s.ok else 'failed'}" for s in outcome.steps if s.tool_name]
    line = f"customer: {customer_text[:120]!r}"
    if done:
        line += f"; agent ran {', '.join(done[-4:])}"
    line += f"; agent said: {outcome.text[:120]!r}"
    lines = [*summary.splitlines(), line]
    return "\n".join(lines[-SUMMARY_TURNS:])


def _close_transaction_if_done(context: AgentContext, outcome: Outcome) -> None:
    wrote = any(
        s.ok and (s.data is not None) and s.tool_name and tool_is_write(s.tool_name) for s in outcome.steps
    )
    if wrote and context.pending_action is None:
        context.transaction_open = False
