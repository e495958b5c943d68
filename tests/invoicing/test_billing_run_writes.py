"""The billing run's bulk writes (COPY on PostgreSQL) store what simple-history's bulk functions
store: the same rows, the same history rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from simple_history import utils as history_utils

from audit.models import AuditEvent
from audit.services import audit_records
from billing_site import bulk_writes
from invoicing.models import Invoice, InvoiceLine
from tests.factories import ContractFactory

pytestmark = pytest.mark.django_db
D = Decimal
SKIP = {"id", "history_id", "history_date", "created_at", "invoice_id"}


def _invoices(contract, n: int) -> list[Invoice]:  # type: ignore[no-untyped-def]
    return [
        Invoice(customer=contract.customer, contract=contract, kind="milestone", source_key=f"k-{contract.pk}-{i}",
                billing_date=dt.date(2026, 4, i + 1), currency="USD", period_start=dt.date(2026, 3, 1),
                period_end=dt.date(2026, 4, 1), subtotal=D("10.5") * i, total=D("10.5") * i, auto_send=bool(i % 2),
                customer_snapshot={"name": "Ünïcode \\t\\n\"quoted\"", "amount": D("1.10"), "day": dt.date(2026, 1, 2)},
                hold_details={} if i % 2 else {"history": [{"total": D("3.00")}]}, notes="tab\\there" if i else "")
        for i in range(n)
    ]  # fmt: skip


def _lines(invoices: list[Invoice]) -> list[InvoiceLine]:
    return [
        InvoiceLine(invoice=invoice, position=p, contract_line_id=None, line_code="api", kind="usage",
                    description=f"line {p}", tier=p or None, quantity=D("1234.000000000001"),
                    unit_price=None if p else D("0.004"), precise_amount=D("4.9360000000004"), amount=D("4.94"),
                    period_start=dt.date(2026, 3, 1), period_end=dt.date(2026, 4, 1),
                    price_snapshot={"tiers": [{"up_to": None, "unit_price": D("0.004")}]})
        for invoice in invoices
        for p in range(2)
    ]  # fmt: skip


def _rows(model, objs) -> list[dict]:  # type: ignore[no-untyped-def]
    ids = [obj.pk for obj in objs]
    rows = model.objects.filter(pk__in=ids).order_by("pk").values()
    return [{k: v for k, v in row.items() if k not in SKIP} for row in rows]


def _history(model, objs) -> list[dict]:  # type: ignore[no-untyped-def]
    rows = model.history.filter(id__in=[obj.pk for obj in objs]).order_by("id", "history_id").values()
    return [{k: v for k, v in row.items() if k not in SKIP} for row in rows]


def test_inserts_and_updates_store_what_simple_history_stores():
    contract = ContractFactory()
    ours, theirs = _invoices(contract, 3), _invoices(ContractFactory(), 3)
    for invoice in theirs:
        invoice.contract, invoice.customer, invoice.source_key = contract, contract.customer, f"t{invoice.source_key}"
    bulk_writes.bulk_create_with_history(ours, Invoice)
    history_utils.bulk_create_with_history(theirs, Invoice)
    assert all(invoice.pk and not invoice._state.adding for invoice in ours)
    strip = [{k: v for k, v in row.items() if k != "source_key"} for row in _rows(Invoice, ours)]
    assert strip == [{k: v for k, v in row.items() if k != "source_key"} for row in _rows(Invoice, theirs)]
    assert Invoice.objects.get(pk=ours[1].pk).customer_snapshot["name"] == 'Ünïcode \\t\\n"quoted"'

    our_lines, their_lines = _lines(ours), _lines(theirs)
    bulk_writes.bulk_create_with_history(our_lines, InvoiceLine)
    history_utils.bulk_create_with_history(their_lines, InvoiceLine)
    assert _rows(InvoiceLine, our_lines) == _rows(InvoiceLine, their_lines)
    assert _history(InvoiceLine, our_lines) == _history(InvoiceLine, their_lines)

    for invoice in ours + theirs:
        invoice.tax, invoice.review_status, invoice.hold_details = D("0.36"), "held", {"reason": ["x", D("2")]}
    fields = ["tax", "review_status", "hold_details"]
    assert bulk_writes.bulk_update_with_history(ours, Invoice, fields) == 3
    history_utils.bulk_update_with_history(theirs, Invoice, fields)
    strip_ours = [{k: v for k, v in row.items() if k != "source_key"} for row in _history(Invoice, ours)]
    strip_theirs = [{k: v for k, v in row.items() if k != "source_key"} for row in _history(Invoice, theirs)]
    assert strip_ours == strip_theirs
    assert [row["history_type"] for row in strip_ours] == ["+", "~"] * 3
    assert Invoice.objects.get(pk=ours[0].pk).hold_details == {"reason": ["x", "2"]}


def test_ids_taken_first_are_kept():
    if not bulk_writes.can_take_ids():
        pytest.skip("sequences: PostgreSQL")
    contract = ContractFactory()
    invoices = _invoices(contract, 2)
    ids = bulk_writes.take_ids(Invoice, 2)
    for invoice, pk in zip(invoices, ids, strict=True):
        invoice.pk = pk
    bulk_writes.bulk_create_with_history(invoices, Invoice)
    assert sorted(Invoice.objects.values_list("pk", flat=True)) == sorted(ids)
    later = Invoice.objects.create(customer=contract.customer, billing_date=dt.date(2026, 5, 1), currency="USD",
                                   period_start=dt.date(2026, 4, 1), period_end=dt.date(2026, 5, 1))  # fmt: skip
    assert later.pk > max(ids)


def test_audit_records_in_bulk():
    contract = ContractFactory()
    events = audit_records([
        {"rule": "billing.period_closed", "action": "invoice_drafted", "obj": contract, "inputs": {"a": D("1.5")}},
        {"rule": "r", "action": "x", "object_type": "t", "object_id": 7, "actor": "tests", "outcome": {"d": "e"}},
    ])  # fmt: skip
    assert all(event.pk for event in events)
    rows = list(AuditEvent.objects.order_by("id").values("actor", "rule", "object_type", "object_id", "inputs",
                                                         "outcome"))  # fmt: skip
    assert rows == [
        {"actor": "rule:billing.period_closed", "rule": "billing.period_closed", "object_type": "contracts.contract",
         "object_id": str(contract.pk), "inputs": {"a": "1.5"}, "outcome": {}},
        {"actor": "tests", "rule": "r", "object_type": "t", "object_id": "7", "inputs": {}, "outcome": {"d": "e"}},
    ]  # fmt: skip
    assert AuditEvent.objects.first().occurred_at is not None
