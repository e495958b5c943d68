"""Gapless numbering under concurrency: several workers finalising at once get consecutive,
unique numbers (the sequence row lock serialises them)."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from invoicing.models import Invoice, InvoiceLine
from invoicing.services import invoice_finalize
from tests.factories import ContractFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _draft(contract, billing_date: dt.date) -> Invoice:
    invoice = Invoice.objects.create(
        customer=contract.customer, contract=contract, billing_date=billing_date, currency="USD",
        period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 2, 1), subtotal=Decimal(10), total=Decimal(10),
        auto_send=False,
    )
    InvoiceLine.objects.create(invoice=invoice, line_code="platform", kind="fixed", description="Platform fee",
                               quantity=Decimal(1), unit_price=Decimal(10), precise_amount=Decimal(10),
                               amount=Decimal(10), period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 2, 1))
    return invoice


def test_concurrent_finalisation_gives_gapless_unique_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (DATABASE_URL); SQLite serialises whole transactions")
    contract = ContractFactory(auto_send=False)
    drafts = [_draft(contract, dt.date(2026, 1, 1) + dt.timedelta(days=i)) for i in range(24)]
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def worker(ids: list[int]) -> None:
        try:
            barrier.wait()
            for pk in ids:
                invoice_finalize(invoice_id=pk)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=([d.pk for d in drafts[i::8]],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    year = Invoice.objects.first().issue_date.year
    assert numbers == [f"INV-{year}-{n:06d}" for n in range(1, 25)]


def test_finalising_twice_keeps_the_first_number():
    contract = ContractFactory(auto_send=False)
    draft = _draft(contract, dt.date(2026, 1, 1))
    first = invoice_finalize(invoice_id=draft.pk)
    second = invoice_finalize(invoice_id=draft.pk)
    assert first.number == second.number
    assert Invoice.objects.exclude(number=None).count() == 1
