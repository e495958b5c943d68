"""A customer renamed, re-addressed or given a new email after it reached the GL is updated there
once: QuickBooks by a sparse update carrying the SyncToken, Xero by a contact update, each with an
idempotency key per change (a retry after a lost answer does not apply it twice)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from audit.models import AuditEvent
from integrations.gl.documents import customer_external_id
from integrations.gl.services import gl_accounts_refresh
from integrations.models import Connection, GlAccount, GlAccountMapping, SyncItem
from integrations.runs import connection_sync
from ledger.services import Posting, journal_entry_post
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db
APRIL = dt.datetime(2026, 4, 2, 9, tzinfo=dt.UTC)


def _sync(connection: Connection, at: dt.datetime = APRIL):
    with time_machine.travel(at, tick=False):
        return connection_sync(connection_id=connection.pk, trigger="manual")


def _rename(customer) -> None:
    customer.name = "Acme Holdings"
    customer.email = "ap@acme-holdings.test"
    customer.address_line1 = "9 Harbour Rd"
    customer.city = "Portland"
    customer.save()


@pytest.fixture
def qbo_mapped(qbo, qbo_connection: Connection) -> Connection:
    gl_accounts_refresh(connection=qbo_connection)
    for account in GlAccount.objects.filter(connection=qbo_connection, is_active=True):
        GlAccountMapping.objects.create(connection=qbo_connection, account_code=account.number, gl_account=account)
    return qbo_connection


def test_a_changed_customer_is_sparse_updated_in_quickbooks_once_through_a_lost_answer(qbo, qbo_mapped):
    customer = CustomerFactory(name="Acme", external_id="acme", email="ap@acme.test")
    journal_entry_post(source_key="invoice:1:issued", entry_date=dt.date(2026, 3, 5), memo="Invoice", currency="USD",
                       customer_id=customer.pk,
                       postings=[Posting("1100", debit=Decimal(10)), Posting("4000", credit=Decimal(10))])
    _sync(qbo_mapped)
    (qbo_customer,) = qbo.customers.values()
    assert qbo_customer["SyncToken"] == "0"

    _rename(customer)
    qbo.document_failures = ["timeout_after_commit"]  # QuickBooks applied it, the answer was lost
    run = _sync(qbo_mapped, APRIL + dt.timedelta(hours=1))
    item = SyncItem.objects.get(object_type="customer")
    assert run.failed == 1
    assert "Update not sent" in item.last_error
    assert item.status == "synced"  # the customer is in QuickBooks: invoices keep using it

    _sync(qbo_mapped, APRIL + dt.timedelta(hours=2))
    _sync(qbo_mapped, APRIL + dt.timedelta(hours=3))  # nothing changed since: nothing sent

    updates = [body for entity, body in qbo.document_posts if entity == "customer" and body.get("Id")]
    assert len(updates) == 1  # the retry's requestid got QuickBooks' first answer
    assert updates[0]["sparse"] is True
    assert updates[0]["SyncToken"] == "0"
    assert "CurrencyRef" not in updates[0]
    assert qbo_customer["SyncToken"] == "1"
    assert qbo_customer["DisplayName"] == "Acme Holdings (acme)"
    assert qbo_customer["PrimaryEmailAddr"] == {"Address": "ap@acme-holdings.test"}
    assert qbo_customer["BillAddr"]["Line1"] == "9 Harbour Rd"
    assert qbo_customer["BillAddr"]["City"] == "Portland"
    item.refresh_from_db()
    assert item.payload["name"] == "Acme Holdings"
    assert item.last_error == ""
    assert AuditEvent.objects.filter(action="gl_customer_updated").count() == 1


def test_a_changed_customer_updates_its_xero_contact_once(xero, xero_connection):
    customer = CustomerFactory(name="Acme", external_id="acme", email="ap@acme.test")
    contact_id = customer_external_id(connection=xero_connection, customer_id=customer.pk, run=None)

    _rename(customer)
    _sync(xero_connection)
    _sync(xero_connection, APRIL + dt.timedelta(hours=1))

    contact = xero.contacts[contact_id]
    assert contact["Name"] == "Acme Holdings"
    assert contact["EmailAddress"] == "ap@acme-holdings.test"
    assert contact["Addresses"][0]["AddressLine1"] == "9 Harbour Rd"
    assert contact["ContactNumber"] == "acme"
    updates = [(path, key) for path, _, key in xero.document_requests if path.startswith("POST /Contacts/")]
    item = SyncItem.objects.get(object_type="customer")
    assert len(updates) == 1
    assert updates[0][0] == f"POST /Contacts/{contact_id}"
    assert updates[0][1].startswith(f"{item.request_id}-u")
    assert len(xero.contacts) == 1
