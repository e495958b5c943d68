"""Invoices, voids and payments sent to Xero as documents (accounting API Contacts, Invoices,
Payments with an Idempotency-Key), through xero-python against the local fake server."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from integrations.choices import GlContent, SyncItemStatus
from integrations.gl.documents import invoice_document_plan
from integrations.gl.services import documents_unsynced_list, gl_accounts_refresh
from integrations.models import Connection, GlAccount, GlAccountMapping, SyncItem
from integrations.runs import connection_sync
from invoicing.drafting.recurring import contract_bill_due
from invoicing.models import Invoice
from invoicing.services import invoice_finalize, invoice_void
from receivables.services import payment_record
from tests.factories import ContractFactory, CustomerFactory, FlatLineFactory

pytestmark = pytest.mark.django_db
MARCH_5 = dt.datetime(2026, 3, 5, 9, tzinfo=dt.UTC)


@pytest.fixture
def documents(xero, xero_connection: Connection) -> Connection:
    xero_connection.gl_content = GlContent.DOCUMENTS
    xero_connection.save()
    gl_accounts_refresh(connection=xero_connection)
    for account in GlAccount.objects.filter(connection=xero_connection, is_active=True):
        GlAccountMapping.objects.create(connection=xero_connection, account_code=account.number, gl_account=account)
    return xero_connection


@pytest.fixture
def contract():
    customer = CustomerFactory(name="Globex Ltd", external_id="globex-7", payment_terms_days=15, city="Leeds",
                               country="GB")
    contract = ContractFactory(customer=customer, start_date=dt.date(2026, 3, 5))
    FlatLineFactory(contract=contract, amount=Decimal("1200.00"))
    return contract


def _issue(contract, capture) -> Invoice:
    with time_machine.travel(MARCH_5, tick=False):
        (invoice,), _ = contract_bill_due(contract=contract, as_of=MARCH_5)
        with capture(execute=True):
            return invoice_finalize(invoice_id=invoice.pk, actor="billing-admin")


def _sync(connection: Connection, at: dt.datetime):
    with time_machine.travel(at, tick=False):
        return connection_sync(connection_id=connection.pk, trigger="manual")


def test_a_finalized_invoice_becomes_one_xero_invoice_of_a_contact_keyed_by_our_id(
    xero, documents, contract, django_capture_on_commit_callbacks
):
    invoice = _issue(contract, django_capture_on_commit_callbacks)
    invoice_document_plan(invoice_id=invoice.pk)  # the signal delivered twice
    _sync(documents, MARCH_5 + dt.timedelta(hours=1))

    (contact,) = xero.contacts.values()
    assert contact["ContactNumber"] == "globex-7"
    assert contact["Name"] == "Globex Ltd"
    (sent,) = xero.invoices.values()
    assert sent["Type"] == "ACCREC"
    assert sent["Status"] == "AUTHORISED"
    assert sent["InvoiceNumber"] == invoice.number
    assert sent["Contact"]["ContactID"] == contact["ContactID"]
    assert sent["LineAmountTypes"] == "Exclusive"
    assert sent["CurrencyCode"] == "USD"
    assert [(line["AccountCode"], Decimal(str(line["LineAmount"])), line["TaxType"]) for line in sent["LineItems"]] \
        == [("2100", Decimal("1200.00"), "NONE")]
    assert Decimal(str(sent["Total"])) == invoice.total
    requests = [(path, key) for path, _, key in xero.document_requests]
    items = {i.object_type: i for i in SyncItem.objects.filter(connection=documents)}
    assert requests == [("PUT /Contacts", items["customer"].request_id),
                        ("PUT /Invoices", items["invoice"].request_id)]
    assert items["invoice"].external_id == sent["InvoiceID"]
    assert xero.journals == {}  # the invoice's journal entry is carried by the document


def test_a_lost_answer_is_retried_with_the_same_idempotency_key_and_makes_one_invoice(
    xero, documents, contract, django_capture_on_commit_callbacks
):
    xero.document_failures = ["", "drop_after_commit"]

    _issue(contract, django_capture_on_commit_callbacks)
    item = SyncItem.objects.get(object_type="invoice")
    assert item.status == SyncItemStatus.FAILED
    assert len(xero.invoices) == 1
    assert documents_unsynced_list(connection=documents) == [item]

    _sync(documents, MARCH_5 + dt.timedelta(minutes=5))

    item.refresh_from_db()
    assert item.status == SyncItemStatus.SYNCED
    assert len(xero.invoices) == 1
    assert item.external_id == next(iter(xero.invoices))


def test_void_and_payment_reach_the_xero_invoice_once(xero, documents, contract, django_capture_on_commit_callbacks):
    paid = _issue(contract, django_capture_on_commit_callbacks)
    other_contract = ContractFactory(customer=contract.customer, start_date=dt.date(2026, 3, 5))
    FlatLineFactory(contract=other_contract, amount=Decimal("90.00"))
    voided = _issue(other_contract, django_capture_on_commit_callbacks)

    at = MARCH_5 + dt.timedelta(days=2)
    with time_machine.travel(at, tick=False), django_capture_on_commit_callbacks(execute=True):
        invoice_void(invoice_id=voided.pk, actor="billing-admin", reason="duplicate")
        payment_record(invoice=paid, amount=Decimal("1200.00"), method="bank_transfer", received_at=at,
                       reference="BACS 991")
    _sync(documents, at + dt.timedelta(hours=1))

    by_number = {i["InvoiceNumber"]: i for i in xero.invoices.values()}
    assert by_number[voided.number]["Status"] == "VOIDED"
    assert by_number[paid.number]["Status"] == "PAID"
    (payment,) = xero.payments.values()
    assert payment["Invoice"]["InvoiceID"] == by_number[paid.number]["InvoiceID"]
    assert payment["Account"]["Code"] == "1000"
    assert Decimal(str(payment["Amount"])) == Decimal("1200.00")
    assert payment["Reference"] == "BACS 991"
    assert len(xero.contacts) == 1
    assert [path for path, _, _ in xero.document_requests].count("PUT /Payments") == 1
    assert SyncItem.objects.filter(connection=documents).exclude(status=SyncItemStatus.SYNCED).count() == 0


def test_a_credit_note_becomes_a_xero_credit_note_allocated_to_the_invoice(
    xero, documents, contract, django_capture_on_commit_callbacks
):
    from invoicing.credit_notes.services import credit_note_issue

    invoice = _issue(contract, django_capture_on_commit_callbacks)
    with time_machine.travel(MARCH_5 + dt.timedelta(days=1), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        note = credit_note_issue(invoice_id=invoice.pk, amount="200.00", reason="service_issue",
                                 actor="billing-admin")
    _sync(documents, MARCH_5 + dt.timedelta(days=2))

    (sent,) = xero.credit_notes.values()
    (sent_invoice,) = xero.invoices.values()
    assert sent["Type"] == "ACCRECCREDIT"
    assert sent["Status"] == "AUTHORISED"
    assert sent["CreditNoteNumber"] == note.number
    assert [(line["AccountCode"], Decimal(str(line["LineAmount"]))) for line in sent["LineItems"]] \
        == [("2100", Decimal("200.00"))]
    assert [(a["Invoice"]["InvoiceID"], Decimal(str(a["Amount"]))) for a in sent["Allocations"]] \
        == [(sent_invoice["InvoiceID"], Decimal("200.00"))]
    assert Decimal(str(sent_invoice["AmountDue"])) == Decimal("1000.00")
    keys = [key for path, _, key in xero.document_requests if "CreditNotes" in path]
    item = SyncItem.objects.get(object_type="credit_note")
    assert keys == [item.request_id, f"{item.request_id}-apply"]
    assert item.external_id == sent["CreditNoteID"]
    assert xero.journals == {}


def test_a_write_off_is_a_credit_note_to_bad_debts_allocated_to_the_invoice(
    xero, documents, contract, django_capture_on_commit_callbacks
):
    from invoicing.services import invoice_mark_uncollectible

    invoice = _issue(contract, django_capture_on_commit_callbacks)
    at = MARCH_5 + dt.timedelta(days=40)
    with time_machine.travel(at, tick=False), django_capture_on_commit_callbacks(execute=True):
        invoice_mark_uncollectible(invoice_id=invoice.pk, actor="ar-manager", reason="customer insolvent")
    _sync(documents, at + dt.timedelta(hours=1))
    _sync(documents, at + dt.timedelta(hours=2))

    (note,) = xero.credit_notes.values()
    (sent_invoice,) = xero.invoices.values()
    assert note["Type"] == "ACCRECCREDIT"
    assert note["CreditNoteNumber"] == f"WO-{invoice.number}"
    assert note["Reference"] == f"Autobill write_off:{invoice.pk}"
    assert [(line["AccountCode"], Decimal(str(line["LineAmount"]))) for line in note["LineItems"]] \
        == [("6100", Decimal("1200.00"))]
    assert [(a["Invoice"]["InvoiceID"], Decimal(str(a["Amount"]))) for a in note["Allocations"]] \
        == [(sent_invoice["InvoiceID"], Decimal("1200.00"))]
    assert Decimal(str(sent_invoice["AmountDue"])) == 0
    assert [path for path, _, _ in xero.document_requests].count("PUT /CreditNotes") == 1
    assert xero.journals == {}  # the write-off's entry (Dr bad debt / Cr A/R) is the credit note
    assert SyncItem.objects.get(object_type="write_off").status == SyncItemStatus.SYNCED


def test_a_refund_is_a_payment_out_of_the_credit_notes_remaining_credit(
    xero, documents, contract, django_capture_on_commit_callbacks
):
    from invoicing.credit_notes.services import credit_note_issue
    from receivables.models import Refund
    from receivables.refunds import refund_mark_paid_out

    invoice = _issue(contract, django_capture_on_commit_callbacks)
    at = MARCH_5 + dt.timedelta(days=3)
    with time_machine.travel(at, tick=False), django_capture_on_commit_callbacks(execute=True):
        payment_record(invoice=invoice, amount=Decimal("1200.00"), method="bank_transfer", received_at=at,
                       reference="BACS 1")
    with time_machine.travel(at + dt.timedelta(days=1), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        note = credit_note_issue(invoice_id=invoice.pk, amount="200.00", reason="service_issue",
                                 actor="billing-admin")
    (refund,) = Refund.objects.filter(credit_note=note)
    with time_machine.travel(at + dt.timedelta(days=2), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        refund_mark_paid_out(refund_id=refund.pk, actor="ar-manager", reference="WIRE 77")
    _sync(documents, at + dt.timedelta(days=3))
    _sync(documents, at + dt.timedelta(days=3, hours=1))

    (sent_note,) = xero.credit_notes.values()
    assert Decimal(str(sent_note["RemainingCredit"])) == 0
    refunds = [p for p in xero.payments.values() if p.get("CreditNote")]
    assert len(refunds) == 1
    assert refunds[0]["CreditNote"]["CreditNoteID"] == sent_note["CreditNoteID"]
    assert refunds[0]["Account"]["Code"] == "1000"
    assert Decimal(str(refunds[0]["Amount"])) == Decimal("200.00")
    assert refunds[0]["Reference"] == "WIRE 77"
    item = SyncItem.objects.get(object_type="refund")
    assert item.status == SyncItemStatus.SYNCED
    assert item.external_id == refunds[0]["PaymentID"]
    assert xero.journals == {}
