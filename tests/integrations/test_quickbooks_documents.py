"""Invoices, voids and payments sent to QuickBooks Online as documents (Connection.gl_content =
documents), driven by invoicing's and receivables' signals through the sync framework, against the
HTTP fake of QuickBooks' v3 API (tests/integrations/fakes.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from audit.models import AuditEvent
from integrations.choices import GlContent, PostingMode, SyncItemStatus
from integrations.gl.documents import invoice_document_plan, payment_document_plan
from integrations.gl.services import documents_unsynced_list, gl_accounts_refresh, gl_unsynced_list
from integrations.models import Connection, GlAccount, GlAccountMapping, SyncItem
from integrations.runs import connection_sync
from integrations.sync import sync_item_retry
from invoicing.drafting.recurring import contract_bill_due
from invoicing.models import Invoice
from invoicing.services import invoice_finalize, invoice_void
from receivables.services import payment_record
from tests.factories import ContractFactory, CustomerFactory, FlatLineFactory, MeterFactory, UsageLineFactory

pytestmark = pytest.mark.django_db
MARCH_5 = dt.datetime(2026, 3, 5, 9, tzinfo=dt.UTC)
# Items whose income accounts are the GL accounts mapped to our revenue, deferred revenue and tax.
OPTIONS = {"qbo_item_id": "1", "qbo_deferred_item_id": "3", "qbo_tax_item_id": "2"}


@pytest.fixture
def documents(qbo, qbo_connection: Connection) -> Connection:
    qbo_connection.gl_content = GlContent.DOCUMENTS
    qbo_connection.posting_mode = PostingMode.PER_DOCUMENT
    qbo_connection.options = OPTIONS
    qbo_connection.save()
    gl_accounts_refresh(connection=qbo_connection)
    for account in GlAccount.objects.filter(connection=qbo_connection, is_active=True):
        GlAccountMapping.objects.create(connection=qbo_connection, account_code=account.number, gl_account=account)
    return qbo_connection


@pytest.fixture
def contract():
    customer = CustomerFactory(name="Acme O'Neil & Co", external_id="acme-42", payment_terms_days=30,
                               address_line1="1 Main St", city="Boston", region="MA", postal_code="02110",
                               country="US")
    contract = ContractFactory(customer=customer, start_date=dt.date(2026, 3, 5))
    FlatLineFactory(contract=contract, amount=Decimal("500.00"))
    return contract


def _issue(contract, capture, at: dt.datetime = MARCH_5) -> Invoice:
    with time_machine.travel(at, tick=False):
        (invoice,), _ = contract_bill_due(contract=contract, as_of=at)
        with capture(execute=True):
            return invoice_finalize(invoice_id=invoice.pk, actor="billing-admin")


def _sync(connection: Connection, at: dt.datetime):
    with time_machine.travel(at, tick=False):
        return connection_sync(connection_id=connection.pk, trigger="manual")


def test_a_finalized_invoice_becomes_one_quickbooks_invoice_of_an_upserted_customer(
    qbo, documents, contract, django_capture_on_commit_callbacks
):
    invoice = _issue(contract, django_capture_on_commit_callbacks)

    # The signal's sync already sent it; a second run and a second delivery of the signal change nothing.
    _sync(documents, MARCH_5 + dt.timedelta(hours=1))
    invoice_document_plan(invoice_id=invoice.pk)
    _sync(documents, MARCH_5 + dt.timedelta(hours=2))

    assert len(qbo.customers) == 1
    (customer,) = qbo.customers.values()
    assert customer["DisplayName"] == "Acme O'Neil & Co (acme-42)"
    assert customer["PrimaryEmailAddr"] == {"Address": "billing@acme-42.test"}
    assert customer["BillAddr"]["CountrySubDivisionCode"] == "MA"
    assert len(qbo.invoices) == 1
    (sent,) = qbo.invoices.values()
    assert sent["DocNumber"] == invoice.number
    assert sent["TxnDate"] == "2026-03-05"
    assert sent["DueDate"] == invoice.due_date.isoformat() == "2026-04-04"
    assert sent["CustomerRef"] == {"value": customer["Id"]}
    assert sent["CurrencyRef"] == {"value": "USD"}
    assert [(line["DetailType"], line["SalesItemLineDetail"]["ItemRef"]["value"], Decimal(str(line["Amount"])),
             Decimal(str(line["SalesItemLineDetail"]["Qty"])), Decimal(str(line["SalesItemLineDetail"]["UnitPrice"])))
            for line in sent["Line"]] == [("SalesItemLineDetail", "3", Decimal("500.00"), Decimal(1), Decimal(500))]
    assert Decimal(sent["TotalAmt"]) == invoice.total

    items = {item.object_type: item for item in SyncItem.objects.filter(connection=documents)}
    assert items["customer"].external_id == customer["Id"]
    assert items["invoice"].status == SyncItemStatus.SYNCED
    assert items["invoice"].external_id == sent["Id"]
    assert items["invoice"].payload["number"] == invoice.number
    assert AuditEvent.objects.filter(rule="integrations.quickbooks.invoice", action="sync_item_synced").count() == 1
    # The invoice's journal entry is carried by the document: not posted again as a journal entry.
    assert qbo.posts == []
    assert gl_unsynced_list(connection=documents) == []
    assert documents_unsynced_list(connection=documents) == []


def test_timeout_after_quickbooks_saved_the_invoice_is_retried_without_a_duplicate(
    qbo, documents, contract, django_capture_on_commit_callbacks
):
    qbo.document_failures = ["", "timeout_after_commit"]  # the customer goes through, the invoice's answer is lost

    invoice = _issue(contract, django_capture_on_commit_callbacks)

    item = SyncItem.objects.get(object_type="invoice")
    assert item.status == SyncItemStatus.FAILED
    assert item.next_attempt_at == MARCH_5 + dt.timedelta(minutes=1)
    assert len(qbo.invoices) == 1  # QuickBooks did save it
    assert [u.object_key for u in documents_unsynced_list(connection=documents)] == [f"invoice:{invoice.pk}"]

    _sync(documents, MARCH_5 + dt.timedelta(minutes=2))

    item.refresh_from_db()
    assert item.status == SyncItemStatus.SYNCED
    assert item.attempts == 2
    assert len(qbo.invoices) == 1  # the same requestid got the first answer
    assert item.external_id == next(iter(qbo.invoices))
    assert [entity for entity, _ in qbo.document_posts] == ["customer", "invoice"]


def test_a_voided_invoice_is_voided_in_quickbooks_once(qbo, documents, contract, django_capture_on_commit_callbacks):
    invoice = _issue(contract, django_capture_on_commit_callbacks)

    with time_machine.travel(MARCH_5 + dt.timedelta(hours=3), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        invoice_void(invoice_id=invoice.pk, actor="billing-admin", reason="wrong price")
    _sync(documents, MARCH_5 + dt.timedelta(hours=4))

    (sent,) = qbo.invoices.values()
    assert sent["TotalAmt"] == "0"
    assert sent["PrivateNote"].startswith("Voided")
    assert [entity for entity, _ in qbo.document_posts] == ["customer", "invoice", "invoice?operation=void"]
    assert qbo.document_posts[-1][1] == {"Id": sent["Id"], "SyncToken": "0"}
    void = SyncItem.objects.get(object_type="invoice_void")
    assert void.status == SyncItemStatus.SYNCED
    assert void.external_id == sent["Id"]
    assert qbo.posts == []  # the void's reversing journal entry is carried by the void


def test_a_payment_is_applied_to_its_quickbooks_invoice_once(qbo, documents, contract,
                                                            django_capture_on_commit_callbacks):
    invoice = _issue(contract, django_capture_on_commit_callbacks)

    with time_machine.travel(MARCH_5 + dt.timedelta(days=5), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        payment = payment_record(invoice=invoice, amount=Decimal("500.00"), method="bank_transfer",
                                 received_at=MARCH_5 + dt.timedelta(days=5), reference="WIRE-778")
    payment_document_plan(payment_id=payment.pk)  # delivered twice
    _sync(documents, MARCH_5 + dt.timedelta(days=6))

    (sent_invoice,) = qbo.invoices.values()
    (sent,) = qbo.payments.values()
    assert sent["CustomerRef"] == sent_invoice["CustomerRef"]
    assert Decimal(sent["TotalAmt"]) == Decimal("500.00")
    assert sent["TxnDate"] == "2026-03-10"
    assert sent["PaymentRefNum"] == "WIRE-778"
    assert sent["DepositToAccountRef"] == {"value": "35"}  # the account mapped to our cash (1000)
    assert sent["Line"] == [{"Amount": "500.00", "LinkedTxn": [{"TxnId": sent_invoice["Id"], "TxnType": "Invoice"}]}]
    assert sent_invoice["Balance"] == "0.00"
    assert sorted(entity for entity, _ in qbo.document_posts) == ["customer", "invoice", "payment"]
    assert SyncItem.objects.get(object_type="payment").external_id == sent["Id"]
    assert qbo.posts == []


def test_the_customer_is_created_once_and_found_again_by_our_id(qbo, documents, contract,
                                                               django_capture_on_commit_callbacks):
    # Already in QuickBooks under our name and id (an earlier install, a lost customer item).
    qbo.customers["77"] = {"Id": "77", "SyncToken": "0", "DisplayName": "Acme O'Neil & Co (acme-42)", "Active": True}
    first = _issue(contract, django_capture_on_commit_callbacks)
    second = _issue(contract, django_capture_on_commit_callbacks, MARCH_5.replace(month=4))

    assert [i["CustomerRef"]["value"] for i in qbo.invoices.values()] == ["77", "77"]
    assert [entity for entity, _ in qbo.document_posts] == ["invoice", "invoice"]
    assert {i["DocNumber"] for i in qbo.invoices.values()} == {first.number, second.number}


def test_a_refused_invoice_waits_for_a_person_and_the_others_go_through(qbo, documents, contract,
                                                                       django_capture_on_commit_callbacks):
    documents.options = {}
    documents.save()
    other = FlatLineFactory(contract=ContractFactory(start_date=dt.date(2026, 3, 5)), amount=Decimal("80.00"))

    refused = _issue(contract, django_capture_on_commit_callbacks)
    item = SyncItem.objects.get(object_key=f"invoice:{refused.pk}")
    assert item.status == SyncItemStatus.REJECTED
    assert "qbo_deferred_item_id" in item.last_error

    documents.options = OPTIONS
    documents.save()
    _issue(other.contract, django_capture_on_commit_callbacks)
    assert len(qbo.invoices) == 1
    assert SyncItem.objects.get(pk=item.pk).status == SyncItemStatus.REJECTED

    sync_item_retry(item_id=item.pk, actor="controller")
    _sync(documents, MARCH_5 + dt.timedelta(hours=1))
    assert SyncItem.objects.get(pk=item.pk).status == SyncItemStatus.SYNCED
    assert len(qbo.invoices) == 2


def test_nothing_is_sent_into_a_period_locked_in_quickbooks(qbo, documents, contract,
                                                           django_capture_on_commit_callbacks):
    qbo.book_close_date = "2026-03-31"

    _issue(contract, django_capture_on_commit_callbacks)

    item = SyncItem.objects.get(object_type="invoice")
    assert item.status == SyncItemStatus.REJECTED
    assert "closing date 2026-03-31" in item.last_error
    assert qbo.invoices == {}


def test_a_journal_connection_sends_no_documents(qbo, qbo_connection, contract, django_capture_on_commit_callbacks):
    _issue(contract, django_capture_on_commit_callbacks)

    assert not SyncItem.objects.filter(object_type__in=["invoice", "customer"]).exists()
    assert qbo.document_posts == []


def test_the_connection_page_shows_the_mode_and_the_documents_not_yet_in_quickbooks(
    qbo, documents, contract, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    qbo.book_close_date = "2026-03-31"
    invoice = _issue(contract, django_capture_on_commit_callbacks)
    client = Client()
    client.force_login(User.objects.create_superuser("root", "root@example.test", "pw"))

    page = client.get(reverse("admin:integrations_connection_change", args=[documents.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="gl_content"' in html
    assert "Documents not yet in the GL" in html
    assert f"invoice:{invoice.pk}" in html
    assert "closing date 2026-03-31" in html


def test_each_line_goes_to_the_item_of_the_account_our_issue_entry_credits(
    qbo, documents, contract, django_capture_on_commit_callbacks
):
    """Usage billed in arrears is revenue at issue (item on our 4000), the fee billed in advance is
    deferred (item on our 2100): QuickBooks books what our ledger books."""
    MeterFactory(code="api_calls")
    UsageLineFactory(contract=contract)  # $0.004 per call, $200 minimum, in arrears
    _issue(contract, django_capture_on_commit_callbacks)
    april = _issue(contract, django_capture_on_commit_callbacks, MARCH_5.replace(month=4))

    sent = next(i for i in qbo.invoices.values() if i["DocNumber"] == april.number)
    by_item = {}
    for line in sent["Line"]:
        by_item.setdefault(line["SalesItemLineDetail"]["ItemRef"]["value"], Decimal(0))
        by_item[line["SalesItemLineDetail"]["ItemRef"]["value"]] += Decimal(str(line["Amount"]))
    assert by_item == {"1": Decimal("200.00"), "3": Decimal("500.00")}
    assert Decimal(sent["TotalAmt"]) == april.total


def test_a_credit_note_becomes_a_credit_memo_applied_to_the_invoice_once(
    qbo, documents, contract, django_capture_on_commit_callbacks
):
    from integrations.gl.documents import credit_note_document_plan
    from invoicing.credit_notes.services import credit_note_issue

    invoice = _issue(contract, django_capture_on_commit_callbacks)
    with time_machine.travel(MARCH_5 + dt.timedelta(days=1), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        note = credit_note_issue(invoice_id=invoice.pk, amount="100.00", reason="service_issue",
                                 memo="Outage on March 5", actor="billing-admin")
    credit_note_document_plan(credit_note_id=note.pk)  # delivered twice
    _sync(documents, MARCH_5 + dt.timedelta(days=2))

    (memo,) = qbo.credit_memos.values()
    (sent_invoice,) = qbo.invoices.values()
    assert memo["DocNumber"] == note.number
    assert memo["TxnDate"] == "2026-03-06"
    assert memo["CustomerRef"] == sent_invoice["CustomerRef"]
    assert memo["CustomerMemo"] == {"value": "Outage on March 5"}
    # Nothing of the fee was earned yet: the credit comes off deferred revenue, as our entry books it.
    assert [(line["SalesItemLineDetail"]["ItemRef"]["value"], Decimal(str(line["Amount"]))) for line in memo["Line"]] \
        == [("3", Decimal("100.00"))]
    (apply,) = qbo.payments.values()
    assert Decimal(apply["TotalAmt"]) == 0
    assert apply["Line"] == [
        {"Amount": "100.00", "LinkedTxn": [{"TxnId": sent_invoice["Id"], "TxnType": "Invoice"}]},
        {"Amount": "100.00", "LinkedTxn": [{"TxnId": memo["Id"], "TxnType": "CreditMemo"}]},
    ]
    assert Decimal(sent_invoice["Balance"]) == Decimal("400.00") == invoice.total - note.total
    assert memo["Balance"] == "0.00"
    assert SyncItem.objects.get(object_type="credit_note").external_id == memo["Id"]
    assert qbo.posts == []  # the credit note's journal entry is carried by the credit memo


def test_only_quickbooks_and_xero_take_documents(ns_connection):
    from django.core.exceptions import ValidationError

    ns_connection.gl_content = GlContent.DOCUMENTS
    with pytest.raises(ValidationError) as error:
        ns_connection.full_clean()
    assert "gl_content" in error.value.message_dict
    assert not ns_connection.sends_documents  # even if saved so, NetSuite keeps posting every journal


def test_with_a_bad_debt_item_a_write_off_is_a_credit_memo_applied_to_the_invoice(
    qbo, documents, contract, django_capture_on_commit_callbacks
):
    from integrations.gl.services import gl_unsynced_list
    from invoicing.services import invoice_mark_uncollectible

    documents.options = {**OPTIONS, "qbo_bad_debt_item_id": "4"}
    documents.save()
    invoice = _issue(contract, django_capture_on_commit_callbacks)
    at = MARCH_5 + dt.timedelta(days=40)
    with time_machine.travel(at, tick=False), django_capture_on_commit_callbacks(execute=True):
        invoice_mark_uncollectible(invoice_id=invoice.pk, actor="ar-manager")
    with time_machine.travel(at + dt.timedelta(hours=1), tick=False):
        connection_sync(connection_id=documents.pk, trigger="manual")
        connection_sync(connection_id=documents.pk, trigger="manual")

    (memo,) = qbo.credit_memos.values()
    (sent,) = qbo.invoices.values()
    assert memo["DocNumber"] == f"WO-{invoice.number}"[:21]
    assert [(line["SalesItemLineDetail"]["ItemRef"]["value"], Decimal(str(line["Amount"]))) for line in memo["Line"]] \
        == [("4", Decimal("500.00"))]
    assert Decimal(sent["Balance"]) == 0  # applied by a zero payment linking memo and invoice
    assert not any("written off" in p.get("PrivateNote", "") for p in qbo.posts)  # not also a journal entry
    assert SyncItem.objects.get(object_type="write_off").status == SyncItemStatus.SYNCED
    assert not [u for u in gl_unsynced_list(connection=documents) if "written_off" in u.source_key]
