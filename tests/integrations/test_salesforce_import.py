"""Salesforce closed-won opportunities -> customers and contracts, through the real
simple-salesforce client against the HTTP fake (tests/integrations/fakes.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from audit.models import AuditEvent
from contracts.choices import AmendmentStatus
from contracts.models import Amendment, Contract, Customer
from contracts.services import amendment_approve
from integrations.choices import ConnectionStatus, DealStatus, SyncItemStatus, SyncRunStatus
from integrations.crm.services import crm_deal_approve, crm_deal_conflicts_resolve
from integrations.models import CrmCustomerLink, CrmDeal, CrmFieldMapping, SyncItem
from integrations.runs import connection_sync
from invoicing.drafting.recurring import contract_bill_due
from invoicing.models import Invoice

pytestmark = pytest.mark.django_db
LINES = [
    {"code": "PLATFORM", "name": "Platform fee", "quantity": 1, "unit_price": "500"},
    {"code": "API-CALLS", "name": "API calls", "quantity": 1, "unit_price": "0.004"},
]


def _won(sf, opp_id="0065g00000AAAA1", account=("0015g00000ACME1", "Acme Inc."), lines=LINES, **fields):
    return sf.add_opportunity(opp_id, account=account, lines=lines, Contract_Start__c="2026-03-01", **fields)


def test_closed_won_deal_becomes_a_contract_for_approval_then_bills(sf, sf_connection):
    _won(sf)
    sf.add_opportunity("0065g00000LOST1", account=("0015g00000BETA1", "Beta"), lines=LINES, is_won=False)

    run = connection_sync(connection_id=sf_connection.pk, trigger="manual")

    assert list(SyncItem.objects.values_list("last_error", flat=True)) == [""]
    assert run.status == SyncRunStatus.SUCCEEDED
    assert run.synced == 1
    deal = CrmDeal.objects.get()
    assert deal.status == DealStatus.PENDING_APPROVAL
    assert deal.contract is None
    assert not Contract.objects.exists()  # nothing billed before approval
    assert deal.proposed["contract"]["lines"][0] == {
        "code": "platform", "description": "Platform fee", "charge_model": "flat", "billing_interval": "month",
        "billing_interval_count": 1, "billing_timing": "in_advance", "amount": "500",
    }
    assert "IsWon = true" in sf.queries[0]
    assert "OpportunityLineItems" in sf.queries[0]

    deal = crm_deal_approve(deal_id=deal.pk, actor="billing-admin")

    assert deal.status == DealStatus.IMPORTED
    contract = deal.contract
    assert contract.external_id == "sf-0065g00000AAAA1"
    assert contract.start_date == dt.date(2026, 3, 1)
    assert contract.customer.external_id == "sf-0015g00000ACME1"
    assert contract.customer.email == "ap@acme.test"
    assert contract.customer.city == "Boston"
    assert contract.customer.country == "US"
    lines = {line.code: line for line in contract.lines.all()}
    assert lines["platform"].amount == Decimal("500")
    assert lines["api"].unit_price == Decimal("0.004")
    assert lines["api"].minimum_amount == Decimal("200.00")
    assert lines["api"].metric == "api_calls"
    assert CrmCustomerLink.objects.get().customer == contract.customer
    assert AuditEvent.objects.filter(action="deal_contract_created", actor="billing-admin").exists()

    invoices, _ = contract_bill_due(contract=contract, as_of=dt.datetime(2026, 4, 1, 1, tzinfo=dt.UTC))

    assert [inv.total for inv in Invoice.objects.filter(contract=contract).order_by("billing_date")][:1] == [
        Decimal("500.00")
    ]
    assert invoices


def test_activate_at_once_per_connection_and_customer_upserted_by_account(sf, sf_connection):
    sf_connection.activate_contracts = True
    sf_connection.save()
    _won(sf)
    _won(sf, opp_id="0065g00000AAAA2", lines=[{"code": "SEATS", "quantity": 10, "unit_price": "30"}])

    connection_sync(connection_id=sf_connection.pk)

    assert CrmDeal.objects.filter(status=DealStatus.IMPORTED).count() == 2
    assert Customer.objects.count() == 1  # two deals of one account: one customer
    seats = Contract.objects.get(external_id="sf-0065g00000AAAA2").lines.get()
    assert (seats.charge_model, seats.seats, seats.unit_price) == ("per_seat", Decimal("10"), Decimal("30"))


def test_sync_twice_and_pages_and_watermark(sf, sf_connection):
    for n in range(5):  # page size 2: three pages through nextRecordsUrl
        _won(sf, opp_id=f"0065g00000PAGE{n}", account=(f"0015g0000ACC{n}", f"Customer {n}"))

    connection_sync(connection_id=sf_connection.pk)
    first_watermark = CrmDeal.objects.count(), sf_connection.__class__.objects.get().watermark
    connection_sync(connection_id=sf_connection.pk)

    assert first_watermark[0] == 5
    assert CrmDeal.objects.count() == 5
    assert first_watermark[1] == dt.datetime(2026, 3, 1, 10, 0, 5, tzinfo=dt.UTC)
    assert "LastModifiedDate >= 2026-03-01T10:00:05Z" in sf.queries[-1]
    assert SyncItem.objects.filter(object_type="deal").count() == 5
    assert AuditEvent.objects.filter(action="deal_imported").count() == 5  # the second read changed nothing


def test_deal_changed_after_import_becomes_a_draft_amendment_not_an_overwrite(sf, sf_connection):
    _won(sf)
    connection_sync(connection_id=sf_connection.pk)
    deal = crm_deal_approve(deal_id=CrmDeal.objects.get().pk, actor="billing-admin")
    contract = deal.contract
    sf.change_opportunity(
        "0065g00000AAAA1",
        lines=[{"code": "PLATFORM", "name": "Platform fee", "quantity": 1, "unit_price": "650"},
               {"code": "SEATS", "name": "Seats", "quantity": 5, "unit_price": "20"}],
        Contract_Start__c="2026-03-15",
    )

    with time_machine.travel(dt.datetime(2026, 4, 10, tzinfo=dt.UTC)):
        connection_sync(connection_id=sf_connection.pk)

    deal.refresh_from_db()
    assert deal.status == DealStatus.AMENDMENT_PROPOSED
    amendment = deal.amendment
    assert amendment.status == AmendmentStatus.DRAFT
    assert amendment.effective_date == dt.date(2026, 4, 10)
    assert amendment.changes == [
        {"type": "change_price", "line": "platform", "amount": "650"},
        {"type": "add_line", "line_data": {
            "code": "seats", "description": "Seats", "charge_model": "per_seat", "billing_interval": "month",
            "billing_interval_count": 1, "billing_timing": "in_advance", "unit_price": "20", "seats": "5"}},
        {"type": "end_line", "line": "api"},
    ]
    # Not overwritten: the contract keeps its terms until a billing admin approves the amendment.
    assert contract.lines.get(code="platform").amount == Decimal("500")
    assert deal.conflicts == [{"field": "contract.start_date", "accepted": "2026-03-01", "crm": "2026-03-15"}]

    # Read again unchanged: no second amendment.
    with time_machine.travel(dt.datetime(2026, 4, 11, tzinfo=dt.UTC)):
        connection_sync(connection_id=sf_connection.pk)
    assert Amendment.objects.count() == 1

    amendment_approve(amendment_id=amendment.pk, actor="billing-admin")
    with time_machine.travel(dt.datetime(2026, 4, 12, tzinfo=dt.UTC)):
        connection_sync(connection_id=sf_connection.pk)
    deal.refresh_from_db()
    assert deal.status == DealStatus.CONFLICT  # lines accepted; the start date still needs a person
    assert deal.accepted["contract"]["lines"] == deal.proposed["contract"]["lines"]
    deal = crm_deal_conflicts_resolve(deal_id=deal.pk, actor="billing-admin")
    assert deal.status == DealStatus.IMPORTED
    assert deal.conflicts == []


def test_a_deal_that_cannot_be_mapped_waits_with_errors_and_does_not_block_others(sf, sf_connection):
    _won(sf, opp_id="0065g00000BAD01", lines=[{"code": "UNKNOWN", "quantity": 1, "unit_price": "1"}])
    _won(sf, opp_id="0065g00000GOOD1", account=("0015g00000GOOD1", "Good Co"))

    run = connection_sync(connection_id=sf_connection.pk)

    bad = CrmDeal.objects.get(crm_id="0065g00000BAD01")
    assert bad.status == DealStatus.INVALID
    assert bad.errors == {"lines[0].product_code": ["No product mapping for 'UNKNOWN'."]}
    assert CrmDeal.objects.get(crm_id="0065g00000GOOD1").status == DealStatus.PENDING_APPROVAL
    assert run.status == SyncRunStatus.PARTIAL
    assert (run.synced, run.failed) == (1, 1)
    assert SyncItem.objects.get(object_key="0065g00000BAD01").status == SyncItemStatus.REJECTED


def test_approval_validates_like_the_api_and_creates_nothing_on_error(sf, sf_connection):
    CrmFieldMapping.objects.create(connection=sf_connection, target="line.metric", source="Meter__c")
    _won(sf, lines=[{"code": "API-CALLS", "quantity": 1, "unit_price": "0.004", "fields": {"Meter__c": "nope"}}])
    connection_sync(connection_id=sf_connection.pk)

    deal = crm_deal_approve(deal_id=CrmDeal.objects.get().pk, actor="billing-admin")

    assert deal.status == DealStatus.INVALID
    assert deal.errors == {"lines[0].metric": ["No meter 'nope'."]}
    assert not Contract.objects.exists()
    assert not Customer.objects.exists()


def test_expired_session_is_refreshed_and_the_new_token_stored_encrypted(sf, sf_connection):
    _won(sf)
    sf.expire_session()
    sf.access_token = "00Dxx!sf-access-2"  # what the refresh will hand out

    run = connection_sync(connection_id=sf_connection.pk)

    assert run.status == SyncRunStatus.SUCCEEDED
    assert sf.token_requests[0]["grant_type"] == ["refresh_token"]
    sf_connection.refresh_from_db()
    assert "sf-access" not in sf_connection.credentials_encrypted  # encrypted at rest
    from integrations.credentials import connection_credentials

    assert connection_credentials(sf_connection)["access_token"] == sf.access_token


def test_revoked_refresh_token_marks_the_connection_for_authorization(sf, sf_connection):
    _won(sf)
    sf.expire_session()
    sf.refresh_token = "revoked-elsewhere"

    run = connection_sync(connection_id=sf_connection.pk)

    sf_connection.refresh_from_db()
    assert run.status == SyncRunStatus.FAILED
    assert "expired access/refresh token" in run.error
    assert sf_connection.status == ConnectionStatus.AUTH_FAILED
    assert not CrmDeal.objects.exists()
    assert sf_connection.watermark is None


def test_a_deal_changed_back_withdraws_its_draft_amendment(sf, sf_connection):
    _won(sf)
    connection_sync(connection_id=sf_connection.pk)
    deal = crm_deal_approve(deal_id=CrmDeal.objects.get().pk, actor="billing-admin")
    sf.change_opportunity("0065g00000AAAA1", lines=[{"code": "PLATFORM", "name": "Platform fee", "quantity": 1,
                                                     "unit_price": "650"}, LINES[1]])
    connection_sync(connection_id=sf_connection.pk)
    deal.refresh_from_db()
    amendment = deal.amendment
    assert amendment.status == AmendmentStatus.DRAFT

    sf.change_opportunity("0065g00000AAAA1", lines=LINES)
    connection_sync(connection_id=sf_connection.pk)

    deal.refresh_from_db()
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.CANCELLED
    assert deal.status == DealStatus.IMPORTED
