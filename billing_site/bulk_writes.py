"""Bulk writes of many rows and their simple-history rows, for billing runs' chunks.

Drop-in for ``simple_history.utils.bulk_create_with_history`` / ``bulk_update_with_history`` (and
``QuerySet.bulk_create`` for models without history). On PostgreSQL the rows go in by COPY (ids
taken from the table's sequence first, so the objects keep them, as ``bulk_create`` sets them) and
updates are one ``UPDATE ... FROM unnest(<one array per column>)``: Django's ``bulk_update`` builds
a CASE expression per object and field and psycopg re-parses statements with thousands of
placeholders, which made completing 500 drafts cost seconds of CPU. Other databases take the
simple-history / Django paths. Both write what those write: the same column values (through each
field's database preparation), one history row per object ("+" created, "~" changed) with the
history date, the user simple-history would record (the request's, through its middleware) and no
change reason. No model signals are sent (neither do the bulk paths of Django and simple-history)."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone
from simple_history import utils as history_utils

_PREPARED = (models.JSONField, models.FileField)


def _fast() -> bool:
    return connection.vendor == "postgresql"


def can_take_ids() -> bool:
    """Whether ``take_ids`` works here (PostgreSQL sequences)."""
    return _fast()


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


@functools.cache
def _plan(model: type[models.Model]) -> tuple[list[models.Field], list[models.Field], list[models.Field]]:
    """(concrete fields, fields set on insert (auto_now...), fields prepared for the driver)."""
    fields = list(model._meta.concrete_fields)
    stamped = [f for f in fields if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False)]
    prepared = [f for f in fields if isinstance(f, _PREPARED)]
    return fields, stamped, prepared


def _prepared(field: models.Field, value: Any) -> Any:
    if isinstance(field, models.JSONField):
        if value is None and field.null:
            return None  # SQL NULL, as Django writes None in a nullable JSONField
        # Text once (COPY and the history row reuse it): what the field's encoder writes.
        return json.dumps(value, cls=field.encoder)
    return field.get_db_prep_save(value, connection)


def _rows(model: type[models.Model], objs: Sequence[models.Model], *, add: bool) -> list[dict[str, Any]]:
    """Each object's column values by attname, as an insert (``add``) or an update would write them."""
    fields, stamped, prepared = _plan(model)
    rows = []
    for obj in objs:
        if add:
            for field in stamped:
                field.pre_save(obj, True)  # sets the attribute, as an insert would
        row = obj.__dict__
        values = {f.attname: row[f.attname] if f.attname in row else getattr(obj, f.attname) for f in fields}
        for field in prepared:
            values[field.attname] = _prepared(field, values[field.attname])
        rows.append(values)
    return rows


def _copy(table: str, columns: list[str], rows: list[list[Any]]) -> None:
    names = ", ".join(_quote(c) for c in columns)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {_quote(table)} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _history(
    model: type[models.Model],
    objs: Sequence[models.Model],
    values: list[dict[str, Any]],
    history_type: str,
    now: datetime,
) -> None:
    history = history_utils.get_history_model_for_model(model)
    # The user simple-history would record (the request's, through its middleware), once per call.
    user = history.get_default_history_user(objs[0])
    specials = {
        "history_date": now,
        "history_type": history_type,
        "history_change_reason": None,
        "history_user_id": getattr(user, "pk", None),
    }
    columns, getters = [], []
    for field in history._meta.concrete_fields:
        if field.attname == "history_id":
            continue  # its own identity
        columns.append(field.column)
        getters.append(field.attname)
    rows = [[specials[a] if a in specials else row.get(a) for a in getters] for row in values]
    _copy(history._meta.db_table, columns, rows)


def take_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` primary keys from the table's sequence (PostgreSQL), for rows inserted later in
    the transaction (a crash leaves a gap, as any rolled-back insert does)."""
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [_quote(table), pk, count]
        )
        return [row[0] for row in cursor.fetchall()]


def bulk_create(objs: Sequence[models.Model], model: type[models.Model]) -> list[models.Model]:
    """Insert ``objs`` (unsaved) and set their primary keys; no history rows."""
    objs = list(objs)
    if not objs:
        return objs
    if not _fast():
        return model._default_manager.bulk_create(objs, batch_size=1000)
    _insert(model, objs)
    return objs


def _insert(model: type[models.Model], objs: list[models.Model]) -> list[dict[str, Any]]:
    """COPY the objects' rows; objects without a primary key get one from the sequence first."""
    missing = [obj for obj in objs if obj.pk is None]
    for obj, pk in zip(missing, take_ids(model, len(missing)) if missing else [], strict=True):
        obj.pk = pk
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias
    values = _rows(model, objs, add=True)
    fields = _plan(model)[0]
    columns = [field.column for field in fields]
    attnames = [field.attname for field in fields]
    _copy(model._meta.db_table, columns, [[row[a] for a in attnames] for row in values])
    return values


def bulk_create_with_history(
    objs: Sequence[models.Model], model: type[models.Model], batch_size: int | None = None
) -> list[models.Model]:
    """``simple_history.utils.bulk_create_with_history``: insert ``objs`` and a "+" history row
    for each; their primary keys are set."""
    objs = list(objs)
    if not objs:
        return objs
    if not _fast():
        return history_utils.bulk_create_with_history(objs, model, batch_size=batch_size or 1000)
    with transaction.atomic(savepoint=False):
        values = _insert(model, objs)
        _history(model, objs, values, "+", timezone.now())
    return objs


def bulk_update_with_history(
    objs: Sequence[models.Model], model: type[models.Model], fields: Sequence[str], batch_size: int | None = None
) -> int:
    """``simple_history.utils.bulk_update_with_history``: write ``fields`` of ``objs`` (saved
    rows) and a "~" history row for each. Returns the rows updated."""
    objs = list(objs)
    if not objs:
        return 0
    if not _fast():
        return history_utils.bulk_update_with_history(objs, model, list(fields), batch_size=batch_size)
    meta = model._meta
    targets = [meta.pk] + [meta.get_field(name) for name in fields]
    values = _rows(model, objs, add=False)
    arrays = [[obj.pk for obj in objs]] + [[row[f.attname] for row in values] for f in targets[1:]]
    types = [f.cast_db_type(connection) or f.db_type(connection) for f in targets]
    columns = [_quote(f.column) for f in targets]
    table = _quote(meta.db_table)
    sql = (
        f"UPDATE {table} SET {', '.join(f'{c} = v.{c}' for c in columns[1:])} "
        f"FROM unnest({', '.join(f'%s::{t}[]' for t in types)}) AS v({', '.join(columns)}) "
        f"WHERE {table}.{columns[0]} = v.{columns[0]}"
    )
    with transaction.atomic(savepoint=False):
        with connection.cursor() as cursor:
            cursor.execute(sql, arrays)
            updated = cursor.rowcount
        _history(model, objs, values, "~", timezone.now())
    return updated
