"""The bulk usage reads of billing runs give exactly what the one-question reads give, for every
aggregation, with and without rollups, over whole and partial hours, and per dimension."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metering.models import Meter
from metering.rollups import usage_rollups_advance
from metering.selectors import (
    ArrivalCheck,
    UsageRequest,
    usage_aggregate,
    usage_aggregate_many,
    usage_event_values,
    usage_event_values_many,
    usage_events_arrived_many,
)
from metering.services import usage_events_record
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db
UTC = dt.UTC
T0 = dt.datetime(2026, 3, 1, tzinfo=UTC)
NEW_YORK = dt.timezone(dt.timedelta(hours=-5))
RANGES = [
    (T0, dt.datetime(2026, 4, 1, tzinfo=UTC)),  # a month of whole hours
    (dt.datetime(2026, 3, 1, tzinfo=NEW_YORK), dt.datetime(2026, 4, 1, tzinfo=NEW_YORK)),
    (dt.datetime(2026, 3, 3, 10, 20, tzinfo=UTC), dt.datetime(2026, 3, 9, 7, 45, tzinfo=UTC)),  # partial hours
    (dt.datetime(2026, 3, 5, 13, 5, tzinfo=UTC), dt.datetime(2026, 3, 5, 13, 50, tzinfo=UTC)),  # under an hour
    (dt.datetime(2026, 5, 1, tzinfo=UTC), dt.datetime(2026, 6, 1, tzinfo=UTC)),  # no events
]
KINDS = [
    ("count", "quantity", {}),
    ("sum", "quantity", {}),
    ("sum", "quantity", {"region": "eu"}),
    ("sum", "gb", {}),
    ("max", "quantity", {}),
    ("max", "gb", {}),
    ("unique_count", "user", {}),
    ("unique_count", "quantity", {}),
    ("latest", "quantity", {}),
    ("latest", "gb", {}),
    ("weighted_sum", "gb", {}),
]


def _stream() -> list[int]:
    customers = [CustomerFactory(external_id=f"u{i}").pk for i in range(4)]  # u3 sends nothing
    events = []
    for i, (hour, ref) in enumerate(itertools.product(range(0, 24 * 31, 7), ("u0", "u1", "u2"))):
        at = T0 + dt.timedelta(hours=hour, minutes=(i * 13) % 60, seconds=i % 50)
        events.append({
            "idempotency_key": f"e{i}", "customer": ref, "metric": "m", "timestamp": at.isoformat(),
            "quantity": str(Decimal(i % 17) + Decimal("0.25")),
            "properties": {"region": "eu" if i % 3 else "us", "user": f"user-{i % 11}",
                           "model": ("large", "small", "tiny")[i % 3 if i % 5 else 0], "gb": str(Decimal(i % 23) / 4)},
        })  # fmt: skip
    # Before the month: the opening level of a weighted sum.
    events.append({"idempotency_key": "before", "customer": "u1", "metric": "m", "quantity": "3",
                   "timestamp": (T0 - dt.timedelta(days=3)).isoformat(), "properties": {"gb": "40"}})  # fmt: skip
    Meter.objects.create(code="m", name="m", group_by="model")
    with time_machine.travel(dt.datetime(2026, 4, 2, tzinfo=UTC), tick=False):
        assert usage_events_record(events=events).accepted == len(events)
    return customers


def _requests(meter: Meter, customers: list[int]) -> list[UsageRequest]:
    return [
        UsageRequest(customer_id, meter, start, end, dimension)
        for customer_id in customers
        for start, end in RANGES
        for dimension in (None, "large", "small", "none-such")
    ]


def _single(request: UsageRequest) -> Decimal:
    return usage_aggregate(
        customer_id=request.customer_id,
        meter=request.meter,
        start=request.start,
        end=request.end,
        dimension=request.dimension,
    )


@pytest.mark.parametrize("rollups", ["none", "half", "all"])
def test_bulk_aggregates_equal_the_single_reads(rollups):
    customers = _stream()
    meter = Meter.objects.get(code="m")
    for aggregation, field, filters in KINDS:
        meter.aggregation, meter.field, meter.filters = aggregation, field, filters
        meter.save()
        if rollups != "none":  # a changed definition rebuilds them; half: a raw tail above the watermark
            batch = 160 if rollups == "half" else 100_000
            usage_rollups_advance(meter=meter, now=dt.datetime(2026, 4, 3, tzinfo=UTC), batch=batch)
        requests = _requests(meter, customers)
        with CaptureQueriesContext(connection) as queries:
            bulk = usage_aggregate_many(requests)
        single = {request: _single(request) for request in requests}
        assert bulk == single, (aggregation, field, filters)
        assert any(value for value in single.values())  # the comparison is not over zeros only
        read_rollups = any("metering_usagerollup" in q["sql"] for q in queries.captured_queries)
        assert read_rollups == (rollups != "none" and aggregation != "weighted_sum")


def test_bulk_event_values_equal_the_single_reads():
    customers = _stream()
    meter = Meter.objects.get(code="m")
    meter.field = "gb"
    requests = _requests(meter, customers)
    bulk = usage_event_values_many(requests)
    for request in requests:
        assert bulk[request] == usage_event_values(
            customer_id=request.customer_id,
            meter=meter,
            start=request.start,
            end=request.end,
            dimension=request.dimension,
        )
    assert sum(len(values) for values in bulk.values()) > 100


def test_statements_grow_with_the_ranges_not_the_customers():
    customers = _stream()
    meter = Meter.objects.get(code="m")
    usage_rollups_advance(meter=meter, now=dt.datetime(2026, 4, 3, tzinfo=UTC), batch=300)
    requests = [UsageRequest(c, meter, *RANGES[0]) for c in customers]
    with CaptureQueriesContext(connection) as few:
        usage_aggregate_many(requests[:1])
    with CaptureQueriesContext(connection) as many:
        usage_aggregate_many(requests)
    assert len(many) == len(few) <= 5  # watermark twice, rollups, raw tail


def test_arrivals_name_only_events_received_after_the_moment():
    customers = _stream()
    meter = Meter.objects.get(code="m")
    with time_machine.travel(dt.datetime(2026, 4, 10, tzinfo=UTC), tick=False):
        usage_events_record(events=[{"idempotency_key": "late", "customer": "u2", "metric": "m", "quantity": "1",
                                     "timestamp": "2026-03-20T10:00:00Z"}])  # fmt: skip
    checks = [
        ArrivalCheck(customer_id=c, meter_id=meter.pk, start=T0, end=RANGES[0][1],
                     after=dt.datetime(2026, 4, 5, tzinfo=UTC))
        for c in customers
    ]  # fmt: skip
    found = usage_events_arrived_many(checks)
    assert found == {
        (customers[2], meter.pk): [(dt.datetime(2026, 3, 20, 10, tzinfo=UTC), dt.datetime(2026, 4, 10, tzinfo=UTC))]
    }
