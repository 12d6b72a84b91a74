"""Reads of the agent's own records: its trace of a conversation and its step numbering."""

from __future__ import annotations

from typing import Any

from apps.conversations.handoff_selectors import conversation_detail, handoff_queue
from apps.tools.registry import ToolKind
from apps.tools.selectors import tool_effective

from .models import AgentStep, AgentTurn

TRACE_LIMIT = 50


def step_number_next(conversation_id: int) -> int:
    """The next step number of the conversation. Steps count across the whole conversation
    (turns and assists alike) and are the tool calls' idempotency keys."""
    last = (
        AgentStep.objects.filter(conversation_id=conversation_id)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return (last or 0) + 1


def conversation_trace(conversation_id: int, *, limit: int = TRACE_LIMIT) -> list[dict[str, Any]]:
    """The agent's latest thoughts, tool calls and observations in the conversation, oldest first."""
    steps = list(AgentStep.objects.filter(conversation_id=conversation_id).order_by("-number")[:limit])
    return [
        {
            "number": s.number,
            "tier": s.tier,
            "thought": s.thought,
            "tool": s.tool_name,
            "arguments": s.arguments,
            "ok": s.ok,
            "observation": s.observation[:2000],
            "created": s.created_at.isoformat(),
        }
        for s in reversed(steps)
    ]


def conversation_for_console(conversation_id: int) -> dict[str, Any] | None:
    """Everything a supervisor needs to pick a chat up: history, entities, hand-off and trace."""
    detail = conversation_detail(conversation_id)
    if detail is None:
        return None
    return {**detail, "trace": conversation_trace(conversation_id)}


def tool_status_line(tool: str, arguments: dict[str, Any]) -> str:
    """What the customer sees while the tool runs ("Checking order #W1234567...")."""
    effective = tool_effective(tool)
    return effective.status_for(arguments) if effective is not None else "Working on it..."


def tool_is_write(tool: str) -> bool:
    effective = tool_effective(tool)
    return effective is not None and effective.definition.kind == ToolKind.WRITE


# The customer's mood on the console's cards, from how the router read their recent messages.
MOOD_SAMPLE = 5


def console_queue(*, reader_id: int | None = None) -> list[dict[str, Any]]:
    """The hand-off queue as a supervisor's console shows it: each card also carries the
    customer's mood ("upset" when a recent message read as a complaint, else "calm")."""
    items = handoff_queue(reader_id=reader_id)
    upset = conversations_upset([item["conversation"] for item in items])
    for item in items:
        item["mood"] = "upset" if item["conversation"] in upset else "calm"
    return items


def conversations_upset(conversation_ids: list[int]) -> set[int]:
    """Those of the conversations whose latest customer turns include a complaint."""
    upset: set[int] = set()
    if not conversation_ids:
        return upset
    recent: dict[int, int] = {}
    rows = (
        AgentTurn.objects.filter(conversation_id__in=conversation_ids)
        .exclude(route_label="assist")
        .order_by("conversation_id", "-id")
        .values_list("conversation_id", "route_label")
    )
    for conversation_id, label in rows:
        seen = recent.get(conversation_id, 0)
        if seen >= MOOD_SAMPLE:
            continue
        recent[conversation_id] = seen + 1
        if label == "complaint":
            upset.add(conversation_id)
    return upset
