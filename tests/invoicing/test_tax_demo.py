"""The demo data carries tax: rates for US-CA, US-NY and DE, a taxed customer and an exempt one."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from contracts.models import Customer
from demo.data import load_demo
from invoicing.models import CreditNote, Invoice, InvoiceLine, TaxRate
from ledger.choices import AccountCode
from ledger.models import JournalLine

pytestmark = pytest.mark.django_db


def test_demo_has_tax_rates_a_taxed_and_an_exempt_customer(  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(months=1)

    assert set(TaxRate.objects.filter(active=True).values_list("country", "region", "percentage")) == {
        ("US", "CA", D("7.25")), ("US", "NY", D("8.875")), ("DE", "", D("19")),
    }
    acme = Invoice.objects.filter(customer__external_id="acme").exclude(status="draft")
    assert acme.exists()
    for invoice in acme:
        assert invoice.tax > 0
        assert invoice.total == invoice.subtotal + invoice.tax
        assert set(invoice.lines.values_list("tax_name", "tax_percentage")) == {("NY sales tax", D("8.875"))}
    umbrella = Customer.objects.get(external_id="umbrella")
    assert (umbrella.region, umbrella.tax_exempt, umbrella.tax_exemption_certificate) == (
        "CA", True, "CA-EXEMPT-UMB-2026"
    )
    assert Invoice.objects.filter(customer=umbrella).exists()
    assert not Invoice.objects.filter(customer=umbrella, tax__gt=0).exists()
    assert not InvoiceLine.objects.filter(invoice__customer=umbrella, tax_rate__isnull=False).exists()
    # Hooli (auto-send off, EUR, VAT 19%): its latest invoice waits in the review queue, unnumbered;
    # the earlier ones the billing admin reviewed and issued.
    hooli = Invoice.objects.filter(customer__external_id="hooli")
    assert hooli.exists()
    latest = hooli.order_by("-billing_date").first()
    assert (latest.status, latest.review_status, latest.currency) == ("draft", "pending", "EUR")
    assert set(hooli.exclude(pk=latest.pk).values_list("status", "review_status", "reviewed_by")) <= {
        ("open", "approved", "billing"), ("paid", "approved", "billing")
    }
    assert set(InvoiceLine.objects.filter(invoice__in=hooli).values_list("tax_name", "tax_percentage")) == {
        ("VAT", D("19"))
    }

    # Finalising runs after commit, which this test captures until load_demo returns: the demo's
    # SLA credit note finds Acme's invoice issued on the second load (load_demo is idempotent).
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(months=1)
    assert TaxRate.objects.count() == 3
    # Issued taxed invoices booked their tax as payable; the demo's SLA credit note gave some back.
    credit_note = CreditNote.objects.get()
    assert (credit_note.invoice.customer.external_id, credit_note.subtotal, credit_note.tax) == (
        "acme", D("100.00"), D("8.88")
    )
    payable = JournalLine.objects.filter(account__code=AccountCode.SALES_TAX_PAYABLE)
    issued = Invoice.objects.exclude(status="draft")  # Acme's NY tax and Pied Piper's CA tax
    assert sum((line.credit - line.debit for line in payable), D(0)) == sum((i.tax for i in issued), D(0)) - D("8.88")
    load_demo(months=1)
    assert CreditNote.objects.count() == 1
