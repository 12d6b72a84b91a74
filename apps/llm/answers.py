"""Final answers that declare their claims: the model writes its answer and, next to it, each
claim it makes (kind, object, value, the tool call it rests on), through structured output
with a strict JSON schema. The guardrails verify every declared claim and still read the text
for claims nobody declared (apps/guardrails/declared.py).

Both OpenAI clients ask for this shape (Chat Completions `response_format`, Responses
`text.format`); a tier whose server does not support it turns it off with the extra request
parameter `{"response_format": null}` (or `{"text": null}` on the Responses API), and its
answers are then read as plain text. A reply that is not this JSON is plain text too.
"""

from __future__ import annotations

import json
from typing import Any, Final

ANSWER_SCHEMA_NAME: Final = "answer_with_claims"
CLAIM_KINDS: Final = ("action", "amount", "term", "status")

ANSWER_SCHEMA: Final[dict[str, Any]] = {
    "type": "object",
    "properties": {
        "answer": {"type": "string", "description": "The reply the customer reads, in plain words."},
        "claims": {
            "type": "array",
            "description": (
                "Every checkable statement the answer makes: an action done (kind action, value the "
                "action such as cancel or refund, object the order id), an amount (kind amount, "
                "value the figure as written, object what it is), a policy term (kind term, object the fact "
                "key, value as stated), an order status (kind status, object the order id). "
                "tool_call is the id of the tool call the claim rests on, or empty."
            ),
            "items": {
                "type": "object",
                "properties": {
                    "kind": {"type": "string", "enum": list(CLAIM_KINDS)},
                    "object": {"type": "string"},
                    "value": {"type": "string"},
                    "tool_call": {"type": "string"},
                },
                "required": ["kind", "object", "value", "tool_call"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["answer", "claims"],
    "additionalProperties": False,
}

# What the model is told about the shape, in the agent's system prompt (apps/agent/prompts.py).
ANSWER_INSTRUCTIONS: Final = (
    'When you answer the customer (no tool call), reply with JSON: {"answer": the text for the '
    'customer, "claims": every action, amount, policy term and order status the text states, '
    "each with the tool call id it rests on}. Declare only what the text says; never state "
    "something you did not declare."
)


def chat_completions_format() -> dict[str, Any]:
    return {
        "type": "json_schema",
        "json_schema": {"name": ANSWER_SCHEMA_NAME, "strict": True, "schema": ANSWER_SCHEMA},
    }


def responses_format() -> dict[str, Any]:
    return {
        "format": {"type": "json_schema", "name": ANSWER_SCHEMA_NAME, "strict": True, "schema": ANSWER_SCHEMA}
    }


def answer_parse(content: str | None) -> tuple[str | None, tuple[dict[str, str], ...] | None]:
    """(the answer text, its declared claims) from a reply's content; (content, None) when the
    content is not an answer with claims (plain text, a thought, malformed JSON)."""
    if not content:
        return content, None
    text = content.strip()
    if not text.startswith("{"):
        return content, None
    try:
        data = json.loads(text)
    except ValueError:
        return content, None
    if not isinstance(data, dict) or not isinstance(data.get("answer"), str):
        return content, None
    claims = data.get("claims")
    if not isinstance(claims, list):
        return data["answer"], ()
    declared = tuple(
        {key: str(item.get(key) or "") for key in ("kind", "object", "value", "tool_call")}
        if isinstance(item, dict)
        else {"kind": "", "object": "", "value": str(item), "tool_call": ""}
        for item in claims[:50]
    )
    return data["answer"], declared
