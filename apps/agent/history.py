"""The conversation as the models read it: customer lines as the user, everyone else's as the
assistant (a person's replies marked, so a model knows a colleague said them)."""

from __future__ import annotations

from collections.abc import Iterable

from apps.conversations.models import Conversation, Message
from apps.llm.types import Message as ChatMessage

HISTORY_MESSAGES = 30


def conversation_history(
    conversation: Conversation, *, through: int | None = None, before: int | None = None
) -> list[ChatMessage]:
    """The latest messages up to and including id `through` (or strictly before id `before`)."""
    rows = Message.objects.filter(conversation=conversation).exclude(role=Message.Role.SYSTEM)
    if through is not None:
        rows = rows.filter(id__lte=through)
    if before is not None:
        rows = rows.filter(id__lt=before)
    # Two columns, not whole rows: a turn reads up to HISTORY_MESSAGES of them.
    return history_lines(list(reversed(rows.order_by("-id").values_list("role", "text")[:HISTORY_MESSAGES])))


def history_lines(rows: Iterable[tuple[str, str]]) -> list[ChatMessage]:
    """(role, text) rows, oldest first, as the models read them."""
    history: list[ChatMessage] = []
    for role, text in rows:
        if role == Message.Role.CUSTOMER:
            history.append({"role": "user", "content": text})
        elif role == Message.Role.SUPERVISOR:
            history.append({"role": "assistant", "content": f"[a member of our team] {text}"})
        else:
            history.append({"role": "assistant", "content": text})
    return history
