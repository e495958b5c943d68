"""Our journal -> NetSuite journal entries over REST with token-based authentication (OAuth 1.0a
HMAC-SHA256 signatures verified by the fake), upserted by external id. Lines on Accounts
Receivable name the customer record (``entity``), upserted by our customer's external id first."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from integrations.choices import ConnectionStatus, PostingMode, SyncItemStatus, SyncRunStatus
from integrations.credentials import connection_credentials_update
from integrations.gl.services import gl_accounts_refresh, gl_unsynced_list
from integrations.models import GlAccount, GlAccountMapping, SyncItem
from integrations.runs import connection_sync
from ledger.services import Posting, journal_entry_post
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db
APRIL = dt.datetime(2026, 4, 2, 9, tzinfo=dt.UTC)


@pytest.fixture
def acme():
    return CustomerFactory(name="Acme", external_id="acme", email="ap@acme.test")


def _entry(n: int, day: dt.date, amount: str, customer=None) -> None:
    value = Decimal(amount)
    journal_entry_post(source_key=f"invoice:{n}:issued", entry_date=day, memo=f"Invoice {n}", currency="USD",
                       postings=[Posting("1100", debit=value), Posting("4000", credit=value)],
                       customer_id=customer.pk if customer else None)


@pytest.fixture
def mapped(ns_connection):
    gl_accounts_refresh(connection=ns_connection)
    for account in GlAccount.objects.filter(connection=ns_connection):
        GlAccountMapping.objects.create(connection=ns_connection, account_code=account.number, gl_account=account)
    return ns_connection


def _sync(connection, at=APRIL):
    with time_machine.travel(at, tick=False):
        return connection_sync(connection_id=connection.pk)


def test_journal_entries_reach_netsuite_once_through_a_timeout_and_a_rate_limit(netsuite, mapped, acme):
    for day in range(1, 6):
        _entry(day, dt.date(2026, 3, day), f"{day}00.00", acme)
    netsuite.failures = ["timeout_after_commit", "429"]

    first = _sync(mapped)
    _sync(mapped, APRIL + dt.timedelta(hours=1))

    assert first.status == SyncRunStatus.PARTIAL
    assert first.failed == 2
    assert SyncItem.objects.filter(object_type="journal", status=SyncItemStatus.SYNCED).count() == 5
    assert len(netsuite.journal_entries) == 5  # the retried upsert hit the same externalId
    body = netsuite.journal_entries[SyncItem.objects.filter(object_type="journal").order_by("entry_date")
                                    .first().request_id]
    assert body["tranDate"] == "2026-03-01"
    assert body["subsidiary"] == {"id": "1"}
    assert body["currency"] == {"id": "1"}
    (customer,) = netsuite.customers.values()
    assert body["line"]["items"] == [
        {"account": {"id": "111"}, "debit": 100.0, "entity": {"id": customer["id"]}, "memo": "Invoice 1"},
        {"account": {"id": "115"}, "credit": 100.0, "memo": "Invoice 1"},
    ]
    # The customer record made once, by our external id, and its internal id kept on its item.
    assert [(method, path) for method, path, _ in netsuite.customer_requests] == [
        ("PUT", f"customer/eid:autobill-customer-{acme.pk}")]
    assert customer["companyName"] == "Acme"
    assert customer["email"] == "ap@acme.test"
    assert customer["subsidiary"] == {"id": "1"}
    assert customer["currency"] == {"id": "1"}
    assert SyncItem.objects.get(object_type="customer").external_id == customer["id"]
    journals = SyncItem.objects.filter(object_type="journal")
    assert sorted(journals.values_list("external_id", flat=True)) == ["5000", "5001", "5002", "5003", "5004"]
    assert netsuite.no_customer == []
    assert gl_unsynced_list(connection=mapped) == []


def test_locked_period_and_bad_credentials(netsuite, mapped, acme):
    _entry(1, dt.date(2026, 1, 15), "10.00", acme)
    _entry(2, dt.date(2026, 2, 15), "20.00", acme)
    netsuite.locked_through = "2026-01-31"

    _sync(mapped)

    assert [e["tranDate"] for e in netsuite.journal_entries.values()] == ["2026-02-15"]
    assert "closing date 2026-01-31" in SyncItem.objects.get(status=SyncItemStatus.REJECTED).last_error

    connection_credentials_update(connection=mapped, values={"token_secret": "wrong"})
    _entry(3, dt.date(2026, 3, 1), "30.00", acme)
    run = _sync(mapped, APRIL + dt.timedelta(hours=1))
    mapped.refresh_from_db()
    assert run.status == SyncRunStatus.FAILED
    assert mapped.status == ConnectionStatus.AUTH_FAILED
    assert "INVALID_LOGIN" in run.error


def test_the_daily_summary_has_a_receivable_line_per_customer_naming_its_record(netsuite, mapped):
    mapped.posting_mode = PostingMode.DAILY_SUMMARY
    mapped.save()
    acme, globex = CustomerFactory(name="Acme", external_id="acme"), CustomerFactory(name="Globex", external_id="gx")
    day = dt.date(2026, 3, 5)
    _entry(1, day, "100.00", acme)
    _entry(2, day, "50.00", globex)
    journal_entry_post(source_key="payment:1:received", entry_date=day, memo="Payment 1", currency="USD",
                       postings=[Posting("1000", debit=Decimal(30)), Posting("1100", credit=Decimal(30))],
                       customer_id=acme.pk)

    run = _sync(mapped)

    ids = {c["companyName"]: c["id"] for c in netsuite.customers.values()}
    (journal,) = netsuite.journal_entries.values()
    lines = sorted(((row["account"]["id"], row.get("debit"), row.get("credit"), (row.get("entity") or {}).get("id"))
                    for row in journal["line"]["items"]), key=lambda r: (r[0], r[3] or ""))
    assert lines == [
        ("110", 30.0, None, None),
        ("111", 70.0, None, ids["Acme"]),
        ("111", 50.0, None, ids["Globex"]),
        ("115", None, 150.0, None),
    ]
    assert run.failed == 0
    assert netsuite.no_customer == []


def test_a_customer_upsert_lost_in_a_timeout_is_retried_onto_the_same_record(netsuite, mapped, acme):
    _entry(1, dt.date(2026, 3, 2), "40.00", acme)
    netsuite.customer_failures = ["timeout_after_commit"]

    first = _sync(mapped)
    assert first.failed == 2
    assert netsuite.journal_entries == {}
    second = _sync(mapped, APRIL + dt.timedelta(hours=1))

    assert second.failed == 0
    assert len(netsuite.customer_requests) == 2  # sent twice ...
    (customer,) = netsuite.customers.values()  # ... one record
    (journal,) = netsuite.journal_entries.values()
    assert journal["line"]["items"][0]["entity"] == {"id": customer["id"]}
    assert SyncItem.objects.get(object_type="customer").external_id == customer["id"]


def test_netsuite_refusing_a_line_s_customer_fails_that_entry_only(netsuite, mapped, acme):
    """The customer record was deleted (or merged) in NetSuite after we made it: NetSuite answers
    the line's entity with INVALID_CONTENT; that entry is rejected with NetSuite's error, the
    other customer's entry posts, and nothing goes to "No Customer/Job"."""
    globex = CustomerFactory(name="Globex", external_id="gx")
    _entry(1, dt.date(2026, 3, 2), "40.00", acme)
    _sync(mapped)
    acme_id = SyncItem.objects.get(object_type="customer").external_id
    del netsuite.customers[acme_id]
    _entry(2, dt.date(2026, 3, 3), "60.00", acme)
    _entry(3, dt.date(2026, 3, 4), "70.00", globex)

    run = _sync(mapped, APRIL + dt.timedelta(hours=1))

    refused = SyncItem.objects.get(object_type="journal", status=SyncItemStatus.REJECTED)
    assert refused.entry_date == dt.date(2026, 3, 3)
    assert "INVALID_CONTENT" in refused.last_error
    assert "line.items[0].entity" in refused.last_error
    assert run.synced == 2
    assert run.failed == 1
    assert sorted(e["tranDate"] for e in netsuite.journal_entries.values()) == ["2026-03-02", "2026-03-04"]
    assert [u.source_key for u in gl_unsynced_list(connection=mapped)] == ["invoice:2:issued"]
    assert netsuite.no_customer == []


def test_a_receivable_entry_without_a_customer_is_not_sent_to_no_customer(netsuite, mapped, acme):
    _entry(1, dt.date(2026, 3, 2), "9.00")
    _entry(2, dt.date(2026, 3, 3), "80.00", acme)

    run = _sync(mapped)

    refused = SyncItem.objects.get(object_type="journal", status=SyncItemStatus.REJECTED)
    assert "NetSuite needs a customer on every Accounts Receivable line" in refused.last_error
    assert [e["tranDate"] for e in netsuite.journal_entries.values()] == ["2026-03-03"]
    assert run.failed == 1
    assert netsuite.no_customer == []


def test_a_customer_without_its_subsidiary_is_refused_and_holds_only_its_entries(netsuite, mapped, acme):
    mapped.options = {"currencies": {"USD": "1"}}  # a OneWorld account, but no subsidiary set
    mapped.save()
    _entry(1, dt.date(2026, 3, 2), "40.00", acme)
    journal_entry_post(source_key="revrec:1", entry_date=dt.date(2026, 3, 2), memo="Recognised", currency="USD",
                       postings=[Posting("2100", debit=Decimal(5)), Posting("4000", credit=Decimal(5))])

    _sync(mapped)

    customer = SyncItem.objects.get(object_type="customer")
    assert customer.status == SyncItemStatus.REJECTED
    assert "USER_ERROR" in customer.last_error
    assert "Primary Subsidiary" in customer.last_error
    journal = SyncItem.objects.get(object_type="journal", status=SyncItemStatus.REJECTED)
    assert "customer could not be sent" in journal.last_error
    assert [e["memo"] for e in netsuite.journal_entries.values()] == ["Recognised [revrec:1]"]


def test_a_changed_customer_is_patched_on_its_record(netsuite, mapped, acme):
    _entry(1, dt.date(2026, 3, 2), "40.00", acme)
    _sync(mapped)
    acme.name, acme.email = "Acme Holdings", "finance@acme.test"
    acme.save()

    _sync(mapped, APRIL + dt.timedelta(hours=1))
    _sync(mapped, APRIL + dt.timedelta(hours=2))

    (customer,) = netsuite.customers.values()
    assert [(method, path) for method, path, _ in netsuite.customer_requests] == [
        ("PUT", f"customer/eid:autobill-customer-{acme.pk}"), ("PATCH", f"customer/{customer['id']}")]
    assert netsuite.customer_requests[1][2] == {"companyName": "Acme Holdings", "email": "finance@acme.test"}
    assert customer["companyName"] == "Acme Holdings"
