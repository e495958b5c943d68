"""Journal lines on Accounts Receivable name the customer, as QuickBooks Online requires
(JournalEntryLineDetail.Entity of type Customer; the fake answers a line without one with
QuickBooks' 6000 business validation fault). Write-offs and refunds included."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from integrations.choices import GlContent, PostingMode, SyncItemStatus
from integrations.gl.services import gl_accounts_refresh, gl_unsynced_list
from integrations.models import Connection, GlAccount, GlAccountMapping, SyncItem
from integrations.runs import connection_sync
from ledger.services import Posting, journal_entry_post
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db
APRIL = dt.datetime(2026, 4, 2, 9, tzinfo=dt.UTC)
DAY = dt.date(2026, 3, 5)


@pytest.fixture
def mapped(qbo_connection: Connection) -> Connection:
    gl_accounts_refresh(connection=qbo_connection)
    for account in GlAccount.objects.filter(connection=qbo_connection, is_active=True):
        GlAccountMapping.objects.create(connection=qbo_connection, account_code=account.number, gl_account=account)
    return qbo_connection


def _post(key: str, postings: list[Posting], customer=None, day: dt.date = DAY) -> None:
    journal_entry_post(source_key=key, entry_date=day, memo=key, currency="USD", postings=postings,
                       customer_id=customer.pk if customer else None)


def _sync(connection: Connection, at: dt.datetime = APRIL):
    with time_machine.travel(at, tick=False):
        return connection_sync(connection_id=connection.pk, trigger="manual")


def _lines(journal: dict) -> list[tuple]:
    out = []
    for row in journal["Line"]:
        detail = row["JournalEntryLineDetail"]
        entity = detail.get("Entity")
        out.append((detail["AccountRef"]["value"], detail["PostingType"], Decimal(str(row["Amount"])),
                    (entity["Type"], entity["EntityRef"]["value"]) if entity else None))
    return sorted(out, key=lambda r: (r[0], r[3] or ("", "")))


def test_the_daily_summary_has_one_receivable_line_per_customer_naming_it(qbo, mapped):
    acme, globex = CustomerFactory(name="Acme", external_id="acme"), CustomerFactory(name="Globex", external_id="gx")
    _post("invoice:1:issued", [Posting("1100", debit=Decimal(100)), Posting("4000", credit=Decimal(100))], acme)
    _post("invoice:2:issued", [Posting("1100", debit=Decimal(50)), Posting("4000", credit=Decimal(50))], globex)
    _post("payment:1:received", [Posting("1000", debit=Decimal(30)), Posting("1100", credit=Decimal(30))], acme)

    run = _sync(mapped)
    _sync(mapped, APRIL + dt.timedelta(hours=1))

    ids = {c["DisplayName"]: c["Id"] for c in qbo.customers.values()}
    assert sorted(ids) == ["Acme (acme)", "Globex (gx)"]
    (journal,) = qbo.posts
    assert _lines(journal) == [
        ("35", "Debit", Decimal(30), None),
        ("79", "Credit", Decimal(150), None),
        ("84", "Debit", Decimal(70), ("Customer", ids["Acme (acme)"])),
        ("84", "Debit", Decimal(50), ("Customer", ids["Globex (gx)"])),
    ]
    # Each customer made once, with its item's requestid; a second sync makes nothing more.
    customer_items = SyncItem.objects.filter(object_type="customer", status=SyncItemStatus.SYNCED)
    assert sorted(customer_items.values_list("external_id", flat=True)) == sorted(ids.values())
    assert set(qbo.by_request_id) >= set(customer_items.values_list("request_id", flat=True))
    assert [entity for entity, _ in qbo.document_posts] == ["customer", "customer"]
    assert run.failed == 0


def test_quickbooks_refuses_a_receivable_line_without_a_customer_and_the_others_go_on(qbo, mapped):
    """Our 1150 mapped to an account that became Accounts Receivable in QuickBooks after the
    chart was fetched: we send the line without Entity and QuickBooks' 6000 fault is kept."""
    customer = CustomerFactory(name="Acme", external_id="acme")
    mapped.posting_mode = PostingMode.PER_DOCUMENT
    mapped.save()
    qbo.accounts["91"]["AccountType"] = "Accounts Receivable"
    _post("usage_accrual:1", [Posting("1150", debit=Decimal(12)), Posting("4000", credit=Decimal(12))], customer)
    _post("invoice:1:issued", [Posting("1100", debit=Decimal(80)), Posting("4000", credit=Decimal(80))], customer)

    run = _sync(mapped)

    refused = SyncItem.objects.get(object_type="journal", status=SyncItemStatus.REJECTED)
    assert "QuickBooks 6000" in refused.last_error
    assert "When you use Accounts Receivable, you must choose a customer in the Name field" in refused.last_error
    assert [p["DocNumber"] for p in qbo.posts] == [f"AB-{refused.payload['entry_ids'][0] + 1}"]
    assert run.synced == 2
    assert run.failed == 1
    assert [u.source_key for u in gl_unsynced_list(connection=mapped)] == ["usage_accrual:1"]


def test_a_receivable_entry_without_a_customer_is_refused_before_it_is_sent(qbo, mapped):
    _post("adjustment:1", [Posting("1100", debit=Decimal(9)), Posting("4000", credit=Decimal(9))])

    _sync(mapped)

    item = SyncItem.objects.get(object_type="journal")
    assert item.status == SyncItemStatus.REJECTED
    assert "needs a customer on every Accounts Receivable line" in item.last_error
    assert qbo.posts == []
    assert qbo.document_posts == []


def test_write_off_and_refund_journals_name_the_customer_on_a_documents_connection(qbo, mapped):
    """On QuickBooks (journal or documents) a write-off and a refund stay journal entries: Dr bad
    debt / Cr A/R and Dr A/R / Cr cash, each A/R line naming the customer."""
    customer = CustomerFactory(name="Acme", external_id="acme")
    mapped.gl_content = GlContent.DOCUMENTS
    mapped.posting_mode = PostingMode.PER_DOCUMENT
    mapped.save()
    _post("invoice:4:issued", [Posting("1100", debit=Decimal(60)), Posting("4000", credit=Decimal(60))], customer)
    _post("invoice:4:written_off", [Posting("6100", debit=Decimal(60)), Posting("1100", credit=Decimal(60))],
          customer)
    _post("refund:2", [Posting("1100", debit=Decimal(15)), Posting("1000", credit=Decimal(15))], customer)

    _sync(mapped)

    (qbo_customer,) = qbo.customers.values()
    entity = ("Customer", qbo_customer["Id"])
    assert [_lines(p) for p in qbo.posts] == [  # the invoice itself goes as a document
        [("84", "Credit", Decimal(60), entity), ("94", "Debit", Decimal(60), None)],
        [("35", "Credit", Decimal(15), None), ("84", "Debit", Decimal(15), entity)],
    ]


def test_a_summary_planned_before_lines_named_customers_is_replanned_from_its_entries(qbo, mapped):
    from integrations.gl.services import gl_journals_plan

    acme, globex = CustomerFactory(name="Acme", external_id="acme"), CustomerFactory(name="Globex", external_id="gx")
    _post("invoice:1:issued", [Posting("1100", debit=Decimal(100)), Posting("4000", credit=Decimal(100))], acme)
    _post("invoice:2:issued", [Posting("1100", debit=Decimal(50)), Posting("4000", credit=Decimal(50))], globex)
    with time_machine.travel(APRIL, tick=False):
        (item,) = gl_journals_plan(connection=mapped)
    # As the previous release planned it: one A/R line for the day, lines without "customer".
    item.payload["lines"] = [
        {"account": "1100", "debit": "150", "credit": "0", "description": "summary"},
        {"account": "4000", "debit": "0", "credit": "150", "description": "summary"},
    ]
    item.save()

    _sync(mapped)

    ids = {c["DisplayName"]: c["Id"] for c in qbo.customers.values()}
    (journal,) = qbo.posts
    assert _lines(journal) == [
        ("79", "Credit", Decimal(150), None),
        ("84", "Debit", Decimal(100), ("Customer", ids["Acme (acme)"])),
        ("84", "Debit", Decimal(50), ("Customer", ids["Globex (gx)"])),
    ]
    item.refresh_from_db()
    assert item.status == SyncItemStatus.SYNCED
    assert all("customer" in row for row in item.payload["lines"])
