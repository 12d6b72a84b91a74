"""Realtime events for a conversation's websocket group.

Status lines are ephemeral and go out at once; events about stored rows (messages,
hand-offs) go out only after the transaction that stored them commits. The database stays
the source of truth: a client that missed an event catches up with `resume`.
"""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def conversation_group(conversation_id: int) -> str:
    return f"conversation.{conversation_id}"


def _send(conversation_id: int, event: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(conversation_group(conversation_id), event)
    except Exception:  # the fast path must never break a turn
        logger.warning(
            "could not publish %s to conversation %s", event.get("type"), conversation_id, exc_info=True
        )


def status_publish(conversation_id: int, text: str, step: int) -> None:
    """Tell the customer what the agent is doing right now."""
    _send(conversation_id, {"type": "chat.status", "text": text, "step": step})


def message_publish_on_commit(message: Any) -> None:
    """Broadcast a stored message once its transaction commits."""
    payload = {
        "type": "chat.message",
        "id": message.pk,
        "role": message.role,
        "text": message.text,
        "created": message.created_at.isoformat(),
        "meta": {k: v for k, v in (message.meta or {}).items() if k in {"author_name", "engine"}},
    }
    conversation_id = message.conversation_id
    transaction.on_commit(lambda: _send(conversation_id, payload))


def handoff_publish_on_commit(conversation_id: int, state: str, who: str = "") -> None:
    transaction.on_commit(
        lambda: _send(conversation_id, {"type": "chat.handoff", "state": state, "who": who})
    )
