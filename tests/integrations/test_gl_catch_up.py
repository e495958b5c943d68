"""The catch-up beat task: a document whose signal was lost (the receiver never ran) is found,
planned once and only once, and reaches the GL once; what already went as a journal is left."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from decimal import Decimal

import pytest
import time_machine

from integrations import receivers
from integrations.choices import GlContent, PostingMode, SyncItemStatus
from integrations.gl.catchup import gl_catch_up
from integrations.gl.documents import invoice_document_plan
from integrations.gl.services import documents_unsynced_list, gl_accounts_refresh
from integrations.models import Connection, GlAccount, GlAccountMapping, GlEntryLink, SyncItem
from integrations.runs import connection_sync
from integrations.tasks import gl_catch_up_task
from invoicing.drafting.recurring import contract_bill_due
from invoicing.services import invoice_finalize
from invoicing.signals import invoice_finalized
from receivables.services import payment_record
from receivables.signals import payment_succeeded
from tests.factories import ContractFactory, CustomerFactory, FlatLineFactory

pytestmark = pytest.mark.django_db
MARCH_5 = dt.datetime(2026, 3, 5, 9, tzinfo=dt.UTC)
OPTIONS = {"qbo_item_id": "1", "qbo_deferred_item_id": "3", "qbo_tax_item_id": "2"}


@pytest.fixture
def mapped(qbo, qbo_connection: Connection) -> Connection:
    qbo_connection.posting_mode = PostingMode.PER_DOCUMENT
    qbo_connection.options = OPTIONS
    qbo_connection.save()
    gl_accounts_refresh(connection=qbo_connection)
    for account in GlAccount.objects.filter(connection=qbo_connection, is_active=True):
        GlAccountMapping.objects.create(connection=qbo_connection, account_code=account.number, gl_account=account)
    return qbo_connection


@pytest.fixture
def contract():
    customer = CustomerFactory(name="Acme", external_id="acme-1")
    contract = ContractFactory(customer=customer, start_date=dt.date(2026, 3, 5))
    FlatLineFactory(contract=contract, amount=Decimal("500.00"))
    return contract


@contextmanager
def _signals_lost():
    """The integrations receivers do not run (a crash between the commit and the receiver)."""
    invoice_finalized.disconnect(dispatch_uid="integrations.document_invoice")
    payment_succeeded.disconnect(dispatch_uid="integrations.document_payment")
    try:
        yield
    finally:
        invoice_finalized.connect(receivers.invoice_document, dispatch_uid="integrations.document_invoice")
        payment_succeeded.connect(receivers.payment_document, dispatch_uid="integrations.document_payment")


def _issue_and_pay(contract, capture):
    with time_machine.travel(MARCH_5, tick=False):
        (invoice,), _ = contract_bill_due(contract=contract, as_of=MARCH_5)
        with capture(execute=True):
            invoice = invoice_finalize(invoice_id=invoice.pk, actor="billing-admin")
    at = MARCH_5 + dt.timedelta(days=2)
    with time_machine.travel(at, tick=False), capture(execute=True):
        payment = payment_record(invoice=invoice, amount=Decimal("500.00"), method="bank_transfer", received_at=at,
                                 reference="BACS 5")
    return invoice, payment


def _sync(connection: Connection, at: dt.datetime):
    with time_machine.travel(at, tick=False):
        return connection_sync(connection_id=connection.pk, trigger="manual")


def test_a_document_whose_signal_was_lost_is_planned_once_and_reaches_the_gl_once(
    qbo, mapped, contract, django_capture_on_commit_callbacks
):
    mapped.gl_content = GlContent.DOCUMENTS
    mapped.save()
    with _signals_lost():
        invoice, payment = _issue_and_pay(contract, django_capture_on_commit_callbacks)
    assert not SyncItem.objects.filter(object_type__in=["invoice", "payment"]).exists()
    assert documents_unsynced_list(connection=mapped) == []  # invisible until caught up

    at = MARCH_5 + dt.timedelta(days=3)
    with time_machine.travel(at, tick=False), django_capture_on_commit_callbacks(execute=False) as queued:
        first = gl_catch_up_task.apply().result
        second = gl_catch_up()

    planned = SyncItem.objects.filter(object_type__in=["invoice", "payment"])
    assert sorted(planned.values_list("object_key", flat=True)) == [f"invoice:{invoice.pk}", f"payment:{payment.pk}"]
    assert first >= 2
    assert second == 0  # found once and only once
    assert queued  # a sync of the connection was queued
    assert invoice_document_plan(invoice_id=invoice.pk) == []  # the late signal plans nothing more

    _sync(mapped, at + dt.timedelta(hours=1))
    with time_machine.travel(at + dt.timedelta(hours=2), tick=False):
        assert gl_catch_up() == 0
    _sync(mapped, at + dt.timedelta(hours=3))

    assert len(qbo.invoices) == 1
    assert len(qbo.payments) == 1
    assert all(item.status == SyncItemStatus.SYNCED for item in planned)


def test_what_went_to_the_gl_as_a_journal_is_not_sent_again_as_a_document(
    qbo, mapped, contract, django_capture_on_commit_callbacks
):
    invoice, payment = _issue_and_pay(contract, django_capture_on_commit_callbacks)  # a journal connection
    _sync(mapped, MARCH_5 + dt.timedelta(days=3))
    assert GlEntryLink.objects.filter(journal_entry__source_key=f"invoice:{invoice.pk}:issued").exists()
    journals = len(qbo.posts)

    mapped.gl_content = GlContent.DOCUMENTS  # documents switched on afterwards
    mapped.save()
    with time_machine.travel(MARCH_5 + dt.timedelta(days=4), tick=False):
        assert gl_catch_up() == 0

    assert not SyncItem.objects.filter(object_type__in=["invoice", "payment"]).exists()
    assert len(qbo.posts) == journals
    assert qbo.invoices == {}


def test_a_xero_write_off_whose_signal_was_lost_becomes_one_credit_note(
    xero, xero_connection, contract, django_capture_on_commit_callbacks
):
    from invoicing.services import invoice_mark_uncollectible
    from invoicing.signals import invoice_marked_uncollectible

    gl_accounts_refresh(connection=xero_connection)
    for account in GlAccount.objects.filter(connection=xero_connection, is_active=True):
        GlAccountMapping.objects.create(connection=xero_connection, account_code=account.number, gl_account=account)
    with time_machine.travel(MARCH_5, tick=False):
        (invoice,), _ = contract_bill_due(contract=contract, as_of=MARCH_5)
        with django_capture_on_commit_callbacks(execute=True):
            invoice = invoice_finalize(invoice_id=invoice.pk, actor="billing-admin")
    at = MARCH_5 + dt.timedelta(days=45)
    invoice_marked_uncollectible.disconnect(dispatch_uid="integrations.document_write_off")
    try:
        with time_machine.travel(at, tick=False), django_capture_on_commit_callbacks(execute=True):
            invoice_mark_uncollectible(invoice_id=invoice.pk, actor="ar-manager")
    finally:
        invoice_marked_uncollectible.connect(receivers.write_off_document,
                                             dispatch_uid="integrations.document_write_off")
    assert not SyncItem.objects.filter(object_type="write_off").exists()

    with time_machine.travel(at + dt.timedelta(hours=1), tick=False):
        gl_catch_up()
        assert gl_catch_up() == 0
    _sync(xero_connection, at + dt.timedelta(hours=2))
    _sync(xero_connection, at + dt.timedelta(hours=3))

    (item,) = SyncItem.objects.filter(object_type="write_off")
    assert item.status == SyncItemStatus.SYNCED
    (note,) = xero.credit_notes.values()
    assert note["CreditNoteNumber"] == f"WO-{invoice.number}"
    assert [line["AccountCode"] for line in note["LineItems"]] == ["6100"]
