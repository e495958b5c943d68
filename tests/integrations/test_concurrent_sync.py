"""Two syncs of one connection at the same time (two workers, or "sync now" during the
scheduled run) post each journal entry once: on PostgreSQL, with real row locks and unique
constraints between two database connections."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
import time_machine
from django.db import connection as db_connection
from django.db import connections

from integrations.choices import SyncItemStatus
from integrations.gl.services import gl_accounts_refresh
from integrations.models import GlAccount, GlAccountMapping, GlEntryLink, SyncItem
from integrations.runs import connection_sync
from ledger.services import Posting, journal_entry_post

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_runs_at_once_post_every_entry_exactly_once(qbo, qbo_connection):
    if db_connection.vendor != "postgresql":
        pytest.skip("row locks between connections need PostgreSQL (CI runs it)")
    qbo_connection.posting_mode = "per_document"
    qbo_connection.save()
    gl_accounts_refresh(connection=qbo_connection)
    for account in GlAccount.objects.filter(is_active=True):
        GlAccountMapping.objects.create(connection=qbo_connection, account_code=account.number, gl_account=account)
    from tests.factories import CustomerFactory

    customers = [CustomerFactory(), CustomerFactory()]
    for day in range(1, 9):
        value = Decimal(100 + day)
        journal_entry_post(source_key=f"invoice:{day}:issued", entry_date=dt.date(2026, 3, day), memo=f"I{day}",
                           currency="USD", postings=[Posting("1100", debit=value), Posting("4000", credit=value)],
                           customer_id=customers[day % 2].pk)
    qbo.delay = 0.05
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            with time_machine.travel(dt.datetime(2026, 4, 2, 9, tzinfo=dt.UTC), tick=True):
                connection_sync(connection_id=qbo_connection.pk, trigger="concurrent")
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    with time_machine.travel(dt.datetime(2026, 4, 2, 11, tzinfo=dt.UTC), tick=False):
        connection_sync(connection_id=qbo_connection.pk, trigger="retry")  # whatever waited for a customer lock

    assert errors == []
    assert len(qbo.customers) == 2
    assert len(qbo.journal_entries) == 8
    assert SyncItem.objects.filter(object_type="journal", status=SyncItemStatus.SYNCED).count() == 8
    assert GlEntryLink.objects.count() == 8
    assert sorted(e["DocNumber"] for e in qbo.journal_entries.values()) == sorted(
        f"AB-{pk}" for pk in GlEntryLink.objects.values_list("journal_entry_id", flat=True))


def test_two_runs_at_once_send_every_document_once(qbo, qbo_connection):
    """Documents: each invoice is created once, and the customer two invoices share once (the run
    that finds its customer item locked by the other waits for the next run)."""
    if db_connection.vendor != "postgresql":
        pytest.skip("row locks between connections need PostgreSQL (CI runs it)")
    from integrations.choices import GlContent
    from integrations.sync import sync_item_ensure
    from invoicing.drafting.recurring import contract_bill_due
    from invoicing.services import invoice_finalize
    from tests.factories import ContractFactory, CustomerFactory, FlatLineFactory

    march = dt.datetime(2026, 3, 5, 9, tzinfo=dt.UTC)
    invoices = []
    shared = CustomerFactory()
    with time_machine.travel(march, tick=False):
        for customer in [shared, shared, CustomerFactory(), CustomerFactory()]:
            contract = ContractFactory(customer=customer, start_date=march.date())
            FlatLineFactory(contract=contract, amount=Decimal("100.00"))
            (invoice,), _ = contract_bill_due(contract=contract, as_of=march)
            invoices.append(invoice_finalize(invoice_id=invoice.pk, actor="billing-admin"))
    qbo_connection.gl_content = GlContent.DOCUMENTS
    qbo_connection.options = {"qbo_item_id": "1", "qbo_deferred_item_id": "3", "qbo_tax_item_id": "2"}
    qbo_connection.save()
    for invoice in invoices:
        sync_item_ensure(connection=qbo_connection, object_type="invoice", object_key=f"invoice:{invoice.pk}",
                         entry_date=invoice.issue_date)
    qbo.delay = 0.05
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            with time_machine.travel(march + dt.timedelta(hours=1), tick=True):
                connection_sync(connection_id=qbo_connection.pk, trigger="concurrent")
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    with time_machine.travel(march + dt.timedelta(hours=2), tick=False):
        connection_sync(connection_id=qbo_connection.pk, trigger="retry")  # whatever waited for a lock

    assert errors == []
    assert sorted(i["DocNumber"] for i in qbo.invoices.values()) == sorted(i.number for i in invoices)
    assert len(qbo.customers) == 3
    assert SyncItem.objects.filter(object_type="invoice", status=SyncItemStatus.SYNCED).count() == 4
    assert SyncItem.objects.filter(object_type="customer", status=SyncItemStatus.SYNCED).count() == 3
