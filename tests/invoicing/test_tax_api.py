"""Tax in the invoice API: each line's rate and tax, and the invoice's tax per rate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from invoicing.drafting.billing_run import billing_run_execute
from invoicing.models import Invoice, TaxRate
from tests.factories import ContractFactory, CustomerFactory, FlatLineFactory

pytestmark = pytest.mark.django_db
MARCH_5 = dt.datetime(2026, 3, 5, 12, 0, tzinfo=dt.UTC)


def _invoice(**customer: object) -> Invoice:
    contract = ContractFactory(customer=CustomerFactory(**customer), auto_send=False)
    FlatLineFactory(contract=contract, code="platform", amount=D("1000.00"))
    FlatLineFactory(contract=contract, code="addon", description="Add-on", amount=D("0.05"))
    FlatLineFactory(contract=contract, code="support", description="Support", amount=D("19.99"))
    billing_run_execute(as_of=MARCH_5, actor="tests")
    return Invoice.objects.get(contract=contract)


def test_invoice_detail_shows_tax_per_line_and_per_rate(api) -> None:
    TaxRate.objects.create(name="CA sales tax", country="US", region="CA", percentage=D("7.25"))
    invoice = _invoice(country="US", region="CA")

    body = api.get(f"/api/v1/invoices/{invoice.pk}").json()

    assert [(li["line_code"], li["amount"], li["tax_name"], li["tax_percentage"], li["tax_amount"])
            for li in body["lines"]] == [
        ("platform", "1000.00", "CA sales tax", "7.25", "72.50"),
        ("addon", "0.05", "CA sales tax", "7.25", "0.00"),  # 0.003625
        ("support", "19.99", "CA sales tax", "7.25", "1.45"),
    ]
    assert body["tax_breakdown"] == [
        {"name": "CA sales tax", "percentage": "7.25", "taxable": "1020.04", "tax": "73.95"}
    ]
    assert (body["subtotal"], body["tax"], body["total"], body["amount_due"]) == (
        "1020.04", "73.95", "1093.99", "1093.99"
    )


def test_untaxed_invoice_has_null_rates_and_no_breakdown(api) -> None:
    TaxRate.objects.create(name="CA sales tax", country="US", region="CA", percentage=D("7.25"))
    invoice = _invoice(country="US", region="CA", tax_exempt=True, tax_exemption_certificate="CA-EX-1")

    body = api.get(f"/api/v1/invoices/{invoice.pk}").json()

    assert {(li["tax_name"], li["tax_percentage"], li["tax_amount"]) for li in body["lines"]} == {(None, None, "0.00")}
    assert (body["tax"], body["tax_breakdown"], body["total"]) == ("0.00", [], "1020.04")


def test_invoice_list_carries_the_breakdown_of_each_invoice(api) -> None:
    TaxRate.objects.create(name="CA sales tax", country="US", region="CA", percentage=D("7.25"))
    TaxRate.objects.create(name="VAT", country="DE", region="", percentage=D("19"))
    _invoice(country="US", region="CA", external_id="ca")
    _invoice(country="DE", region="BE", external_id="de", currency="EUR")

    results = api.get("/api/v1/invoices").json()
    rows = results["results"] if isinstance(results, dict) else results

    assert {row["customer"]: [(b["name"], b["percentage"], b["tax"]) for b in row["tax_breakdown"]]
            for row in rows} == {
        "ca": [("CA sales tax", "7.25", "73.95")],
        "de": [("VAT", "19", "193.81")],  # 190.00 + 0.01 (0.0095) + 3.80 (3.7981)
    }
