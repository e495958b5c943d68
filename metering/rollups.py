"""Hourly rollups kept exact with a per-meter watermark.

``usage_rollups_advance`` folds the events of a meter with ids above its watermark into hourly
rollups, in one transaction with the watermark move; a beat task runs it every few seconds, outside
the ingest transaction (upserting rollups while ingesting halves ingest throughput).

``usage_aggregate_rolled`` answers a usage query from three exact parts: the rollups of the whole
hours inside the range (events up to the watermark), the raw events above the watermark in those
hours, and the raw events of the partial hours at both ends (periods start at local midnight,
which is not on the hour in every time zone). Events are append-only, so nothing is counted twice
or missed, whatever the order in which they arrived.

The watermark only passes events received more than ``SETTLE`` ago: ids are assigned at insert
time, so an id can become visible after a larger one; an ingest transaction lasts well under a
second, and ``SETTLE`` gives a wide margin."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import CharField, Count, Max, Q, QuerySet, Sum, Value
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce, Trunc
from django.utils import timezone

from .choices import Aggregation
from .models import Meter, RollupWatermark, UsageEvent, UsageRollup, UsageRollupValue

SETTLE = timedelta(seconds=10)
BATCH = 200_000
HOUR = timedelta(hours=1)
ROLLED_AGGREGATIONS = frozenset(
    {Aggregation.COUNT, Aggregation.SUM, Aggregation.MAX, Aggregation.LATEST, Aggregation.UNIQUE_COUNT}
)


def meter_definition_hash(meter: Meter) -> str:
    definition = {
        "field": meter.field,
        "filters": meter.filters or {},
        "aggregation": meter.aggregation,
        "group_by": meter.group_by,
    }
    return hashlib.sha256(json.dumps(definition, sort_keys=True).encode()).hexdigest()


def _filtered(meter: Meter) -> QuerySet[UsageEvent]:
    qs = UsageEvent.objects.filter(meter=meter)
    for key, value in (meter.filters or {}).items():
        qs = qs.filter(**{f"properties__{key}": value})
    return qs


def event_value(meter: Meter, event: UsageEvent) -> Decimal:
    if meter.field == "quantity":
        return event.quantity
    return Decimal(str(event.properties.get(meter.field, 0)))


def dimension_of(meter: Meter, event: UsageEvent) -> str:
    if not meter.group_by:
        return ""
    value = event.properties.get(meter.group_by)
    return "" if value is None else str(value)[:255]


def distinct_key(meter: Meter, event: UsageEvent) -> str | None:
    """The text a unique_count counts (None: the event has no such value)."""
    if meter.field == "quantity":
        return format(event.quantity.normalize(), "f")
    value = event.properties.get(meter.field)
    return None if value is None else str(value)[:255]


def _hour(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def _watermark_for_update(meter: Meter) -> RollupWatermark:
    try:
        with transaction.atomic():
            RollupWatermark.objects.get_or_create(meter=meter)
    except IntegrityError:
        pass  # created concurrently
    return RollupWatermark.objects.select_for_update().get(meter=meter)


def _new_watermark(meter: Meter, after: int, cutoff: datetime, batch: int) -> tuple[int | None, int]:
    """The new watermark (None: nothing settled) and how many events it passes."""
    rows = UsageEvent.objects.filter(meter=meter, id__gt=after).order_by("id").values_list("id", "received_at")[:batch]
    last, passed = None, 0
    for event_id, received_at in rows:
        if received_at > cutoff:
            break
        last, passed = event_id, passed + 1
    return last, passed


def usage_rollups_advance(*, meter: Meter, now: datetime | None = None, batch: int = BATCH) -> int:
    """Fold the settled events above the meter's watermark into its rollups. Returns how many
    events were passed (filtered-out events move the watermark too). Safe to run concurrently:
    the watermark row is locked for the whole fold."""
    now = now or timezone.now()
    with transaction.atomic():
        watermark = _watermark_for_update(meter)
        definition = meter_definition_hash(meter)
        if watermark.definition_hash != definition:
            # The meter now counts differently: what was rolled up under the old definition is void.
            UsageRollup.objects.filter(meter=meter).delete()
            UsageRollupValue.objects.filter(meter=meter).delete()
            watermark.last_event_id, watermark.definition_hash = 0, definition
        new_last, passed = _new_watermark(meter, watermark.last_event_id, now - SETTLE, batch)
        if new_last is None:
            watermark.save()
            return 0
        events = _filtered(meter).filter(id__gt=watermark.last_event_id, id__lte=new_last)
        _fold(meter, events)
        watermark.last_event_id = new_last
        watermark.save()
    return passed


@dataclass
class _Bucket:
    count: int = 0
    total: Decimal = Decimal(0)
    maximum: Decimal | None = None
    latest: tuple[datetime, int, Decimal] | None = None

    def add_latest(self, candidate: tuple[datetime, int, Decimal] | None) -> None:
        if candidate is not None and (self.latest is None or candidate[:2] > self.latest[:2]):
            self.latest = candidate


def _fold(meter: Meter, events: QuerySet[UsageEvent]) -> None:
    buckets: dict[tuple[int, datetime, str], _Bucket] = {}
    if meter.field == "quantity":
        text = CharField()
        dimension = (
            Coalesce(KeyTextTransform(meter.group_by, "properties"), Value(""), output_field=text)
            if meter.group_by
            else Value("", output_field=text)
        )
        grouped = (
            events.annotate(bucket=Trunc("timestamp", "hour", tzinfo=UTC), dim=dimension)
            .values("customer_id", "bucket", "dim")
            .annotate(n=Count("id"), s=Sum("quantity"), m=Max("quantity"))
        )
        for row in grouped:
            key = (row["customer_id"], row["bucket"], row["dim"][:255])
            buckets[key] = _Bucket(row["n"], row["s"] or Decimal(0), row["m"])
    needs_rows = meter.field != "quantity" or meter.aggregation in (Aggregation.LATEST, Aggregation.UNIQUE_COUNT)
    distinct: set[tuple[int, datetime, str, str]] = set()
    if needs_rows:
        numeric = meter.aggregation != Aggregation.UNIQUE_COUNT  # a distinct count may be over text
        for event in events.only("id", "customer_id", "timestamp", "quantity", "properties").iterator(chunk_size=5000):
            key = (event.customer_id, _hour(event.timestamp), dimension_of(meter, event))
            bucket = buckets.setdefault(key, _Bucket())
            if numeric:
                value = event_value(meter, event)
                if meter.field != "quantity":
                    bucket.count += 1
                    bucket.total += value
                    bucket.maximum = value if bucket.maximum is None else max(bucket.maximum, value)
                bucket.add_latest((event.timestamp, event.id, value))
            elif meter.field != "quantity":
                bucket.count += 1
            if meter.aggregation == Aggregation.UNIQUE_COUNT:
                text = distinct_key(meter, event)
                if text is not None:
                    distinct.add((event.customer_id, key[1], key[2], text))
    _merge(meter, buckets)
    UsageRollupValue.objects.bulk_create(
        [UsageRollupValue(customer_id=c, meter=meter, bucket_start=b, dimension=d, value=v) for c, b, d, v in distinct],
        ignore_conflicts=True,
        batch_size=2000,
    )


_UPSERT_PG = """
INSERT INTO metering_usagerollup AS t (customer_id, meter_id, bucket_start, dimension, event_count, value_sum,
    value_max, latest_timestamp, latest_event_id, latest_value)
VALUES {rows}
ON CONFLICT (customer_id, meter_id, bucket_start, dimension) DO UPDATE SET
    event_count = t.event_count + EXCLUDED.event_count,
    value_sum = t.value_sum + EXCLUDED.value_sum,
    value_max = GREATEST(t.value_max, EXCLUDED.value_max),
    latest_timestamp = CASE WHEN t.latest_event_id IS NULL OR EXCLUDED.latest_event_id IS NOT NULL AND
        (EXCLUDED.latest_timestamp, EXCLUDED.latest_event_id) > (t.latest_timestamp, t.latest_event_id)
        THEN EXCLUDED.latest_timestamp ELSE t.latest_timestamp END,
    latest_value = CASE WHEN t.latest_event_id IS NULL OR EXCLUDED.latest_event_id IS NOT NULL AND
        (EXCLUDED.latest_timestamp, EXCLUDED.latest_event_id) > (t.latest_timestamp, t.latest_event_id)
        THEN EXCLUDED.latest_value ELSE t.latest_value END,
    latest_event_id = CASE WHEN t.latest_event_id IS NULL OR EXCLUDED.latest_event_id IS NOT NULL AND
        (EXCLUDED.latest_timestamp, EXCLUDED.latest_event_id) > (t.latest_timestamp, t.latest_event_id)
        THEN EXCLUDED.latest_event_id ELSE t.latest_event_id END
"""
UPSERT_CHUNK = 1000


def _merge(meter: Meter, buckets: dict[tuple[int, datetime, str], _Bucket]) -> None:
    if not buckets:
        return
    if connection.vendor == "postgresql":
        _merge_upsert(meter, buckets)
        return
    # SQLite computes on decimals in binary floating point: merge in Python, exactly.
    customers = {c for c, _, _ in buckets}
    hours = [b for _, b, _ in buckets]
    existing = {
        (r.customer_id, r.bucket_start, r.dimension): r
        for r in UsageRollup.objects.select_for_update().filter(
            meter=meter, customer_id__in=customers, bucket_start__gte=min(hours), bucket_start__lte=max(hours)
        )
    }
    to_create, to_update = [], []
    for (customer_id, hour, dimension), bucket in buckets.items():
        row = existing.get((customer_id, hour, dimension))
        if row is None:
            row = UsageRollup(customer_id=customer_id, meter=meter, bucket_start=hour, dimension=dimension)
            to_create.append(row)
        else:
            to_update.append(row)
        row.event_count += bucket.count
        row.value_sum += bucket.total
        if bucket.maximum is not None:
            row.value_max = bucket.maximum if row.value_max is None else max(row.value_max, bucket.maximum)
        current = (row.latest_timestamp, row.latest_event_id, row.latest_value) if row.latest_event_id else None
        bucket.add_latest(current)  # type: ignore[arg-type]
        if bucket.latest is not None:
            row.latest_timestamp, row.latest_event_id, row.latest_value = bucket.latest
    UsageRollup.objects.bulk_create(to_create, batch_size=2000)
    UsageRollup.objects.bulk_update(
        to_update,
        ["event_count", "value_sum", "value_max", "latest_timestamp", "latest_event_id", "latest_value"],
        batch_size=2000,
    )


def _merge_upsert(meter: Meter, buckets: dict[tuple[int, datetime, str], _Bucket]) -> None:
    """One INSERT ... ON CONFLICT DO UPDATE per chunk: PostgreSQL adds to existing buckets in
    exact numeric arithmetic, without reading them first."""
    items = list(buckets.items())
    with connection.cursor() as cursor:
        for offset in range(0, len(items), UPSERT_CHUNK):
            chunk = items[offset : offset + UPSERT_CHUNK]
            params: list[object] = []
            for (customer_id, hour, dimension), b in chunk:
                latest = b.latest or (None, None, None)
                params += [customer_id, meter.pk, hour, dimension, b.count, b.total, b.maximum, *latest]
            rows = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
            cursor.execute(_UPSERT_PG.format(rows=rows), params)


def _ceil_hour(moment: datetime) -> datetime:
    floor = _hour(moment)
    return floor if floor == moment else floor + HOUR


def _watermark_state(meter: Meter) -> tuple[int, datetime | None, str] | None:
    row = RollupWatermark.objects.filter(meter=meter).values_list("last_event_id", "updated_at", "definition_hash")
    return next(iter(row), None)


def usage_aggregate_rolled(
    *, customer_id: int, meter: Meter, start: datetime, end: datetime, dimension: str | None = None
) -> Decimal | None:
    """The exact aggregate from rollups plus raw events, or None when rollups cannot answer
    (not built yet, a changed definition, a weighted sum, or a range shorter than a whole hour).
    ``dimension``: only the events whose ``meter.group_by`` property has this value."""
    if meter.aggregation not in ROLLED_AGGREGATIONS:
        return None
    first_hour, last_hour_end = _ceil_hour(start), _hour(end)
    if first_hour >= last_hour_end:
        return None
    for _ in range(5):
        state = _watermark_state(meter)
        if state is None or state[0] == 0 or state[2] != meter_definition_hash(meter):
            return None
        window = {
            "customer_id": customer_id,
            "meter": meter,
            "bucket_start__gte": first_hour,
            "bucket_start__lt": last_hour_end,
        }
        if dimension is not None:
            window["dimension"] = dimension
        rollups: list[UsageRollup] | dict[str, Any]
        if meter.aggregation in (Aggregation.COUNT, Aggregation.SUM, Aggregation.MAX):
            # Aggregated in the database: a month of hourly buckets is hundreds of rows.
            rollups = UsageRollup.objects.filter(**window).aggregate(
                count=Sum("event_count"), total=Sum("value_sum"), maximum=Max("value_max")
            )
        else:
            rollups = list(UsageRollup.objects.filter(**window))
        values: set[str] = set()
        if meter.aggregation == Aggregation.UNIQUE_COUNT:
            values = set(UsageRollupValue.objects.filter(**window).values_list("value", flat=True))
        # The watermark and its rollups move together in one transaction: the same watermark
        # before and after the reads means the rollups read belong to it.
        if _watermark_state(meter) == state:
            break
    else:
        return None
    raw_events = _filtered(meter)
    if dimension is not None and meter.group_by:
        raw_events = raw_events.filter(**{f"properties__{meter.group_by}": dimension})
    raw = list(
        raw_events.filter(customer_id=customer_id, timestamp__gte=start, timestamp__lt=end).filter(
            Q(timestamp__lt=first_hour) | Q(timestamp__gte=last_hour_end) | Q(id__gt=state[0])
        )
    )
    return _combine(meter, rollups, values, raw)


def _combine(
    meter: Meter, rollups: list[UsageRollup] | dict[str, Any], values: set[str], raw: list[UsageEvent]
) -> Decimal:
    aggregation = meter.aggregation
    if isinstance(rollups, dict):  # count, sum, max: already aggregated in the database
        if aggregation == Aggregation.COUNT:
            return Decimal(int(rollups["count"] or 0) + len(raw))
        if aggregation == Aggregation.SUM:
            return (rollups["total"] or Decimal(0)) + sum((event_value(meter, e) for e in raw), Decimal(0))
        candidates = [event_value(meter, e) for e in raw]
        if rollups["maximum"] is not None:
            candidates.append(rollups["maximum"])
        return max(candidates, default=Decimal(0))
    if aggregation == Aggregation.LATEST:
        candidates = [(r.latest_timestamp, r.latest_event_id, r.latest_value) for r in rollups if r.latest_event_id]
        candidates += [(e.timestamp, e.id, event_value(meter, e)) for e in raw]
        return max(candidates, key=lambda c: (c[0], c[1]))[2] if candidates else Decimal(0)
    # unique_count
    values |= {v for v in (distinct_key(meter, e) for e in raw) if v is not None}
    return Decimal(len(values))


# (customer id, start, end, dimension): one usage question, as ``usage_aggregate_rolled`` takes it.
Window = tuple[int, datetime, datetime, str | None]
_Range = tuple[datetime, datetime, str | None]
IN_BATCH = 1000  # customer ids per statement


def id_batches(ids: list[int]) -> list[list[int]]:
    return [ids[i : i + IN_BATCH] for i in range(0, len(ids), IN_BATCH)]


def _rollups_read(
    meter: Meter, groups: dict[_Range, list[int]]
) -> tuple[dict[tuple[_Range, int], Any], dict[tuple[_Range, int], set[str]]]:
    """Per (range, customer): the rollups of the range's whole hours (database-aggregated for
    count, sum and max; rows for latest), and the distinct values (unique_count)."""
    aggregated = meter.aggregation in (Aggregation.COUNT, Aggregation.SUM, Aggregation.MAX)
    rollups: dict[tuple[_Range, int], Any] = {}
    values: dict[tuple[_Range, int], set[str]] = {}
    for key, customers in groups.items():
        start, end, dimension = key
        for batch in id_batches(sorted(set(customers))):
            window: dict[str, Any] = {
                "customer_id__in": batch,
                "meter": meter,
                "bucket_start__gte": _ceil_hour(start),
                "bucket_start__lt": _hour(end),
            }
            if dimension is not None:
                window["dimension"] = dimension
            if aggregated:
                rows = (
                    UsageRollup.objects.filter(**window)
                    .order_by()
                    .values("customer_id")
                    .annotate(count=Sum("event_count"), total=Sum("value_sum"), maximum=Max("value_max"))
                )
                rollups.update({(key, row["customer_id"]): row for row in rows})
            else:
                for rollup in UsageRollup.objects.filter(**window):
                    rollups.setdefault((key, rollup.customer_id), []).append(rollup)
            if meter.aggregation == Aggregation.UNIQUE_COUNT:
                distinct = UsageRollupValue.objects.filter(**window).values_list("customer_id", "value")
                for customer_id, value in distinct:
                    values.setdefault((key, customer_id), set()).add(value)
    return rollups, values


def usage_aggregate_rolled_many(*, meter: Meter, windows: list[Window]) -> dict[Window, Decimal]:
    """``usage_aggregate_rolled`` for many customers and ranges of one meter at once: the answers
    the rollups can give (windows left out must be read from raw events), each exactly what the
    single-window function returns. Windows sharing a range and dimension are read together, one
    statement per kind of read (rollups, distinct values, raw tail) for up to IN_BATCH customers."""
    if meter.aggregation not in ROLLED_AGGREGATIONS:
        return {}
    groups: dict[_Range, list[int]] = {}
    for customer_id, start, end, dimension in windows:
        if _ceil_hour(start) < _hour(end):  # shorter than a whole hour: raw events only
            groups.setdefault((start, end, dimension), []).append(customer_id)
    if not groups:
        return {}
    for _ in range(5):
        state = _watermark_state(meter)
        if state is None or state[0] == 0 or state[2] != meter_definition_hash(meter):
            return {}
        rollups, values = _rollups_read(meter, groups)
        if _watermark_state(meter) == state:  # the rollups read belong to this watermark
            break
    else:
        return {}
    aggregated = meter.aggregation in (Aggregation.COUNT, Aggregation.SUM, Aggregation.MAX)
    empty: dict[str, Any] | list[UsageRollup] = {"count": None, "total": None, "maximum": None} if aggregated else []
    out: dict[Window, Decimal] = {}
    for key, customers in groups.items():
        start, end, dimension = key
        first_hour, last_hour_end = _ceil_hour(start), _hour(end)
        raw_events = _filtered(meter)
        if dimension is not None and meter.group_by:
            raw_events = raw_events.filter(**{f"properties__{meter.group_by}": dimension})
        for batch in id_batches(sorted(set(customers))):
            raw: dict[int, list[UsageEvent]] = {}
            tail = raw_events.filter(customer_id__in=batch, timestamp__gte=start, timestamp__lt=end).filter(
                Q(timestamp__lt=first_hour) | Q(timestamp__gte=last_hour_end) | Q(id__gt=state[0])
            )
            for event in tail:
                raw.setdefault(event.customer_id, []).append(event)
            for customer_id in batch:
                out[(customer_id, start, end, dimension)] = _combine(
                    meter,
                    rollups.get((key, customer_id), empty),
                    set(values.get((key, customer_id), ())),
                    raw.get(customer_id, []),
                )
    return out
