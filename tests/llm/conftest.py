from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from apps.llm.openai_model import EndpointConfig, OpenAIChatModel
from tests.support.openai_server import ScriptedOpenAIServer

API_KEY = "sk-test-contract"


@pytest.fixture
def openai_server() -> Iterator[ScriptedOpenAIServer]:
    """A running loopback server with an empty script; tests push their replies."""
    with ScriptedOpenAIServer() as server:
        yield server


@pytest.fixture
def model_for(openai_server: ScriptedOpenAIServer) -> Callable[..., OpenAIChatModel]:
    """Builds an OpenAIChatModel on the loopback server; keyword arguments override the config
    (not streamed unless stream=True: test_openai_model_streaming.py covers streams)."""
    base = EndpointConfig(
        tier="fast",
        model="gpt-test",
        base_url=openai_server.base_url,
        api_key=API_KEY,
        timeout_seconds=5.0,
        max_retries=2,
        stream=False,
        input_price_per_million=Decimal("2.00"),
        output_price_per_million=Decimal("8.00"),
    )

    def build(**overrides: Any) -> OpenAIChatModel:
        return OpenAIChatModel(replace(base, **overrides))

    return build
