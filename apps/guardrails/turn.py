"""The guardrails' Django side: evidence for a turn from the database, and the audit record."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from apps.guardrails.evidence import Evidence
from apps.guardrails.types import Verdict

_MAX_EVIDENCE = 300
_MAX_TEXT = 2000


def evidence_for_turn(
    conversation_id: int | str | None,
    observations: Sequence[Any],
    actions: Iterable[tuple[str, bool]] = (),
) -> Evidence:
    """Evidence for checking a turn's answer.

    observations: this turn's tool observations (Observation objects, dicts or strings).
    actions: (tool name, ok) pairs to count as done; the conversation's stored tool calls
    (apps.tools ToolCall rows) are added, so a write from an earlier turn still counts.
    Facts come from the cached knowledge snapshot (one aggregate query when nothing changed).
    """
    from apps.knowledge.selectors import guardrail_policy, knowledge_snapshot
    from apps.tools.models import ToolCall

    done = list(actions)
    if conversation_id is not None:
        done += list(
            ToolCall.objects.filter(conversation_ref=str(conversation_id)).values_list("tool_name", "ok")
        )
    return Evidence(
        knowledge=knowledge_snapshot(),
        observations=tuple(observations),
        actions=tuple((str(name), bool(ok)) for name, ok in done),
        handoff_on_block=guardrail_policy().handoff_on_block,
    )


def audit_guard_decision(verdict: Verdict, *, stream: str, actor: str) -> None:
    """Record the verdict with every claim and its evidence (kind "guardrail")."""
    from apps.audit.models import AuditEvent
    from apps.audit.services import audit_record

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
