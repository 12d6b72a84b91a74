"""Which engine serves a turn: the tier's model endpoint, its fallbacks, or the offline engine.

A tier with no key in its environment variable (or disabled by an admin) is served by the
offline engine, and the audit trail says so. A failing endpoint falls back
(reasoning -> fast -> offline) before the chat is handed to a person.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from apps.agent.endpoints import endpoint_problems
from apps.agent.models import ModelCall, ModelTier
from apps.audit.models import AuditEvent
from apps.audit.services import audit_record, conversation_stream
from apps.core.snapshots import snapshot_cached
from apps.llm.context import AgentContext
from apps.llm.endpoint import cost_of
from apps.llm.types import ChatModel, Message, ModelUnavailable, Reply, ToolSpec

OFFLINE = "offline"

TIER_DEFAULTS: dict[str, dict[str, Any]] = {
    ModelTier.Name.FAST: {
        "model": "gpt-4.1",
        "input_price_per_million": Decimal("2.00"),
        "output_price_per_million": Decimal("8.00"),
    },
    ModelTier.Name.REASONING: {
        "model": "gpt-5.2",
        "api": ModelTier.Api.RESPONSES,
        "reasoning_effort": ModelTier.ReasoningEffort.MEDIUM,
        "input_price_per_million": Decimal("1.75"),
        "output_price_per_million": Decimal("14.00"),
    },
}
# Which tiers a turn may try, in order, before the offline engine.
FALLBACKS: dict[str, list[str]] = {
    ModelTier.Name.FAST: [ModelTier.Name.FAST],
    ModelTier.Name.REASONING: [ModelTier.Name.REASONING, ModelTier.Name.FAST],
}


def tier_get(name: str) -> ModelTier:
    """The tier's row, created with our defaults the first time it is needed (every tier is
    read in one query, and again only after the table changed, inside a configuration snapshot)."""
    rows = snapshot_cached(
        "agent:tiers", lambda: {row.name: row for row in ModelTier.objects.all()}, tables=(ModelTier,)
    )
    if name in rows:
        return rows[name]
    # Not added to `rows`: other turns may hold it. The insert changes the table's token, so the
    # next snapshot reads it with the rest.
    row, _ = ModelTier.objects.get_or_create(name=name, defaults=TIER_DEFAULTS[name])
    return row


@dataclass(frozen=True)
class Engine:
    tier: str  # the tier it serves: fast, reasoning
    model: ChatModel
    offline: bool
    require_reason: bool = False  # the tier refuses tool calls without a stated reason


class RecordingModel:
    """Wraps a chat model and records every call's tokens, cost and latency."""

    def __init__(self, model: ChatModel, *, tier: ModelTier | None, engine: str, conversation_id: int | None):
        self._model = model
        self._tier = tier
        self._engine = engine
        self._conversation_id = conversation_id

    @property
    def name(self) -> str:
        return self._model.name

    def complete(self, messages: Sequence[Message], tools: Sequence[ToolSpec]) -> Reply:
        started = time.perf_counter()
        tier_name = self._tier.name if self._tier else OFFLINE
        try:
            reply = self._model.complete(messages, tools)
        except ModelUnavailable as exc:
            ModelCall.objects.create(
                conversation_id=self._conversation_id,
                tier=tier_name,
                engine=self._engine,
                model=self.name,
                ok=False,
                error=str(exc)[:300],
                latency_ms=(time.perf_counter() - started) * 1000,
            )
            raise
        config = getattr(self._model, "config", None)
        cost = cost_of(reply.usage, config) if config is not None else Decimal("0")
        ModelCall.objects.create(
            conversation_id=self._conversation_id,
            tier=tier_name,
            engine=self._engine,
            model=self.name,
            input_tokens=reply.usage.input_tokens,
            output_tokens=reply.usage.output_tokens,
            cost=cost,
            latency_ms=reply.latency_ms or (time.perf_counter() - started) * 1000,
        )
        return reply


def _endpoint_model(tier: ModelTier) -> ChatModel | None:
    if not tier.enabled or endpoint_problems(api_key_env=tier.api_key_env, base_url=tier.base_url):
        # A row edited outside the admin's checks still never reads or sends a key it may not.
        return None
    key = os.environ.get(tier.api_key_env, "")
    if not key:
        return None
    from apps.llm.openai_model import EndpointConfig, OpenAIChatModel
    from apps.llm.responses_model import OpenAIResponsesModel

    model_class = OpenAIResponsesModel if tier.api == ModelTier.Api.RESPONSES else OpenAIChatModel
    return model_class(
        EndpointConfig(
            tier=tier.name,
            model=tier.model,
            base_url=tier.base_url or None,
            api_key=key,
            timeout_seconds=tier.timeout_seconds,
            max_retries=tier.max_retries,
            api=tier.api,
            reasoning_effort=tier.reasoning_effort,
            stream=tier.stream,
            extra_params=dict(tier.extra_params or {}),
            input_price_per_million=tier.input_price_per_million,
            output_price_per_million=tier.output_price_per_million,
        )
    )


def offline_engine(context: AgentContext, *, tier: str, conversation_id: int | None) -> Engine:
    from apps.offline.engine import OfflineEngine

    model = RecordingModel(OfflineEngine(context), tier=None, engine=OFFLINE, conversation_id=conversation_id)
    return Engine(tier=tier, model=model, offline=True)


def engine_chain(
    tier: str, context: AgentContext, *, conversation_id: int | None, actor: str
) -> list[Engine]:
    """The engines to try for a turn on `tier`, best first, always ending with the offline engine."""
    chain: list[Engine] = []
    for name in FALLBACKS[tier]:
        row = tier_get(name)
        model = _endpoint_model(row)
        if model is None:
            problems = endpoint_problems(api_key_env=row.api_key_env, base_url=row.base_url)
            if not row.enabled:
                why = "disabled by an admin"
            elif problems:
                why = "endpoint not allowed: " + " ".join(problems.values())
            else:
                why = f"no key in ${row.api_key_env}"
            audit_record(
                kind=AuditEvent.Kind.MODEL,
                actor=actor,
                stream=conversation_stream(conversation_id),
                payload={"tier": name, "served_by": OFFLINE, "why": why},
            )
            continue
        recorded = RecordingModel(model, tier=row, engine="openai", conversation_id=conversation_id)
        chain.append(Engine(tier=name, model=recorded, offline=False, require_reason=row.require_reason))
    chain.append(offline_engine(context, tier=tier, conversation_id=conversation_id))
    return chain
