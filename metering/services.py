"""Usage ingestion: validate each event on its own, store the valid ones once per idempotency key.

Validation is hand-written rather than a DRF serializer per event: batches of 10,000 events are
the hot path, and per-event serializer overhead dominates there."""

from __future__ import annotations

import hashlib
import json
import threading
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from json.encoder import encode_basestring_ascii as _quote  # what json.dumps uses for strings
from typing import Any

import psycopg
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from access.inputs import json_problem, parse_aware_datetime, text_problem
from contracts.models import Customer

from .models import Meter, UsageEvent

MAX_BATCH = 10_000
MAX_PROPERTIES_DEPTH = 8  # properties are labels to filter and group by, not documents
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
        quantity = Decimal(value) if isinstance(value, int) else Decimal(str(value))
    except InvalidOperation:
        return None
    if not quantity.is_finite() or abs(quantity) >= Decimal(10) ** 18:
        return None
    return quantity


def _parse_timestamp(value: Any) -> datetime | None:
    """An ISO 8601 timestamp with an offset, in UTC; None for anything else, including impossible
    dates and instants before 1970 or past Python's range once the offset is applied."""
    return parse_aware_datetime(value, min_year=1970)


_COMPACT = json.JSONEncoder(sort_keys=True, separators=(",", ":")).encode


def _compact_properties(properties: dict[str, Any]) -> str:
    """``_COMPACT(properties)``, with a fast path for the usual flat object of strings."""
    if not properties:
        return "{}"
    if all(type(v) is str for v in properties.values()):
        return "{" + ",".join(f"{_quote(k)}:{_quote(v)}" for k, v in sorted(properties.items())) + "}"
    return _COMPACT(properties)


def event_body_hash(customer_id: int, metric: str, timestamp: datetime, quantity: Decimal, properties: Any) -> str:
    """SHA-256 of the event's canonical JSON: keys sorted, compact, quantity normalised. Built by
    hand, byte for byte what ``json.dumps(body, sort_keys=True, separators=(",", ":"))`` gives,
    because this runs once per event on the ingestion hot path."""
    body = (
        f'{{"customer":{customer_id},"metric":{_COMPACT(metric)},'
        f'"properties":{_compact_properties(properties)},'
        f'"quantity":"{quantity.normalize():f}","timestamp":"{timestamp.isoformat()}"}}'
    )
    return hashlib.sha256(body.encode()).hexdigest()


def _resolve_customers(refs: set[str]) -> dict[str, int]:
    """Map each reference (external_id, or our numeric id) to a customer pk. An external_id that
    looks like a number wins over a primary key, as everywhere in the API."""
    ids = {int(r) for r in refs if r.isascii() and r.isdigit()}  # "²".isdigit() is True
    by_external: dict[str, int] = {}
    by_pk: dict[str, int] = {}
    if connection.vendor == "postgresql":
        rows = _fetch_binary(
            f"SELECT id, external_id FROM {Customer._meta.db_table} WHERE external_id = ANY(%b) OR id = ANY(%b)",
            [list(refs), [i for i in ids if i < 2**63]],
        )
    else:
        rows = Customer.objects.filter(Q(external_id__in=refs) | Q(pk__in=ids)).values_list("pk", "external_id")
    for pk, external_id in rows:
        if external_id in refs:
            by_external[external_id] = pk
        if pk in ids:
            by_pk[str(pk)] = pk
    return {**by_pk, **by_external}


class _LookupCache:
    """Reference -> row for the lookups every ingestion request makes (customer references,
    meter codes), kept per process for ``ttl`` seconds. Only hits are cached and a miss always
    asks the database, so a customer or meter created a moment ago is found at once; what the
    TTL bounds is how long a renamed reference keeps resolving (customers and meters with events
    cannot be deleted: PROTECT)."""

    def __init__(self, load: Callable[[set[str]], Mapping[str, Any]], ttl: float) -> None:
        self._load = load
        self._ttl = ttl
        self._entries: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get_many(self, refs: set[str]) -> dict[str, Any]:
        now = time.monotonic()
        found: dict[str, Any] = {}
        with self._lock:
            for ref in refs:
                entry = self._entries.get(ref)
                if entry is not None and entry[0] > now:
                    found[ref] = entry[1]
        missing = refs - found.keys()
        if missing:
            loaded = self._load(missing)
            found.update(loaded)
            with self._lock:
                if len(self._entries) > 100_000:
                    self._entries.clear()
                for ref, value in loaded.items():
                    self._entries[ref] = (now + self._ttl, value)
        return found

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def _load_meters(codes: set[str]) -> dict[str, Meter]:
    return {m.code: m for m in Meter.objects.filter(code__in=codes)}


_customer_ids = _LookupCache(_resolve_customers, ttl=30.0)
_meters = _LookupCache(_load_meters, ttl=30.0)


def lookup_caches_clear(**kwargs: Any) -> None:
    """Drop the cached references (tests, and this process after a customer or meter changes)."""
    _customer_ids.clear()
    _meters.clear()


def _is_reference(value: Any) -> bool:
    """A customer reference or meter code that can be looked up: a short clean string (or our
    numeric id). NUL bytes and lone surrogates would make the database refuse the whole batch."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return False
    text = str(value)
    return 0 < len(text) <= 255 and text_problem(text) is None


def _key_problem(key: Any) -> str | None:
    if not isinstance(key, str) or not key.strip():
        return "This field is required."
    if len(key) > 255:
        return "At most 255 characters."
    return text_problem(key)


def _properties_problem(properties: Any) -> str | None:
    if not isinstance(properties, dict):
        return "Expected a JSON object."
    return json_problem(properties, max_depth=MAX_PROPERTIES_DEPTH)


def _checked_timestamp(raw: Any, now: datetime) -> tuple[datetime | None, str | None]:
    if raw in (None, ""):
        return None, "This field is required."
    timestamp = _parse_timestamp(raw)
    if timestamp is None:
        return None, "Expected an ISO 8601 timestamp with an offset (after 1970), e.g. 2026-03-09T14:02:11Z."
    if timestamp > now + FUTURE_TOLERANCE:
        return None, "More than 5 minutes in the future."
    return timestamp, None


def _validate(
    index: int, raw: Any, customers: Mapping[str, int], meters: Mapping[str, Meter], now: datetime
) -> tuple[ValidEvent | None, dict[str, list[str]]]:
    if not isinstance(raw, Mapping):
        return None, {"non_field_errors": ["An event must be a JSON object."]}
    errors: dict[str, list[str]] = {}
    key = raw.get("idempotency_key")
    if problem := _key_problem(key):
        errors["idempotency_key"] = [problem]
    customer_ref = raw.get("customer")
    customer_id = customers.get(str(customer_ref)) if _is_reference(customer_ref) else None
    if customer_ref in (None, ""):
        errors["customer"] = ["This field is required."]
    elif not _is_reference(customer_ref):
        errors["customer"] = ["Expected a customer's external_id or id."]
    elif customer_id is None:
        errors["customer"] = [f"No customer '{customer_ref}'."]
    metric = raw.get("metric")
    meter = meters.get(metric) if _is_reference(metric) else None
    if metric in (None, ""):
        errors["metric"] = ["This field is required."]
    elif not isinstance(metric, str) or not _is_reference(metric):
        errors["metric"] = ["Expected a meter code."]
    elif meter is None:
        errors["metric"] = [f"No meter '{metric}'."]
    timestamp, problem = _checked_timestamp(raw.get("timestamp"), now)
    if problem:
        errors["timestamp"] = [problem]
    quantity = _parse_quantity(raw.get("quantity"))
    if quantity is None:
        errors["quantity"] = ['Expected a finite decimal number, e.g. "1" or "0.25".']
    elif quantity < 0:
        # Refused: sum, max, latest and percentage meters would each read a negative event
        # differently, and a period's quantity could go below zero, which no charge model prices.
        # Over-reported usage is corrected with a credit note on the invoice.
        errors["quantity"] = ["Must be zero or more; correct over-reported usage with a credit note."]
    properties = {} if raw.get("properties") is None else raw["properties"]
    if problem := _properties_problem(properties):
        errors["properties"] = [problem]
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
            body_hash=event_body_hash(customer_id, meter.code, timestamp, quantity, properties),
            customer_id=customer_id,
            meter_id=meter.pk,
            timestamp=timestamp,
            quantity=quantity,
            properties=properties,
        ),
        {},
    )


def _fetch_binary(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Run one statement on Django's PostgreSQL connection with server-side binding and binary
    parameters. Django's psycopg backend binds on the client, which for a list of a thousand keys
    means quoting each one into the SQL text; an array parameter (``= ANY(%b)``) travels as is."""
    connection.ensure_connection()
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, params, binary=True)
        return cursor.fetchall() if cursor.description else []


def _stored_hashes(keys: list[str]) -> list[tuple[str, str]]:
    if connection.vendor == "postgresql":
        return _fetch_binary(  # type: ignore[return-value]
            f"SELECT idempotency_key, body_hash FROM {UsageEvent._meta.db_table} WHERE idempotency_key = ANY(%b)",
            [keys],
        )
    return list(UsageEvent.objects.filter(idempotency_key__in=keys).values_list("idempotency_key", "body_hash"))


def _insert_new(events: Sequence[ValidEvent]) -> set[str]:
    """INSERT ... ON CONFLICT DO NOTHING RETURNING: the keys this call stored. Concurrent batches
    with the same key store it once."""
    if not events:
        return set()
    if connection.vendor == "postgresql":
        return _insert_new_postgresql(events)
    return _insert_new_values(events)


def _insert_new_postgresql(events: Sequence[ValidEvent]) -> set[str]:
    """The whole batch as one statement with seven array parameters (``unnest``): psycopg sends
    them in binary and PostgreSQL plans one short statement, where a VALUES list of 8 placeholders
    per row costs more to build and parse than the insert itself."""
    table = UsageEvent._meta.db_table
    sql = (
        f"INSERT INTO {table} (idempotency_key, body_hash, customer_id, meter_id, timestamp, quantity, properties, "
        "received_at) SELECT k, h, c, m, t, q, p::jsonb, %b FROM unnest("
        "%b::text[], %b::text[], %b::bigint[], %b::bigint[], %b::timestamptz[], %b::numeric[], %b::text[]"
        ") AS u(k, h, c, m, t, q, p) ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key"
    )
    params = [
        timezone.now(),
        [e.idempotency_key for e in events],
        [e.body_hash for e in events],
        [e.customer_id for e in events],
        [e.meter_id for e in events],
        [e.timestamp for e in events],
        [e.quantity for e in events],
        [json.dumps(e.properties) for e in events],
    ]
    return {row[0] for row in _fetch_binary(sql, params)}


def _insert_new_values(events: Sequence[ValidEvent]) -> set[str]:
    """SQLite (>= 3.35 for RETURNING): multi-row VALUES in chunks under its variable limit."""
    table = UsageEvent._meta.db_table
    row = "(%s, %s, %s, %s, %s, %s, %s, %s)"
    stored: set[str] = set()
    now = timezone.now().isoformat(sep=" ")
    with connection.cursor() as cursor:
        for offset in range(0, len(events), INSERT_CHUNK):
            chunk = events[offset : offset + INSERT_CHUNK]
            params: list[Any] = []
            for e in chunk:
                params += [
                    e.idempotency_key,
                    e.body_hash,
                    e.customer_id,
                    e.meter_id,
                    e.timestamp.isoformat(sep=" "),
                    str(e.quantity),
                    json.dumps(e.properties),
                    now,
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
    refs = {str(e.get("customer")) for e in events if isinstance(e, Mapping) and _is_reference(e.get("customer"))}
    customers = _customer_ids.get_many(refs)
    codes = {e.get("metric") for e in events if isinstance(e, Mapping) and isinstance(e.get("metric"), str)}
    codes = {code for code in codes if _is_reference(code)}
    meters = _meters.get_many(codes)
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
    if connection.vendor == "postgresql":
        stored = _insert_new(valid)  # one statement: atomic on its own, no BEGIN/COMMIT round trips
    else:
        with transaction.atomic():
            stored = _insert_new(valid)
    not_stored = [e for e in valid if e.idempotency_key not in stored]
    existing_hashes = dict(_stored_hashes([e.idempotency_key for e in not_stored])) if not_stored else {}
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
