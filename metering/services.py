"""Usage ingestion: validate each event on its own, store the valid ones once per idempotency key.

Validation is hand-written rather than a DRF serializer per event: batches of 10,000 events are
the hot path, and per-event serializer overhead dominates there."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from contracts.models import Customer

from .models import Meter, UsageEvent

MAX_BATCH = 10_000
FUTURE_TOLERANCE = timedelta(minutes=5)
INSERT_CHUNK = 500


@dataclass
class ValidEvent:
    index: int
    idempotency_key: str
    body_hash: str
    customer_id: int
    meter_id: int
    timestamp: datetime
    quantity: Decimal
    properties: dict[str, Any]


@dataclass
class IngestResult:
    accepted: int = 0
    duplicates: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)
    # index -> "stored" | "duplicate" | "conflict"
    outcomes: dict[int, str] = field(default_factory=dict)


def _parse_quantity(value: Any) -> Decimal | None:
    if value is None:
        return Decimal(1)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    try:
        quantity = Decimal(str(value))
    except InvalidOperation:
        return None
    if not quantity.is_finite() or abs(quantity) >= Decimal(10) ** 18:
        return None
    return quantity


def _parse_timestamp(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = parse_datetime(value)
    except ValueError:
        return None
    if parsed is None or parsed.tzinfo is None:
        return None
    return parsed.astimezone(UTC)


def _body_hash(customer_id: int, metric: str, timestamp: datetime, quantity: Decimal, properties: Any) -> str:
    body = {
        "customer": customer_id,
        "metric": metric,
        "timestamp": timestamp.isoformat(),
        "quantity": format(quantity.normalize(), "f"),
        "properties": properties,
    }
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def _resolve_customers(refs: set[str]) -> dict[str, int]:
    """Map each reference (external_id, or our numeric id) to a customer pk. An external_id that
    looks like a number wins over a primary key, as everywhere in the API."""
    ids = {int(r) for r in refs if r.isdigit()}
    by_external: dict[str, int] = {}
    by_pk: dict[str, int] = {}
    rows = Customer.objects.filter(Q(external_id__in=refs) | Q(pk__in=ids)).values_list("pk", "external_id")
    for pk, external_id in rows:
        if external_id in refs:
            by_external[external_id] = pk
        if pk in ids:
            by_pk[str(pk)] = pk
    return {**by_pk, **by_external}


def _validate(
    index: int, raw: Any, customers: Mapping[str, int], meters: Mapping[str, Meter], now: datetime
) -> tuple[ValidEvent | None, dict[str, list[str]]]:
    if not isinstance(raw, Mapping):
        return None, {"non_field_errors": ["An event must be a JSON object."]}
    errors: dict[str, list[str]] = {}
    key = raw.get("idempotency_key")
    if not isinstance(key, str) or not key.strip():
        errors["idempotency_key"] = ["This field is required."]
    elif len(key) > 255:
        errors["idempotency_key"] = ["At most 255 characters."]
    customer_ref = raw.get("customer")
    customer_id = customers.get(str(customer_ref)) if customer_ref not in (None, "") else None
    if customer_ref in (None, ""):
        errors["customer"] = ["This field is required."]
    elif customer_id is None:
        errors["customer"] = [f"No customer '{customer_ref}'."]
    metric = raw.get("metric")
    meter = meters.get(metric) if isinstance(metric, str) else None
    if metric in (None, ""):
        errors["metric"] = ["This field is required."]
    elif meter is None:
        errors["metric"] = [f"No meter '{metric}'."]
    timestamp = _parse_timestamp(raw.get("timestamp"))
    if raw.get("timestamp") in (None, ""):
        errors["timestamp"] = ["This field is required."]
    elif timestamp is None:
        errors["timestamp"] = ["Expected an ISO 8601 timestamp with an offset, e.g. 2026-03-09T14:02:11Z."]
    elif timestamp > now + FUTURE_TOLERANCE:
        errors["timestamp"] = ["More than 5 minutes in the future."]
    quantity = _parse_quantity(raw.get("quantity"))
    if quantity is None:
        errors["quantity"] = ['Expected a finite decimal number, e.g. "1" or "0.25".']
    properties = raw.get("properties", {})
    if properties is None:
        properties = {}
    if not isinstance(properties, dict):
        errors["properties"] = ["Expected a JSON object."]
    if errors:
        return None, errors
    assert customer_id is not None
    assert meter is not None
    assert timestamp is not None
    assert quantity is not None
    return (
        ValidEvent(
            index=index,
            idempotency_key=key,
            body_hash=_body_hash(customer_id, meter.code, timestamp, quantity, properties),
            customer_id=customer_id,
            meter_id=meter.pk,
            timestamp=timestamp,
            quantity=quantity,
            properties=properties,
        ),
        {},
    )


def _insert_new(events: Sequence[ValidEvent]) -> set[str]:
    """INSERT ... ON CONFLICT DO NOTHING RETURNING: the keys this call stored. Works on
    PostgreSQL and SQLite >= 3.35; concurrent batches with the same key store it once."""
    if not events:
        return set()
    table = UsageEvent._meta.db_table
    is_pg = connection.vendor == "postgresql"
    json_placeholder = "%s::jsonb" if is_pg else "%s"
    row = f"(%s, %s, %s, %s, %s, %s, {json_placeholder}, %s)"
    stored: set[str] = set()
    now = timezone.now()
    with connection.cursor() as cursor:
        for offset in range(0, len(events), INSERT_CHUNK):
            chunk = events[offset : offset + INSERT_CHUNK]
            params: list[Any] = []
            for e in chunk:
                ts: Any = e.timestamp if is_pg else e.timestamp.isoformat(sep=" ")
                params += [
                    e.idempotency_key,
                    e.body_hash,
                    e.customer_id,
                    e.meter_id,
                    ts,
                    str(e.quantity) if not is_pg else e.quantity,
                    json.dumps(e.properties),
                    now if is_pg else now.isoformat(sep=" "),
                ]
            sql = (
                f"INSERT INTO {table} (idempotency_key, body_hash, customer_id, meter_id, timestamp, "
                f"quantity, properties, received_at) VALUES {', '.join([row] * len(chunk))} "
                "ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key"
            )
            cursor.execute(sql, params)
            stored.update(r[0] for r in cursor.fetchall())
    return stored


def usage_events_record(*, events: Sequence[Any], now: datetime | None = None) -> IngestResult:
    """Store a batch of usage events. Invalid events are rejected by index with field errors; valid
    ones are stored once per idempotency key: the same key and body again is a duplicate (counted,
    not stored), the same key with another body is rejected as a conflict."""
    now = now or timezone.now()
    refs = {str(e.get("customer")) for e in events if isinstance(e, Mapping) and e.get("customer") not in (None, "")}
    customers = _resolve_customers(refs)
    meters = {m.code: m for m in Meter.objects.all()}
    result = IngestResult()
    valid: list[ValidEvent] = []
    first_in_batch: dict[str, ValidEvent] = {}
    repeats: list[ValidEvent] = []
    for index, raw in enumerate(events):
        event, errors = _validate(index, raw, customers, meters, now)
        if event is None:
            result.rejected.append({"index": index, "errors": errors})
            continue
        if event.idempotency_key in first_in_batch:
            repeats.append(event)
        else:
            first_in_batch[event.idempotency_key] = event
            valid.append(event)
    with transaction.atomic():
        stored = _insert_new(valid)
    not_stored = [e for e in valid if e.idempotency_key not in stored]
    existing_hashes = (
        dict(
            UsageEvent.objects.filter(idempotency_key__in=[e.idempotency_key for e in not_stored]).values_list(
                "idempotency_key", "body_hash"
            )
        )
        if not_stored
        else {}
    )
    for e in valid:
        if e.idempotency_key in stored:
            result.accepted += 1
            result.outcomes[e.index] = "stored"
        elif existing_hashes.get(e.idempotency_key) == e.body_hash:
            result.duplicates += 1
            result.outcomes[e.index] = "duplicate"
        else:
            result.outcomes[e.index] = "conflict"
            result.rejected.append(
                {"index": e.index, "errors": {"idempotency_key": ["Already used for an event with a different body."]}}
            )
    for e in repeats:
        first = first_in_batch[e.idempotency_key]
        if first.body_hash == e.body_hash:
            result.duplicates += 1
            result.outcomes[e.index] = "duplicate"
        else:
            result.outcomes[e.index] = "conflict"
            result.rejected.append(
                {"index": e.index, "errors": {"idempotency_key": ["Already used for an event with a different body."]}}
            )
    result.rejected.sort(key=lambda r: r["index"])
    return result


def meter_create(
    *,
    code: str,
    name: str,
    aggregation: str,
    field: str = "quantity",
    filters: dict[str, Any] | None = None,
    group_by: str = "",
    unit_label: str = "",
) -> Meter:
    return Meter.objects.create(
        code=code,
        name=name,
        aggregation=aggregation,
        field=field,
        filters=filters or {},
        group_by=group_by,
        unit_label=unit_label,
    )


def new_idempotency_key() -> str:
    return f"evt_{uuid.uuid4().hex}"
