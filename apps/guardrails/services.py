"""Every answer passes the output guardrails before it is stored or sent, whoever wrote it:
a model tier, the offline engine, or the agent acting on a supervisor's instruction."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Protocol

from apps.audit.models import AuditEvent
from apps.audit.services import audit_record, conversation_stream
from apps.guardrails.check import guard_answer
from apps.guardrails.declared import declared_claims
from apps.guardrails.evidence import ActionRecord
from apps.guardrails.input_guard import inspect_message
from apps.guardrails.turn import audit_guard_decision, evidence_for_turn
from apps.guardrails.types import Verdict


class ToolStep(Protocol):
    """What the checker needs of one tool call the agent made (the loop's StepRecord has it)."""

    @property
    def tool_name(self) -> str: ...
    @property
    def ok(self) -> bool: ...
    @property
    def observation(self) -> str: ...
    @property
    def data(self) -> Any: ...


def _arguments(step: ToolStep) -> dict[str, Any]:
    raw = getattr(step, "arguments", None)
    if isinstance(raw, dict):
        return raw
    try:
        value = json.loads(raw) if isinstance(raw, str) and raw else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def answer_guard(
    *,
    conversation_id: int,
    text: str,
    steps: Sequence[ToolStep],
    actor: str,
    declared: Sequence[Any] = (),
) -> Verdict:
    """Check an answer against the facts, this turn's tool results and the conversation's
    earlier ones, and the claims its author declared; audit the verdict."""
    observations = [step.data if step.data is not None else step.observation for step in steps if step.ok]
    actions = [
        ActionRecord(
            step.tool_name, step.ok, _arguments(step), True, step.data, str(getattr(step, "tool_call_id", ""))
        )
        for step in steps
        if step.tool_name
    ]
    numbers = [n for n in (getattr(step, "number", None) for step in steps) if isinstance(n, int)]
    evidence = evidence_for_turn(
        conversation_id, observations, actions, this_turn_steps=numbers, declared=declared_claims(declared)
    )
    verdict = guard_answer(text, evidence)
    audit_guard_decision(verdict, stream=conversation_stream(conversation_id), actor=actor)
    return verdict


def customer_message_inspect(*, conversation_id: int, message_id: int, text: str) -> list[str]:
    """Flag text that tries to instruct the agent. It changes nothing the agent may do:
    permissions come from the principal, never from what a message says."""
    finding = inspect_message(text)
    if finding.injection:
        audit_record(
            kind=AuditEvent.Kind.GUARDRAIL,
            actor="input_guard",
            stream=conversation_stream(conversation_id),
            payload={"message": message_id, "input_flags": list(finding.flags)},
        )
    return list(finding.flags)
