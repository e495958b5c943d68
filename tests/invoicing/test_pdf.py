"""The invoice PDF: its context (preformatted strings) and what the rendered pages say."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from pypdf import PdfReader

from invoicing.choices import InvoiceStatus, LineKind
from invoicing.documents import pdf as invoice_pdf
from invoicing.documents.pdf import invoice_pdf_context, invoice_pdf_render
from invoicing.models import Invoice, InvoiceLine
from tests.factories import CustomerFactory

PERIOD = (dt.date(2026, 3, 5), dt.date(2026, 4, 5))
PAY_URL = "https://billing.example.test/pay/signed-token/"
ACME = {
    "name": "Acme Inc.",
    "email": "billing@acme.test",
    "address_lines": ["1 Main St", "02110 Boston", "US"],
    "tax_id": "",
    "timezone": "America/New_York",
    "locale": "en_US",
    "payment_terms_days": 0,
}


def _line(
    position: int,
    description: str,
    quantity: D,
    unit_price: D | None,
    amount: D,
    *,
    tier: int | None = None,
    kind: str = LineKind.USAGE,
) -> InvoiceLine:
    return InvoiceLine(
        position=position,
        line_code="api",
        kind=kind,
        description=description,
        tier=tier,
        quantity=quantity,
        unit_price=unit_price,
        precise_amount=amount,
        amount=amount,
        period_start=PERIOD[0],
        period_end=PERIOD[1],
    )


def _invoice(lines: list[InvoiceLine], **fields: object) -> Invoice:
    total = sum((line.amount for line in lines), D(0))
    values: dict[str, object] = {
        "number": "INV-2026-000001",
        "status": InvoiceStatus.OPEN,
        "currency": "USD",
        "billing_date": PERIOD[1],
        "period_start": PERIOD[0],
        "period_end": PERIOD[1],
        "issue_date": dt.date(2026, 4, 5),
        "due_date": dt.date(2026, 4, 5),
        "subtotal": total,
        "total": total,
        "customer_snapshot": dict(ACME),
    }
    values.update(fields)
    return Invoice(**values)


def _seed() -> tuple[Invoice, list[InvoiceLine]]:
    lines = [_line(0, "180,000 API calls x $0.004", D(180000), D("0.004"), D("720.00"))]
    return _invoice(lines), lines


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


# --- context ---------------------------------------------------------------------------------


def test_context_values_are_preformatted_in_the_customer_locale() -> None:
    invoice, lines = _seed()
    context = invoice_pdf_context(invoice, lines=lines, payment_url=PAY_URL)

    assert context["title"] == "INVOICE"
    assert context["number"] == "INV-2026-000001"
    assert context["issue_date"] == "Apr 5, 2026"
    assert context["due_date"] == "Apr 5, 2026"
    assert context["payment_terms"] == "Due on receipt"
    # period_end is exclusive: the last day shown is Apr 4.
    assert context["service_period"] == "Mar 5, 2026 \u2013 Apr 4, 2026"
    assert context["lines"][0]["quantity"] == "180,000"
    assert context["lines"][0]["unit_price"] == "$0.004"
    assert context["lines"][0]["amount"] == "$720.00"
    assert (context["total"], context["amount_paid"], context["amount_due"]) == (
        "$720.00",
        "$0.00",
        "$720.00",
    )
    assert context["bill_to"]["address_lines"] == ["1 Main St", "02110 Boston", "US"]
    assert context["company"]["name"] == settings.COMPANY_NAME
    assert context["payment"]["url"] == PAY_URL
    assert context["stamp"] is None
    assert context["page_size"] == "letter"


def test_context_in_german_uses_a4_and_german_numbers() -> None:
    lines = [_line(0, "Platform fee", D(1), D(250), D("250.00"), kind=LineKind.FIXED)]
    invoice = _invoice(
        lines,
        currency="EUR",
        tax=D("47.50"),
        total=D("297.50"),
        customer_snapshot={**ACME, "locale": "de-DE", "address_lines": "A\nB"},
    )
    context = invoice_pdf_context(invoice, lines=lines, payment_url=PAY_URL)

    assert context["page_size"] == "a4"
    assert context["total"] == "297,50\u00a0\u20ac"
    assert context["issue_date"] == "05.04.2026"
    assert context["bill_to"]["address_lines"] == ["A", "B"]


def test_draft_has_no_number_and_no_pay_link() -> None:
    invoice, lines = _seed()
    invoice.number, invoice.status = None, InvoiceStatus.DRAFT
    invoice.issue_date = invoice.due_date = None
    # No payment_url given: a draft must not ask for one (nor sign a link for it).
    context = invoice_pdf_context(invoice, lines=lines)

    assert context["title"] == "DRAFT"
    assert context["reference"] == "Draft invoice"
    assert context["issue_date"] == "Not issued"
    assert context["due_date"] == "On issue"
    assert context["payment"]["url"] == ""


def test_paid_and_void_invoices_get_a_stamp_and_no_pay_link() -> None:
    invoice, lines = _seed()
    invoice.status, invoice.amount_paid = InvoiceStatus.PAID, D("720.00")
    invoice.paid_at = dt.datetime(2026, 4, 6, 2, 0, tzinfo=dt.UTC)  # Apr 5 in New York
    paid = invoice_pdf_context(invoice, lines=lines)
    assert paid["stamp"] == {"kind": "paid", "text": "PAID", "detail": "on Apr 5, 2026"}
    assert paid["amount_due"] == "$0.00"
    assert paid["payment"]["url"] == ""

    invoice.status, invoice.amount_paid, invoice.paid_at = InvoiceStatus.VOID, D(0), None
    invoice.voided_at = dt.datetime(2026, 4, 7, 12, 0, tzinfo=dt.UTC)
    void = invoice_pdf_context(invoice, lines=lines)
    assert void["stamp"]["text"] == "VOID"
    assert void["amount_due"] == "$0.00"
    assert "not payable" in void["payment"]["lines"][0]


def test_tier_rows_show_their_tier() -> None:
    lines = [
        _line(0, "API calls: Tier 1: 1,000 calls x $0.10", D(1000), D("0.10"), D("100.00"), tier=1),
        _line(1, "9,000 calls x $0.08", D(9000), D("0.08"), D("720.00"), tier=2),
        _line(
            2,
            "Minimum commitment (contract: $1,000.00 per period)",
            D(1),
            None,
            D("180.00"),
            kind=LineKind.MINIMUM,
        ),
    ]
    rows = invoice_pdf_context(_invoice(lines), lines=lines, payment_url=PAY_URL)["lines"]

    assert (rows[0]["description_before"], rows[0]["tier_label"], rows[0]["description_after"]) == (
        "API calls: ",
        "Tier 1",
        ": 1,000 calls x $0.10",
    )
    assert (rows[1]["tier_label"], rows[1]["description_after"]) == (
        "Tier 2",
        " 9,000 calls x $0.08",
    )
    assert (rows[2]["tier_label"], rows[2]["unit_price"]) == ("", "")


def test_number_columns_widen_for_large_amounts() -> None:
    small, small_lines = _seed()
    big_lines = [_line(0, "Compute", D("1800000.25"), D("4"), D("7200001.00"))]
    big = _invoice(big_lines, customer_snapshot={**ACME, "locale": "fr_FR"})

    small_columns = invoice_pdf_context(small, lines=small_lines, payment_url=PAY_URL)["columns"]
    big_columns = invoice_pdf_context(big, lines=big_lines, payment_url=PAY_URL)["columns"]

    def percent(value: str) -> D:
        return D(value.rstrip("%"))

    assert percent(big_columns["amount"]) > percent(small_columns["amount"])
    assert abs(sum(percent(v) for v in big_columns.values()) - 100) < D("0.1")


# --- rendering -------------------------------------------------------------------------------


def test_seed_invoice_renders_one_page_with_everything_a_customer_needs() -> None:
    invoice, lines = _seed()
    pdf = invoice_pdf_render(invoice, lines=lines, payment_url=PAY_URL)

    assert pdf.startswith(b"%PDF")
    (page,) = _pages(pdf)
    text = _flat(page)
    for expected in [
        "INVOICE",
        "INV-2026-000001",
        "Acme Inc.",
        "1 Main St",
        settings.COMPANY_NAME,
        "Apr 5, 2026",
        "180,000",
        "$0.004",
        "$720.00",
        "Subtotal",
        "Amount due",
        PAY_URL,
        "bank transfer",
        "Page 1 of 1",
    ]:
        assert expected in text, expected
    annotations = PdfReader(BytesIO(pdf)).pages[0].get("/Annots") or []
    uris = [a.get_object()["/A"]["/URI"] for a in annotations]
    assert PAY_URL in uris  # the payment link is clickable


def test_hundreds_of_lines_paginate_with_the_header_repeated_and_totals_last() -> None:
    lines = [
        _line(
            i,
            f"Compute (prj-{i:04d}): {1000 + i} vCPU-hours x $0.0425",
            D(1000 + i),
            D("0.0425"),
            (D(1000 + i) * D("0.0425")).quantize(D("0.01")),
        )
        for i in range(120)
    ]
    pdf = invoice_pdf_render(_invoice(lines), lines=lines, payment_url=PAY_URL)
    pages = [_flat(text) for text in _pages(pdf)]

    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert "DESCRIPTION" in text or number == len(pages)  # the last page may hold totals only
        assert f"Page {number} of {len(pages)}" in text
        if number > 1:
            assert "(continued)" in text
    # The totals come once, on the last page, together with how to pay.
    assert [("Subtotal" in text) for text in pages] == [False] * (len(pages) - 1) + [True]
    assert "HOW TO PAY" in pages[-1].upper()
    assert "prj-0000" in pages[0]
    assert "prj-0119" in " ".join(pages[-2:])


def test_characters_helvetica_lacks_are_replaced_or_a_unicode_font_is_embedded() -> None:
    invoice, lines = _seed()
    invoice.currency = "JPY"
    invoice.customer_snapshot = {**ACME, "locale": "ja_JP"}
    text = _flat(_pages(invoice_pdf_render(invoice, lines=lines, payment_url=PAY_URL))[0])
    assert "\u00a5720" in text  # the fullwidth yen sign of ja_JP, drawn as the Latin-1 one

    if invoice_pdf.unicode_font_files() is None:
        pytest.skip("no Unicode TrueType font on this machine")
    invoice.customer_snapshot = {**ACME, "name": "\u0141\u00f3dzkie Zak\u0142ady Mi\u0119sne"}
    pdf = invoice_pdf_render(invoice, lines=lines, payment_url=PAY_URL)
    fonts = PdfReader(BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    names = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    assert any(Path(name).name.endswith("DejaVuSans") for name in names), names
    assert "\u0141\u00f3dzkie Zak\u0142ady Mi\u0119sne" in _flat(_pages(pdf)[0])


def test_a_failed_render_raises_with_the_error_count(monkeypatch: pytest.MonkeyPatch) -> None:
    from xhtml2pdf import pisa

    monkeypatch.setattr(pisa, "CreatePDF", lambda *args, **kwargs: SimpleNamespace(err=3))
    invoice, lines = _seed()
    with pytest.raises(RuntimeError, match="3 xhtml2pdf error"):
        invoice_pdf_render(invoice, lines=lines, payment_url=PAY_URL)


@pytest.mark.django_db
def test_saved_invoice_uses_its_lines_by_position_and_a_signed_pay_link() -> None:
    customer = CustomerFactory(name="Acme Inc.")
    invoice = Invoice.objects.create(
        customer=customer,
        currency="USD",
        billing_date=PERIOD[1],
        period_start=PERIOD[0],
        period_end=PERIOD[1],
        number="INV-2026-000042",
        status=InvoiceStatus.OPEN,
        issue_date=dt.date(2026, 4, 5),
        due_date=dt.date(2026, 4, 5),
        subtotal=D("820.00"),
        total=D("820.00"),
        customer_snapshot=dict(ACME),
    )
    for line in [
        _line(1, "Platform fee", D(1), D(100), D("100.00"), kind=LineKind.FIXED),
        _line(0, "180,000 API calls x $0.004", D(180000), D("0.004"), D("720.00")),
    ]:
        line.invoice = invoice
        line.save()

    context = invoice_pdf_context(invoice)
    assert [row["description"] for row in context["lines"]] == [
        "180,000 API calls x $0.004",
        "Platform fee",
    ]
    assert context["payment"]["url"].startswith(settings.SITE_URL.rstrip("/") + "/pay/")

    text = _flat(_pages(invoice_pdf_render(invoice))[0])
    assert "INV-2026-000042" in text
    assert "$820.00" in text
    assert text.index("180,000 API calls") < text.index("Platform fee")
