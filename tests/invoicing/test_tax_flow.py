"""Tax on billed invoices: the customer's place picks the rate, exempt customers pay none, and an
issued invoice keeps the rate it was drafted with."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
import time_machine
from django.db.models import ProtectedError

from contracts.models import Contract, Customer
from invoicing.drafting.billing_run import billing_run_execute
from invoicing.models import Invoice, TaxRate
from invoicing.services import invoice_finalize
from tests.factories import ContractFactory, CustomerFactory, FlatLineFactory

pytestmark = pytest.mark.django_db
MARCH_5 = dt.datetime(2026, 3, 5, 12, 0, tzinfo=dt.UTC)
APRIL_5 = dt.datetime(2026, 4, 5, 12, 0, tzinfo=dt.UTC)


def _ca_rate(percentage: str = "7.25") -> TaxRate:
    return TaxRate.objects.create(name="CA sales tax", country="US", region="CA", percentage=D(percentage))


def _contract(customer: Customer) -> Contract:
    """$1,000.00 platform fee and $19.99 support, monthly in advance from Mar 5."""
    contract = ContractFactory(customer=customer, auto_send=False)
    FlatLineFactory(contract=contract, code="platform", amount=D("1000.00"))
    FlatLineFactory(contract=contract, code="support", description="Support", amount=D("19.99"))
    return contract


def _bill(as_of: dt.datetime) -> list[Invoice]:
    run = billing_run_execute(as_of=as_of, actor="tests")
    assert (run.status, run.errors) == ("completed", [])
    return list(Invoice.objects.filter(billing_run=run).order_by("pk"))


def test_a_california_customer_is_taxed_per_line_at_the_ca_rate() -> None:
    TaxRate.objects.create(name="US sales tax", country="US", region="", percentage=D("5"))
    rate = _ca_rate()
    customer = CustomerFactory(country="US", region="CA", tax_id="94-1234567")
    _contract(customer)

    [invoice] = _bill(MARCH_5)

    lines = {line.line_code: line for line in invoice.lines.all()}
    assert {code: (line.tax_rate_id, line.tax_name, line.tax_percentage, line.tax_amount)
            for code, line in lines.items()} == {
        "platform": (rate.pk, "CA sales tax", D("7.25"), D("72.50")),
        "support": (rate.pk, "CA sales tax", D("7.25"), D("1.45")),  # 1.449275
    }
    invoice.refresh_from_db()
    assert (invoice.subtotal, invoice.tax, invoice.total) == (D("1019.99"), D("73.95"), D("1093.94"))
    assert invoice.total == invoice.subtotal + invoice.tax
    assert invoice.amount_due == D("1093.94")


def test_an_exempt_customer_in_california_pays_no_tax() -> None:
    _ca_rate()
    customer = CustomerFactory(
        country="US", region="CA", tax_exempt=True, tax_exemption_certificate="CA-RESALE-0042"
    )
    _contract(customer)

    [invoice] = _bill(MARCH_5)

    invoice.refresh_from_db()
    assert (invoice.subtotal, invoice.tax, invoice.total) == (D("1019.99"), D(0), D("1019.99"))
    assert set(invoice.lines.values_list("tax_rate", "tax_name", "tax_percentage", "tax_amount")) == {
        (None, "", None, D(0))
    }
    assert invoice.customer_snapshot["tax_exemption_certificate"] == "CA-RESALE-0042"


def test_a_customer_in_an_untaxed_place_pays_no_tax() -> None:
    _ca_rate()
    _contract(CustomerFactory(country="US", region="OR"))
    [invoice] = _bill(MARCH_5)
    assert (invoice.tax, invoice.total) == (D(0), D("1019.99"))


def test_a_rate_change_leaves_the_issued_invoice_as_it_was_and_applies_to_the_next() -> None:
    old = _ca_rate()
    customer = CustomerFactory(country="US", region="CA")
    _contract(customer)
    with time_machine.travel(MARCH_5, tick=False):
        [march] = _bill(MARCH_5)
        march = invoice_finalize(invoice_id=march.pk, actor="tests")
    before = (march.number, march.subtotal, march.tax, march.total)

    # The state raises its rate: the old one is deactivated (it cannot be deleted: lines refer to it).
    with pytest.raises(ProtectedError):
        old.delete()
    old.active = False
    old.save()
    new = _ca_rate("8")
    [april] = _bill(APRIL_5)

    march.refresh_from_db()
    assert (march.number, march.subtotal, march.tax, march.total) == before
    assert set(march.lines.values_list("tax_rate", "tax_percentage", "tax_amount")) == {
        (old.pk, D("7.25"), D("72.50")),
        (old.pk, D("7.25"), D("1.45")),
    }
    april.refresh_from_db()
    assert set(april.lines.values_list("tax_rate", "tax_percentage", "tax_amount")) == {
        (new.pk, D("8"), D("80.00")),
        (new.pk, D("8"), D("1.60")),  # 1.5992
    }
    assert (april.tax, april.total) == (D("81.60"), D("1101.59"))


def test_jpy_invoice_tax_is_whole_yen() -> None:
    TaxRate.objects.create(name="Consumption tax", country="JP", region="", percentage=D("10"))
    customer = CustomerFactory(country="JP", currency="JPY")
    contract = ContractFactory(customer=customer, currency="JPY", auto_send=False)
    FlatLineFactory(contract=contract, code="a", amount=D("1005"))
    FlatLineFactory(contract=contract, code="b", amount=D("1005"))
    [invoice] = _bill(MARCH_5)
    invoice.refresh_from_db()
    assert sorted(invoice.lines.values_list("tax_amount", flat=True)) == [D(101), D(101)]  # 100.5 each
    assert (invoice.tax, invoice.total) == (D(202), D(2212))  # not 201 on the 2,010 sum
