"""One record per task trial: the verdict and everything the report adds up."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

# How a chat ended.
ENDED_CUSTOMER = "customer"  # the customer said goodbye or left
ENDED_HANDOFF = "handoff"  # the chat went to a person
ENDED_TURN_LIMIT = "turn_limit"
ENDED_ERROR = "error"  # the trial raised; `error` says what


@dataclass
class TierUsage:
    """Model calls of one tier (fast, reasoning, or offline for the offline engine) in a trial."""

    calls: int = 0
    failed_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost: float = 0.0  # at the tier's prices, in the prices' currency
    latency_ms: float = 0.0


@dataclass
class TrialRecord:
    task_index: int
    trial: int
    success: bool
    fingerprint: str  # the store's canonical hash when the chat ended
    reference_fingerprint: str  # after replaying the task's reference calls on the same store
    outputs_missing: list[str] = field(default_factory=list)  # required outputs the agent never said
    ended_by: str = ENDED_CUSTOMER
    turns: int = 0  # customer messages
    tools_called: list[dict[str, Any]] = field(default_factory=list)  # {"tool", "ok", "tier"}
    tiers: dict[str, int] = field(default_factory=dict)  # turns served per tier (human: the router)
    routes: dict[str, int] = field(default_factory=dict)  # turns per router label
    usage: dict[str, TierUsage] = field(default_factory=dict)
    cost: float = 0.0  # all of the agent's model calls
    customer_usage: dict[str, int] = field(default_factory=dict)  # the simulated customer's model
    latency_ms: dict[str, float] = field(default_factory=dict)  # trial, agent, slowest turn
    handoffs: list[str] = field(default_factory=list)  # reasons
    guardrails: list[dict[str, Any]] = field(default_factory=list)  # {"verdict", "reason"} per answer
    input_flags: list[str] = field(default_factory=list)  # what the input guard noticed
    engines: list[str] = field(default_factory=list)
    transcript: list[dict[str, str]] = field(default_factory=list)  # {"role", "text"}
    error: str | None = None

    @property
    def key(self) -> tuple[int, int]:
        return (self.task_index, self.trial)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrialRecord:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["usage"] = {tier: TierUsage(**usage) for tier, usage in (data.get("usage") or {}).items()}
        return cls(**values)
