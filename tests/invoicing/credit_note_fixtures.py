"""Issued invoices for the credit note, refund and API tests, made through the real services
(finalised, scheduled and booked by revrec through the signals, paid through receivables)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import time_machine
from django.db import transaction

from contracts.models import Customer
from invoicing.models import Invoice, InvoiceLine
from invoicing.services import invoice_finalize
from ledger.models import JournalLine
from rating import round_money
from tests.factories import CustomerFactory

D = Decimal
APRIL_1 = dt.datetime(2026, 4, 1, 12, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Row:
    code: str
    kind: str
    description: str
    amount: str
    start: dt.date
    end: dt.date
    charge_model: str


USAGE_600 = Row("api", "usage", "API calls", "600.00", dt.date(2026, 3, 1), dt.date(2026, 4, 1), "per_unit")
PLATFORM_400 = Row("platform", "fixed", "Platform fee", "400.00", dt.date(2026, 4, 1), dt.date(2026, 5, 1), "flat")


def run_on_commit(callbacks_fixture, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    """Run ``fn`` and the on-commit callbacks it queued (signals -> eager Celery tasks)."""
    with callbacks_fixture(execute=True):
        return fn(*args, **kwargs)


def issued_invoice(
    callbacks_fixture,  # type: ignore[no-untyped-def]
    *,
    rows: Sequence[Row] = (USAGE_600, PLATFORM_400),
    tax_percentage: str | None = None,
    customer: Customer | None = None,
    at: dt.datetime = APRIL_1,
) -> Invoice:
    """An invoice of ``rows`` (taxed at ``tax_percentage`` per line, if given), finalised at ``at``:
    numbered, its revenue scheduled and its issue entry posted."""
    customer = customer or CustomerFactory(timezone="UTC")
    with transaction.atomic():
        invoice = Invoice.objects.create(
            customer=customer,
            billing_date=rows[0].end,
            currency="USD",
            period_start=min(r.start for r in rows),
            period_end=max(r.end for r in rows),
            auto_send=False,
            customer_snapshot={"name": customer.name, "email": customer.email, "locale": "en_US",
                               "timezone": "UTC", "address_lines": ["1 Main St", "Boston MA 02110"]},
        )
        subtotal = tax = D(0)
        for position, row in enumerate(rows):
            amount = D(row.amount)
            line_tax = round_money(amount * D(tax_percentage) / 100, "USD") if tax_percentage else D(0)
            InvoiceLine.objects.create(
                invoice=invoice, position=position, line_code=row.code, kind=row.kind, description=row.description,
                quantity=D(1), unit_price=amount, precise_amount=amount, amount=amount, period_start=row.start,
                period_end=row.end, price_snapshot={"charge_model": row.charge_model},
                tax_name="Sales tax" if tax_percentage else "",
                tax_percentage=D(tax_percentage) if tax_percentage else None, tax_amount=line_tax,
            )
            subtotal += amount
            tax += line_tax
        invoice.subtotal, invoice.tax, invoice.total = subtotal, tax, subtotal + tax
        invoice.save()
    with time_machine.travel(at, tick=False), callbacks_fixture(execute=True):
        invoice_finalize(invoice_id=invoice.pk)
    invoice.refresh_from_db()
    return invoice


def balance(code: str, *, source_key: str | None = None) -> Decimal:
    """Debits less credits on an account (of one entry, if ``source_key``)."""
    lines = JournalLine.objects.filter(account__code=code)
    if source_key is not None:
        lines = lines.filter(entry__source_key=source_key)
    return sum((line.debit - line.credit for line in lines), D(0))


def entry_lines(source_key: str) -> set[tuple[str, Decimal, Decimal]]:
    return {
        (line.account.code, line.debit, line.credit)
        for line in JournalLine.objects.filter(entry__source_key=source_key).select_related("account")
    }
