"""Rollups + raw tail == raw aggregation, for random streams: duplicates, late and out-of-order
arrivals, rollups advanced at arbitrary points between deliveries, arbitrary query ranges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metering.models import Meter, RollupWatermark, UsageEvent, UsageRollup, UsageRollupValue
from metering.rollups import usage_aggregate_rolled, usage_rollups_advance
from metering.selectors import usage_aggregate_raw
from metering.services import usage_events_record
from tests.factories import CustomerFactory

T0 = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
LATER = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)  # every event is received and settled by then
AGGREGATIONS = [
    ("count", "quantity"),
    ("sum", "quantity"),
    ("max", "quantity"),
    ("latest", "quantity"),
    ("unique_count", "user"),
    ("sum", "bytes"),
]

event = st.fixed_dictionaries(
    {
        "key": st.integers(0, 40),  # a small key space: plenty of duplicate deliveries
        "customer": st.sampled_from(["a", "b"]),
        "minute": st.integers(0, 6 * 60 - 1),  # six hours
        "quantity": st.decimals(min_value=0, max_value=1000, places=3),
        "user": st.sampled_from(["u1", "u2", "u3", "u4"]),
        "region": st.sampled_from(["eu", "us"]),
    }
)
deliveries = st.lists(st.lists(event, min_size=1, max_size=12), min_size=1, max_size=4)
ranges = st.tuples(st.integers(0, 6 * 60), st.integers(1, 6 * 60))


def _payload(e: dict) -> dict:
    # The body is a function of the key, so a repeated key is a true duplicate (same body).
    key = e["key"]
    return {
        "idempotency_key": f"k{key}",
        "customer": "a" if key % 2 else "b",
        "metric": "m",
        "timestamp": (T0 + dt.timedelta(minutes=(key * 37) % 360, seconds=key)).isoformat(),
        "quantity": str(Decimal(key * 7 % 100) / 4),
        "properties": {"user": f"u{key % 4}", "bytes": key * 3 % 11, "region": e["region"] if key % 3 else "eu"},
    }


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    batches=deliveries,
    advance_after=st.lists(st.booleans(), min_size=5, max_size=5),
    spans=st.lists(ranges, min_size=1, max_size=3),
    filtered=st.booleans(),
)
def test_rolled_up_aggregates_equal_raw_aggregates(batches, advance_after, spans, filtered):
    for model in (UsageRollupValue, UsageRollup, RollupWatermark, UsageEvent, Meter):
        model.objects.all().delete()
    customers = {ref: CustomerFactory(external_id=ref) for ref in ("a", "b")} if not _customers() else _customers()
    meters = [
        Meter.objects.create(
            code=f"m{i}", name="m", aggregation=agg, field=field, filters={"region": "eu"} if filtered else {},
            group_by="user" if i % 2 else "",
        )
        for i, (agg, field) in enumerate(AGGREGATIONS)
    ]
    for batch, advance in zip(batches, advance_after, strict=False):
        for meter in meters:
            events = [{**_payload(e), "metric": meter.code} for e in batch]
            for e in events:
                e["idempotency_key"] = f"{meter.code}-{e['idempotency_key']}"
            usage_events_record(events=events, now=LATER)
        if advance:
            for meter in meters:
                usage_rollups_advance(meter=meter, now=LATER)
    for meter in meters:
        usage_rollups_advance(meter=meter, now=LATER, batch=3)  # a partial fold: part rolled, part raw
    compared = 0
    for a, b in spans:
        start, end = T0 + dt.timedelta(minutes=min(a, b)), T0 + dt.timedelta(minutes=max(a, b) + 1, seconds=17)
        for meter in meters:
            for customer in customers.values():
                raw = usage_aggregate_raw(customer_id=customer.pk, meter=meter, start=start, end=end)
                rolled = usage_aggregate_rolled(customer_id=customer.pk, meter=meter, start=start, end=end)
                if rolled is not None:
                    assert rolled == raw, (meter.aggregation, meter.field, start, end)
                    compared += 1
                if meter.group_by:  # per dimension value too (a line pricing one model, say)
                    for dimension in ("u0", "u1", "u9"):
                        kwargs = {"customer_id": customer.pk, "meter": meter, "start": start, "end": end,
                                  "dimension": dimension}
                        rolled = usage_aggregate_rolled(**kwargs)
                        assert rolled is None or rolled == usage_aggregate_raw(**kwargs), (meter.aggregation, dimension)
    # Every range of at least one whole hour is answered from rollups (and checked above).
    whole_hour_spans = [s for s in spans if _has_whole_hour(*s)]
    assert compared == len(whole_hour_spans) * len(meters) * 2


def _has_whole_hour(a: int, b: int) -> bool:
    start = T0 + dt.timedelta(minutes=min(a, b))
    end = T0 + dt.timedelta(minutes=max(a, b) + 1, seconds=17)
    first = (
        start if start.minute == 0 and start.second == 0 else start.replace(minute=0, second=0) + dt.timedelta(hours=1)
    )
    return first < end.replace(minute=0, second=0)


def _customers():
    from contracts.models import Customer

    found = {c.external_id: c for c in Customer.objects.filter(external_id__in=["a", "b"])}
    return found if len(found) == 2 else None


@pytest.mark.django_db
def test_rollups_answer_once_built_and_follow_new_events():
    customer = CustomerFactory(external_id="a")
    meter = Meter.objects.create(code="m", name="m", aggregation="sum")
    events = [
        {
            "idempotency_key": f"e{i}",
            "customer": "a",
            "metric": "m",
            "timestamp": (T0 + dt.timedelta(minutes=10 * i)).isoformat(),
            "quantity": "2",
        }
        for i in range(30)
    ]
    usage_events_record(events=events[:20], now=LATER)
    start, end = T0 + dt.timedelta(minutes=5), T0 + dt.timedelta(hours=5, minutes=1)
    assert usage_aggregate_rolled(customer_id=customer.pk, meter=meter, start=start, end=end) is None  # not built
    assert usage_rollups_advance(meter=meter, now=LATER) == 20
    assert UsageRollup.objects.count() == 4  # 20 events, six an hour
    usage_events_record(events=events[20:], now=LATER)  # after the watermark: read raw
    expected = usage_aggregate_raw(customer_id=customer.pk, meter=meter, start=start, end=end)
    assert usage_aggregate_rolled(customer_id=customer.pk, meter=meter, start=start, end=end) == expected
    assert expected == Decimal(2 * 29)  # events 1..29 fall in the range


@pytest.mark.django_db
def test_unsettled_events_wait_and_a_changed_definition_rebuilds():
    customer = CustomerFactory(external_id="a")
    meter = Meter.objects.create(code="m", name="m", aggregation="sum")
    usage_events_record(
        events=[
            {
                "idempotency_key": "e1",
                "customer": "a",
                "metric": "m",
                "timestamp": T0.isoformat(),
                "quantity": "5",
                "properties": {"region": "us"},
            }
        ],
        now=LATER,
    )
    just_received = UsageEvent.objects.get().received_at
    assert usage_rollups_advance(meter=meter, now=just_received) == 0  # not settled yet
    assert usage_rollups_advance(meter=meter, now=LATER) == 1
    meter.filters = {"region": "eu"}
    meter.save()
    assert (
        usage_aggregate_rolled(customer_id=customer.pk, meter=meter, start=T0, end=T0 + dt.timedelta(hours=2)) is None
    )  # stale rollups are not used
    usage_rollups_advance(meter=meter, now=LATER)
    assert usage_aggregate_rolled(
        customer_id=customer.pk, meter=meter, start=T0, end=T0 + dt.timedelta(hours=2)
    ) == Decimal(0)
