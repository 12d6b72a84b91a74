"""A customer played by a model on any OpenAI-compatible endpoint, briefed with the task.

The model sees the chat from the customer's side: the agent's messages arrive as the other
party's turns and its own turns are what the customer types. It ends the chat with a marker.
"""

from __future__ import annotations

import os

from apps.llm.endpoint import EndpointConfig
from apps.llm.openai_model import OpenAIChatModel
from apps.llm.types import ChatModel, Message

from .customer import CustomerConfig, CustomerUsage

END_MARKER = "###END###"

BRIEFING = """\
You are playing a customer of an online shop in a chat with the shop's support assistant. You are \
the customer, never the assistant; do not help the assistant or explain its job to it.

Your situation, in the third person (act it out, do not read it aloud):
{instruction}

How to play the part:
- Write one short message per turn, as a person types in a chat box.
- Give details (your name and zip code or your email, order numbers, items, preferences) when they \
are needed or asked for, not all at once.
- Keep to your situation. If you are asked for something it does not tell you, say you do not know; \
never make up ids, figures or addresses.
- Before the assistant changes anything it should tell you what it will do. Agree only when it \
matches what you want; otherwise say what is wrong.
- When everything you came for is done, or the assistant has made clear it cannot be done, or you \
are being passed to a person, reply with {end} and nothing else.
"""

OPENING_CUE = "(The chat window opens. Write your first message to the assistant.)"


def customer_endpoint(config: CustomerConfig, *, seed: int) -> ChatModel:
    """The OpenAI-compatible model that plays the customer; the key is read from `config.key_env`."""
    key = os.environ.get(config.key_env, "")
    if not key:
        raise ValueError(f"the simulated customer's model needs a key in ${config.key_env}")
    endpoint = EndpointConfig(
        tier="customer",
        model=config.model,
        base_url=config.base_url or None,
        api_key=key,
        timeout_seconds=config.timeout_seconds,
        extra_params={"seed": seed, **config.extra_params},
    )
    return OpenAIChatModel(endpoint)


class ModelCustomer:
    """Plays the customer with a chat model briefed in our words with the task's instruction."""

    def __init__(self, model: ChatModel, instruction: str, *, max_chars: int = 2000) -> None:
        self.usage = CustomerUsage()
        self._model = model
        self._max_chars = max_chars
        self._messages: list[Message] = [
            {"role": "system", "content": BRIEFING.format(instruction=instruction, end=END_MARKER)},
            {"role": "user", "content": OPENING_CUE},
        ]

    def opening(self) -> str:
        # A customer who leaves before saying anything still says something.
        return self._say() or "Hello."

    def reply(self, agent_text: str) -> str | None:
        self._messages.append({"role": "user", "content": agent_text or "(no reply)"})
        return self._say()

    def _say(self) -> str | None:
        reply = self._model.complete(self._messages, [])
        self.usage.calls += 1
        self.usage.input_tokens += reply.usage.input_tokens
        self.usage.output_tokens += reply.usage.output_tokens
        text = (reply.content or "").strip()
        self._messages.append({"role": "assistant", "content": text})
        if not text or END_MARKER in text:
            return None
        return text[: self._max_chars]
