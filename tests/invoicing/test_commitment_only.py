"""A contract whose only term is a minimum commitment (no lines) bills the commitment each period,
prorated in a partial one, through the API and the billing run."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from invoicing.models import Invoice

pytestmark = pytest.mark.django_db


def _contract(api, *, alignment: str, commitment: dict | None, lines: list | None = None):
    api.post(
        "/api/v1/customers",
        {"external_id": "lean", "name": "Lean Co", "email": "ap@lean.test", "currency": "USD", "timezone": "UTC"},
        format="json",
    )
    body = {"customer": "lean", "external_id": "lean-2026", "start_date": "2026-03-17", "currency": "USD",
            "billing_alignment": alignment, "auto_send": False, "lines": lines or []}
    if commitment is not None:
        body["minimum_commitment"] = commitment
    return api.post("/api/v1/contracts", body, format="json")


def _run(api, when: str):
    with time_machine.travel(dt.datetime.fromisoformat(when), tick=False):
        response = api.post("/api/v1/billing-runs", {"as_of": when}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_a_commitment_alone_bills_the_prorated_then_the_full_commitment(api):
    response = _contract(api, alignment="calendar", commitment={"amount": "310.00"})
    assert response.status_code == 201, response.json()

    _run(api, "2026-04-01T12:00:00+00:00")
    _run(api, "2026-05-01T12:00:00+00:00")
    _run(api, "2026-05-01T12:30:00+00:00")  # a rerun bills nothing new

    invoices = list(Invoice.objects.order_by("billing_date"))
    assert [(i.billing_date, i.period_start, i.period_end, i.subtotal) for i in invoices] == [
        (dt.date(2026, 4, 1), dt.date(2026, 3, 17), dt.date(2026, 4, 1), 150),  # 15 of 31 days
        (dt.date(2026, 5, 1), dt.date(2026, 4, 1), dt.date(2026, 5, 1), 310),
    ]
    [line] = invoices[1].lines.all()
    assert (line.line_code, line.kind, line.amount, line.contract_line_id) == (
        "minimum_commitment", "minimum", 310, None
    )


def test_anniversary_alignment_bills_whole_months_from_the_start(api):
    assert _contract(api, alignment="anniversary", commitment={"amount": "200.00"}).status_code == 201

    _run(api, "2026-04-17T12:00:00+00:00")

    invoice = Invoice.objects.get()
    assert (invoice.period_start, invoice.period_end) == (dt.date(2026, 3, 17), dt.date(2026, 4, 17))
    assert invoice.subtotal == 200


def test_no_lines_and_no_commitment_is_refused(api):
    response = _contract(api, alignment="calendar", commitment=None)

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["lines"] == [
        "Give at least one line, or a minimum_commitment to bill alone."
    ]
