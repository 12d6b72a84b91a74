"""How a stored customer message reaches the agent, without this app importing the agent.

Conversations sit below the agent: they store messages and hand-offs and know nothing of
turns. The agent app registers the function that queues a turn when Django starts
(AgentConfig.ready); `message_post` calls whatever was registered, after commit. Storing a
customer message with nothing registered is a set-up error and says so.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

TurnDispatcher = Callable[[int, int], None]  # (conversation_id, message_id)

_turn_dispatcher: TurnDispatcher | None = None


def turn_dispatcher_register(dispatcher: TurnDispatcher) -> None:
    """Name the function that queues the agent's turn for a stored customer message."""
    global _turn_dispatcher
    _turn_dispatcher = dispatcher


def turn_dispatch(conversation_id: int, message_id: int) -> None:
    """Queue the agent's turn for a stored customer message (call it after commit)."""
    if _turn_dispatcher is None:
        raise ImproperlyConfigured(
            "No turn dispatcher is registered: is apps.agent in INSTALLED_APPS? "
            "(It registers one in AgentConfig.ready.)"
        )
    _turn_dispatcher(conversation_id, message_id)
