"""Billing runs: periods in the customer's time zone across DST, and crash-and-rerun safety."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from invoicing.drafting import periods as billing
from invoicing.drafting.billing_run import billing_run_execute
from invoicing.drafting.recurring import contract_bill_due
from invoicing.models import Invoice
from metering.services import usage_events_record
from tests.factories import ContractFactory, MeterFactory, UsageLineFactory

pytestmark = pytest.mark.django_db
NEW_YORK_APR_1 = dt.datetime(2026, 4, 1, 4, 0, tzinfo=dt.UTC)  # midnight EDT


def _event(key: str, customer: str, at: str, quantity: str = "1") -> dict:
    return {"idempotency_key": key, "customer": customer, "metric": "api_calls", "timestamp": at, "quantity": quantity}


def test_period_boundaries_follow_the_customers_zone_across_dst():
    MeterFactory()
    line = UsageLineFactory(contract__start_date=dt.date(2026, 3, 1), contract__customer__timezone="America/New_York",
                            contract__auto_send=False, minimum_amount=None, unit_price=Decimal(1))
    ref = line.contract.customer.external_id
    usage_events_record(events=[
        _event("feb", ref, "2026-03-01T04:59:59Z"),  # Feb 28, 23:59:59 EST: not March
        _event("first", ref, "2026-03-01T05:00:00Z", "10"),  # Mar 1, 00:00 EST
        _event("dst", ref, "2026-03-08T07:30:00Z", "100"),  # 03:30 EDT, just after the clocks went forward
        _event("last", ref, "2026-04-01T03:59:59Z", "1000"),  # Mar 31, 23:59:59 EDT
        _event("april", ref, "2026-04-01T04:00:00Z", "10000"),  # Apr 1, 00:00 EDT: not March
    ], now=dt.datetime(2026, 4, 2, tzinfo=dt.UTC))
    early, _ = contract_bill_due(contract=line.contract, as_of=NEW_YORK_APR_1 - dt.timedelta(seconds=1))
    assert early == []  # March has not closed in New York yet
    [invoice], _ = contract_bill_due(contract=line.contract, as_of=NEW_YORK_APR_1)
    assert (invoice.period_start, invoice.period_end) == (dt.date(2026, 3, 1), dt.date(2026, 4, 1))
    assert invoice.lines.get().quantity == Decimal(1110)


def test_a_run_that_crashed_half_way_and_its_rerun_bill_each_period_once(monkeypatch):
    MeterFactory()
    lines = [UsageLineFactory(contract__auto_send=False) for _ in range(4)]
    as_of = dt.datetime(2026, 4, 6, tzinfo=dt.UTC)
    real = billing.rate_line_periods
    calls = {"n": 0}

    def crash_on_the_third(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("worker lost")
        return real(*args, **kwargs)

    monkeypatch.setattr("invoicing.drafting.billing_run.rate_line_periods", crash_on_the_third)
    first = billing_run_execute(as_of=as_of, actor="tests")
    assert (first.status, first.invoices_created, len(first.errors)) == ("failed", 3, 1)
    assert first.errors[0]["contract_id"] == lines[2].contract_id
    monkeypatch.setattr("invoicing.drafting.billing_run.rate_line_periods", real)
    second = billing_run_execute(as_of=as_of, actor="tests")
    assert (second.status, second.invoices_created, second.invoices_existing) == ("completed", 1, 3)
    assert billing_run_execute(as_of=as_of, actor="tests").invoices_created == 0
    assert sorted(Invoice.objects.values_list("contract_id", flat=True)) == sorted(line.contract_id for line in lines)
    assert set(Invoice.objects.values_list("total", flat=True)) == {Decimal("200.0000")}


def test_lines_due_on_the_same_date_share_one_invoice():
    MeterFactory()
    contract = ContractFactory(auto_send=False, start_date=dt.date(2026, 1, 1))
    UsageLineFactory(contract=contract, minimum_amount=None)
    UsageLineFactory(contract=contract, code="platform", charge_model="flat", amount=Decimal(3000), metric="",
                     unit_price=None, minimum_amount=None, billing_timing="in_advance", billing_interval_count=3)
    invoices, _ = contract_bill_due(contract=contract, as_of=dt.datetime(2026, 4, 1, 12, tzinfo=dt.UTC))
    by_date = {i.billing_date: sorted(i.lines.values_list("line_code", flat=True)) for i in invoices}
    assert by_date == {
        dt.date(2026, 1, 1): ["platform"],  # quarter 1 in advance
        dt.date(2026, 2, 1): ["api"],
        dt.date(2026, 3, 1): ["api"],
        dt.date(2026, 4, 1): ["api", "platform"],  # March usage and quarter 2, one invoice
    }
