"""General causes of first-run misses found on the unseen batches K to Q (each scored once before
any fix): text read from Word page headers, two columns laid out with spaces in a text export,
spelled-out column titles, renewal wording, the rate of a band for every unit (volume pricing),
usage charged against a prepaid credit, and more. Batches P and Q are held as batches too."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from contracts.documents import extract, read_document
from contracts.documents.scoring import Score, score_extraction

CORPUS = Path(__file__).parent / "documents"


def _extract_text(text: str):  # type: ignore[no-untyped-def]
    return extract(read_document(text.encode(), "contract.txt"))


def _docx(paragraphs: list[str], header: str | None = None, footer: str | None = None) -> bytes:
    import docx

    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    if footer:
        document.sections[0].footer.paragraphs[0].text = footer
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_customer_named_only_in_the_word_page_header() -> None:
    data = _docx(
        ["Subscription quote from Tallow Software, Inc.", "Start date: May 1, 2027", "Seats: 10 at $20 per month."],
        header="Prepared for: Granite Peak Orthodontics | Quote 118",
        footer="Tallow Software, Inc. | 9 Main St, Boise, ID",
    )
    document = read_document(data, "quote.docx")
    texts = [block.text for block in document.blocks]
    assert texts[0].startswith("Prepared for: Granite Peak Orthodontics")
    assert texts[-1].startswith("Tallow Software, Inc.")
    assert extract(document).data["customer"]["name"] == "Granite Peak Orthodontics"


def test_two_columns_laid_out_with_spaces_in_a_text_file() -> None:
    text = (
        "NORTHWIND HOSTING LTD                         SERVICE SCHEDULE\n"
        "1 Quay Street, Hull HU1 1AA                   Schedule date: 3 March 2027\n"
        "\n"
        "Customer: Elm Row Surgery Ltd                  Service start: 1 June 2027\n"
        "Billing e-mail: ap@elmrow.test                 Payment terms: 14 days\n"
        "\n"
        "  Managed hosting          £1,100.00 per month, invoiced monthly in advance\n"
        "  Setup                    £400.00 one-off, invoiced on signature\n"
    )
    document = read_document(text.encode(), "schedule.txt")
    texts = [block.text for block in document.blocks]
    assert "Customer: Elm Row Surgery Ltd" in texts
    assert "Service start: 1 June 2027" in texts
    assert "Managed hosting: £1,100.00 per month, invoiced monthly in advance" in texts
    data = extract(document).data
    assert data["customer"]["name"] == "Elm Row Surgery Ltd"
    assert data["start_date"] == "2027-06-01"
    assert data["customer"]["payment_terms_days"] == 14
    assert sorted((line["charge_model"], line["amount"]) for line in data["lines"]) == [
        ("flat", "1100.00"),
        ("one_time", "400.00"),
    ]


def test_a_sentence_with_double_spaces_is_not_two_columns() -> None:
    text = "The Customer  shall pay the fees.   Invoices are due in 30 days.\nCustomer: Acme Ltd\n"
    texts = [block.text for block in read_document(text.encode(), "a.txt").blocks]
    assert texts[0] == "The Customer shall pay the fees. Invoices are due in 30 days."
