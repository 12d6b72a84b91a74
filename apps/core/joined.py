"""Model instances from one hand-written join, for hot reads where the ORM's query building
costs more CPU than the database's work.

`select_related` over three joins took the agent's worker about 1.7 ms of CPU to compile and
1.4 ms to turn into instances, once per turn, for a query PostgreSQL ran in well under a
millisecond. Here the columns are listed once per process, and each row is cut into the
models' instances with the same database converters (JSON, dates) the ORM applies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Model

Converter = Callable[[Any, Any, Any], Any]


@cache
def _layout(model: type[Model], alias: str) -> tuple[str, list[str], list[tuple[Any, list[Converter]]]]:
    fields = list(model._meta.concrete_fields)
    quote = connection.ops.quote_name
    columns = ", ".join(f"{alias}.{quote(field.column)}" for field in fields)
    converters = []
    for field in fields:
        column = field.get_col(alias)
        # The column's converters are its field's and the backend's (what the ORM's compiler applies).
        converters.append(
            (column, [*connection.ops.get_db_converters(column), *column.get_db_converters(connection)])
        )
    return columns, [field.attname for field in fields], converters


def joined_columns(*parts: tuple[type[Model], str]) -> str:
    """The select list for these (model, table alias) pairs, in order."""
    return ", ".join(_layout(model, alias)[0] for model, alias in parts)


def joined_instances(row: Sequence[Any], *parts: tuple[type[Model], str]) -> list[Model | None]:
    """One instance per (model, alias) from a row of `joined_columns(*parts)`; None for a part
    whose primary key is NULL (an outer join that matched nothing)."""
    instances: list[Model | None] = []
    start = 0
    for model, alias in parts:
        _, names, converters = _layout(model, alias)
        values = list(row[start : start + len(names)])
        start += len(names)
        for index, (column, functions) in enumerate(converters):
            for function in functions:
                values[index] = function(values[index], column, connection)
        pk_index = names.index(model._meta.pk.attname)
        instances.append(None if values[pk_index] is None else model.from_db(connection.alias, names, values))
    return instances
