"""The simulated customer's interface, and how an evaluation picks one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

SCRIPTED = "scripted"
MODEL = "model"


@dataclass
class CustomerUsage:
    """What playing the customer cost in model calls (zero for the rule-based customer)."""

    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0


class SimulatedCustomer(Protocol):
    usage: CustomerUsage

    def opening(self) -> str:
        """The customer's first message."""
        ...

    def reply(self, agent_text: str) -> str | None:
        """The customer's answer to the agent's message, or None: the customer leaves the chat."""
        ...


@dataclass(frozen=True)
class CustomerConfig:
    """Which customer plays each task (plain data, so worker processes can receive it)."""

    kind: str = SCRIPTED  # scripted or model
    model: str = ""
    base_url: str = ""
    key_env: str = "OPENAI_API_KEY"
    timeout_seconds: float = 60.0
    seed: int = 0
    extra_params: dict[str, object] = field(default_factory=dict)
