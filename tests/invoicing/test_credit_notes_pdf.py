"""The credit note PDF (same style as the invoice's), and the invoice PDF showing what was credited."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from pypdf import PdfReader

from invoicing.credit_notes.pdf import credit_note_pdf_context, credit_note_pdf_render, credit_note_pdf_store
from invoicing.credit_notes.services import credit_note_issue
from invoicing.documents.pdf import invoice_pdf_context
from receivables.services import payment_record
from tests.invoicing.credit_note_fixtures import APRIL_1, issued_invoice

pytestmark = pytest.mark.django_db

D = Decimal
APRIL_10 = dt.datetime(2026, 4, 10, 9, 0, tzinfo=dt.UTC)


def _paid_and_credited(callbacks):  # type: ignore[no-untyped-def]
    invoice = issued_invoice(callbacks, tax_percentage="7.25")
    with callbacks(execute=True):
        payment_record(invoice=invoice, amount=D("600.00"), method="bank_transfer", received_at=APRIL_1)
    with time_machine.travel(APRIL_10, tick=False), callbacks(execute=True):
        note = credit_note_issue(invoice_id=invoice.pk, amount="500.00", reason="service_issue",
                                 memo="SLA credit for March.\nTicket SUP-1234.")
    return invoice, note


def test_context_is_preformatted_and_says_how_the_credit_is_settled(django_capture_on_commit_callbacks):
    invoice, note = _paid_and_credited(django_capture_on_commit_callbacks)

    context = credit_note_pdf_context(note)

    assert (context["title"], context["number"], context["invoice_number"]) == (
        "CREDIT NOTE", "CN-2026-000001", invoice.number,
    )
    assert (context["issue_date"], context["reason"]) == ("Apr 10, 2026", "Service issue (SLA credit)")
    assert [(r["description"], r["period"], r["tax_rate"], r["tax"], r["amount"]) for r in context["lines"]] == [
        ("API calls", "Mar 1\u2009–\u200931, 2026", "7.25%", "$21.75", "$300.00"),
        ("Platform fee", "Apr 1\u2009–\u200930, 2026", "7.25%", "$14.50", "$200.00"),
    ]
    assert (context["subtotal"], context["tax_label"], context["tax"], context["total"]) == (
        "$500.00", "Sales tax", "$36.25", "$536.25",
    )
    # 1,072.50 was due less 600.00 paid = 472.50 off the balance; the other 63.75 is refunded.
    assert [(s["label"], s["amount"]) for s in context["settlement"]] == [
        (f"Applied to invoice {invoice.number}", "$472.50"), ("Refunded", "$63.75"),
    ]
    assert context["memo_lines"] == ["SLA credit for March.", "Ticket SUP-1234."]
    assert context["bill_to"]["address_lines"] == ["1 Main St", "Boston MA 02110"]


def test_pdf_renders_and_is_kept(django_capture_on_commit_callbacks):
    _, note = _paid_and_credited(django_capture_on_commit_callbacks)

    pdf = credit_note_pdf_render(note)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)

    assert pdf.startswith(b"%PDF")
    for expected in ("CREDIT NOTE", "CN-2026-000001", "Total credited", "$536.25", "Refunded", "$63.75",
                     "Ticket SUP-1234."):
        assert expected in text, expected
    stored = credit_note_pdf_store(credit_note=note)
    name = stored.pdf.name
    assert credit_note_pdf_store(credit_note=note).pdf.name == name  # rendered once


def test_invoice_pdf_shows_what_credit_notes_took_off(django_capture_on_commit_callbacks):
    invoice = issued_invoice(django_capture_on_commit_callbacks)
    assert invoice_pdf_context(invoice)["amount_credited"] == ""
    with django_capture_on_commit_callbacks(execute=True):
        credit_note_issue(invoice_id=invoice.pk, amount="100.00", reason="other")
    invoice.refresh_from_db()

    context = invoice_pdf_context(invoice)

    assert (context["total"], context["amount_paid"], context["amount_credited"], context["amount_due"]) == (
        "$1,000.00", "$0.00", "$100.00", "$900.00",
    )
