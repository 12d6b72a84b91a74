"""One task trial: a simulated customer chats with the agent through the real turn pipeline
(router, tiers, gate, guardrails, audit), then the store is fingerprinted and everything the
chat did is read and rolled back."""

from __future__ import annotations

import random
import time
import uuid
from dataclasses import dataclass

from django.db import transaction

from apps.agent.services import turn_run
from apps.commerce.fingerprint import state_hash
from apps.commerce.selectors import store_state
from apps.conversations.models import Conversation, Message
from apps.conversations.services import conversation_start, message_post
from apps.core.conf import product_setting

from .brief import brief_for
from .customer import MODEL, CustomerConfig, CustomerUsage, SimulatedCustomer
from .customer_model import ModelCustomer, customer_endpoint
from .customer_scripted import ScriptedCustomer
from .evidence import ChatEvidence, chat_evidence
from .inbox import Inbox, codes_seeded
from .records import ENDED_CUSTOMER, ENDED_ERROR, ENDED_HANDOFF, ENDED_TURN_LIMIT, TrialRecord
from .session import trial_sandbox
from .tasks import EvalTask, outputs_missing


@dataclass(frozen=True)
class TrialPlan:
    task: EvalTask
    trial: int
    reference: str  # the fingerprint the task's reference calls reach


@dataclass(frozen=True)
class RunSettings:
    customer: CustomerConfig
    max_turns: int = 20  # customer messages before the chat is cut off
    forced_tier: str | None = None  # "reasoning" for the all-reasoning arm


def trial_rng(seed: int, task_index: int, trial: int) -> random.Random:
    """The trial's own random source: the same seed replays the same chats."""
    return random.Random(f"{seed}:{task_index}:{trial}")  # noqa: S311 - wording, not security


def customer_for(plan: TrialPlan, config: CustomerConfig) -> SimulatedCustomer:
    rng = trial_rng(config.seed, plan.task.index, plan.trial)
    if config.kind == MODEL:
        model = customer_endpoint(config, seed=rng.randrange(2**31))
        return ModelCustomer(
            model, plan.task.instruction, max_chars=int(product_setting("MAX_MESSAGE_CHARS"))
        )
    return ScriptedCustomer(brief_for(plan.task), rng=rng)


def trial_run(plan: TrialPlan, settings: RunSettings) -> TrialRecord:
    """Play one trial on the current (fresh) store and undo it; never raises for a failed chat."""
    started = time.perf_counter()
    with trial_sandbox():
        record = TrialRecord(
            task_index=plan.task.index,
            trial=plan.trial,
            success=False,
            fingerprint="",
            reference_fingerprint=plan.reference,
        )
        customer_usage = CustomerUsage()
        agent_ms: list[float] = []
        conversation = conversation_start(user=None, channel=Conversation.Channel.CLI)
        try:
            customer = customer_for(plan, settings.customer)
            customer_usage = customer.usage
            inbox = Inbox(brief_for(plan.task).identity.mailboxes)
            with codes_seeded(f"{settings.customer.seed}:{plan.task.index}:{plan.trial}"):
                record.ended_by = _chat(conversation, customer, settings, agent_ms, inbox)
        except Exception as exc:  # a broken trial is a failed trial, and the run goes on
            record.ended_by, record.error = ENDED_ERROR, f"{type(exc).__name__}: {exc}"[:500]
        if transaction.get_rollback():
            # A database error left the savepoint unusable: nothing more can be read from it.
            evidence = ChatEvidence()
        else:
            record.fingerprint = state_hash(store_state())
            evidence = chat_evidence(conversation.pk)
    _record_fill(record, plan, evidence, customer_usage)
    record.latency_ms = {
        "trial": round((time.perf_counter() - started) * 1000, 1),
        "agent": round(sum(agent_ms), 1),
        "slowest_turn": round(max(agent_ms, default=0.0), 1),
    }
    return record


def _record_fill(record: TrialRecord, plan: TrialPlan, evidence: ChatEvidence, usage: CustomerUsage) -> None:
    """The verdict and the figures of a trial whose fingerprint is taken."""
    record.turns = sum(1 for line in evidence.transcript if line["role"] == Message.Role.CUSTOMER)
    record.outputs_missing = outputs_missing(plan.task.outputs, evidence.agent_messages)
    record.success = (
        record.error is None and record.fingerprint == plan.reference and not record.outputs_missing
    )
    record.tools_called = evidence.tools_called
    record.tiers, record.routes = evidence.tiers, evidence.routes
    record.usage, record.cost, record.engines = evidence.usage, evidence.cost, evidence.engines
    record.customer_usage = {
        "calls": usage.calls,
        "input_tokens": usage.input_tokens,
        "output_tokens": usage.output_tokens,
    }
    record.handoffs, record.guardrails = evidence.handoffs, evidence.guardrails
    record.input_flags, record.transcript = evidence.input_flags, evidence.transcript


def _chat(
    conversation: Conversation,
    customer: SimulatedCustomer,
    settings: RunSettings,
    agent_ms: list[float],
    inbox: Inbox,
) -> str:
    """Customer and agent take turns until the customer leaves, a person takes over, or time is up.

    When the agent has emailed the customer a verification code, the customer types it.
    """
    owner = f"evaluate-{uuid.uuid4()}"
    text: str | None = customer.opening()
    for _ in range(settings.max_turns):
        assert text is not None
        message, _ = message_post(
            conversation=conversation, role=Message.Role.CUSTOMER, text=text, enqueue_turn=False
        )
        started = time.perf_counter()
        report = turn_run(
            conversation_id=conversation.pk,
            message_id=message.pk,
            owner=owner,
            forced_tier=settings.forced_tier,
        )
        agent_ms.append((time.perf_counter() - started) * 1000)
        conversation.refresh_from_db()
        if conversation.status != Conversation.Status.ACTIVE:
            return ENDED_HANDOFF
        answer = "\n\n".join(reply.text for reply in report.replies)
        code = inbox.new_code()
        text = f"The code is {code}." if code else customer.reply(answer)
        if text is None:
            return ENDED_CUSTOMER
    return ENDED_TURN_LIMIT
