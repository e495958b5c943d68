"""Our journal -> QuickBooks Online journal entries, through python-quickbooks and intuit-oauth
against the HTTP fake (tests/integrations/fakes.py): exactly once through failures and retries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from contracts.models import Customer
from integrations.choices import ConnectionStatus, PostingMode, SyncItemStatus, SyncRunStatus
from integrations.credentials import connection_credentials
from integrations.gl.services import gl_accounts_refresh, gl_unsynced_list
from integrations.models import Connection, GlAccount, GlAccountMapping, GlEntryLink, SyncItem
from integrations.runs import connection_sync
from integrations.sync import sync_item_retry
from ledger.services import Posting, journal_entry_post
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db
APRIL = dt.datetime(2026, 4, 2, 9, tzinfo=dt.UTC)


def _map_accounts(connection: Connection) -> None:
    gl_accounts_refresh(connection=connection)
    for account in GlAccount.objects.filter(connection=connection, is_active=True):
        GlAccountMapping.objects.create(connection=connection, account_code=account.number, gl_account=account)


def _customer(external_id: str = "acme-1", name: str = "Acme Corp") -> Customer:
    return Customer.objects.filter(external_id=external_id).first() or CustomerFactory(external_id=external_id,
                                                                                      name=name)


def _invoice_entry(n: int, day: dt.date, amount: str, *, currency: str = "USD",
                   customer: Customer | None = None) -> None:
    value = Decimal(amount)
    journal_entry_post(
        source_key=f"invoice:{n}:issued", entry_date=day, memo=f"Invoice {n} issued", currency=currency,
        postings=[Posting("1100", debit=value), Posting("2100", credit=value - 10),
                  Posting("4000", credit=Decimal(10))],
        customer_id=(customer or _customer()).pk,
    )


def _payment_entry(n: int, day: dt.date, amount: str, *, customer: Customer | None = None) -> None:
    value = Decimal(amount)
    journal_entry_post(source_key=f"payment:{n}:received", entry_date=day, memo=f"Payment {n}", currency="USD",
                       postings=[Posting("1000", debit=value), Posting("1100", credit=value)],
                       customer_id=(customer or _customer()).pk)


def _entity(row: dict) -> tuple[str, str] | None:
    """A JournalEntry line's JournalEntryLineDetail.Entity as (Type, EntityRef.value)."""
    entity = row["JournalEntryLineDetail"].get("Entity")
    return (entity["Type"], entity["EntityRef"]["value"]) if entity else None


@pytest.fixture
def per_document(qbo_connection: Connection) -> Connection:
    qbo_connection.posting_mode = PostingMode.PER_DOCUMENT
    qbo_connection.save()
    _map_accounts(qbo_connection)
    return qbo_connection


def _sync(connection: Connection, at: dt.datetime = APRIL):
    with time_machine.travel(at, tick=False):
        return connection_sync(connection_id=connection.pk, trigger="manual")


def test_one_entry_per_document_posted_once_with_mapped_accounts(qbo, per_document):
    _invoice_entry(1, dt.date(2026, 3, 5), "720.00")
    _payment_entry(1, dt.date(2026, 3, 20), "720.00")

    run = _sync(per_document)
    again = _sync(per_document)

    assert run.status == SyncRunStatus.SUCCEEDED
    assert run.synced == 3  # the customer, then the two journals
    assert again.synced == 0
    assert len(qbo.posts) == 2
    first = qbo.posts[0]
    assert first["TxnDate"] == "2026-03-05"
    assert first["CurrencyRef"]["value"] == "USD"
    (customer,) = qbo.customers.values()
    assert customer["DisplayName"] == "Acme Corp (acme-1)"
    assert [(row["JournalEntryLineDetail"]["PostingType"], row["JournalEntryLineDetail"]["AccountRef"]["value"],
             Decimal(str(row["Amount"])), _entity(row)) for row in first["Line"]] == [
        ("Debit", "84", Decimal("720.00"), ("Customer", customer["Id"])),
        ("Credit", "92", Decimal("710.00"), None), ("Credit", "79", Decimal("10.00"), None),
    ]
    # The payment's credit to A/R names the same QuickBooks customer, created once.
    assert qbo.posts[1]["Line"][1]["JournalEntryLineDetail"]["Entity"]["EntityRef"]["value"] == customer["Id"]
    assert [entity for entity, _ in qbo.document_posts] == ["customer"]
    items = SyncItem.objects.filter(object_type="journal", status=SyncItemStatus.SYNCED)
    assert sorted(items.values_list("external_id", flat=True)) == ["100", "101"]
    assert AuditEvent.objects.filter(action="sync_item_synced").count() == 3  # the customer, 2 journals
    per_document.refresh_from_db()
    assert per_document.status == ConnectionStatus.CONNECTED


def test_daily_summary_nets_each_account_per_day_and_waits_for_the_day_to_end(qbo, qbo_connection):
    _map_accounts(qbo_connection)
    _invoice_entry(1, dt.date(2026, 3, 5), "100.00")
    _invoice_entry(2, dt.date(2026, 3, 5), "50.00")
    _payment_entry(1, dt.date(2026, 3, 5), "30.00")
    _invoice_entry(3, dt.date(2026, 4, 2), "999.00")  # today: the day is not over

    _sync(qbo_connection)

    assert len(qbo.posts) == 1
    lines = {(row["JournalEntryLineDetail"]["AccountRef"]["value"], row["JournalEntryLineDetail"]["PostingType"]):
             Decimal(str(row["Amount"])) for row in qbo.posts[0]["Line"]}
    assert lines == {("35", "Debit"): Decimal("30.00"), ("84", "Debit"): Decimal("120.00"),
                     ("92", "Credit"): Decimal("130.00"), ("79", "Credit"): Decimal("20.00")}
    assert qbo.posts[0]["DocNumber"] == "AB-20260305-USD"

    _invoice_entry(4, dt.date(2026, 3, 5), "40.00")  # backdated into a posted day
    _sync(qbo_connection, APRIL + dt.timedelta(days=1))

    assert [p["DocNumber"] for p in qbo.posts] == ["AB-20260305-USD", "AB-20260305-USD-2", "AB-20260402-USD"]
    assert GlEntryLink.objects.count() == 5  # every entry in exactly one GL journal


def test_timeout_after_the_provider_committed_is_retried_without_a_duplicate(qbo, per_document):
    _invoice_entry(1, dt.date(2026, 3, 5), "720.00")
    qbo.failures = ["timeout_after_commit"]

    run = _sync(per_document)

    item = SyncItem.objects.get(object_type="journal")
    assert run.status == SyncRunStatus.PARTIAL
    assert item.status == SyncItemStatus.FAILED
    assert item.next_attempt_at == APRIL + dt.timedelta(minutes=1)
    assert len(qbo.journal_entries) == 1  # QuickBooks did save it

    _sync(per_document, APRIL + dt.timedelta(seconds=30))  # backoff not over: not sent
    assert SyncItem.objects.get(object_type="journal").attempts == 1
    _sync(per_document, APRIL + dt.timedelta(minutes=2))

    item.refresh_from_db()
    assert item.status == SyncItemStatus.SYNCED
    assert item.external_id == "100"
    assert item.attempts == 2
    assert len(qbo.journal_entries) == 1  # the same requestid got the first answer


def test_rate_limit_honours_retry_after(qbo, per_document):
    _invoice_entry(1, dt.date(2026, 3, 5), "720.00")
    qbo.failures = ["429"]

    _sync(per_document)

    item = SyncItem.objects.get(object_type="journal")
    assert item.status == SyncItemStatus.FAILED
    assert "rate limit" in item.last_error
    assert item.next_attempt_at == APRIL + dt.timedelta(seconds=120)
    _sync(per_document, APRIL + dt.timedelta(seconds=121))
    assert SyncItem.objects.get(object_type="journal").status == SyncItemStatus.SYNCED
    assert len(qbo.posts) == 1


def test_a_refused_entry_does_not_block_the_others_and_is_retried_after_a_fix(qbo, per_document):
    _invoice_entry(1, dt.date(2026, 3, 5), "720.00")
    journal_entry_post(source_key="writeoff:1", entry_date=dt.date(2026, 3, 6), memo="Write-off", currency="USD",
                       postings=[Posting("6100", debit=Decimal(5)), Posting("1100", credit=Decimal(5))],
                       customer_id=_customer().pk)
    GlAccountMapping.objects.filter(account_code="6100").delete()
    _payment_entry(1, dt.date(2026, 3, 7), "720.00")

    run = _sync(per_document)

    refused = SyncItem.objects.get(object_key__contains=str(GlEntryLink.objects.get(
        journal_entry__source_key="writeoff:1").item.object_key))
    assert refused.status == SyncItemStatus.REJECTED
    assert "6100" in refused.last_error
    assert run.synced == 3  # the customer and two journals
    assert len(qbo.posts) == 2
    assert [u.source_key for u in gl_unsynced_list(connection=per_document)] == ["writeoff:1"]

    GlAccountMapping.objects.create(connection=per_document, account_code="6100",
                                    gl_account=GlAccount.objects.get(external_id="94"))
    _sync(per_document, APRIL + dt.timedelta(hours=1))
    assert SyncItem.objects.get(pk=refused.pk).status == SyncItemStatus.REJECTED  # waits for a person
    sync_item_retry(item_id=refused.pk, actor="controller")
    _sync(per_document, APRIL + dt.timedelta(hours=2))
    assert SyncItem.objects.get(pk=refused.pk).status == SyncItemStatus.SYNCED
    assert gl_unsynced_list(connection=per_document) == []
    assert len(qbo.posts) == 3


def test_provider_validation_error_is_kept_with_the_item(qbo, per_document):
    _invoice_entry(1, dt.date(2026, 3, 5), "720.00")
    qbo.accounts["92"]["Active"] = False  # made inactive in QuickBooks after our mapping

    _sync(per_document)

    item = SyncItem.objects.get(object_type="journal")
    assert item.status == SyncItemStatus.REJECTED
    assert "2500" in item.last_error
    assert "Invalid Reference Id" in item.last_error


def test_expired_access_token_is_refreshed_and_the_rotated_refresh_token_kept(qbo, per_document):
    _invoice_entry(1, dt.date(2026, 3, 5), "720.00")
    qbo.expire_access_token()

    _sync(per_document)

    assert qbo.refreshes == 1
    assert len(qbo.posts) == 1
    creds = connection_credentials(Connection.objects.get(pk=per_document.pk))
    assert creds["refresh_token"] == qbo.refresh_token == "qbo-refresh-3"


def test_nothing_posted_into_a_closed_or_locked_period(qbo, per_document):
    _invoice_entry(1, dt.date(2026, 2, 27), "10.00")
    _invoice_entry(2, dt.date(2026, 3, 3), "20.00")
    _invoice_entry(3, dt.date(2026, 3, 20), "30.00")
    per_document.closed_through = dt.date(2026, 2, 28)  # our February is closed
    per_document.save()
    qbo.book_close_date = "2026-03-10"  # QuickBooks is locked through March 10

    _sync(per_document)

    assert [p["TxnDate"] for p in qbo.posts] == ["2026-03-20"]
    locked = SyncItem.objects.get(status=SyncItemStatus.REJECTED)
    assert "closing date 2026-03-10" in locked.last_error
    assert not GlEntryLink.objects.filter(journal_entry__source_key="invoice:1:issued").exists()


def test_mapping_is_validated_against_the_fetched_chart(qbo, qbo_connection):
    gl_accounts_refresh(connection=qbo_connection)
    inactive = GlAccount.objects.get(external_id="99")
    assert not inactive.is_active

    with pytest.raises(ValidationError) as error:
        GlAccountMapping(connection=qbo_connection, account_code="1100", gl_account=inactive).full_clean()
    assert "inactive" in str(error.value)
    with pytest.raises(ValidationError):
        GlAccountMapping(connection=qbo_connection, account_code="7777",
                         gl_account=GlAccount.objects.get(external_id="84")).full_clean()


def test_a_month_reaches_the_gl_exactly_once_through_failures(qbo, per_document):
    expected = Decimal(0)
    for day in range(1, 32):
        _invoice_entry(day, dt.date(2026, 3, day), f"{100 + day}.00")
        expected += Decimal(100 + day)
    qbo.failures = ["500", "timeout_after_commit", "429", "", "", "timeout_after_commit"]

    _sync(per_document)
    for hours in (1, 2, 3):
        _sync(per_document, APRIL + dt.timedelta(hours=hours))

    assert SyncItem.objects.filter(object_type="journal", status=SyncItemStatus.SYNCED).count() == 31
    assert len(qbo.journal_entries) == 31
    posted = sum(Decimal(str(e["TotalAmt"])) for e in qbo.journal_entries.values())
    assert posted == expected
    assert len({e["DocNumber"] for e in qbo.journal_entries.values()}) == 31
    assert gl_unsynced_list(connection=per_document) == []
