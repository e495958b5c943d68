"""Milestones: completing one through the API invoices it at once, exactly once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from audit.models import AuditEvent
from contracts.models import Milestone
from invoicing.drafting.milestones import invoice_create_for_milestone
from invoicing.models import Invoice
from tests.factories import ContractFactory, CustomerFactory
from tests.invoicing.factories import MilestoneFactory, MilestoneLineFactory

# on_commit must fire: the auto-send invoice is finalised after the completion commits.
pytestmark = pytest.mark.django_db(transaction=True)

# 02:00 UTC on May 20 is still May 19 in New York.
NOW = dt.datetime(2026, 5, 20, 2, 0, tzinfo=dt.UTC)


def _milestone(*, auto_send: bool = True) -> Milestone:
    customer = CustomerFactory(external_id="acme", timezone="America/New_York")
    contract = ContractFactory(customer=customer, external_id="acme-2026", auto_send=auto_send)
    return MilestoneFactory(line=MilestoneLineFactory(contract=contract))


def _url(name: str = "Go-live", contract: str = "acme-2026") -> str:
    return f"/api/v1/contracts/{contract}/milestones/{name}/complete"


def test_completing_a_milestone_invoices_it_at_once(api):
    milestone = _milestone()
    with time_machine.travel(NOW, tick=False):
        response = api.post(_url(), {}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    # Completed today in the customer's time zone, finalised by the on_commit task (auto_send).
    milestone.refresh_from_db()
    assert milestone.completed_on == dt.date(2026, 5, 19)
    assert body["status"] == "open"
    assert body["number"] == "INV-2026-000001"
    assert (body["period_start"], body["period_end"]) == ("2026-05-19", "2026-05-20")
    assert body["total"] == "5000.00"
    assert [(line["description"], line["kind"], line["amount"]) for line in body["lines"]] == [
        ("Implementation: Go-live", "fixed", "5000.00")
    ]
    invoice = Invoice.objects.get()
    assert (invoice.kind, invoice.source_key) == ("milestone", f"milestone:{milestone.pk}")
    assert AuditEvent.objects.filter(action="milestone_completed", object_id=str(milestone.pk)).count() == 1
    assert AuditEvent.objects.filter(action="invoice_drafted", object_id=str(invoice.pk)).count() == 1


def test_completing_twice_returns_the_same_invoice(api):
    milestone = _milestone()
    first = api.post(_url(), {"completed_on": "2026-05-04"}, format="json")
    again = api.post(_url(), {"completed_on": "2026-05-10"}, format="json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert Invoice.objects.count() == 1
    milestone.refresh_from_db()
    assert milestone.completed_on == dt.date(2026, 5, 4)  # the first completion stands
    assert milestone.history.count() == 2  # created, completed: nothing written the second time


def test_milestone_completed_earlier_is_invoiced_once(api):
    milestone = _milestone(auto_send=False)
    Milestone.objects.filter(pk=milestone.pk).update(completed_on=dt.date(2026, 4, 30))
    response = api.post(_url(), {"completed_on": "2026-05-10"}, format="json")
    assert response.status_code == 201
    assert response.json()["status"] == "draft"  # held for review: auto_send is off
    assert response.json()["period_start"] == "2026-04-30"
    # The service is idempotent on its own, too (the admin action calls it).
    invoice = invoice_create_for_milestone(milestone_id=milestone.pk, actor="tests")
    assert invoice.pk == response.json()["id"]
    assert Invoice.objects.count() == 1
    assert invoice.total == Decimal("5000.00")


def test_unknown_milestone_or_contract_is_404(api):
    _milestone()
    missing = api.post(_url(name="Nope"), {}, format="json")
    assert missing.status_code == 404
    assert missing.json()["error"]["type"] == "not_found"
    assert api.post(_url(contract="nobody"), {}, format="json").status_code == 404
    assert Invoice.objects.count() == 0
    assert Milestone.objects.get().completed_on is None


def test_invalid_date_is_refused_and_nothing_changes(api):
    _milestone()
    bad = api.post(_url(), {"completed_on": "20-05-2026"}, format="json")
    assert bad.status_code == 400
    assert "completed_on" in bad.json()["error"]["fields"]
    early = api.post(_url(), {"completed_on": "2026-01-01"}, format="json")
    assert early.status_code == 422
    assert Invoice.objects.count() == 0
    assert Milestone.objects.get().completed_on is None


def test_milestone_name_with_spaces_is_addressed_url_encoded(api):
    milestone = _milestone()
    Milestone.objects.filter(pk=milestone.pk).update(name="Phase 1 sign-off")
    response = api.post(_url(name="Phase%201%20sign-off"), {"completed_on": "2026-05-04"}, format="json")
    assert response.status_code == 201, response.json()
