"""The review queue over the API: review fields on invoices, the filter, and approve."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core import mail

from access.models import ApiKey
from invoicing.drafting.review import PastInvoice, review_decide
from invoicing.models import Invoice, InvoiceLine
from tests.factories import ContractFactory

pytestmark = pytest.mark.django_db
HISTORY = [PastInvoice(f"INV-2026-00000{n}", f"2026-0{n + 1}-01", D(100)) for n in (3, 2, 1)]


def _draft(total: int, *, auto_send: bool = True) -> Invoice:
    contract = ContractFactory(customer__external_id=f"acme-{total}-{auto_send}")
    invoice = Invoice.objects.create(
        customer=contract.customer, contract=contract, billing_date=dt.date(2026, 5, 1), currency="USD",
        period_start=dt.date(2026, 4, 1), period_end=dt.date(2026, 5, 1), subtotal=D(total), total=D(total),
    )
    InvoiceLine.objects.create(
        invoice=invoice, line_code="api", kind="usage", description="API calls", quantity=D(total),
        unit_price=D(1), precise_amount=D(total), amount=D(total), period_start=invoice.period_start,
        period_end=invoice.period_end,
    )
    review_decide(invoice, history=HISTORY, auto_send=auto_send)
    invoice.save()
    return invoice


def test_invoice_shows_why_it_waits(api) -> None:  # type: ignore[no-untyped-def]
    held = _draft(400)

    body = api.get(f"/api/v1/invoices/{held.pk}").json()

    assert body["review_status"] == "held"
    assert body["hold_reason"] == "Total 400.00 is more than 3x the median 100.00 of the last 3 invoices."
    assert (body["status"], body["number"]) == ("draft", None)


def test_filter_by_review_status(api) -> None:  # type: ignore[no-untyped-def]
    held = _draft(400)
    pending = _draft(100, auto_send=False)
    _draft(110)

    held_page = api.get("/api/v1/invoices", {"status": "draft", "review_status": "held"}).json()
    pending_page = api.get("/api/v1/invoices", {"review_status": "pending"}).json()
    held_ids = [i["id"] for i in held_page["results"]]
    pending_ids = [i["id"] for i in pending_page["results"]]

    assert held_ids == [held.pk]
    assert pending_ids == [pending.pk]


def test_unknown_review_status_is_a_field_error(api) -> None:  # type: ignore[no-untyped-def]
    response = api.get("/api/v1/invoices", {"review_status": "stuck"})

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "review_status": ["Expected one of not_required, pending, held, approved."]
    }


def test_approve_issues_and_emails(api, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    held = _draft(400)

    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(f"/api/v1/invoices/{held.pk}/approve")
    again = api.post(f"/api/v1/invoices/{held.pk}/approve")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "open"
    assert body["number"]
    assert body["review_status"] == "approved"
    assert body["total"] == "400.00"
    assert len(mail.outbox) == 1
    held.refresh_from_db()
    assert held.reviewed_by == ApiKey.objects.get(name="tests").user.username  # who approved: the key's user
    assert again.status_code == 200  # a retry returns the issued invoice
    assert again.json()["number"] == body["number"]


def test_approve_refuses_an_invoice_not_awaiting_review(api) -> None:  # type: ignore[no-untyped-def]
    normal = _draft(110)

    response = api.post(f"/api/v1/invoices/{normal.pk}/approve")

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["type"] == "domain_error"
    assert error["message"].startswith("Only a draft awaiting review can be approved")
    normal.refresh_from_db()
    assert (normal.status, normal.review_status) == ("draft", "not_required")


def test_approve_unknown_invoice_is_404(api) -> None:  # type: ignore[no-untyped-def]
    assert api.post("/api/v1/invoices/999999/approve").status_code == 404


def test_finalize_refuses_a_held_draft_until_it_is_approved(api) -> None:  # type: ignore[no-untyped-def]
    held = _draft(400)

    response = api.post(f"/api/v1/invoices/{held.pk}/finalize")

    assert response.status_code == 422
    assert response.json()["error"]["message"].startswith("Held for review: Total 400.00 is more than 3x")
    held.refresh_from_db()
    assert (held.status, held.number) == ("draft", None)
    assert api.post(f"/api/v1/invoices/{held.pk}/approve").status_code == 200
    held.refresh_from_db()
    assert held.status == "open"


def test_a_person_finalising_a_pending_draft_reviews_it_without_emailing(api) -> None:  # type: ignore[no-untyped-def]
    from invoicing.exceptions import InvalidInvoiceTransition
    from invoicing.services import invoice_finalize

    pending = _draft(100, auto_send=False)
    with pytest.raises(InvalidInvoiceTransition):
        invoice_finalize(invoice_id=pending.pk)  # an automated path

    body = api.post(f"/api/v1/invoices/{pending.pk}/finalize").json()

    assert (body["status"], body["review_status"]) == ("open", "approved")
    assert body["number"]
    pending.refresh_from_db()
    assert pending.reviewed_by.startswith("api-")
    assert mail.outbox == []


def test_anomaly_factor_may_be_a_fraction(api, settings) -> None:  # type: ignore[no-untyped-def]
    settings.INVOICE_ANOMALY_FACTOR = D("2.5")
    held = _draft(260)  # 2.6x the median of 100: held at 2.5x, not at the default 3x

    body = api.get(f"/api/v1/invoices/{held.pk}").json()

    assert body["review_status"] == "held"
    assert body["hold_reason"] == "Total 260.00 is more than 2.5x the median 100.00 of the last 3 invoices."
