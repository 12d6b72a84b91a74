"""The customer messages a conversation is owed an answer for, as the turn's lease holder reads
them: a PendingTurn, or any up to the message a task was queued for, whose turn is not done."""

from __future__ import annotations

from typing import Any

from django.db import connection

from apps.agent.models import AgentTurn
from apps.commerce.models import Customer
from apps.conversations.models import Conversation, Message, PendingTurn
from apps.core.joined import joined_columns, joined_instances


def owed_messages(conversation_id: int, message_id: int, handled: list[int]) -> list[Message]:
    """The owed messages (`owed_ids`) with their turn, conversation and customer, in one query."""
    where, params = _owed_where(conversation_id, message_id, handled)
    return _messages_joined(where, params)


_OWED_PARTS = ((Message, "m"), (Conversation, "c"), (Customer, "k"), (AgentTurn, "t"))


def _messages_with_turn_and_conversation(ids: list[int]) -> list[Message]:
    """These messages with their turn, conversation and customer (see `_messages_joined`)."""
    return _messages_joined(f"m.id IN ({', '.join(['%s'] * len(ids))})", list(ids))


def _messages_joined(where: str, params: list[Any]) -> list[Message]:
    """The messages with their turn (if any), conversation and its customer (if any): what
    `select_related("turn", "conversation__customer")` reads, in one hand-written join (the
    ORM spent about 3 ms of CPU a turn building and unpacking it; apps/core/joined.py)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {joined_columns(*_OWED_PARTS)} FROM {Message._meta.db_table} m "  # noqa: S608
            f"JOIN {Conversation._meta.db_table} c ON c.id = m.conversation_id "
            f"LEFT OUTER JOIN {Customer._meta.db_table} k ON k.id = c.customer_id "
            f"LEFT OUTER JOIN {AgentTurn._meta.db_table} t ON t.message_id = m.id "
            f"LEFT OUTER JOIN {PendingTurn._meta.db_table} p ON p.message_id = m.id "
            f"WHERE {where} ORDER BY m.id",
            params,
        )
        rows = cursor.fetchall()
    messages = []
    for row in rows:
        message, conversation, customer, turn = joined_instances(row, *_OWED_PARTS)
        assert isinstance(message, Message)
        assert isinstance(conversation, Conversation)
        conversation._state.fields_cache["customer"] = customer
        message._state.fields_cache["conversation"] = conversation
        # As select_related leaves it: no turn reads as AgentTurn.DoesNotExist, without a query.
        message._state.fields_cache["turn"] = turn
        if turn is not None:
            turn._state.fields_cache["message"] = message
        messages.append(message)
    return messages


def _owed_where(conversation_id: int, message_id: int, handled: list[int]) -> tuple[str, list[Any]]:
    """The customer messages owed an answer: a PendingTurn, or up to `message_id`; not answered
    (their turn is not done) nor `handled` by this execution. Over messages `m` joined with their
    pending turn `p` and turn `t`. Hand-written: the ORM spent more CPU building this query than
    the database spent running it, twice a turn."""
    not_handled = f"AND m.id NOT IN ({', '.join(['%s'] * len(handled))})" if handled else ""
    return (
        "m.conversation_id = %s AND m.role = %s AND (p.id IS NOT NULL OR m.id <= %s) "
        f"AND (t.status IS NULL OR t.status <> %s) {not_handled}",
        [conversation_id, Message.Role.CUSTOMER.value, message_id, AgentTurn.Status.DONE.value, *handled],
    )


def owed_ids(conversation_id: int, message_id: int, handled: list[int]) -> list[int]:
    """Only the ids of the owed messages: the look after letting go of the lease, which
    usually finds none."""
    where, params = _owed_where(conversation_id, message_id, handled)
    messages, pending, turns = (
        Message._meta.db_table,
        PendingTurn._meta.db_table,
        AgentTurn._meta.db_table,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT m.id FROM {messages} m "  # noqa: S608 (table names from the models)
            f"LEFT OUTER JOIN {pending} p ON p.message_id = m.id "
            f"LEFT OUTER JOIN {turns} t ON t.message_id = m.id "
            f"WHERE {where} ORDER BY m.id",
            params,
        )
        return [row[0] for row in cursor.fetchall()]
