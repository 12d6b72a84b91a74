"""The guardrails' Django side: evidence for a turn from the database, and the audit record."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from apps.audit.models import AuditEvent
from apps.audit.services import audit_record
from apps.guardrails.evidence import RETAIL_WRITE_TOOLS, ActionRecord, Evidence
from apps.guardrails.types import Verdict
from apps.knowledge.selectors import guardrail_policy, knowledge_snapshot
from apps.tools.models import ToolCall
from apps.tools.registry import ToolKind, registry

_MAX_EVIDENCE = 300
_MAX_TEXT = 2000
# The earlier tool calls of a conversation read for its evidence: the latest ones.
_MAX_EARLIER_CALLS = 60


def write_tool_names() -> frozenset[str]:
    """Every tool that changes something: the registry's write tools and the store's."""
    return RETAIL_WRITE_TOOLS | {tool.name for tool in registry if tool.kind == ToolKind.WRITE}


def evidence_for_turn(
    conversation_id: int | str | None,
    observations: Sequence[Any],
    actions: Iterable[Any] = (),
    *,
    this_turn_steps: Iterable[int] = (),
    declared: Sequence[Any] = (),
) -> Evidence:
    """Evidence for checking a turn's answer.

    observations: this turn's tool observations (Observation objects, dicts or strings).
    actions: this turn's tool calls (ActionRecord, or (tool name, ok[, arguments]) tuples).
    The conversation's stored tool calls (apps.tools ToolCall rows) from other steps are added
    as earlier actions, with what they observed: a write from an earlier turn still counts for
    a claim that names it, and a figure may quote an earlier observation; a bare "all done" needs
    a write of this turn. Facts come from the cached knowledge snapshot.
    """
    done = list(actions)
    earlier: list[Any] = []
    if conversation_id is not None:
        skip = set(this_turn_steps)
        rows = (
            ToolCall.objects.filter(conversation_ref=str(conversation_id))
            .exclude(step__in=skip)
            .order_by("-step", "-id")
            .values_list("tool_name", "ok", "arguments", "data")[:_MAX_EARLIER_CALLS]
        )
        for name, ok, arguments, data in reversed(rows):
            done.append(
                ActionRecord(
                    str(name), bool(ok), arguments if isinstance(arguments, dict) else {}, False, data
                )
            )
            if ok and data is not None:
                earlier.append(data)
    return Evidence(
        knowledge=knowledge_snapshot(),
        observations=tuple(observations),
        actions=tuple(done),
        handoff_on_block=guardrail_policy().handoff_on_block,
        earlier_observations=tuple(earlier),
        write_tools=write_tool_names(),
        declared=tuple(declared),
    )


def audit_guard_decision(verdict: Verdict, *, stream: str, actor: str) -> None:
    """Record the verdict with every claim and its evidence (kind "guardrail")."""
    audit_record(
        kind=AuditEvent.Kind.GUARDRAIL,
        actor=actor,
        stream=stream,
        payload={
            "verdict": verdict.verdict,
            "tripped": verdict.tripped,
            "reason": verdict.reason,
            "handoff": verdict.handoff,
            "micros": verdict.micros,
            "claims": [
                {
                    "text": claim.text[:_MAX_EVIDENCE],
                    "kind": claim.kind,
                    "ok": claim.ok,
                    "evidence": claim.evidence[:_MAX_EVIDENCE],
                    "repair": (claim.repair or "")[:_MAX_EVIDENCE] or None,
                }
                for claim in verdict.claims
            ],
            "original": verdict.original[:_MAX_TEXT],
            "sent": verdict.text[:_MAX_TEXT],
        },
    )
