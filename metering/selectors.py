from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Count, DecimalField, Max, QuerySet, Sum
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

from .aggregation import time_weighted_sum
from .choices import Aggregation
from .models import Meter, UsageEvent
from .rollups import usage_aggregate_rolled

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
