"""Sales tax in the ledger: the issue entry credits Sales tax payable for the invoice's tax (AR takes
the total), and a void gives back what is still payable."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
import time_machine
from django.db.models import Sum

from invoicing.credit_notes.services import credit_note_issue
from invoicing.drafting.billing_run import billing_run_execute
from invoicing.models import Invoice, TaxRate
from invoicing.services import invoice_finalize, invoice_void
from ledger.choices import AccountCode
from ledger.models import JournalEntry, JournalLine
from tests.factories import ContractFactory, CustomerFactory, FlatLineFactory, UsageLineFactory

pytestmark = pytest.mark.django_db
MARCH_5 = dt.datetime(2026, 3, 5, 12, 0, tzinfo=dt.UTC)


def _lines(source_key: str) -> set[tuple[str, D, D]]:
    entry = JournalEntry.objects.get(source_key=source_key)
    return {(line.account.code, line.debit, line.credit) for line in entry.lines.select_related("account")}


def _balance(account: str) -> D:
    sums = JournalLine.objects.filter(account__code=account).aggregate(d=Sum("debit"), c=Sum("credit"))
    return (sums["d"] or D(0)) - (sums["c"] or D(0))


def _issued(django_capture_on_commit_callbacks, *, exempt: bool = False) -> Invoice:  # type: ignore[no-untyped-def]
    """A CA customer's March invoice: $1,000.00 platform fee (ratable, deferred at issue) and a
    $200.00 minimum on API calls (earned), taxed at 7.25%, finalised on Mar 5."""
    TaxRate.objects.create(name="CA sales tax", country="US", region="CA", percentage=D("7.25"))
    customer = CustomerFactory(country="US", region="CA", tax_exempt=exempt)
    contract = ContractFactory(customer=customer, auto_send=False, start_date=dt.date(2026, 2, 5))
    FlatLineFactory(contract=contract, amount=D("1000.00"), start_date=dt.date(2026, 3, 5))
    UsageLineFactory(contract=contract, minimum_amount=D("200.00"))  # February usage: none, the minimum
    with time_machine.travel(MARCH_5, tick=False):
        billing_run_execute(as_of=MARCH_5, actor="tests")
        invoice = Invoice.objects.get(customer=customer, billing_date=dt.date(2026, 3, 5))
        with django_capture_on_commit_callbacks(execute=True):
            invoice_finalize(invoice_id=invoice.pk, actor="tests")
    invoice.refresh_from_db()
    return invoice


def test_issue_entry_credits_sales_tax_payable_and_debits_ar_the_total(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    invoice = _issued(django_capture_on_commit_callbacks)
    assert (invoice.subtotal, invoice.tax, invoice.total) == (D("1200.00"), D("87.00"), D("1287.00"))

    assert _lines(f"invoice:{invoice.pk}:issued") == {
        (AccountCode.ACCOUNTS_RECEIVABLE, D("1287.00"), D(0)),
        (AccountCode.REVENUE, D(0), D("200.00")),  # the minimum, earned in February
        (AccountCode.DEFERRED_REVENUE, D(0), D("1000.00")),  # the fee for Mar 5 .. Apr 4
        (AccountCode.SALES_TAX_PAYABLE, D(0), D("87.00")),  # 72.50 + 14.50, never revenue
    }
    assert _balance(AccountCode.SALES_TAX_PAYABLE) == D("-87.00")


def test_exempt_customer_posts_no_tax_line(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    invoice = _issued(django_capture_on_commit_callbacks, exempt=True)
    assert _lines(f"invoice:{invoice.pk}:issued") == {
        (AccountCode.ACCOUNTS_RECEIVABLE, D("1200.00"), D(0)),
        (AccountCode.REVENUE, D(0), D("200.00")),
        (AccountCode.DEFERRED_REVENUE, D(0), D("1000.00")),
    }


def test_void_reverses_the_tax_with_the_revenue(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    invoice = _issued(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        invoice_void(invoice_id=invoice.pk, actor="tests", reason="wrong customer")

    assert _lines(f"invoice:{invoice.pk}:voided") == {
        (AccountCode.REVENUE, D("200.00"), D(0)),
        (AccountCode.DEFERRED_REVENUE, D("1000.00"), D(0)),
        (AccountCode.SALES_TAX_PAYABLE, D("87.00"), D(0)),
        (AccountCode.ACCOUNTS_RECEIVABLE, D(0), D("1287.00")),
    }
    for account in AccountCode:
        assert _balance(account) == D(0), account


def test_void_after_a_partial_credit_note_gives_back_only_the_tax_still_payable(  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,
) -> None:
    invoice = _issued(django_capture_on_commit_callbacks)
    platform = invoice.lines.get(line_code="platform")
    with time_machine.travel(MARCH_5, tick=False), django_capture_on_commit_callbacks(execute=True):
        note = credit_note_issue(
            invoice_id=invoice.pk, lines=[{"invoice_line_id": platform.pk, "amount": "100.00"}], reason="goodwill"
        )
    assert (note.subtotal, note.tax, note.total) == (D("100.00"), D("7.25"), D("107.25"))
    with django_capture_on_commit_callbacks(execute=True):
        invoice_void(invoice_id=invoice.pk, actor="tests", reason="contract cancelled")

    voided = _lines(f"invoice:{invoice.pk}:voided")
    assert (AccountCode.SALES_TAX_PAYABLE, D("79.75"), D(0)) in voided  # 87.00 - 7.25
    assert (AccountCode.ACCOUNTS_RECEIVABLE, D(0), D("1179.75")) in voided  # 1,287.00 - 107.25
    for account in AccountCode:
        assert _balance(account) == D(0), account
