"""Billing admins' pricing work in the admin: validation, preview link, milestone completion."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from contracts.models import Contract, ContractLine, Milestone
from invoicing.models import Invoice
from tests.factories import ContractFactory, CustomerFactory, MeterFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _contract_form(customer, **line):
    data = {
        "customer": customer.pk,
        "external_id": "new-contract",
        "start_date": "2026-03-05",
        "currency": "USD",
        "billing_alignment": "anniversary",
        "auto_send": "on",
        "status": "active",
        "minimum_commitment_period": "billing_period",
        "minimum_commitment_lines": "[]",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-code": "api",
        "lines-0-charge_model": "per_unit",
        "lines-0-metric": "api_calls",
        "lines-0-billing_interval": "month",
        "lines-0-billing_interval_count": "1",
        "lines-0-billing_timing": "in_arrears",
        "lines-0-unit_price": "0.004",
        "lines-0-included_units": "0",
        "lines-0-tiers": "[]",
        "lines-0-tier_basis": "period",
        "lines-0-free_units": "0",
        "lines-0-fixed_fee": "0",
        "lines-0-sort_order": "0",
    }
    data.update({f"lines-0-{k}": v for k, v in line.items()})
    return data


def test_admin_refuses_an_unpriceable_line_with_the_field_error(admin_client):
    MeterFactory()
    customer = CustomerFactory()
    bad = _contract_form(
        customer,
        charge_model="graduated",
        unit_price="",
        tiers='[{"up_to": null, "unit_price": "0.1"}, {"up_to": "10", "unit_price": "0.05"}]',
    )
    response = admin_client.post("/admin/contracts/contract/add/", bad)
    assert response.status_code == 200  # the form again, with errors
    assert "tiers[0].up_to" in response.content.decode()
    assert Contract.objects.count() == 0
    good = admin_client.post("/admin/contracts/contract/add/", _contract_form(customer))
    assert good.status_code == 302
    assert ContractLine.objects.get().unit_price == Decimal("0.004")


def test_contract_page_links_the_invoice_preview(admin_client):
    contract = ContractFactory()
    page = admin_client.get(f"/admin/contracts/contract/{contract.pk}/change/").content.decode()
    assert f"/admin/contracts/contract/{contract.pk}/preview-next-invoice/" in page


def test_milestone_action_completes_and_invoices_once(admin_client):
    contract = ContractFactory(auto_send=False)
    line = ContractLine.objects.create(
        contract=contract, code="impl", charge_model="milestone", billing_timing="in_advance"
    )
    milestone = Milestone.objects.create(line=line, name="Go-live", amount=Decimal("50000"))
    for _ in range(2):
        admin_client.post(
            "/admin/contracts/milestone/", {"action": "complete_and_invoice", "_selected_action": [milestone.pk]}
        )
    milestone.refresh_from_db()
    assert milestone.completed_on is not None
    invoice = Invoice.objects.get()
    assert (invoice.kind, invoice.total) == ("milestone", Decimal("50000.0000"))
    assert invoice.source_key == f"milestone:{milestone.pk}"
    assert milestone.completed_on <= dt.date.today()


def test_customer_page_shows_usage_so_far(admin_client):
    from tests.factories import UsageLineFactory

    MeterFactory()
    line = UsageLineFactory(contract__start_date=dt.date(2026, 1, 1))
    page = admin_client.get(f"/admin/contracts/customer/{line.contract.customer_id}/change/").content.decode()
    assert "Usage so far" in page
    assert "Estimated charges if the period closed now" in page
    assert "200.00 USD" in page  # no usage yet: the $200 minimum
