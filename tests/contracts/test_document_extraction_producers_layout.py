"""Producer invariance, fourth round: contracts laid out the way hand-built generators do (text
drawn at positions on a PDF canvas, tables without rules, price lists typed on tab stops in Word;
bench/extraction_producers.py's canvas-*, chromium-borderless / -grid / -flex, docx-plain /
-tabs and lo-pdf-* producers). Each test covers one general cause found there."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from contracts.documents import extract, read_document


def _figures(line: dict[str, Any], *keys: str) -> tuple[Decimal | None, ...]:
    return tuple(None if line.get(key) is None else Decimal(str(line[key])) for key in keys)


def _docx_tab_stopped(lines: list[str]) -> bytes:
    """A Word document whose paragraphs are ``lines`` ("\\t" between cells on tab stops)."""
    import docx
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm

    document = docx.Document()
    for line in lines:
        paragraph = document.add_paragraph()
        if "\t" in line:
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(9))
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(15), WD_TAB_ALIGNMENT.RIGHT)
        paragraph.add_run(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_price_list_typed_on_tab_stops_is_a_table() -> None:
    data = _docx_tab_stopped(
        [
            "Subscriber: Quillfeather Analytics Pty Ltd",
            "Fees (AUD, billed monthly in advance)",
            "Service\tUsers\tMonthly fee",
            "Analyst workspace\t12\t$55.00 per user",
            "Shared dashboard hosting\t1\t$310.00",
            "",
            "Payment is due 30 days from the invoice date.",
        ]
    )
    document = read_document(data, "order.docx")
    rows = [block.cells for block in document.blocks if block.cells]
    assert rows == [
        ("Service", "Users", "Monthly fee"),
        ("Analyst workspace", "12", "$55.00 per user"),
        ("Shared dashboard hosting", "1", "$310.00"),
    ]
    assert len({block.table for block in document.blocks if block.cells}) == 1
    lines = extract(document).data["lines"]
    assert [_figures(line, "unit_price", "seats", "amount") for line in lines] == [
        (Decimal("55"), Decimal("12"), None),
        (None, None, Decimal("310")),
    ]


def test_docx_a_single_tabbed_field_line_stays_a_line() -> None:
    data = _docx_tab_stopped(["Subscriber:\tQuillfeather Analytics Pty Ltd", "", "Term: 12 months."])
    document = read_document(data, "order.docx")
    assert [block.cells for block in document.blocks] == [(), ()]
    assert document.blocks[0].text == "Subscriber: Quillfeather Analytics Pty Ltd"
