"""What a trial's chat left behind, read before the trial is rolled back: the agent's turns and
steps, every model call with its tokens and cost, the guardrails' verdicts and the hand-offs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from apps.agent.models import AgentStep, AgentTurn, ModelCall
from apps.audit.models import AuditEvent
from apps.audit.services import conversation_stream
from apps.conversations.models import Handoff, Message

from .records import TierUsage

HUMAN = "human"  # the tier of a turn the router gave straight to a person


@dataclass
class ChatEvidence:
    agent_messages: list[str] = field(default_factory=list)
    transcript: list[dict[str, str]] = field(default_factory=list)
    tools_called: list[dict[str, Any]] = field(default_factory=list)
    tiers: dict[str, int] = field(default_factory=dict)
    routes: dict[str, int] = field(default_factory=dict)
    usage: dict[str, TierUsage] = field(default_factory=dict)
    engines: list[str] = field(default_factory=list)
    handoffs: list[str] = field(default_factory=list)
    guardrails: list[dict[str, Any]] = field(default_factory=list)
    input_flags: list[str] = field(default_factory=list)

    @property
    def cost(self) -> float:
        return round(sum(usage.cost for usage in self.usage.values()), 6)


def chat_evidence(conversation_id: int) -> ChatEvidence:
    """Everything the report needs about one conversation, from the rows the turns stored."""
    evidence = ChatEvidence()
    for role, text in (
        Message.objects.filter(conversation_id=conversation_id).order_by("id").values_list("role", "text")
    ):
        evidence.transcript.append({"role": role, "text": text})
        if role == Message.Role.AGENT:
            evidence.agent_messages.append(text)
    turns = AgentTurn.objects.filter(conversation_id=conversation_id).values_list("tier", "route_label")
    evidence.tiers = dict(Counter(tier or HUMAN for tier, _ in turns))
    evidence.routes = dict(Counter(label for _, label in turns if label))
    evidence.tools_called = [
        {"tool": name, "ok": ok, "tier": tier}
        for name, ok, tier in AgentStep.objects.filter(conversation_id=conversation_id)
        .order_by("number")
        .values_list("tool_name", "ok", "tier")
    ]
    evidence.usage, evidence.engines = _usage(conversation_id)
    evidence.handoffs = list(
        Handoff.objects.filter(conversation_id=conversation_id)
        .order_by("id")
        .values_list("reason", flat=True)
    )
    for payload in (
        AuditEvent.objects.filter(stream=conversation_stream(conversation_id), kind=AuditEvent.Kind.GUARDRAIL)
        .order_by("seq")
        .values_list("payload", flat=True)
    ):
        if "verdict" in payload:
            evidence.guardrails.append({"verdict": payload["verdict"], "reason": payload.get("reason", "")})
        evidence.input_flags.extend(payload.get("input_flags", []))
    return evidence


def _usage(conversation_id: int) -> tuple[dict[str, TierUsage], list[str]]:
    usage: dict[str, TierUsage] = {}
    engines: list[str] = []
    for call in ModelCall.objects.filter(conversation_id=conversation_id).order_by("id"):
        tier = usage.setdefault(call.tier, TierUsage())
        tier.calls += 1
        tier.failed_calls += not call.ok
        tier.input_tokens += call.input_tokens
        tier.output_tokens += call.output_tokens
        tier.cost = round(tier.cost + float(call.cost), 6)
        tier.latency_ms = round(tier.latency_ms + call.latency_ms, 1)
        engine = call.model or call.engine  # "openai:gpt-4.1", "offline"
        if engine not in engines:
            engines.append(engine)
    return usage, engines
