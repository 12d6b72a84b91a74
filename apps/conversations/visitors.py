"""A web visitor's conversation: bound to their session, so the page and its socket agree.

The chat page starts (or picks up) the conversation and remembers its id in the session;
the websocket, authenticated by the same session cookie, only ever reads that binding.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import Conversation, Message
from .services import conversation_start
from .throttles import conversation_start_admit

SESSION_KEY = "chat_conversation_id"


def _signed_in_id(user: Any) -> int | None:
    return user.pk if user is not None and user.is_authenticated else None


def conversation_for_session(*, session: Any, user: Any) -> Conversation | None:
    """The conversation this session chats in, if it belongs to the visitor signed in now."""
    conversation_id = session.get(SESSION_KEY)
    if not conversation_id:
        return None
    conversation = Conversation.objects.filter(pk=conversation_id).first()
    if conversation is None or conversation.user_id != _signed_in_id(user):
        # Signing in or out mid-chat starts afresh: a conversation never changes hands.
        return None
    return conversation


def conversation_for_visitor(
    *, session: Any, user: Any, fresh: bool = False, client: str | None = None
) -> Conversation:
    """The visitor's open conversation, started now if there is none (or `fresh` is asked).

    Starting one counts against the client address's allowance (RateLimited past it), so a
    script loading the page without cookies cannot fill the database with conversations.
    """
    conversation = None if fresh else conversation_for_session(session=session, user=user)
    if conversation is None:
        conversation_start_admit(client=client)
        conversation = conversation_start(user=user, channel=Conversation.Channel.WEB)
        session[SESSION_KEY] = conversation.pk
    return conversation


def messages_after(*, conversation_id: int, after: int) -> QuerySet[Message]:
    """Every stored message the customer may see with an id above `after`, oldest first.

    Internal notes (a supervisor's instruction to the agent) stay in the console.
    """
    return (
        Message.objects.filter(conversation_id=conversation_id, id__gt=max(int(after), 0))
        .exclude(meta__has_key="internal")
        .select_related("author")
        .order_by("id")
    )
