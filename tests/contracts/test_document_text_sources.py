"""Uploads that are neither PDF nor DOCX read as the text their writer saw: "Unicode" text saved by
Windows (UTF-16), an e-mail saved as its raw source (MIME, quoted-printable, base64, an HTML-only
body) and an HTML page, whose table rows keep their cells."""

from __future__ import annotations

import email.message
import email.policy
from decimal import Decimal

import pytest

from contracts.documents import DocumentReadError, read_document
from contracts.documents.text_sources import decode_text, html_to_text, readable_text
from tests.contracts.documents.extract_helpers import extract_bytes, priced

ORDER = """ORDER FORM
Customer: Fenwick Tide Ltd
Billing email: invoices@fenwicktide.test
Start date: 1 April 2027
Term: 12 months
Payment terms: Net 30

| Item | Qty | Unit price | Billing |
|---|---|---|---|
| Analyst seat | 25 | €45.00 per user per month | Monthly in advance |
| Onboarding — remote | 1 | €2,500.00 | One-time |
"""

ORDER_HTML = """<!DOCTYPE html>
<html><head><title>Quote Q-2291</title><style>td { padding: 4px; }</style></head>
<body>
<h1>Order Form</h1>
<p><b>Customer:</b> Fenwick Tide Ltd</p>
<p><b>Billing email:</b> invoices@fenwicktide.test</p>
<p><b>Start date:</b> 1 April 2027<br><b>Term:</b> 12 months</p>
<p><b>Payment terms:</b> Net 30</p>
<table>
<thead><tr><th>Item</th><th>Qty</th><th>Unit price</th><th>Billing</th></tr></thead>
<tbody>
<tr><td>Analyst seat</td><td>25</td><td>&euro;45.00 per user per month</td><td>Monthly in advance</td></tr>
<tr><td>Onboarding &mdash; remote</td><td>1</td><td>&euro;2,500.00</td><td>One-time</td></tr>
</tbody></table>
<script>var total = 99;</script>
</body></html>
"""


def _assert_order(data: dict) -> None:
    assert data["customer"]["name"] == "Fenwick Tide Ltd"
    assert data["customer"]["email"] == "invoices@fenwicktide.test"
    assert data["customer"]["payment_terms_days"] == 30
    assert data["currency"] == "EUR"
    assert data["start_date"] == "2027-04-01"
    assert [priced(line) for line in data["lines"]] == [
        ("per_seat", Decimal("45")),
        ("one_time", Decimal("2500")),
    ]
    assert data["lines"][0]["seats"] == "25"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_text_saved_by_windows_is_read_as_text_not_rejected_as_binary(encoding):
    # Notepad's and Outlook's "Unicode" text: UTF-16 with its byte-order mark; without one, a zero
    # byte in every other position
    _assert_order(extract_bytes(ORDER.encode(encoding), "order.txt"))


def test_binary_bytes_are_still_refused_with_a_clear_error():
    with pytest.raises(DocumentReadError, match="binary"):
        read_document(bytes(range(256)) * 8, "scan.txt")


def test_windows_1252_text_keeps_its_euro_sign():
    assert decode_text("Price: €45.00".encode("cp1252")) == "Price: €45.00"


def _message(body: str, *, cte: str, html: str | None = None, html_only: bool = False) -> bytes:
    message = email.message.EmailMessage(policy=email.policy.SMTP)
    message["From"] = "Deal Desk <deals@seller.test>"
    message["Subject"] = "Signed order form"
    message["Date"] = "Tue, 9 Mar 2027 09:12:00 +0000"
    if html_only:
        message.set_content(html, subtype="html", cte=cte)
    else:
        message.set_content(body, cte=cte)
        if html is not None:
            message.add_alternative(html, subtype="html", cte="base64")
    return bytes(message)


@pytest.mark.parametrize("cte", ["quoted-printable", "base64"])
def test_an_email_saved_as_its_source_is_read_as_its_message(cte):
    source = _message(ORDER, cte=cte)
    if cte == "quoted-printable":
        assert b"=E2=82=AC" in source  # the euro sign as the source spells it
    assert "=E2=82=AC" not in readable_text(source)
    _assert_order(extract_bytes(source, "order.eml"))


def test_an_email_with_only_an_html_body_is_read_with_its_table():
    _assert_order(extract_bytes(_message("", cte="quoted-printable", html=ORDER_HTML, html_only=True), "order.eml"))


def test_the_plain_part_of_a_two_part_email_is_the_one_read():
    source = _message(ORDER, cte="quoted-printable", html="<p>Customer: Someone Else Inc</p>" * 3)
    assert "Someone Else" not in readable_text(source)
    _assert_order(extract_bytes(source, "order.eml"))


def test_text_that_only_mentions_mime_headers_is_not_parsed_as_an_email():
    text = "Customer: Fenwick Tide Ltd\nNote: Content-Type: text/plain is what we send.\n"
    assert readable_text(text.encode()) == text


def test_an_html_page_is_read_as_its_text_with_table_rows_as_cells():
    text = html_to_text(ORDER_HTML)
    assert "| Analyst seat | 25 | €45.00 per user per month | Monthly in advance |" in text
    assert "var total" not in text
    assert "padding" not in text
    _assert_order(extract_bytes(ORDER_HTML.encode(), "quote.html"))


def test_a_pdf_with_bytes_before_its_header_is_still_read_as_a_pdf():
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Customer: Fenwick Tide Ltd")
    page.save()
    # some mail gateways and download tools put a few bytes before "%PDF-" (readers allow 1 KB)
    document = read_document(b"\r\n\r\n" + buffer.getvalue(), "download")
    assert document.kind == "pdf"
    assert "Fenwick Tide Ltd" in document.text


def test_unicode_text_with_broken_characters_is_read_not_a_crash():
    # a byte-order mark, then lone UTF-16 surrogates (a truncated or corrupted export)
    data = b"\xff\xfe" + "Customer: Fenwick Tide Ltd\n".encode("utf-16-le") + b"\x00\xd8" * 4
    document = read_document(data, "x.txt")
    assert "Fenwick Tide Ltd" in document.text


def test_an_unexpected_failure_reading_text_is_a_read_error_not_a_crash(monkeypatch):
    import contracts.documents.reader as reader

    def broken(data: bytes) -> str:
        raise LookupError("unknown charset")

    monkeypatch.setattr(reader, "readable_text", broken)
    with pytest.raises(DocumentReadError, match="Could not read the TEXT file"):
        read_document(b"Customer: Fenwick Tide Ltd\n", "x.txt")
