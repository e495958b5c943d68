"""The auditor's trail: who or what changed each record (simple-history), and which automated rule
acted on which data (AuditEvent), merged in time order."""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder

from .models import AuditEvent

HEADER = ["timestamp", "source", "model", "object_id", "action", "actor", "rule", "changes_or_inputs", "outcome"]
_ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def _bounds(start: date | None, end: date | None) -> dict[str, datetime]:
    out = {}
    if start:
        out["gte"] = datetime.combine(start, time.min, tzinfo=UTC)
    if end:
        out["lt"] = datetime.combine(end + timedelta(days=1), time.min, tzinfo=UTC)
    return out


def _history_rows(model, bounds: dict[str, datetime]) -> Iterator[tuple]:  # type: ignore[no-untyped-def]
    qs = model.history.model.objects.select_related("history_user").order_by("history_date", "history_id")
    qs = qs.filter(**{f"history_date__{k}": v for k, v in bounds.items()})
    previous: dict[object, object] = {}
    label = f"{model._meta.app_label}.{model._meta.model_name}"
    for record in qs.iterator(chunk_size=2000):
        before = previous.get(record.id)
        changes: dict[str, object] = {}
        if before is not None:
            delta = record.diff_against(before)
            changes = {c.field: {"old": c.old, "new": c.new} for c in delta.changes}
        previous[record.id] = record
        actor = record.history_user.get_username() if record.history_user else "system"
        yield (
            record.history_date,
            "history",
            label,
            record.id,
            _ACTIONS.get(record.history_type, "?"),
            actor,
            record.history_change_reason or "",
            json.dumps(changes, cls=DjangoJSONEncoder),
            "",
        )


def _audit_rows(bounds: dict[str, datetime]) -> Iterator[tuple]:
    qs = AuditEvent.objects.order_by("occurred_at", "id").filter(**{f"occurred_at__{k}": v for k, v in bounds.items()})
    for e in qs.iterator(chunk_size=2000):
        yield (
            e.occurred_at,
            "decision",
            e.object_type,
            e.object_id,
            e.action,
            e.actor,
            e.rule,
            json.dumps(e.inputs, cls=DjangoJSONEncoder),
            json.dumps(e.outcome, cls=DjangoJSONEncoder),
        )


def audit_trail_rows(*, start: date | None = None, end: date | None = None) -> Iterator[list[str]]:
    bounds = _bounds(start, end)
    streams = [_audit_rows(bounds)]
    for model in apps.get_models():
        if hasattr(model, "history") and hasattr(model.history, "model"):
            streams.append(_history_rows(model, bounds))
    yield HEADER
    for row in heapq.merge(*streams, key=lambda r: r[0]):
        yield [row[0].isoformat(), *[str(v) for v in row[1:]]]
