"""Producer invariance, fourth round: contracts laid out the way hand-built generators do (text
drawn at positions on a PDF canvas, tables without rules, price lists typed on tab stops in Word;
bench/extraction_producers.py's canvas-*, chromium-borderless / -grid / -flex, docx-plain /
-tabs and lo-pdf-* producers). Each test covers one general cause found there."""

from __future__ import annotations

import io
from decimal import Decimal

from contracts.documents import extract, read_document
from tests.contracts.documents.extract_helpers import figures as _figures


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


def _pdf_drawn_at_columns(paragraphs: list[str], rows: list[list[tuple[float, str, bool]]]) -> bytes:
    """A PDF drawn on a canvas as a hand-written generator does: paragraphs line by line, then a
    table as text at column positions without rules; each cell (x, text, right-aligned: x is then
    its right edge)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setFont("Helvetica", 10)
    y = A4[1] - 72
    for paragraph in paragraphs:
        page.drawString(60, y, paragraph)
        y -= 20
    for row in rows:
        for x, text, right in row:
            (page.drawRightString if right else page.drawString)(x, y, text)
        y -= 13
    page.save()
    return buffer.getvalue()


def test_a_rule_less_pdf_table_with_close_columns_keeps_its_cells() -> None:
    # right-aligned figures a few points before the next column's text (gaps of 6 to 8 points,
    # narrower than a gutter on its own, but free of text down every row)
    data = _pdf_drawn_at_columns(
        ["Client: Harbourline Ferries Ltd", "Charges:"],
        [
            [(60, "Service", False), (262, "Sailings", True), (268, "Rate (NZD)", False), (380, "Basis", False)],
            [(60, "Terminal kiosk licence", False), (262, "4", True), (268, "95.00", False), (380, "per month", False)],
            [(60, "Booking engine", False), (262, "1", True), (268, "1,450.00", False), (380, "per month", False)],
            [(60, "Ticket scan fee", False), (262, "1", True), (268, "0.12", False), (380, "per scan", False)],
        ],
    )
    rows = [block.cells for block in read_document(data, "schedule.pdf").blocks if block.cells]
    assert rows == [
        ("Service", "Sailings", "Rate (NZD)", "Basis"),
        ("Terminal kiosk licence", "4", "95.00", "per month"),
        ("Booking engine", "1", "1,450.00", "per month"),
        ("Ticket scan fee", "1", "0.12", "per scan"),
    ]


def test_justified_text_with_wide_spaces_is_not_split_into_columns() -> None:
    # every space on a justified line is widened alike: no gap stands out as a gutter
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    y = A4[1] - 72
    line = "the supplier will invoice each quarter in advance for the seats in use on its first day"
    for _ in range(4):
        text = page.beginText(60, y)
        text.setFont("Helvetica", 10)
        text.setWordSpace(4.5)
        text.textLine(line)
        page.drawText(text)
        y -= 13
    page.save()
    blocks = read_document(buffer.getvalue(), "terms.pdf").blocks
    assert not any(block.cells for block in blocks)


def test_column_titles_over_right_aligned_amounts_keep_their_own_cells() -> None:
    # "Unit price (GBP)" is wider than the amounts under it and reaches left past their gutter
    data = _pdf_drawn_at_columns(
        ["Customer: Tollgate Analytics plc"],
        [
            [(60, "Item", False), (300, "Qty", True), (400, "Unit price (GBP)", True), (500, "Total (GBP)", True)],
            [(60, "Reporting seats", False), (300, "25", True), (400, "18.00", True), (500, "450.00", True)],
            [(60, "Data connector", False), (300, "2", True), (400, "120.00", True), (500, "240.00", True)],
        ],
    )
    rows = [block.cells for block in read_document(data, "quote.pdf").blocks if block.cells]
    assert rows[0] == ("Item", "Qty", "Unit price (GBP)", "Total (GBP)")
    assert rows[1] == ("Reporting seats", "25", "18.00", "450.00")


def test_a_currency_symbol_in_a_column_of_its_own_joins_its_amount() -> None:
    # accounting format: the symbol at the column's left edge, the figure right-aligned
    data = _pdf_drawn_at_columns(
        ["Customer: Pebblewick Dental Group"],
        [
            [(60, "Service", False), (220, "Billing", False), (400, "Price", True)],
            [(60, "Imaging archive", False), (220, "per month", False), (330, "$", False), (400, "640.00", True)],
            [(60, "Chairside tablets", False), (220, "per device", False), (330, "$", False), (400, "19.50", True)],
            [(60, "Set-up", False), (220, "one-time", False), (330, "$", False), (400, "2,300.00", True)],
        ],
    )
    rows = [block.cells for block in read_document(data, "order.pdf").blocks if block.cells]
    assert rows == [
        ("Service", "Billing", "Price"),
        ("Imaging archive", "per month", "$640.00"),
        ("Chairside tablets", "per device", "$19.50"),
        ("Set-up", "one-time", "$2,300.00"),
    ]


def _pdf_rows_spaced(rows: list[list[tuple[float, str]]], *, row_space: float) -> bytes:
    """A rule-less table drawn line by line: each row a list of lines, each line its cells
    (x, text); ``row_space`` between rows (a cell's wrapped lines 12 points apart)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setFont("Helvetica", 10)
    y = A4[1] - 72
    page.drawString(60, y, "Customer: Larchmont Freight Inc.")
    y -= 24
    for row in rows:
        for line in row:
            for x, text in line:
                page.drawString(x, y, text)
            y -= 12
        y += 12 - row_space
    page.drawString(60, y - 12, "Payment terms: 30 days net.")
    page.save()
    return buffer.getvalue()


def test_the_last_row_of_a_rule_less_table_and_its_wrapped_cell_stay_a_row() -> None:
    # the last row's cells wrap in lower case: it is no pair of text columns of its own
    head = [(60, "Service"), (200, "Price"), (300, "Billing")]
    data = _pdf_rows_spaced(
        [
            [head],
            [[(60, "Yard tracking"), (200, "$310.00"), (300, "monthly in")], [(60, "licence"), (300, "advance")]],
            [[(60, "Gate camera"), (200, "$4.00"), (300, "per camera per")], [(60, "feed"), (300, "month")]],
        ],
        row_space=14,
    )
    rows = [block.cells for block in read_document(data, "schedule.pdf").blocks if block.cells]
    assert rows[-1] == ("Gate camera feed", "$4.00", "per camera per month")


def test_priced_rows_spaced_like_word_table_paragraphs_stay_in_the_table() -> None:
    # a Word table without borders printed to PDF: each cell's paragraph keeps its space after,
    # so the rows stand further apart than the lines of a wrapped cell
    head = [(60, "Service"), (200, "Price"), (300, "Billing")]
    data = _pdf_rows_spaced(
        [
            [head],
            [[(60, "Yard tracking"), (200, "$310.00"), (300, "monthly in advance")]],
            [[(60, "Gate camera feed"), (200, "$4.00"), (300, "per camera")]],
            [[(60, "Driver app"), (200, "$9.00"), (300, "per driver")]],
        ],
        row_space=27,
    )
    rows = [block.cells for block in read_document(data, "schedule.pdf").blocks if block.cells]
    assert rows == [
        ("Service", "Price", "Billing"),
        ("Yard tracking", "$310.00", "monthly in advance"),
        ("Gate camera feed", "$4.00", "per camera"),
        ("Driver app", "$9.00", "per driver"),
    ]


def test_a_two_column_list_under_a_title_naming_only_the_price_is_a_table() -> None:
    # "Annual licence fee" says what each amount below is: the rows are the table's, not text lines
    data = _pdf_drawn_at_columns(
        ["Licensee: Brackenridge County Library"],
        [
            [(60, "Contract year", False), (300, "Annual licence fee", False)],
            [(60, "1 March 2027 - 28 February 2028", False), (300, "$12,400.00", False)],
            [(60, "1 March 2028 - 28 February 2029", False), (300, "$13,020.00", False)],
        ],
    )
    document = read_document(data, "renewal.pdf")
    rows = [block.cells for block in document.blocks if block.cells]
    assert rows == [
        ("Contract year", "Annual licence fee"),
        ("1 March 2027 - 28 February 2028", "$12,400.00"),
        ("1 March 2028 - 28 February 2029", "$13,020.00"),
    ]


def test_a_two_column_price_list_spaced_like_word_table_paragraphs_is_a_table() -> None:
    data = _pdf_rows_spaced(
        [
            [[(60, "Role"), (300, "Day rate")]],
            [[(60, "Solution architect"), (300, "€1,150.00")]],
            [[(60, "Data engineer"), (300, "€890.00")]],
        ],
        row_space=27,
    )
    rows = [block.cells for block in read_document(data, "sow.pdf").blocks if block.cells]
    assert rows == [("Role", "Day rate"), ("Solution architect", "€1,150.00"), ("Data engineer", "€890.00")]


def test_a_two_column_price_list_with_its_currency_symbol_apart_is_a_table() -> None:
    data = _pdf_drawn_at_columns(
        ["Client: Osprey Lane Veterinary Group"],
        [
            [(60, "Practice size", False), (440, "Monthly fee", True)],
            [(60, "Up to 3 vets", False), (330, "$", False), (440, "420.00", True)],
            [(60, "4 to 10 vets", False), (330, "$", False), (440, "1,180.00", True)],
        ],
    )
    rows = [block.cells for block in read_document(data, "fees.pdf").blocks if block.cells]
    assert rows == [("Practice size", "Monthly fee"), ("Up to 3 vets", "$420.00"), ("4 to 10 vets", "$1,180.00")]
