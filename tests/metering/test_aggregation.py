from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from metering.aggregation import time_weighted_sum
from metering.models import Meter
from metering.selectors import usage_aggregate
from metering.services import usage_events_record
from tests.factories import CustomerFactory

T0 = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
T1 = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)
NOW = dt.datetime(2026, 4, 2, tzinfo=dt.UTC)


def test_time_weighted_sum_carries_the_opening_level():
    hours = Decimal(31 * 24)
    assert time_weighted_sum(opening_value=Decimal(10), changes=[], start=T0, end=T1) == 10 * hours
    halfway = T0 + (T1 - T0) / 2
    assert time_weighted_sum(opening_value=None, changes=[(halfway, Decimal(4))], start=T0, end=T1) == 4 * hours / 2


@pytest.fixture
def stream(db):
    customer = CustomerFactory(external_id="acme")
    other = CustomerFactory(external_id="other")
    events = []
    for i, (region, model, quantity) in enumerate(
        [("eu", "large", "5"), ("eu", "small", "2"), ("us", "large", "7"), ("eu", "large", "1")]
    ):
        events.append({"idempotency_key": f"e{i}", "customer": "acme", "metric": "m",
                       "timestamp": (T0 + dt.timedelta(days=i + 1)).isoformat(), "quantity": quantity,
                       "properties": {"region": region, "model": model, "user": f"u{i % 3}", "gb": str(10 * (i + 1))}})
    events.append({"idempotency_key": "x", "customer": "other", "metric": "m", "timestamp": T0.isoformat(),
                   "quantity": "100"})
    events.append({"idempotency_key": "late", "customer": "acme", "metric": "m",
                   "timestamp": (T1 + dt.timedelta(hours=1)).isoformat(), "quantity": "1000"})
    Meter.objects.create(code="m", name="m")
    assert usage_events_record(events=events, now=NOW).accepted == 6
    return customer, other


@pytest.mark.parametrize(
    ("aggregation", "field", "filters", "expected"),
    [
        ("count", "quantity", {}, Decimal(4)),
        ("sum", "quantity", {}, Decimal(15)),
        ("sum", "quantity", {"region": "eu"}, Decimal(8)),
        ("sum", "quantity", {"region": "eu", "model": "large"}, Decimal(6)),
        ("max", "quantity", {}, Decimal(7)),
        ("unique_count", "user", {}, Decimal(3)),
        ("latest", "quantity", {}, Decimal(1)),
        ("sum", "gb", {}, Decimal(100)),
    ],
)
def test_aggregations_over_one_customer_and_period(stream, aggregation, field, filters, expected):
    customer, _ = stream
    meter = Meter.objects.get(code="m")
    meter.aggregation, meter.field, meter.filters = aggregation, field, filters
    assert usage_aggregate(customer_id=customer.pk, meter=meter, start=T0, end=T1) == expected


def test_weighted_sum_integrates_the_level_over_time(stream):
    customer, _ = stream
    meter = Meter.objects.get(code="m")
    meter.aggregation, meter.field = "weighted_sum", "gb"
    # gb 10 from day 2, 20 from day 3, 30 from day 4, 40 from day 5 to Apr 1 (27 days).
    expected = Decimal(10 * 24 + 20 * 24 + 30 * 24 + 40 * 27 * 24)
    assert usage_aggregate(customer_id=customer.pk, meter=meter, start=T0, end=T1) == expected
