"""Our journal -> Xero manual journals through xero-python (urllib3) against a local fake
server: Idempotency-Key, token refresh, rate limit, lock dates, validation errors. Manual journals
carry only what does not touch Accounts Receivable (a Xero system account): revenue recognition,
accruals, fees; the rest goes as documents (test_xero_documents.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from integrations.choices import SyncItemStatus
from integrations.credentials import connection_credentials
from integrations.gl.services import gl_accounts_refresh, gl_unsynced_list
from integrations.models import Connection, GlAccount, GlAccountMapping, SyncItem
from integrations.runs import connection_sync
from ledger.services import Posting, journal_entry_post

pytestmark = pytest.mark.django_db
APRIL = dt.datetime(2026, 4, 2, 9, tzinfo=dt.UTC)


def _entry(n: int, day: dt.date, amount: str) -> None:
    """Revenue recognised: Dr Deferred revenue / Cr Revenue."""
    value = Decimal(amount)
    journal_entry_post(source_key=f"revenue:{n}", entry_date=day, memo=f"Revenue recognised {n}", currency="USD",
                       postings=[Posting("2100", debit=value), Posting("4000", credit=value)])


@pytest.fixture
def mapped(xero_connection):
    gl_accounts_refresh(connection=xero_connection)
    for account in GlAccount.objects.filter(connection=xero_connection):
        GlAccountMapping.objects.create(connection=xero_connection, account_code=account.number, gl_account=account)
    return xero_connection


def _sync(connection, at=APRIL):
    with time_machine.travel(at, tick=False):
        return connection_sync(connection_id=connection.pk)


def test_manual_journals_posted_once_through_failures(xero, mapped):
    for day in range(1, 5):
        _entry(day, dt.date(2026, 3, day), f"{day}0.50")
    xero.failures = ["drop_after_commit", "429"]
    xero.access_token = "expired-by-xero"  # the first call gets 401: refresh, then retry

    _sync(mapped)
    _sync(mapped, APRIL + dt.timedelta(hours=1))

    assert SyncItem.objects.filter(status=SyncItemStatus.SYNCED).count() == 4
    assert len(xero.journals) == 4  # the replayed Idempotency-Key got the first journal back
    first = next(j for j in xero.journals.values() if j["Narration"].startswith("AB-"))
    assert first["LineAmountTypes"] == "NoTax"
    assert sorted(Decimal(str(line["LineAmount"])) for line in first["JournalLines"])[0] < 0  # credits negative
    assert xero.refreshes == 1
    assert connection_credentials(Connection.objects.get(pk=mapped.pk))["refresh_token"] == xero.refresh_token
    assert gl_unsynced_list(connection=mapped) == []


def test_lock_date_and_validation_errors_stay_on_their_items(xero, mapped):
    _entry(1, dt.date(2026, 1, 20), "10.00")
    _entry(2, dt.date(2026, 3, 20), "20.00")
    journal_entry_post(source_key="processing_fee:ch_1", entry_date=dt.date(2026, 3, 21), memo="Fee",
                       currency="USD", postings=[Posting("6200", debit=Decimal(5)), Posting("1000", credit=Decimal(5))])
    xero.period_lock_date = "2026-01-31"
    xero.accounts[0]["Status"] = "ARCHIVED"  # the bank account was archived in Xero after mapping

    _sync(mapped)

    states = {item.entry_date.isoformat(): (item.status, item.last_error) for item in SyncItem.objects.all()}
    assert states["2026-03-20"][0] == SyncItemStatus.SYNCED
    assert states["2026-01-20"][0] == SyncItemStatus.REJECTED
    assert "closing date 2026-01-31" in states["2026-01-20"][1]
    assert states["2026-03-21"][0] == SyncItemStatus.REJECTED
    assert "not a valid code" in states["2026-03-21"][1]
    assert len(xero.journals) == 1


def test_receivable_entries_never_reach_a_manual_journal(xero, mapped):
    from tests.factories import CustomerFactory

    customer = CustomerFactory(name="Initech")
    mapped.posting_mode = "daily_summary"
    mapped.save()
    day = dt.date(2026, 3, 5)
    _entry(1, day, "300.00")
    journal_entry_post(source_key="processing_fee:ch_9", entry_date=day, memo="Fee", currency="USD",
                       postings=[Posting("6200", debit=Decimal("2.90")), Posting("1000", credit=Decimal("2.90"))])
    # Carried as Xero documents (a credit note to bad debts, a payment out of a credit note).
    journal_entry_post(source_key="invoice:7:written_off", entry_date=day, memo="Written off", currency="USD",
                       customer_id=customer.pk,
                       postings=[Posting("6100", debit=Decimal(40)), Posting("1100", credit=Decimal(40))])
    journal_entry_post(source_key="refund:3", entry_date=day, memo="Refund", currency="USD", customer_id=customer.pk,
                       postings=[Posting("1100", debit=Decimal(15)), Posting("1000", credit=Decimal(15))])
    # Touches receivables and has no document: kept apart, refused before it is sent.
    journal_entry_post(source_key="adjustment:1", entry_date=day, memo="Hand adjustment", currency="USD",
                       customer_id=customer.pk,
                       postings=[Posting("1100", debit=Decimal(7)), Posting("4000", credit=Decimal(7))])

    run = _sync(mapped)

    (journal,) = xero.journals.values()  # the day's summary, alone
    receivable = GlAccount.objects.get(connection=mapped, number="1100")
    assert receivable.account_type == "DEBTORS"
    assert sorted((line["AccountID"][-4:], Decimal(str(line["LineAmount"]))) for line in journal["JournalLines"]) == [
        ("1000", Decimal("-2.90")), ("2100", Decimal("300.00")), ("4000", Decimal("-300.00")),
        ("6200", Decimal("2.90"))]
    assert xero.puts == 1
    refused = SyncItem.objects.get(status=SyncItemStatus.REJECTED)
    assert refused.object_key.startswith("entry:")
    assert "system accounts" in refused.last_error
    assert run.synced == 1
    assert [u.source_key for u in gl_unsynced_list(connection=mapped)] == ["adjustment:1"]


def test_xero_answers_a_receivable_line_in_a_manual_journal_with_its_validation_error(xero, mapped):
    from integrations.exceptions import RejectedError
    from integrations.gl.journal import GlJournal, GlLine
    from integrations.gl.services import gl_account_map
    from integrations.providers import xero as xero_provider

    journal = GlJournal(key="entry:1", entry_date=dt.date(2026, 3, 5), currency="USD", memo="m", doc_number="AB-1",
                        lines=[GlLine("1100", Decimal(5), Decimal(0), "AR"),
                               GlLine("4000", Decimal(0), Decimal(5), "R")])

    with pytest.raises(RejectedError) as error:
        xero_provider.journal_entry_create(connection=mapped, journal=journal, accounts=gl_account_map(mapped),
                                           request_id="autobill-x-1")

    assert "Account code '1100' is a system account and cannot be used in manual journals" in str(error.value)
    assert xero.journals == {}


def test_a_xero_connection_sends_documents(xero, xero_connection):
    from django.core.exceptions import ValidationError

    from integrations.choices import GlContent

    assert xero_connection.gl_content == GlContent.DOCUMENTS  # connection_create's default for Xero
    xero_connection.gl_content = GlContent.JOURNAL
    with pytest.raises(ValidationError) as error:
        xero_connection.full_clean()
    assert "Accounts Receivable" in str(error.value)
    assert xero_connection.sends_documents  # a row saved past the form still never journals receivables
