"""What the extraction tests build documents with: a document's extracted data from plain text, a
python-docx document or a PDF of texts drawn at positions, and a line's charge model with its price."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from contracts.documents import extract, read_document


def extract_bytes(data: bytes, name: str) -> dict[str, Any]:
    return extract(read_document(data, name)).data


def extract_text(text: str, name: str = "contract.txt") -> dict[str, Any]:
    return extract_bytes(text.encode(), name)


def extract_docx(document: Any) -> dict[str, Any]:
    """A python-docx ``Document`` saved and read as an upload."""
    buffer = io.BytesIO()
    document.save(buffer)
    return extract_bytes(buffer.getvalue(), "contract.docx")


def extract_drawn_pdf(lines: list[tuple[float, float, str]]) -> dict[str, Any]:
    """A one-page PDF with each text drawn at (x, y) without table rules (a negative x: the text ends
    at -x, right-aligned), extracted."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setFont("Helvetica", 10)
    for x, y, text in lines:
        if x < 0:
            page.drawRightString(-x, y, text)
        else:
            page.drawString(x, y, text)
    page.save()
    return extract_bytes(buffer.getvalue(), "contract.pdf")


def priced(line: dict[str, Any]) -> tuple[str, Decimal]:
    """A line's charge model and its unit price (or amount)."""
    return line["charge_model"], Decimal(line.get("unit_price") or line.get("amount") or "0")


def extract_docx_table(paragraphs: list[str], rows: list[list[str]]) -> dict[str, Any]:
    """A Word document of paragraphs followed by one table of ``rows``, extracted."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    return extract_docx(document)


def text_rows(text: str) -> list[tuple[str, ...]]:
    """The table rows (cells) the reader finds in a plain-text upload."""
    return [block.cells for block in read_document(text.encode("utf-8"), "order.txt").blocks if block.cells]


def figures(line: dict[str, Any], *keys: str) -> tuple[Decimal | None, ...]:
    """A line's fields as Decimals (None where absent)."""
    return tuple(None if line.get(key) is None else Decimal(str(line[key])) for key in keys)
