"""A turn's bookkeeping shared by the turn run and the hand-off: whether it may still write or
answer, saving the conversation's working context, and closing the turn."""

from __future__ import annotations

from apps.agent.models import AgentTurn
from apps.conversations.models import Conversation
from apps.conversations.services import conversation_turn_guard, pending_turn_done
from apps.llm.context import AgentContext


class LeaseLost(Exception):
    """The lease ran out while this turn ran (its heartbeat could not reach the database) and
    another execution holds it now: this one stops without writing or answering."""


def turn_may_go_on(turn: AgentTurn, owner: str) -> bool:
    """Inside the caller's transaction: lock the conversation and check the agent still has it.

    A person or a closed chat: the turn ends quietly (done, nothing said). A lost lease:
    LeaseLost, since the turn now belongs to whoever holds it.
    """
    stop = conversation_turn_guard(conversation_id=turn.conversation_id, owner=owner)
    if stop == "lease_lost":
        raise LeaseLost(f"conversation {turn.conversation_id}: lease lost")
    if stop is not None:
        turn_finish(turn, outcome="human")
        return False
    return True


def turn_context_save(conversation: Conversation, context: AgentContext) -> None:
    conversation.state = context.as_dict()
    conversation.save(update_fields=["state", "updated_at"])


def turn_finish(turn: AgentTurn, *, outcome: str) -> None:
    turn.outcome = outcome
    turn.status = AgentTurn.Status.DONE
    turn.save()
    pending_turn_done(message_id=turn.message_id)
