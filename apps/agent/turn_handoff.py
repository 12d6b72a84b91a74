"""Handing a turn over to a person: a clean slate for whoever picks the chat up, one hand-off
with the turn's context, and the reply that tells the customer."""

from __future__ import annotations

from django.db import transaction

from apps.agent.handoff_replies import HANDOFF_REPLIES
from apps.agent.models import AgentTurn
from apps.agent.runner import principal_for_conversation
from apps.agent.turn_state import turn_context_save, turn_finish, turn_may_go_on
from apps.conversations.handoffs import handoff_open
from apps.conversations.models import Conversation, Handoff, Message
from apps.conversations.services import message_post
from apps.llm.context import AgentContext


def turn_hand_off(
    turn: AgentTurn,
    conversation: Conversation,
    context: AgentContext,
    reason: str,
    summary: str,
    *,
    owner: str,
    reply_text: str | None = None,
) -> Message | None:
    steps = [
        {"tool": s.tool_name, "ok": s.ok, "observation": s.observation[:300]}
        for s in turn.steps.order_by("-number")[:8]
    ]
    # Whoever picks the conversation up again starts from a clean slate: no open request,
    # no proposal a later "yes" could trigger.
    context.transaction_open = False
    context.pending_action = None
    context.slots = {}
    with transaction.atomic():
        # A person may have taken the chat meanwhile: no second hand-off, no second reply.
        if not turn_may_go_on(turn, owner):
            return None
        handoff_open(
            conversation=conversation,
            actor=f"agent:{turn.tier}",
            reason=reason,
            summary=summary,
            context={
                "customer_id": context.customer_id,
                "order_ids": context.order_ids,
                "intent": context.intent,
                "summary": context.summary,
                "last_steps": steps[::-1],
                "principal": principal_for_conversation(conversation).as_dict(),
            },
            priority=1 if reason in {Handoff.Reason.TOOL_FAILURES, Handoff.Reason.MODEL_DOWN} else 2,
        )
        reply, _ = message_post(
            conversation=conversation,
            role=Message.Role.AGENT,
            text=reply_text or HANDOFF_REPLIES.get(reason, HANDOFF_REPLIES["default"]),
            meta={"tier": turn.tier, "engine": "system", "handoff": reason},
            actor=f"agent:{turn.tier}",
        )
        turn_context_save(conversation, context)
        turn.answer = reply
        turn_finish(turn, outcome="handoff")
    return reply
