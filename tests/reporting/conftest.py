"""Reporting tests' shared history: a few months of real billing through the owning apps' services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
import time_machine

from invoicing.drafting.billing_run import billing_run_execute
from invoicing.models import Invoice
from invoicing.services import invoice_finalize
from receivables.services import payment_record
from reporting.models import ExchangeRate
from revrec.services import revenue_recognize_due
from tests.factories import ContractFactory, CustomerFactory, FlatLineFactory

JAN, FEB, MAR, APR = (dt.date(2026, m, 1) for m in (1, 2, 3, 4))


def _bill_through(months: list[dt.date], capture) -> None:  # type: ignore[no-untyped-def]
    for month in months:
        moment = dt.datetime.combine(month, dt.time(12), tzinfo=dt.UTC)
        with time_machine.travel(moment, tick=False), capture(execute=True):
            billing_run_execute(as_of=moment, actor="tests")
            for invoice in Invoice.objects.filter(status="draft"):
                invoice_finalize(invoice_id=invoice.pk, actor="tests")
            revenue_recognize_due(as_of=month)


@pytest.fixture
def history(django_capture_on_commit_callbacks) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """USD: Acme 1,000/month from Jan, +500 from Mar (expansion); Initech 300/month from Feb (new).
    EUR: Globex 800/month Jan and Feb only (churned in Mar). Acme pays January on Jan 10."""
    acme = CustomerFactory(external_id="acme", name="Acme Inc.")
    initech = CustomerFactory(external_id="initech", name="Initech")
    globex = CustomerFactory(external_id="globex", name="Globex GmbH", currency="EUR")
    FlatLineFactory(contract=ContractFactory(customer=acme, start_date=JAN, auto_send=False), amount=D("1000"))
    FlatLineFactory(contract=ContractFactory(customer=acme, start_date=MAR, auto_send=False), amount=D("500"))
    FlatLineFactory(contract=ContractFactory(customer=initech, start_date=FEB, auto_send=False), amount=D("300"))
    FlatLineFactory(
        contract=ContractFactory(customer=globex, start_date=JAN, end_date=MAR, currency="EUR", auto_send=False),
        amount=D("800"),
    )
    _bill_through([JAN, FEB, MAR, APR], django_capture_on_commit_callbacks)
    january = Invoice.objects.get(customer=acme, period_start=JAN)
    with django_capture_on_commit_callbacks(execute=True):
        payment_record(invoice=january, amount=D("1000.00"), method="bank_transfer",
                       received_at=dt.datetime(2026, 1, 10, tzinfo=dt.UTC), reference="WIRE-1")
    ExchangeRate.objects.create(base_currency="USD", currency="EUR", rate_date=dt.date(2025, 12, 31), rate=D("1.10"))
    ExchangeRate.objects.create(base_currency="USD", currency="EUR", rate_date=dt.date(2026, 3, 1), rate=D("1.20"))
    return {"acme": acme, "initech": initech, "globex": globex}


