"""Configuration tables carry a generation token, changed by a trigger on every write.

Turns keep what they read of the configuration (tools, tool sources, facts, the guardrail
policy, model tiers) across turns in a process, and check with one query per turn that none of
it has changed since (apps/core/snapshots.py). The token is bumped by a database trigger, not by
the services: admin forms, the API, syncs, `.update()`, bulk writes and fixtures all write these
tables, and every one of them must be seen by the next turn of every worker process.

A random token, not a counter: a rolled-back transaction or a flushed table can never bring back
a value some process has already cached against other rows. A table without a token row (just
flushed) is never cached against.

The triggers are (re)installed after every `migrate`: SQLite rebuilds a table to alter it and
drops its triggers with it.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

from .models import ConfigGeneration

_watched: set[str] = set()


def config_tables_watch(*models: type[Model]) -> None:
    """Give these models' tables a generation token (called from their AppConfig.ready())."""
    _watched.update(model._meta.db_table for model in models)


def config_tables_watched() -> frozenset[str]:
    return frozenset(_watched)


def config_generations(*, using: str = "default") -> dict[str, int]:
    """Every watched table's current token, in one query."""
    table = ConfigGeneration._meta.db_table
    with connections[using].cursor() as cursor:
        cursor.execute(f'SELECT "table", token FROM {table}')  # noqa: S608 (the model's table)
        return dict(cursor.fetchall())


_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION {table}_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {table} ("table", token)
    VALUES (TG_TABLE_NAME, (random() * 9e18)::bigint)
    ON CONFLICT ("table") DO UPDATE SET token = EXCLUDED.token;
    RETURN NULL;
END $$
"""


def _postgresql(generations: str, watched: str) -> list[str]:
    name = f"{generations}_bump"
    return [
        f'DROP TRIGGER IF EXISTS {name} ON "{watched}"',
        f'CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{watched}" '
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
    ]


def _sqlite(generations: str, watched: str) -> list[str]:
    # Table names from the models' _meta (config_tables_watch), never from input.
    bump = f"INSERT OR REPLACE INTO {generations} (\"table\", token) VALUES ('{watched}', random())"  # noqa: S608
    return [
        f'CREATE TRIGGER IF NOT EXISTS {generations}_{watched}_{event.lower()} AFTER {event} ON "{watched}" '
        f"BEGIN {bump}; END"
        for event in ("INSERT", "UPDATE", "DELETE")
    ]


def config_triggers_install(connection: BaseDatabaseWrapper, tables: Iterable[str] | None = None) -> None:
    """Create the triggers (idempotent) and a first token for each watched table."""
    generations = ConfigGeneration._meta.db_table
    existing = set(connection.introspection.table_names())
    wanted = sorted(t for t in (tables if tables is not None else _watched) if t in existing)
    if generations not in existing or not wanted:
        return
    if connection.vendor == "postgresql":
        statements = [_PG_FUNCTION.format(table=generations)]
        builder = _postgresql
    elif connection.vendor == "sqlite":
        statements = []
        builder = _sqlite
    else:
        return  # no triggers: no token rows either, so nothing is ever cached against them
    for watched in wanted:
        statements += builder(generations, watched)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    for watched in wanted:
        # A fresh token: whatever a process cached before this migrate is not trusted after it.
        ConfigGeneration.objects.using(connection.alias).update_or_create(
            table=watched, defaults={"token": secrets.randbits(62)}
        )
