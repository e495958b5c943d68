from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from invoicing.drafting.preview import contract_preview_next_invoice
from invoicing.drafting.recurring import contract_bill_due
from metering.services import usage_events_record
from tests.factories import FlatLineFactory, MeterFactory, UsageLineFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC)


@pytest.fixture
def contract():
    MeterFactory()
    line = UsageLineFactory(contract__auto_send=False)
    FlatLineFactory(contract=line.contract)
    # The platform fee for [Mar 5, Apr 5) was billed in advance on Mar 5.
    contract_bill_due(contract=line.contract, as_of=dt.datetime(2026, 3, 5, 12, tzinfo=dt.UTC))
    return line.contract


def test_preview_shows_the_next_invoice_with_usage_so_far(contract):
    events = [
        {
            "idempotency_key": f"e{i}",
            "customer": contract.customer.external_id,
            "metric": "api_calls",
            "timestamp": "2026-03-10T10:00:00Z",
            "quantity": "25000",
        }
        for i in range(4)
    ]
    usage_events_record(events=events, now=NOW)
    with time_machine.travel(NOW, tick=False):
        preview = contract_preview_next_invoice(contract=contract)
    # Next billing date is Apr 5: March's usage in arrears + April's platform fee in advance.
    assert preview["billing_date"] == dt.date(2026, 4, 5)
    assert [(r.line_code, r.amount) for r in preview["lines"]] == [
        ("api", Decimal("400.00")),
        ("platform", Decimal("500.00")),
    ]
    assert preview["subtotal"] == Decimal("900.00")


def test_preview_admin_page(admin_client, contract):
    with time_machine.travel(NOW, tick=False):
        response = admin_client.get(f"/admin/contracts/contract/{contract.pk}/preview-next-invoice/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Apr 5, 2026" in body
    assert "$700.00" in body  # no usage yet: the $200 minimum plus the $500 fee


@pytest.mark.django_db
def test_a_minimum_commitment_without_lines_bills_the_prorated_commitment(api):
    response = api.post(
        "/api/v1/rating/preview",
        {"currency": "USD", "lines": [], "minimum_commitment": {"amount": "310.00"},
         "period_start": "2026-03-01", "period_end": "2026-04-01", "service_start": "2026-03-17"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert [(line["line_code"], line["kind"], line["amount"]) for line in body["lines"]] == [
        ("minimum_commitment", "minimum", "150.00")  # 15 of 31 days of 310.00
    ]
    assert body["total"] == "150.00"


@pytest.mark.django_db
def test_no_lines_and_no_commitment_is_refused(api):
    response = api.post(
        "/api/v1/rating/preview",
        {"currency": "USD", "lines": [], "period_start": "2026-03-01", "period_end": "2026-04-01"},
        format="json",
    )

    assert response.status_code == 400
    assert "lines" in response.json()["error"]["fields"]
