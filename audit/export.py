"""The auditor's trail: who or what changed each record (simple-history), and which automated rule
acted on which data (AuditEvent), merged in time order."""

from __future__ import annotations

import csv
import hashlib
import heapq
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder

from .models import AuditEvent, AuditExport, ChainHead

HEADER = ["timestamp", "source", "model", "object_id", "action", "actor", "rule", "changes_or_inputs", "outcome"]
_ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def _bounds(start: date | None, end: date | None) -> dict[str, datetime]:
    out = {}
    if start:
        out["gte"] = datetime.combine(start, time.min, tzinfo=UTC)
    if end:
        out["lt"] = datetime.combine(end + timedelta(days=1), time.min, tzinfo=UTC)
    return out


def _snapshot(record, *, side: str) -> dict[str, dict[str, object]]:  # type: ignore[no-untyped-def]
    """Every tracked field of a history record as {field: {"old": ..., "new": ...}}, with the values on
    ``side`` ("new" for a creation: its initial values; "old" for a deletion: its last values)."""
    other = "old" if side == "new" else "new"
    return {
        f.name: {other: None, side: getattr(record, f.attname)}
        for f in record._meta.concrete_fields
        if not f.name.startswith("history_")
    }


def _history_rows(model, bounds: dict[str, datetime]) -> Iterator[tuple]:  # type: ignore[no-untyped-def]
    qs = model.history.model.objects.select_related("history_user").order_by("history_date", "history_id")
    qs = qs.filter(**{f"history_date__{k}": v for k, v in bounds.items()})
    previous: dict[object, object] = {}
    label = f"{model._meta.app_label}.{model._meta.model_name}"
    for record in qs.iterator(chunk_size=2000):
        changes: dict[str, object]
        if record.history_type == "+":
            changes = _snapshot(record, side="new")
        elif record.history_type == "-":
            changes = _snapshot(record, side="old")
        else:
            # The version before may lie before the range: simple-history finds it (one query).
            before = previous.get(record.id) or record.prev_record
            changes = {}
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


class _Echo:
    def write(self, value: str) -> str:
        return value


def audit_export_chunks(
    *, start: date | None, end: date | None, fmt: str, created_by: str
) -> Iterator[bytes]:
    """The export as encoded chunks (CSV, or a JSON array of objects whose changes, inputs and
    outcome are objects), hashed as it streams; once complete it is recorded as an ``AuditExport``
    with its SHA-256 and the chain head it was made against, so the file can be re-verified."""
    head = ChainHead.objects.filter(pk=1).first()
    digest = hashlib.sha256()
    count = 0

    def emit(text: str) -> bytes:
        data = text.encode()
        digest.update(data)
        return data

    rows = audit_trail_rows(start=start, end=end)
    header = next(rows)
    if fmt == "csv":
        writer = csv.writer(_Echo())
        yield emit(writer.writerow(header))
        for row in rows:
            count += 1
            yield emit(writer.writerow(row))
    else:
        yield emit("[")
        for row in rows:
            record: dict[str, object] = dict(zip(header, row, strict=True))
            for key in ("changes_or_inputs", "outcome"):
                record[key] = json.loads(record[key]) if record[key] else None  # type: ignore[arg-type]
            yield emit(("," if count else "") + "\n" + json.dumps(record, sort_keys=True, ensure_ascii=False))
            count += 1
        yield emit("\n]\n")
    AuditExport.objects.create(
        created_by=created_by, start=start, end=end, format=fmt, rows=count, sha256=digest.hexdigest(),
        chain_position=head.position if head else 0, chain_hash=head.hash if head else "",
    )


def audit_export_find(*, content: bytes) -> tuple[str, AuditExport | None]:
    """The SHA-256 of an export file and the export it was (None: not an export we handed out, or altered)."""
    sha = hashlib.sha256(content).hexdigest()
    return sha, AuditExport.objects.filter(sha256=sha).order_by("created_at").first()
