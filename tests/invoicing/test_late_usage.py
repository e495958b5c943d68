from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from invoicing.drafting.recurring import contract_bill_due
from invoicing.models import Invoice
from metering.services import usage_events_record
from tests.factories import MeterFactory, UsageLineFactory

pytestmark = pytest.mark.django_db


def _calls(ref: str, prefix: str, day: str, count: int, quantity: str = "1000") -> list[dict]:
    return [{"idempotency_key": f"{prefix}-{i}", "customer": ref, "metric": "api_calls",
             "timestamp": f"{day}T12:00:00Z", "quantity": quantity} for i in range(count)]


def _bill(contract, when: dt.datetime):
    with time_machine.travel(when, tick=False):
        return contract_bill_due(contract=contract, as_of=when)[0]


def test_usage_arriving_after_its_period_was_invoiced_is_billed_next_time_once():
    MeterFactory()
    line = UsageLineFactory(contract__start_date=dt.date(2026, 3, 1), contract__auto_send=False)
    contract, ref = line.contract, line.contract.customer.external_id
    with time_machine.travel(dt.datetime(2026, 3, 31, tzinfo=dt.UTC), tick=False):
        usage_events_record(events=_calls(ref, "on-time", "2026-03-10", 100))  # 100,000 calls = 400.00
    [march] = _bill(contract, dt.datetime(2026, 4, 1, 1, tzinfo=dt.UTC))
    assert march.total == Decimal("400.00")

    with time_machine.travel(dt.datetime(2026, 4, 3, tzinfo=dt.UTC), tick=False):  # a delayed delivery
        usage_events_record(events=_calls(ref, "late", "2026-03-30", 25) + _calls(ref, "april", "2026-04-02", 60))
    assert _bill(contract, dt.datetime(2026, 4, 20, tzinfo=dt.UTC)) == []  # nothing due mid-April

    [april] = _bill(contract, dt.datetime(2026, 5, 1, 1, tzinfo=dt.UTC))
    rows = {(r.kind, r.period_start): (r.quantity, r.amount, r.description) for r in april.lines.all()}
    assert rows[("usage", dt.date(2026, 4, 1))][:2] == (Decimal(60000), Decimal("240.0000"))
    late_quantity, late_amount, late_text = rows[("late_usage", dt.date(2026, 3, 1))]
    assert (late_quantity, late_amount) == (Decimal(25000), Decimal("100.0000"))
    assert "Mar 1" in late_text
    assert "Mar 31, 2026" in late_text
    assert april.total == Decimal("340.00")

    [may] = _bill(contract, dt.datetime(2026, 6, 1, 1, tzinfo=dt.UTC))  # no new late events: no late line
    assert [r.kind for r in may.lines.all()] == ["usage", "minimum"]
    assert Invoice.objects.count() == 3


def test_late_usage_under_the_minimum_adds_nothing():
    MeterFactory()
    line = UsageLineFactory(contract__start_date=dt.date(2026, 3, 1), contract__auto_send=False)
    contract, ref = line.contract, line.contract.customer.external_id
    with time_machine.travel(dt.datetime(2026, 3, 31, tzinfo=dt.UTC), tick=False):
        usage_events_record(events=_calls(ref, "a", "2026-03-10", 10))  # 40.00 -> 200.00 minimum
    _bill(contract, dt.datetime(2026, 4, 1, 1, tzinfo=dt.UTC))
    with time_machine.travel(dt.datetime(2026, 4, 3, tzinfo=dt.UTC), tick=False):
        usage_events_record(events=_calls(ref, "b", "2026-03-30", 10))  # now 80.00: still under 200.00
    [april] = _bill(contract, dt.datetime(2026, 5, 1, 1, tzinfo=dt.UTC))
    assert "late_usage" not in {r.kind for r in april.lines.all()}
