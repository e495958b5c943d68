"""Credit rows (amendment prorations, downgrades) book and recognise with flipped sides."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from invoicing.models import Invoice, InvoiceLine
from ledger.models import JournalLine
from revrec.services import revenue_recognize_due, revenue_schedule_build
from tests.factories import ContractFactory

pytestmark = pytest.mark.django_db


def _credit_invoice(total: Decimal) -> Invoice:
    contract = ContractFactory(auto_send=False)
    invoice = Invoice.objects.create(
        customer=contract.customer,
        contract=contract,
        kind="proration",
        source_key="amendment:1",
        billing_date=dt.date(2026, 3, 20),
        currency="USD",
        period_start=dt.date(2026, 3, 20),
        period_end=dt.date(2026, 4, 1),
        subtotal=total,
        total=total,
        status="open",
        number="INV-2026-000009",
        issue_date=dt.date(2026, 3, 20),
    )
    InvoiceLine.objects.create(
        invoice=invoice,
        line_code="seats",
        kind="fixed",
        description="Unused time",
        quantity=Decimal(20),
        unit_price=Decimal(50),
        precise_amount=total,
        amount=total,
        period_start=dt.date(2026, 3, 20),
        period_end=dt.date(2026, 4, 1),
        price_snapshot={"charge_model": "per_seat"},
    )
    return invoice


def _balance(code: str) -> Decimal:
    lines = JournalLine.objects.filter(account__code=code)
    return sum((line.debit - line.credit for line in lines), Decimal(0))


def test_a_credit_invoice_is_booked_and_recognised_as_negative_revenue():
    invoice = _credit_invoice(Decimal("-387.10"))
    revenue_schedule_build(invoice_id=invoice.pk)
    assert _balance("1100") == Decimal("-387.10")  # AR credited
    assert _balance("2100") == Decimal("387.10")  # deferred revenue debited
    assert revenue_recognize_due(as_of=dt.date(2026, 4, 1)) == 1
    assert _balance("2100") == Decimal(0)
    assert _balance("4000") == Decimal("387.10")  # revenue reduced (a debit balance)
