"""Contract minimum commitments: the yearly true-up, and a per-period commitment charged once per
usage period even when covered lines bill on other cadences."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from audit.models import AuditEvent
from contracts.models import Contract
from invoicing.drafting.recurring import contract_bill_due
from invoicing.models import Invoice
from metering.services import usage_events_record
from tests.factories import ContractFactory, CustomerFactory, FlatLineFactory, MeterFactory
from tests.invoicing.factories import MeteredLineFactory

pytestmark = pytest.mark.django_db
D = Decimal


def _usage(days_and_calls: list[tuple[dt.date, int]]) -> None:
    events = []
    for day, calls in days_and_calls:
        at = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
        events.append(
            {"idempotency_key": f"{day}", "customer": "acme", "metric": "api_calls",
             "timestamp": at.isoformat(), "quantity": str(calls)}
        )
    assert not usage_events_record(events=events, now=dt.datetime(2030, 1, 1, tzinfo=dt.UTC)).rejected


def _contract(**fields: object) -> Contract:
    MeterFactory()
    customer = CustomerFactory(external_id="acme")
    return ContractFactory(customer=customer, auto_send=False, **fields)


def _bill(contract: Contract, day: dt.date) -> list[Invoice]:
    as_of = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    created, _ = contract_bill_due(contract=Contract.objects.get(pk=contract.pk), as_of=as_of)
    return created


def _commitment_rows(invoice: Invoice) -> list[tuple[str, str, str, str]]:
    return [
        (line.description, f"{line.amount:.2f}", str(line.period_start), str(line.period_end))
        for line in invoice.lines.filter(line_code="minimum_commitment")
    ]


# --- yearly -----------------------------------------------------------------------------------


def _yearly(**fields: object) -> Contract:
    contract = _contract(
        start_date=dt.date(2026, 1, 1),
        minimum_commitment_amount=D("5000"),
        minimum_commitment_period="year",
        **fields,
    )
    MeteredLineFactory(contract=contract)
    return contract


def test_yearly_true_up_on_the_invoice_of_the_year_end():
    contract = _yearly()
    # 300 calls a month at $1.00: 3,600.00 in the contract year, 1,400.00 short of 5,000.00.
    _usage([(dt.date(2026, month, 10), 300) for month in range(1, 13)] + [(dt.date(2027, 1, 10), 300)])
    created = _bill(contract, dt.date(2027, 1, 1))
    assert len(created) == 12
    # No true-up during the year: monthly invoices bill usage only.
    assert all(not _commitment_rows(i) for i in created if i.billing_date < dt.date(2027, 1, 1))
    year_end = Invoice.objects.get(contract=contract, billing_date=dt.date(2027, 1, 1))
    assert [(line.kind, f"{line.amount:.2f}") for line in year_end.lines.order_by("position")] == [
        ("usage", "300.00"),
        ("minimum", "1400.00"),
    ]
    assert _commitment_rows(year_end) == [
        ("Annual minimum commitment true-up (2026-01-01 to 2026-12-31)", "1400.00", "2026-01-01", "2027-01-01")
    ]
    assert year_end.total == D("1700.00")
    assert sum(i.total for i in created) == D("5000.00")
    assert AuditEvent.objects.filter(action="commitment_trued_up", object_id=str(year_end.pk)).count() == 1

    # The next month belongs to year two: no true-up until its end; reruns add nothing.
    _bill(contract, dt.date(2027, 2, 1))
    assert _bill(contract, dt.date(2027, 2, 1)) == []
    feb = Invoice.objects.get(contract=contract, billing_date=dt.date(2027, 2, 1))
    assert feb.total == D("300.00")
    assert Invoice.objects.filter(lines__line_code="minimum_commitment").count() == 1


def test_yearly_commitment_met_adds_nothing():
    contract = _yearly()
    _usage([(dt.date(2026, month, 10), 500) for month in range(1, 13)])
    _bill(contract, dt.date(2027, 1, 1))
    assert sum(i.total for i in Invoice.objects.filter(contract=contract)) == D("6000.00")
    assert not Invoice.objects.filter(lines__kind="minimum").exists()


def test_yearly_commitment_is_prorated_when_the_contract_ends_mid_year():
    contract = _yearly(end_date=dt.date(2026, 7, 1))
    _usage([(dt.date(2026, month, 10), 300) for month in range(1, 7)])
    _bill(contract, dt.date(2026, 7, 1))
    last = Invoice.objects.get(contract=contract, billing_date=dt.date(2026, 7, 1))
    # 5,000.00 x 181/365 days = 2,479.45; billed 6 x 300.00 = 1,800.00.
    assert _commitment_rows(last) == [
        (
            "Annual minimum commitment true-up (2026-01-01 to 2026-06-30, $2,479.45 prorated 181/365 days)",
            "679.45",
            "2026-01-01",
            "2026-07-01",
        )
    ]
    assert sum(i.total for i in Invoice.objects.filter(contract=contract)) == D("2479.45")


def test_yearly_true_up_gets_its_own_invoice_when_nothing_bills_on_the_year_end():
    # Calendar billing (1st of the month) of a contract signed on Jan 15: no invoice on Jan 15.
    contract = _yearly()
    Contract.objects.filter(pk=contract.pk).update(start_date=dt.date(2026, 1, 15), billing_alignment="calendar")
    _usage([(dt.date(2026, month, 20), 100) for month in range(1, 13)])
    _bill(contract, dt.date(2027, 1, 15))
    true_up = Invoice.objects.get(contract=contract, billing_date=dt.date(2027, 1, 15))
    assert true_up.kind == "recurring"
    assert (true_up.period_start, true_up.period_end) == (dt.date(2026, 1, 15), dt.date(2027, 1, 15))
    # 12 months x 100 calls = 1,200.00 billed in the year: 3,800.00 short.
    assert [(line.kind, f"{line.amount:.2f}") for line in true_up.lines.all()] == [("minimum", "3800.00")]
    assert true_up.total == D("3800.00")
    assert _bill(contract, dt.date(2027, 1, 16)) == []  # once


# --- per billing period -----------------------------------------------------------------------


def test_per_period_commitment_is_charged_once_per_usage_period():
    """A quarterly platform fee in advance and monthly usage in arrears, both covered by a 1,000.00
    monthly commitment: the minimum is measured on the usage period only, never on the fee's
    quarter, so the June 5 invoice (fee for the next quarter + May's usage) holds one true-up."""
    contract = _contract(
        minimum_commitment_amount=D("1000"),
        minimum_commitment_period="billing_period",
        minimum_commitment_lines=["platform", "api"],
    )
    FlatLineFactory(contract=contract, amount=D("600"), billing_interval_count=3, sort_order=0)
    MeteredLineFactory(contract=contract, sort_order=1)
    _usage([(dt.date(2026, 3, 10), 100), (dt.date(2026, 4, 10), 100), (dt.date(2026, 5, 10), 100)])
    _bill(contract, dt.date(2026, 6, 5))

    def rows(day: dt.date) -> list[tuple[str, str, str]]:
        invoice = Invoice.objects.get(contract=contract, billing_date=day)
        return [(line.line_code, line.kind, f"{line.amount:.2f}") for line in invoice.lines.order_by("position")]

    assert rows(dt.date(2026, 3, 5)) == [("platform", "fixed", "600.00")]
    for day in (dt.date(2026, 4, 5), dt.date(2026, 5, 5)):
        assert rows(day) == [("api", "usage", "100.00"), ("minimum_commitment", "minimum", "900.00")]
    assert rows(dt.date(2026, 6, 5)) == [
        ("api", "usage", "100.00"),
        ("minimum_commitment", "minimum", "900.00"),
        ("platform", "fixed", "600.00"),
    ]
