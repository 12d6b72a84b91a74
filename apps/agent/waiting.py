"""Model waits that hold no database connection.

A turn spends most of its time waiting on a model (seconds per call). On a worker's thread pool
hundreds of turns wait at once; if each kept its database connection through the wait, the pool
of connections (DATABASE_POOL_MAX_SIZE per process) would run dry long before the threads did.
So the thread gives its connection back before each call and borrows one again (from the pool,
cheaply) on its next query. Never inside a transaction: there the connection must stay.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection

from apps.llm.types import ChatModel, Message, Reply, ToolSpec


class ConnectionReleasingModel:
    """A ChatModel that releases the thread's database connection before each call."""

    def __init__(self, model: ChatModel) -> None:
        self.model = model

    @property
    def name(self) -> str:
        return self.model.name

    def complete(self, messages: Sequence[Message], tools: Sequence[ToolSpec]) -> Reply:
        # SQLite (the embedded default) has no pool to give back to.
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            connection.close()
        return self.model.complete(messages, tools)
