from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Max, Q, QuerySet, Sum, Window
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, RowNumber, TruncDate

from .aggregation import time_weighted_sum
from .choices import Aggregation
from .models import Meter, UsageEvent
from .rollups import id_batches, usage_aggregate_rolled, usage_aggregate_rolled_many

ZERO = Decimal(0)
_DECIMAL = DecimalField(max_digits=30, decimal_places=12)


def meter_get(*, code: str) -> Meter:
    return Meter.objects.get(code=code)


def meters_by_code() -> dict[str, Meter]:
    return {meter.code: meter for meter in Meter.objects.all()}


def _events(
    *, customer_id: int, meter: Meter, start: datetime, end: datetime, dimension: str | None = None
) -> QuerySet[UsageEvent]:
    qs = UsageEvent.objects.filter(customer_id=customer_id, meter=meter, timestamp__gte=start, timestamp__lt=end)
    filters = dict(meter.filters or {})
    if dimension is not None and meter.group_by:
        filters[meter.group_by] = dimension
    for key, value in filters.items():
        qs = qs.filter(**{f"properties__{key}": value})
    return qs


def _value_expression(meter: Meter):  # type: ignore[no-untyped-def]
    if meter.field == "quantity":
        return "quantity"
    return Cast(KeyTextTransform(meter.field, "properties"), _DECIMAL)


def _event_value(meter: Meter, event: UsageEvent) -> Decimal:
    if meter.field == "quantity":
        return event.quantity
    return Decimal(str(event.properties.get(meter.field, 0)))


def usage_aggregate(
    *, customer_id: int, meter: Meter, start: datetime, end: datetime, dimension: str | None = None
) -> Decimal:
    """The meter's aggregate of one customer's events with ``start <= timestamp < end``: from the
    hourly rollups plus the raw events they do not cover when they can answer, else from raw events.
    Both give the same, exact figure."""
    rolled = usage_aggregate_rolled(customer_id=customer_id, meter=meter, start=start, end=end, dimension=dimension)
    if rolled is not None:
        return rolled
    return usage_aggregate_raw(customer_id=customer_id, meter=meter, start=start, end=end, dimension=dimension)


def usage_aggregate_raw(
    *, customer_id: int, meter: Meter, start: datetime, end: datetime, dimension: str | None = None
) -> Decimal:
    qs = _events(customer_id=customer_id, meter=meter, start=start, end=end, dimension=dimension)
    aggregation = meter.aggregation
    if aggregation == Aggregation.COUNT:
        return Decimal(qs.count())
    if aggregation == Aggregation.SUM:
        return qs.aggregate(v=Sum(_value_expression(meter)))["v"] or ZERO
    if aggregation == Aggregation.MAX:
        return qs.aggregate(v=Max(_value_expression(meter)))["v"] or ZERO
    if aggregation == Aggregation.UNIQUE_COUNT:
        field = "quantity" if meter.field == "quantity" else KeyTextTransform(meter.field, "properties")
        return Decimal(qs.aggregate(v=Count(field, distinct=True))["v"])
    if aggregation == Aggregation.LATEST:
        event = qs.order_by("-timestamp", "-id").first()
        return _event_value(meter, event) if event else ZERO
    if aggregation == Aggregation.WEIGHTED_SUM:
        before = (
            _events(
                customer_id=customer_id, meter=meter, start=start - timedelta(days=3660), end=start, dimension=dimension
            )
            .order_by("-timestamp", "-id")
            .first()
        )
        changes = [(e.timestamp, _event_value(meter, e)) for e in qs.order_by("timestamp", "id")]
        return time_weighted_sum(
            opening_value=_event_value(meter, before) if before else None, changes=changes, start=start, end=end
        )
    raise ValueError(f"Unknown aggregation {aggregation!r}")


def usage_event_values(
    *, customer_id: int, meter: Meter, start: datetime, end: datetime, dimension: str | None = None
) -> list[Decimal]:
    """Per-event values in time order (for percentage pricing)."""
    qs = _events(customer_id=customer_id, meter=meter, start=start, end=end, dimension=dimension).order_by(
        "timestamp", "id"
    )
    return [_event_value(meter, event) for event in qs]


# --- many customers at once (billing runs) ------------------------------------------------------


@dataclass(frozen=True)
class UsageRequest:
    """One usage question: a customer's events on a meter with ``start <= timestamp < end``,
    optionally only those whose ``meter.group_by`` property is ``dimension``."""

    customer_id: int
    meter: Meter
    start: datetime
    end: datetime
    dimension: str | None = None


_Group = tuple[datetime, datetime, str | None]
_EVENT_FIELDS = ("id", "customer_id", "timestamp", "quantity", "properties")


def _by_meter(requests: Iterable[UsageRequest]) -> dict[int, list[UsageRequest]]:
    by_meter: dict[int, list[UsageRequest]] = defaultdict(list)
    for request in dict.fromkeys(requests):  # unique, in order
        by_meter[request.meter.pk].append(request)
    return by_meter


def _by_range(requests: Iterable[UsageRequest]) -> dict[_Group, list[list[int]]]:
    """Requests sharing a range and dimension, their customer ids in batches of IN_BATCH."""
    groups: dict[_Group, set[int]] = defaultdict(set)
    for request in requests:
        groups[(request.start, request.end, request.dimension)].add(request.customer_id)
    return {key: id_batches(sorted(customers)) for key, customers in groups.items()}


def _events_many(*, customer_ids: list[int], meter: Meter, start: datetime, end: datetime, dimension: str | None):
    qs = UsageEvent.objects.filter(customer_id__in=customer_ids, meter=meter, timestamp__gte=start, timestamp__lt=end)
    filters = dict(meter.filters or {})
    if dimension is not None and meter.group_by:
        filters[meter.group_by] = dimension
    for key, value in filters.items():
        qs = qs.filter(**{f"properties__{key}": value})
    return qs.order_by()


def _latest_per_customer(qs: QuerySet[UsageEvent]) -> dict[int, UsageEvent]:
    """Each customer's last event of ``qs`` (by timestamp, then id): one statement."""
    ranked = qs.annotate(
        rank=Window(RowNumber(), partition_by=[F("customer_id")], order_by=[F("timestamp").desc(), F("id").desc()])
    ).filter(rank=1)
    return {event.customer_id: event for event in ranked.only(*_EVENT_FIELDS)}


def _raw_many(meter: Meter, customer_ids: list[int], start: datetime, end: datetime, dimension: str | None):
    """customer id -> ``usage_aggregate_raw`` of one range, for a batch of customers (absent: no
    events, which every aggregation reads as zero)."""
    qs = _events_many(customer_ids=customer_ids, meter=meter, start=start, end=end, dimension=dimension)
    aggregation = meter.aggregation
    grouped = qs.values("customer_id")
    if aggregation == Aggregation.COUNT:
        return {r["customer_id"]: Decimal(r["v"]) for r in grouped.annotate(v=Count("id"))}
    if aggregation in (Aggregation.SUM, Aggregation.MAX):
        function = Sum if aggregation == Aggregation.SUM else Max
        return {r["customer_id"]: r["v"] or ZERO for r in grouped.annotate(v=function(_value_expression(meter)))}
    if aggregation == Aggregation.UNIQUE_COUNT:
        field = "quantity" if meter.field == "quantity" else KeyTextTransform(meter.field, "properties")
        return {r["customer_id"]: Decimal(r["v"]) for r in grouped.annotate(v=Count(field, distinct=True))}
    if aggregation == Aggregation.LATEST:
        return {c: _event_value(meter, e) for c, e in _latest_per_customer(qs).items()}
    if aggregation == Aggregation.WEIGHTED_SUM:
        lookback = _events_many(
            customer_ids=customer_ids, meter=meter, start=start - timedelta(days=3660), end=start, dimension=dimension
        )
        opening = {c: _event_value(meter, e) for c, e in _latest_per_customer(lookback).items()}
        changes: dict[int, list[tuple[datetime, Decimal]]] = defaultdict(list)
        for event in qs.order_by("customer_id", "timestamp", "id").only(*_EVENT_FIELDS):
            changes[event.customer_id].append((event.timestamp, _event_value(meter, event)))
        return {
            c: time_weighted_sum(opening_value=opening.get(c), changes=changes.get(c, []), start=start, end=end)
            for c in customer_ids
        }
    raise ValueError(f"Unknown aggregation {aggregation!r}")


def usage_aggregate_many(requests: Iterable[UsageRequest]) -> dict[UsageRequest, Decimal]:
    """``usage_aggregate`` for many requests at once, each answer exactly the one it would give.

    Per meter: the rollups answer what they can (``usage_aggregate_rolled_many``), raw events the
    rest. Requests sharing a range and dimension (a billing run's chunk: the customers whose
    period closed on one day) are read together, so the statements grow with the distinct ranges,
    not with the customers."""
    out: dict[UsageRequest, Decimal] = {}
    for group in _by_meter(requests).values():
        meter = group[0].meter
        rolled = usage_aggregate_rolled_many(
            meter=meter, windows=[(r.customer_id, r.start, r.end, r.dimension) for r in group]
        )
        raw: list[UsageRequest] = []
        for request in group:
            answer = rolled.get((request.customer_id, request.start, request.end, request.dimension))
            if answer is None:
                raw.append(request)
            else:
                out[request] = answer
        for (start, end, dimension), batches in _by_range(raw).items():
            for batch in batches:
                values = _raw_many(meter, batch, start, end, dimension)
                for customer_id in batch:
                    out[UsageRequest(customer_id, meter, start, end, dimension)] = values.get(customer_id, ZERO)
    return out


def usage_event_values_many(requests: Iterable[UsageRequest]) -> dict[UsageRequest, list[Decimal]]:
    """``usage_event_values`` for many requests at once (one statement per meter, range and
    dimension, for up to IN_BATCH customers)."""
    out: dict[UsageRequest, list[Decimal]] = {}
    for group in _by_meter(requests).values():
        meter = group[0].meter
        for (start, end, dimension), batches in _by_range(group).items():
            for batch in batches:
                values: dict[int, list[Decimal]] = defaultdict(list)
                qs = _events_many(customer_ids=batch, meter=meter, start=start, end=end, dimension=dimension)
                for event in qs.order_by("customer_id", "timestamp", "id").only(*_EVENT_FIELDS):
                    values[event.customer_id].append(_event_value(meter, event))
                for customer_id in batch:
                    out[UsageRequest(customer_id, meter, start, end, dimension)] = values.get(customer_id, [])
    return out


@dataclass(frozen=True)
class ArrivalCheck:
    """Did any event of ``customer_id`` on meter ``meter_id`` with ``start <= timestamp < end``
    arrive (``received_at``) after ``after``?"""

    customer_id: int
    meter_id: int
    start: datetime
    end: datetime
    after: datetime


ARRIVAL_CHECKS_PER_STATEMENT = 200


def usage_events_arrived_many(checks: Iterable[ArrivalCheck]) -> dict[tuple[int, int], list[tuple[datetime, datetime]]]:
    """The (timestamp, received_at) of every event that answers yes to one of ``checks``, per
    (customer id, meter id): a superset to answer each check, and any check with a later
    ``after`` or a narrower range, in memory. One statement per ARRIVAL_CHECKS_PER_STATEMENT."""
    unique = list(dict.fromkeys(checks))
    found: dict[tuple[int, int], set[tuple[int, datetime, datetime]]] = defaultdict(set)
    for offset in range(0, len(unique), ARRIVAL_CHECKS_PER_STATEMENT):
        condition = Q()
        for check in unique[offset : offset + ARRIVAL_CHECKS_PER_STATEMENT]:
            condition |= Q(
                customer_id=check.customer_id,
                meter_id=check.meter_id,
                timestamp__gte=check.start,
                timestamp__lt=check.end,
                received_at__gt=check.after,
            )
        rows = UsageEvent.objects.filter(condition).values_list(
            "id", "customer_id", "meter_id", "timestamp", "received_at"
        )
        for event_id, customer_id, meter_id, timestamp, received_at in rows:
            found[(customer_id, meter_id)].add((event_id, timestamp, received_at))
    return {key: sorted((t, r) for _, t, r in events) for key, events in found.items()}


# --- usage activity for other apps (receivables' dunning model) --------------------------------


@dataclass(frozen=True)
class DailyUsage:
    """One customer's usage of one meter on one UTC day: the number of events and the sum of
    their ``quantity`` (the number the customer's product reported, whatever the meter's
    aggregation: a measure of activity, comparable over time within one meter)."""

    meter_id: int
    day: date
    events: int
    quantity: Decimal


def usage_daily_by_customer(
    *, start: datetime, end: datetime, customer_ids: Iterable[int] | None = None
) -> dict[int, list[DailyUsage]]:
    """Per customer, their daily usage on every meter with ``start <= timestamp < end`` (UTC
    days), ordered by meter and day; every customer when ``customer_ids`` is None. One
    statement, grouped in the database (an index on (customer, meter, timestamp) serves it)."""
    qs = UsageEvent.objects.filter(timestamp__gte=start, timestamp__lt=end)
    if customer_ids is not None:
        ids = list(customer_ids)
        if not ids:
            return {}
        qs = qs.filter(customer_id__in=ids)
    rows = (
        qs.annotate(day=TruncDate("timestamp", tzinfo=UTC))
        .values("customer_id", "meter_id", "day")
        .annotate(events=Count("id"), quantity=Sum("quantity"))
        .order_by("customer_id", "meter_id", "day")
    )
    out: dict[int, list[DailyUsage]] = defaultdict(list)
    for row in rows:
        out[row["customer_id"]].append(
            DailyUsage(meter_id=row["meter_id"], day=row["day"], events=row["events"], quantity=row["quantity"] or ZERO)
        )
    return dict(out)
