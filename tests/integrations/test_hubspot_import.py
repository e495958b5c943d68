"""HubSpot closed-won deals -> customers and contracts through hubspot-api-client (urllib3)
against a local fake of the CRM v3/v4 API."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from contracts.choices import AmendmentStatus
from integrations.choices import DealStatus, SyncRunStatus
from integrations.credentials import connection_credentials
from integrations.crm.services import crm_deal_approve
from integrations.crm.writeback import crm_invoice_writeback
from integrations.models import CrmDeal
from integrations.runs import connection_sync
from invoicing.drafting.recurring import contract_bill_due
from invoicing.services import invoice_finalize

pytestmark = pytest.mark.django_db
TIERS = [{"up_to": "1000", "unit_price": "0.10"}, {"up_to": None, "unit_price": "0.08"}]
LINES = [
    {"sku": "PLATFORM", "name": "Platform fee", "quantity": 1, "price": "300"},
    {"sku": "API-CALLS", "name": "API calls", "quantity": 1, "price": "0", "props": {"tiers_json": json.dumps(TIERS)}},
]


def test_closed_won_deal_becomes_an_approved_contract_that_bills(hubspot, hs_connection):
    deal_id = hubspot.add_deal(company="Acme Inc.", lines=LINES, contract_start="2026-03-01")
    hubspot.add_deal(company="Beta LLC", lines=LINES, won=False)
    for n in range(2):  # page size 2: the search pages through "after"
        hubspot.add_deal(company=f"Gamma {n}", lines=LINES[:1], contract_start="2026-03-01")

    run = connection_sync(connection_id=hs_connection.pk)

    assert run.status == SyncRunStatus.SUCCEEDED
    assert run.synced == 3
    deal = CrmDeal.objects.get(crm_id=deal_id)
    assert deal.status == DealStatus.PENDING_APPROVAL
    deal = crm_deal_approve(deal_id=deal.pk, actor="billing-admin")
    contract = deal.contract
    assert contract.external_id == f"hs-{deal_id}"
    assert contract.customer.email == "ap@acme.test"
    assert contract.customer.city == "Boston"
    api = contract.lines.get(code="api")
    assert api.charge_model == "graduated"
    assert [(t["up_to"], t["unit_price"]) for t in api.tiers] == [("1000", "0.10"), (None, "0.08")]
    assert contract.lines.get(code="platform").amount == Decimal("300")

    (invoice,), _ = contract_bill_due(contract=contract, as_of=dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
    assert invoice.total == Decimal("300.00")


def test_change_becomes_amendment_refresh_and_writeback(hubspot, hs_connection):
    hs_connection.writeback_invoice_status_field = "autobill_invoice_status"
    hs_connection.activate_contracts = True
    hs_connection.save()
    deal_id = hubspot.add_deal(company="Acme Inc.", lines=LINES, contract_start="2026-03-01")
    connection_sync(connection_id=hs_connection.pk)
    deal = CrmDeal.objects.get()
    assert deal.status == DealStatus.IMPORTED
    hubspot.change_deal(deal_id, lines=[{"sku": "PLATFORM", "name": "Platform fee", "quantity": 1, "price": "350"}])
    hubspot.access_token = "hs-expired"  # the next call gets 401: refresh, then retry

    connection_sync(connection_id=hs_connection.pk)

    deal.refresh_from_db()
    assert deal.status == DealStatus.AMENDMENT_PROPOSED
    assert deal.amendment.status == AmendmentStatus.DRAFT
    assert deal.amendment.changes == [{"type": "change_price", "line": "platform", "amount": "350"},
                                      {"type": "end_line", "line": "api"}]
    hs_connection.refresh_from_db()
    assert connection_credentials(hs_connection)["access_token"] == "hs-access-2"

    (invoice,), _ = contract_bill_due(contract=deal.contract, as_of=dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
    invoice_finalize(invoice_id=invoice.pk, actor="billing-admin")
    crm_invoice_writeback(invoice_id=invoice.pk)
    assert hubspot.patches == [(deal_id, {"autobill_invoice_status": "open"})]
