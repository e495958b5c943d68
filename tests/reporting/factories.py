"""Reporting tests' records: issued invoices with chosen dates and amounts, and the rest of an
invoice's life (payments, dunning) through the owning apps' own services where it matters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from invoicing.models import Invoice
from receivables.models import DunningCase
from tests.factories import CustomerFactory


class OpenInvoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invoice

    customer = factory.SubFactory(CustomerFactory)
    kind = "milestone"
    billing_date = dt.date(2026, 3, 1)
    number = factory.Sequence(lambda n: f"INV-2026-{n:06d}")
    status = "open"
    currency = "USD"
    period_start = dt.date(2026, 3, 1)
    period_end = dt.date(2026, 4, 1)
    issue_date = dt.date(2026, 3, 1)
    due_date = dt.date(2026, 3, 31)
    subtotal = Decimal("100.00")
    tax = Decimal("0")
    total = Decimal("100.00")


class DunningCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DunningCase

    invoice = factory.SubFactory(OpenInvoiceFactory)
    customer = factory.LazyAttribute(lambda o: o.invoice.customer)
