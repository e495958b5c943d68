"""The reviewer's notes on a draft are printed on the issued invoice's PDF."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from io import BytesIO

import pytest
from pypdf import PdfReader

from invoicing.documents.pdf import invoice_pdf_context, invoice_pdf_render
from invoicing.drafting.review import invoice_draft_lines_update
from invoicing.models import Invoice, InvoiceLine
from invoicing.services import invoice_finalize
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db
NOTE = "Usage for April was corrected after the outage of April 12 (ticket 4711)."


def _invoice(notes: str = "") -> Invoice:
    customer = CustomerFactory(name="Initech")
    invoice = Invoice.objects.create(
        customer=customer, billing_date=dt.date(2026, 5, 1), currency="USD", period_start=dt.date(2026, 4, 1),
        period_end=dt.date(2026, 5, 1), subtotal=D(120), total=D(120), notes=notes,
        customer_snapshot={"name": "Initech", "locale": "en_US"},
    )
    InvoiceLine.objects.create(
        invoice=invoice, line_code="api", kind="usage", description="API calls", quantity=D(120), unit_price=D(1),
        precise_amount=D(120), amount=D(120), period_start=invoice.period_start, period_end=invoice.period_end,
    )
    return invoice


def test_notes_written_by_the_reviewer_are_printed_in_the_notes_block() -> None:
    draft = _invoice()
    invoice_draft_lines_update(invoice_id=draft.pk, notes=f"{NOTE}\n\nPO 2026-118", actor="rita")
    invoice = invoice_finalize(invoice_id=draft.pk, actor="rita")

    text = PdfReader(BytesIO(invoice_pdf_render(invoice))).pages[0].extract_text()

    notes_block = text[text.index("NOTES"):]
    assert NOTE in notes_block.replace("\n", " ")
    assert "PO 2026-118" in notes_block
    assert notes_block.index("PO 2026-118") < notes_block.index("All amounts are in USD.")


def test_no_notes_no_empty_lines() -> None:
    assert invoice_pdf_context(_invoice())["invoice_notes"] == []
    assert invoice_pdf_context(_invoice(" first \n\n  \nsecond"))["invoice_notes"] == ["first", "second"]
