"""Reconciliation with tax: billed is tax included (the AR identity), revenue is matched against
billed less tax (the deferred revenue identity), and the ledger's tax payable is checked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
import time_machine

from invoicing.drafting.billing_run import billing_run_execute
from invoicing.models import Invoice, TaxRate
from invoicing.services import invoice_finalize
from ledger.choices import AccountCode
from ledger.models import JournalLine
from receivables.services import payment_record
from reporting.reconciliation import reconciliation_report
from revrec.services import revenue_recognize_due
from tests.factories import ContractFactory, CustomerFactory, FlatLineFactory

pytestmark = pytest.mark.django_db
MARCH_5 = dt.datetime(2026, 3, 5, 12, 0, tzinfo=dt.UTC)


def _taxed_march_invoice(django_capture_on_commit_callbacks) -> Invoice:  # type: ignore[no-untyped-def]
    """$1,000.00 for Mar 5 .. Apr 4 in advance, CA sales tax 7.25%, issued Mar 5: 1,072.50."""
    TaxRate.objects.create(name="CA sales tax", country="US", region="CA", percentage=D("7.25"))
    customer = CustomerFactory(external_id="acme", country="US", region="CA")
    FlatLineFactory(contract=ContractFactory(customer=customer, auto_send=False), amount=D("1000.00"))
    with time_machine.travel(MARCH_5, tick=False):
        billing_run_execute(as_of=MARCH_5, actor="tests")
        invoice = Invoice.objects.get(customer=customer)
        with django_capture_on_commit_callbacks(execute=True):
            invoice_finalize(invoice_id=invoice.pk, actor="tests")
    invoice.refresh_from_db()
    assert (invoice.subtotal, invoice.tax, invoice.total) == (D("1000.00"), D("72.50"), D("1072.50"))
    return invoice


def _figures(report: dict) -> dict[str, D]:
    return {k: D(v) for k, v in report["total"].items() if k != "currency"}


def _assert_identities(f: dict[str, D]) -> None:
    assert f["billed"] - f["credited"] - f["collected"] - f["written_off"] == f["accounts_receivable"]
    assert f["billed"] - f["tax"] - f["recognized"] == f["deferred_revenue"] - f["unbilled_receivable"]


def test_billed_includes_tax_and_revenue_identities_exclude_it(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    invoice = _taxed_march_invoice(django_capture_on_commit_callbacks)

    report = reconciliation_report(period="2026-03")
    figures = _figures(report)
    assert report["findings"] == []
    assert (figures["billed"], figures["tax"], figures["accounts_receivable"]) == (
        D("1072.50"), D("72.50"), D("1072.50")
    )
    # Deferred is the revenue not yet earned, 1,000.00: the 72.50 is owed to the state, never revenue.
    assert (figures["recognized"], figures["deferred_revenue"], figures["unbilled_receivable"]) == (
        D(0), D("1000.00"), D(0)
    )
    _assert_identities(figures)

    with django_capture_on_commit_callbacks(execute=True):
        payment_record(invoice=invoice, amount=D("500.00"), method="bank_transfer",
                       received_at=dt.datetime(2026, 3, 20, tzinfo=dt.UTC))
    revenue_recognize_due(as_of=dt.date(2026, 4, 5))

    report = reconciliation_report(period="2026-03")
    figures = _figures(report)
    assert report["findings"] == []
    assert (figures["collected"], figures["accounts_receivable"]) == (D("500.00"), D("572.50"))
    assert (figures["recognized"], figures["deferred_revenue"]) == (D("1000.00"), D(0))
    _assert_identities(figures)
    assert report["customers"][0]["tax"] == "72.50"


def test_a_tax_missing_from_the_ledger_is_a_finding(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    invoice = _taxed_march_invoice(django_capture_on_commit_callbacks)
    JournalLine.objects.filter(
        entry__source_key=f"invoice:{invoice.pk}:issued", account__code=AccountCode.SALES_TAX_PAYABLE
    ).update(credit=D("70.00"))

    findings = reconciliation_report(period="2026-03")["findings"]

    assert [(f["invoice"], f["type"]) for f in findings] == [(invoice.number, "ledger_tax_mismatch")]
    assert findings[0]["message"] == "Ledger sales tax payable 70.00 for this invoice, expected 72.50."
