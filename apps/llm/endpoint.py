"""One model tier's endpoint settings and what a call on it costs.

Kept apart from openai_model.py so settings, admin and the dashboard can build configs and
price usage without importing the openai SDK.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

from apps.llm.types import Usage

CHAT_COMPLETIONS: Final = "chat_completions"
RESPONSES: Final = "responses"
REASONING_EFFORTS: Final = ("minimal", "low", "medium", "high")

_MILLION = Decimal(1_000_000)
_COST_PLACES = Decimal("0.000001")  # ModelCall.cost has 6 decimal places


@dataclass(frozen=True, kw_only=True)
class EndpointConfig:
    """Plain settings for one OpenAI-compatible endpoint (OpenAI, Azure, vLLM, Ollama)."""

    tier: str
    model: str
    # The key itself, resolved by the caller from the tier's environment variable.
    api_key: str = field(repr=False)
    base_url: str | None = None  # None or "": OpenAI's own endpoint
    timeout_seconds: float = 30.0
    max_retries: int = 2
    api: str = CHAT_COMPLETIONS  # or RESPONSES (OpenAI's reasoning models)
    reasoning_effort: str = ""  # "": not sent; else one of REASONING_EFFORTS
    # Streamed, the timeout bounds the silence between two events rather than the whole reply,
    # so a stalled endpoint is noticed early without cutting off a long answer.
    stream: bool = True
    # Merged into every request body, e.g. {"reasoning_effort": "medium"} or {"temperature": 0}.
    # A None value removes a parameter we would otherwise send (e.g. {"parallel_tool_calls": None}
    # for servers that reject it, or {"stream_options": None} for servers without usage in streams).
    extra_params: Mapping[str, Any] = field(default_factory=dict)
    input_price_per_million: Decimal = Decimal(0)
    output_price_per_million: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        # An empty key would make the SDK fall back to $OPENAI_API_KEY and send another tier's
        # key (perhaps OpenAI's) to this tier's base URL.
        if not self.api_key:
            raise ValueError(f"tier {self.tier!r}: api_key is empty")
        if self.timeout_seconds <= 0:
            raise ValueError(f"tier {self.tier!r}: timeout_seconds must be positive")
        if self.max_retries < 0:
            raise ValueError(f"tier {self.tier!r}: max_retries must not be negative")
        if self.api not in (CHAT_COMPLETIONS, RESPONSES):
            raise ValueError(f"tier {self.tier!r}: unknown api {self.api!r}")
        if self.reasoning_effort not in ("", *REASONING_EFFORTS):
            raise ValueError(f"tier {self.tier!r}: unknown reasoning effort {self.reasoning_effort!r}")


def cost_of(usage: Usage, config: EndpointConfig) -> Decimal:
    """What a call cost at the tier's prices per million tokens, to 6 decimal places."""
    cost = (
        Decimal(usage.input_tokens) * config.input_price_per_million
        + Decimal(usage.output_tokens) * config.output_price_per_million
    ) / _MILLION
    return cost.quantize(_COST_PLACES, rounding=ROUND_HALF_UP)
