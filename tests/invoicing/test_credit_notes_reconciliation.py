"""Month-end reconciliation with credit notes and refunds:
billed - credited - collected - written off = change in AR, per customer and in total, and the
ledger agrees (no findings)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from contracts.services import customer_card_attach
from invoicing.credit_notes.services import credit_note_issue
from ledger.models import JournalLine
from receivables.models import Refund
from receivables.services import payment_record
from reporting.reconciliation import reconciliation_report
from tests.factories import CustomerFactory
from tests.invoicing.credit_note_fixtures import APRIL_1, issued_invoice

pytestmark = pytest.mark.django_db

D = Decimal
APRIL_10 = dt.datetime(2026, 4, 10, 9, 0, tzinfo=dt.UTC)


def _ledger_ar(customer_id: int) -> Decimal:
    lines = JournalLine.objects.filter(account__code="1100", entry__customer_id=customer_id)
    return sum((line.debit - line.credit for line in lines), D(0))


def _issue(callbacks, **kwargs):  # type: ignore[no-untyped-def]
    with time_machine.travel(APRIL_10, tick=False), callbacks(execute=True):
        return credit_note_issue(**kwargs)


def test_identity_holds_with_a_partial_credit_on_an_open_invoice_and_refunds_on_paid_ones(
    django_capture_on_commit_callbacks, stripe_on
):
    callbacks = django_capture_on_commit_callbacks
    # Open, unpaid: 1,000 + 10% tax, credited 100 + 10 tax.
    open_invoice = issued_invoice(callbacks, tax_percentage="10", customer=CustomerFactory(external_id="open-co"))
    _issue(callbacks, invoice_id=open_invoice.pk, amount="100.00", reason="service_issue")
    # Paid by card: credited 200, refunded through Stripe.
    carded = CustomerFactory(external_id="card-co", timezone="UTC")
    customer_card_attach(customer=carded, card_number="4242424242424242")
    card_invoice = issued_invoice(callbacks, customer=carded)
    _issue(callbacks, invoice_id=card_invoice.pk, amount="200.00", reason="billing_error")
    # Paid by wire: credited 50, refund pending (still owed to the customer).
    wired = CustomerFactory(external_id="wire-co", timezone="UTC")
    wire_invoice = issued_invoice(callbacks, customer=wired)
    with callbacks(execute=True):
        payment_record(invoice=wire_invoice, amount=D("1000.00"), method="bank_transfer", received_at=APRIL_1)
    _issue(callbacks, invoice_id=wire_invoice.pk, amount="50.00", reason="goodwill")
    assert sorted((r.method, r.status) for r in Refund.objects.all()) == [
        ("bank_transfer", "pending"), ("card", "succeeded"),
    ]

    report = reconciliation_report(period="2026-03")

    assert report["findings"] == []
    rows = {row["customer"]: row for row in report["customers"]}
    assert {c: (r["billed"], r["credited"], r["collected"], r["written_off"], r["accounts_receivable"])
            for c, r in rows.items()} == {
        "open-co": ("1100.00", "110.00", "0.00", "0.00", "990.00"),
        "card-co": ("1000.00", "200.00", "800.00", "0.00", "0.00"),
        "wire-co": ("1000.00", "50.00", "1000.00", "0.00", "-50.00"),
    }
    for customer, invoice in (("open-co", open_invoice), ("card-co", card_invoice), ("wire-co", wire_invoice)):
        row = rows[customer]
        identity = D(row["billed"]) - D(row["credited"]) - D(row["collected"]) - D(row["written_off"])
        # AR was zero before these invoices: the change in AR is the ledger's AR balance now.
        assert identity == D(row["accounts_receivable"]) == _ledger_ar(invoice.customer_id), customer
    total = report["total"]
    assert (total["billed"], total["credited"], total["collected"], total["accounts_receivable"]) == (
        "3100.00", "360.00", "1800.00", "940.00",
    )
    # Revenue: 3,000 billed before tax, 350 credited; the March usage is earned, April's fees deferred.
    assert D(total["recognized"]) + D(total["deferred_revenue"]) == D("2650.00")
