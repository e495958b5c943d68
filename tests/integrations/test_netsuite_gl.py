"""Our journal -> NetSuite journal entries over REST with token-based authentication (OAuth 1.0a
HMAC-SHA256 signatures verified by the fake), upserted by external id."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from integrations.choices import ConnectionStatus, SyncItemStatus, SyncRunStatus
from integrations.credentials import connection_credentials_update
from integrations.gl.services import gl_accounts_refresh, gl_unsynced_list
from integrations.models import GlAccount, GlAccountMapping, SyncItem
from integrations.runs import connection_sync
from ledger.services import Posting, journal_entry_post

pytestmark = pytest.mark.django_db
APRIL = dt.datetime(2026, 4, 2, 9, tzinfo=dt.UTC)


def _entry(n: int, day: dt.date, amount: str) -> None:
    value = Decimal(amount)
    journal_entry_post(source_key=f"invoice:{n}:issued", entry_date=day, memo=f"Invoice {n}", currency="USD",
                       postings=[Posting("1100", debit=value), Posting("4000", credit=value)])


@pytest.fixture
def mapped(ns_connection):
    gl_accounts_refresh(connection=ns_connection)
    for account in GlAccount.objects.filter(connection=ns_connection):
        GlAccountMapping.objects.create(connection=ns_connection, account_code=account.number, gl_account=account)
    return ns_connection


def _sync(connection, at=APRIL):
    with time_machine.travel(at, tick=False):
        return connection_sync(connection_id=connection.pk)


def test_journal_entries_reach_netsuite_once_through_a_timeout_and_a_rate_limit(netsuite, mapped):
    for day in range(1, 6):
        _entry(day, dt.date(2026, 3, day), f"{day}00.00")
    netsuite.failures = ["timeout_after_commit", "429"]

    first = _sync(mapped)
    _sync(mapped, APRIL + dt.timedelta(hours=1))

    assert first.status == SyncRunStatus.PARTIAL
    assert first.failed == 2
    assert SyncItem.objects.filter(status=SyncItemStatus.SYNCED).count() == 5
    assert len(netsuite.journal_entries) == 5  # the retried upsert hit the same externalId
    body = netsuite.journal_entries[SyncItem.objects.order_by("entry_date").first().request_id]
    assert body["tranDate"] == "2026-03-01"
    assert body["subsidiary"] == {"id": "1"}
    assert body["currency"] == {"id": "1"}
    assert body["line"]["items"][0] == {"account": {"id": "111"}, "debit": 100.0, "memo": "Invoice 1"}
    assert sorted(SyncItem.objects.values_list("external_id", flat=True)) == ["5000", "5001", "5002", "5003", "5004"]
    assert gl_unsynced_list(connection=mapped) == []


def test_locked_period_and_bad_credentials(netsuite, mapped):
    _entry(1, dt.date(2026, 1, 15), "10.00")
    _entry(2, dt.date(2026, 2, 15), "20.00")
    netsuite.locked_through = "2026-01-31"

    _sync(mapped)

    assert [e["tranDate"] for e in netsuite.journal_entries.values()] == ["2026-02-15"]
    assert "closing date 2026-01-31" in SyncItem.objects.get(status=SyncItemStatus.REJECTED).last_error

    connection_credentials_update(connection=mapped, values={"token_secret": "wrong"})
    _entry(3, dt.date(2026, 3, 1), "30.00")
    run = _sync(mapped, APRIL + dt.timedelta(hours=1))
    mapped.refresh_from_db()
    assert run.status == SyncRunStatus.FAILED
    assert mapped.status == ConnectionStatus.AUTH_FAILED
    assert "INVALID_LOGIN" in run.error
