"""The credit note API: create with field-level errors and Idempotency-Key, list, read, PDF, and the
invoice showing what was credited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from invoicing.models import CreditNote, Invoice
from invoicing.services import invoice_void
from tests.invoicing.credit_note_fixtures import issued_invoice

pytestmark = pytest.mark.django_db

D = Decimal
APRIL_10 = dt.datetime(2026, 4, 10, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def invoice(django_capture_on_commit_callbacks) -> Invoice:
    return issued_invoice(django_capture_on_commit_callbacks, tax_percentage="10")


def _post(api, callbacks, invoice_id: int, body: dict, **headers):  # type: ignore[no-untyped-def]
    with time_machine.travel(APRIL_10, tick=False), callbacks(execute=True):
        return api.post(f"/api/v1/invoices/{invoice_id}/credit-notes", body, format="json", **headers)


def test_credit_by_amount_returns_the_note_and_the_invoice_shows_it(api, invoice, django_capture_on_commit_callbacks):
    response = _post(api, django_capture_on_commit_callbacks, invoice.pk,
                     {"reason": "service_issue", "memo": "SLA", "amount": "100.00"})

    assert response.status_code == 201, response.json()
    note = response.json()
    assert {k: note[k] for k in ("number", "invoice", "invoice_number", "issue_date", "reason", "memo", "subtotal",
                                 "tax", "total", "credited_to_balance", "refund_amount")} == {
        "number": "CN-2026-000001", "invoice": invoice.pk, "invoice_number": invoice.number,
        "issue_date": "2026-04-10", "reason": "service_issue", "memo": "SLA", "subtotal": "100.00", "tax": "10.00",
        "total": "110.00", "credited_to_balance": "110.00", "refund_amount": "0.00",
    }
    assert [(li["description"], li["amount"], li["tax_percentage"], li["tax_amount"]) for li in note["lines"]] == [
        ("API calls", "60.00", "10", "6.00"), ("Platform fee", "40.00", "10", "4.00"),
    ]
    detail = api.get(f"/api/v1/invoices/{invoice.pk}").json()
    assert (detail["total"], detail["amount_credited"], detail["amount_due"]) == ("1100.00", "110.00", "990.00")
    assert [(n["number"], n["total"], n["url"]) for n in detail["credit_notes"]] == [
        ("CN-2026-000001", "110.00", f"/api/v1/credit-notes/{note['id']}"),
    ]


def test_credit_by_line(api, invoice, django_capture_on_commit_callbacks):
    platform = invoice.lines.get(line_code="platform")

    response = _post(api, django_capture_on_commit_callbacks, invoice.pk,
                     {"reason": "billing_error", "lines": [{"invoice_line": platform.pk, "amount": "400.00"}]})

    assert response.status_code == 201, response.json()
    assert [(li["invoice_line"], li["amount"], li["tax_amount"]) for li in response.json()["lines"]] == [
        (platform.pk, "400.00", "40.00"),
    ]


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"reason": "other"}, {"amount": ["Give amount or lines."], "lines": ["Give amount or lines."]}),
        ({"reason": "other", "amount": "5.00", "lines": [{"invoice_line": 1, "amount": "5.00"}]},
         {"amount": ["Give either amount or lines, not both."], "lines": ["Give either amount or lines, not both."]}),
        ({"reason": "other", "amount": "1000.01"},
         {"amount": ["At most 1000.00 USD (before tax) is left to credit on this invoice."]}),
        ({"reason": "other", "amount": "ten"}, {"amount": ["A valid number is required."]}),
        ({"reason": "sorry", "amount": "1.00"}, {"reason": ['"sorry" is not a valid choice.']}),
        ({"reason": "other", "lines": [{"invoice_line": 999999, "amount": "1.00"}]},
         {"lines[0].invoice_line": ["Invoice line 999999 is not a creditable line of this invoice."]}),
        ({"reason": "other", "lines": [{"invoice_line": "LINE", "amount": "1.00"}, {"amount": "2"}]},
         {"lines[0].invoice_line": ["A valid integer is required."],
          "lines[1].invoice_line": ["This field is required."]}),
    ],
)
def test_bad_requests_are_400_with_field_paths(api, invoice, django_capture_on_commit_callbacks, body, fields):
    response = _post(api, django_capture_on_commit_callbacks, invoice.pk, body)

    assert response.status_code == 400, response.json()
    assert response.json()["error"]["type"] == "validation_error"
    assert response.json()["error"]["fields"] == fields
    assert CreditNote.objects.count() == 0


def test_amount_over_a_lines_remaining_amount_names_the_line(api, invoice, django_capture_on_commit_callbacks):
    api_line = invoice.lines.get(line_code="api")
    platform = invoice.lines.get(line_code="platform")

    response = _post(api, django_capture_on_commit_callbacks, invoice.pk, {"reason": "other", "lines": [
        {"invoice_line": platform.pk, "amount": "10.00"}, {"invoice_line": api_line.pk, "amount": "600.01"},
    ]})

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "lines[1].amount": ["At most 600.00 USD is left to credit on this line."],
    }


def test_void_and_draft_invoices_are_refused_with_422(api, invoice, django_capture_on_commit_callbacks):
    draft = Invoice.objects.create(customer=invoice.customer, billing_date=dt.date(2026, 5, 1), currency="USD",
                                   period_start=dt.date(2026, 4, 1), period_end=dt.date(2026, 5, 1))
    with django_capture_on_commit_callbacks(execute=True):
        invoice_void(invoice_id=invoice.pk)

    for target in (invoice, draft):
        response = _post(api, django_capture_on_commit_callbacks, target.pk, {"reason": "other", "amount": "1.00"})
        assert response.status_code == 422
        assert "only open or paid invoices take credit notes" in response.json()["error"]["message"]
    assert api.post("/api/v1/invoices/999999/credit-notes", {"reason": "other", "amount": "1"},
                    format="json").status_code == 404


def test_idempotency_key_returns_the_first_note_and_refuses_another_body(
    api, invoice, django_capture_on_commit_callbacks
):
    body = {"reason": "goodwill", "amount": "20.00"}
    first = _post(api, django_capture_on_commit_callbacks, invoice.pk, body, HTTP_IDEMPOTENCY_KEY="cn-abc")
    again = _post(api, django_capture_on_commit_callbacks, invoice.pk, body, HTTP_IDEMPOTENCY_KEY="cn-abc")
    other = _post(api, django_capture_on_commit_callbacks, invoice.pk, {**body, "amount": "30.00"},
                  HTTP_IDEMPOTENCY_KEY="cn-abc")

    assert (first.status_code, again.status_code, other.status_code) == (201, 201, 409)
    assert again.json() == first.json()
    assert CreditNote.objects.count() == 1
    invoice.refresh_from_db()
    assert invoice.amount_credited == D("22.00")


def test_list_detail_and_pdf(api, invoice, django_capture_on_commit_callbacks):
    other = issued_invoice(django_capture_on_commit_callbacks)
    note = _post(api, django_capture_on_commit_callbacks, invoice.pk, {"reason": "other", "amount": "10.00"}).json()
    _post(api, django_capture_on_commit_callbacks, other.pk, {"reason": "other", "amount": "5.00"})

    listing = api.get("/api/v1/credit-notes", {"invoice": invoice.pk}).json()
    assert [n["number"] for n in listing["results"]] == [note["number"]]
    assert api.get("/api/v1/credit-notes").json()["count"] == 2
    assert api.get("/api/v1/credit-notes", {"invoice": "x"}).status_code == 400
    assert api.get(f"/api/v1/credit-notes/{note['id']}").json() == note
    assert api.get("/api/v1/credit-notes/999999").status_code == 404

    pdf = api.get(note["pdf_url"])
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    content = b"".join(pdf.streaming_content)
    assert content.startswith(b"%PDF")
    assert f'filename="{note["number"]}.pdf"' in pdf["Content-Disposition"]


def test_credit_note_endpoints_need_an_api_key(client, invoice):
    assert client.get("/api/v1/credit-notes").status_code == 401
    assert client.post(f"/api/v1/invoices/{invoice.pk}/credit-notes", {}).status_code == 401
