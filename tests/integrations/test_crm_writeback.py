"""Invoice and payment status written back onto the Salesforce opportunity, driven by
invoicing's and receivables' signals; and the end-to-end path deal -> contract -> invoice ->
journal -> QuickBooks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from audit.models import AuditEvent
from integrations.choices import SyncItemStatus
from integrations.crm.services import crm_deal_approve
from integrations.crm.writeback import crm_invoice_writeback
from integrations.gl.services import gl_accounts_refresh
from integrations.models import CrmDeal, GlAccount, GlAccountMapping, SyncItem
from integrations.runs import connection_sync
from integrations.selectors import invoice_trail
from invoicing.drafting.recurring import contract_bill_due
from invoicing.services import invoice_finalize
from receivables.services import payment_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(sf, sf_connection):
    sf_connection.writeback_invoice_status_field = "Invoice_Status__c"
    sf_connection.writeback_invoice_number_field = "Last_Invoice__c"
    sf_connection.writeback_amount_paid_field = "Amount_Paid__c"
    sf_connection.save()
    sf.add_opportunity("0065g00000AAAA1", account=("0015g00000ACME1", "Acme Inc."), Contract_Start__c="2026-03-01",
                       lines=[{"code": "PLATFORM", "name": "Platform fee", "quantity": 1, "unit_price": "500"}])
    connection_sync(connection_id=sf_connection.pk)
    return crm_deal_approve(deal_id=CrmDeal.objects.get().pk, actor="billing-admin").contract


def test_finalized_and_paid_invoices_are_written_back_once(sf, contract, django_capture_on_commit_callbacks):
    with time_machine.travel(dt.datetime(2026, 3, 2, tzinfo=dt.UTC)):
        (invoice,), _ = contract_bill_due(contract=contract, as_of=dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
        with django_capture_on_commit_callbacks(execute=True):
            invoice = invoice_finalize(invoice_id=invoice.pk, actor="billing-admin")

    assert sf.updates == [("0065g00000AAAA1", {"Invoice_Status__c": "open", "Last_Invoice__c": invoice.number,
                                                "Amount_Paid__c": "0.00"})]

    with django_capture_on_commit_callbacks(execute=True):
        payment_record(invoice=invoice, amount=Decimal("500.00"), method="bank_transfer",
                       received_at=dt.datetime(2026, 3, 10, tzinfo=dt.UTC))
    crm_invoice_writeback(invoice_id=invoice.pk)  # a signal delivered twice

    assert sf.updates[-1] == ("0065g00000AAAA1", {"Invoice_Status__c": "paid", "Last_Invoice__c": invoice.number,
                                                   "Amount_Paid__c": "500.00"})
    assert len(sf.updates) == 2
    assert sf.opportunities["0065g00000AAAA1"]["Invoice_Status__c"] == "paid"
    assert SyncItem.objects.filter(object_type="writeback", status=SyncItemStatus.SYNCED).count() == 2
    assert AuditEvent.objects.filter(rule="integrations.salesforce.writeback", action="sync_item_synced").count() == 2


def test_a_failed_writeback_is_retried_by_the_next_sync(sf, sf_connection, contract):
    (invoice,), _ = contract_bill_due(contract=contract, as_of=dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
    invoice = invoice_finalize(invoice_id=invoice.pk, actor="billing-admin")
    sf.expire_session()
    sf.refresh_token = "revoked"

    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), tick=False):
        crm_invoice_writeback(invoice_id=invoice.pk)
    assert SyncItem.objects.get(object_type="writeback").status == SyncItemStatus.PENDING  # auth, not the item
    sf.refresh_token = "sf-refresh-1"

    with time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC), tick=False):
        connection_sync(connection_id=sf_connection.pk)

    assert SyncItem.objects.get(object_type="writeback").status == SyncItemStatus.SYNCED
    assert sf.opportunities["0065g00000AAAA1"]["Invoice_Status__c"] == "open"


def test_deal_to_contract_to_invoice_to_quickbooks(sf, qbo, contract, qbo_connection,
                                                   django_capture_on_commit_callbacks):
    gl_accounts_refresh(connection=qbo_connection)
    for account in GlAccount.objects.filter(connection=qbo_connection, is_active=True):
        GlAccountMapping.objects.create(connection=qbo_connection, account_code=account.number, gl_account=account)
    with time_machine.travel(dt.datetime(2026, 3, 2, tzinfo=dt.UTC)):
        (invoice,), _ = contract_bill_due(contract=contract, as_of=dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
        with django_capture_on_commit_callbacks(execute=True):
            invoice_finalize(invoice_id=invoice.pk, actor="billing-admin")

    with time_machine.travel(dt.datetime(2026, 3, 3, 6, tzinfo=dt.UTC), tick=False):
        connection_sync(connection_id=qbo_connection.pk)

    assert len(qbo.posts) == 1
    assert Decimal(str(qbo.posts[0]["TotalAmt"])) == Decimal("500")
    trail = invoice_trail(invoice_id=invoice.pk, contract_id=contract.pk)
    assert [d.crm_id for d in trail.deals] == ["0065g00000AAAA1"]
    assert [(g["entry"], g["gl_id"]) for g in trail.gl] == [(f"invoice:{invoice.pk}:issued", "100")]
