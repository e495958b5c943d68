"""Tax on the invoice PDF: a summary row per rate, a tax column only when there is tax, and the
customer's tax id or exemption certificate in the bill-to block."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from io import BytesIO

from pypdf import PdfReader

from invoicing.choices import InvoiceStatus, LineKind
from invoicing.documents.pdf import invoice_pdf_context, invoice_pdf_render
from invoicing.models import Invoice, InvoiceLine
from invoicing.tax import RateView, lines_tax_apply

PERIOD = (dt.date(2026, 3, 5), dt.date(2026, 4, 5))
PAY_URL = "https://billing.example.test/pay/signed-token/"
CA = RateView(id=1, name="CA sales tax", percentage=D("7.25"))
SNAPSHOT = {
    "name": "Acme Inc.",
    "email": "billing@acme.test",
    "address_lines": ["1 Market St", "94105 San Francisco, CA", "US"],
    "tax_id": "94-1234567",
    "timezone": "America/Los_Angeles",
    "locale": "en_US",
    "payment_terms_days": 30,
    "tax_exempt": False,
    "tax_exemption_certificate": "",
}


def _line(position: int, description: str, amount: str, kind: str = LineKind.FIXED) -> InvoiceLine:
    return InvoiceLine(
        position=position, line_code=f"l{position}", kind=kind, description=description, quantity=D(1),
        unit_price=None, precise_amount=D(amount), amount=D(amount), period_start=PERIOD[0], period_end=PERIOD[1],
    )


def _invoice(lines: list[InvoiceLine], rate: RateView | None, currency: str = "USD", **snapshot: object) -> Invoice:
    tax = lines_tax_apply(lines, rate, currency)
    subtotal = sum((line.amount for line in lines), D(0))
    return Invoice(
        number="INV-2026-000107", status=InvoiceStatus.OPEN, currency=currency, billing_date=PERIOD[1],
        period_start=PERIOD[0], period_end=PERIOD[1], issue_date=dt.date(2026, 4, 5), due_date=dt.date(2026, 5, 5),
        subtotal=subtotal, tax=tax, total=subtotal + tax, customer_snapshot={**SNAPSHOT, **snapshot},
    )


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages).split())


def _taxed() -> tuple[Invoice, list[InvoiceLine]]:
    lines = [
        _line(0, "Platform fee", "1000.00"),
        _line(1, "API calls", "720.00", LineKind.USAGE),
        _line(2, "Prepaid credit applied", "-120.00", LineKind.CREDIT),
    ]
    return _invoice(lines, CA), lines


def test_taxed_invoice_context_has_a_row_per_rate_and_a_tax_column() -> None:
    invoice, lines = _taxed()
    context = invoice_pdf_context(invoice, lines=lines, payment_url=PAY_URL)

    assert context["tax_rows"] == [{"label": "CA sales tax 7.25%", "taxable": "$1,600.00", "amount": "$116.00"}]
    assert context["show_tax_column"] is True
    assert [row["tax"] for row in context["lines"]] == ["$72.50", "$52.20", "-$8.70"]
    assert set(context["columns"]) == {"description", "period", "quantity", "unit_price", "amount", "tax"}
    assert abs(sum(D(v.rstrip("%")) for v in context["columns"].values()) - 100) < D("0.1")
    assert (context["subtotal"], context["total"]) == ("$1,600.00", "$1,716.00")
    assert context["bill_to"]["tax_id"] == "94-1234567"
    assert context["bill_to"]["tax_exemption_certificate"] == ""


def test_taxed_invoice_renders_the_summary_the_column_and_the_tax_id() -> None:
    invoice, lines = _taxed()
    text = _text(invoice_pdf_render(invoice, lines=lines, payment_url=PAY_URL))

    assert "AMOUNT TAX" in text.upper()  # the column header after Amount
    assert "$1,000.00 $72.50" in text  # line amount, then its tax
    assert "CA sales tax 7.25%" in text
    assert "on $1,600.00" in text
    assert "$116.00" in text
    assert "Tax ID: 94-1234567" in text
    assert text.index("Subtotal") < text.index("CA sales tax 7.25%") < text.index("Total")


def test_untaxed_invoice_has_no_tax_column_and_one_tax_row() -> None:
    lines = [_line(0, "Platform fee", "1000.00")]
    invoice = _invoice(lines, None)
    context = invoice_pdf_context(invoice, lines=lines, payment_url=PAY_URL)
    text = _text(invoice_pdf_render(invoice, lines=lines, payment_url=PAY_URL))

    assert (context["tax_rows"], context["show_tax_column"], context["tax_label"]) == ([], False, "Tax")
    assert "tax" not in context["columns"]
    assert "AMOUNT TAX" not in text.upper()
    assert "Tax $0.00" in text


def test_exempt_customer_shows_its_certificate_and_an_exempt_tax_row() -> None:
    lines = [_line(0, "Platform fee", "1000.00")]
    invoice = _invoice(lines, None, tax_exempt=True, tax_exemption_certificate="CA-RESALE-0042")
    context = invoice_pdf_context(invoice, lines=lines, payment_url=PAY_URL)
    text = _text(invoice_pdf_render(invoice, lines=lines, payment_url=PAY_URL))

    assert context["bill_to"]["tax_exemption_certificate"] == "CA-RESALE-0042"
    assert "Tax exempt: certificate CA-RESALE-0042" in text
    assert "Tax (exempt) $0.00" in text


def test_certificate_is_shown_only_while_the_snapshot_says_exempt() -> None:
    lines = [_line(0, "Platform fee", "1000.00")]
    invoice = _invoice(lines, CA, tax_exempt=False, tax_exemption_certificate="EXPIRED-1")
    assert invoice_pdf_context(invoice, lines=lines)["bill_to"]["tax_exemption_certificate"] == ""


def test_vat_in_german_uses_german_percent_and_money() -> None:
    lines = [_line(0, "Plattformgebühr", "250.00")]
    invoice = _invoice(lines, RateView(id=2, name="USt.", percentage=D("19")), currency="EUR", locale="de_DE")
    context = invoice_pdf_context(invoice, lines=lines, payment_url=PAY_URL)

    assert context["tax_rows"] == [{"label": "USt. 19\u00a0%", "taxable": "250,00\u00a0€", "amount": "47,50\u00a0€"}]
    assert context["total"] == "297,50\u00a0€"
