"""Our journal -> Xero manual journals through xero-python (urllib3) against a local fake
server: Idempotency-Key, token refresh, rate limit, lock dates, validation errors."""

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


def _entry(n: int, day: dt.date, amount: str, credit_account: str = "4000") -> None:
    value = Decimal(amount)
    journal_entry_post(source_key=f"invoice:{n}:issued", entry_date=day, memo=f"Invoice {n}", currency="USD",
                       postings=[Posting("1100", debit=value), Posting(credit_account, credit=value)])


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
    journal_entry_post(source_key="cash:1", entry_date=dt.date(2026, 3, 21), memo="Cash", currency="USD",
                       postings=[Posting("1000", debit=Decimal(5)), Posting("1100", credit=Decimal(5))])
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
