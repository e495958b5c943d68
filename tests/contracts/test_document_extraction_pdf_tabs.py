"""PDF readers invariant to how a price table was typed: Word / LibreOffice tables typed on tab stops
and printed to PDF (bench/extraction_producers.py's lo-pdf-tabs producer), and other PDF layouts
(lo-pdf-plain, canvas-letterhead, chromium-grid / -flex). Each test draws a small new PDF on a
reportlab canvas the way those producers place text, and covers one general cause."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from contracts.documents import extract, read_document


def _drawn(lines: list[list[tuple[float, str, str]]], *, leading: float = 14.0) -> bytes:
    """A one-page PDF: each line a list of (x, text, how) drawn on one baseline, ``how`` "l" (x is
    the text's left edge), "r" (its right edge: a right-aligned tab stop) or "d" (where its decimal
    point starts: a decimal tab stop)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setFont("Helvetica", 10)
    y = A4[1] - 72
    for line in lines:
        for x, text, how in line:
            if how == "r":
                page.drawRightString(x, y, text)
            elif how == "d":
                page.drawString(x - stringWidth(text.rsplit(".", 1)[0], "Helvetica", 10), y, text)
            else:
                page.drawString(x, y, text)
        y -= leading
    page.save()
    return buffer.getvalue()


def _rows(data: bytes) -> list[tuple[str, ...]]:
    return [block.cells for block in read_document(data, "order.pdf").blocks if block.cells]


def _lines(data: bytes) -> list[dict[str, Any]]:
    return extract(read_document(data, "order.pdf")).data["lines"]


def test_tab_stop_titles_glued_at_a_right_aligned_stop_and_wrapped_are_cut_at_the_rows_columns() -> None:
    # "Seats" ends on its right-aligned stop; "Price per seat per month" is wider than its own
    # column, so it starts right there with no gap ("SeatsPrice per seat ..."); "Monthly total"
    # no longer fits on the line and wraps to the next one, onto the first stop
    data = _drawn(
        [
            [(60, "Customer: Ferncastle Logistics Ltd", "l")],
            [(60, "Start date: 1 March 2027", "l")],
            [],
            [(60, "Plan", "l"), (300, "Seats", "r"), (300, "Price per seat per month", "l")],
            [(300, "Monthly total", "r")],
            [(60, "Dispatch console", "l"), (300, "18", "r"), (400, "$42.00", "r"), (500, "$756.00", "r")],
            [(60, "Driver app", "l"), (300, "65", "r"), (400, "$9.50", "r"), (500, "$617.50", "r")],
            [],
            [(60, "Fees are invoiced monthly in advance.", "l")],
        ]
    )
    assert _rows(data) == [
        ("Plan", "Seats", "Price per seat per month", "Monthly total"),
        ("Dispatch console", "18", "$42.00", "$756.00"),
        ("Driver app", "65", "$9.50", "$617.50"),
    ]
    lines = _lines(data)
    assert [(line["charge_model"], Decimal(line["unit_price"]), Decimal(line["seats"])) for line in lines] == [
        ("per_seat", Decimal("42"), Decimal("18")),
        ("per_seat", Decimal("9.5"), Decimal("65")),
    ]


def test_a_title_glued_at_a_decimal_tab_stop_is_cut_where_the_amounts_decimal_points_stand() -> None:
    # "Fee" ends on a decimal stop (where the amounts' decimal points are, not where they end);
    # the next, wider, title starts right there ("FeeAnnual amount ...")
    data = _drawn(
        [
            [(60, "Customer: Oakhollow Veterinary Group", "l")],
            [],
            [(60, "Module", "l"), (300, "Fee", "r"), (300, "Annual amount (EUR)", "l")],
            [(60, "Records and billing", "l"), (300, "1,250.00", "d"), (470, "15,000.00", "d")],
            [(60, "Lab integration", "l"), (300, "85.50", "d"), (470, "1,026.00", "d")],
        ]
    )
    assert _rows(data)[0] == ("Module", "Fee", "Annual amount (EUR)")


def test_words_glued_in_a_title_line_stay_whole_where_no_column_of_the_rows_below_ends() -> None:
    # a product name in camel case in the first title is no column boundary
    data = _drawn(
        [
            [(60, "FleetView Service", "l"), (300, "Units", "r"), (400, "Unit price", "r"), (500, "Amount", "r")],
            [(60, "Telematics box", "l"), (300, "40", "r"), (400, "$12.00", "r"), (500, "$480.00", "r")],
            [(60, "Cloud dashboard", "l"), (300, "1", "r"), (400, "$99.00", "r"), (500, "$99.00", "r")],
        ]
    )
    assert _rows(data)[0] == ("FleetView Service", "Units", "Unit price", "Amount")


def test_a_borderless_word_table_with_close_columns_and_spaced_rows_keeps_its_cells() -> None:
    # a Word table without borders printed to PDF: the cells' padding leaves 12 points between
    # columns (less than a gutter on its own), the first cells wrap, and the rows stand as far apart
    # as the cells' paragraphs are spaced (more than a line's height)
    rows = [
        [[(60, "Item", "l"), (170, "Unit", "l"), (292, "Rate (CAD)", "l")]],
        [[(60, "Managed Kafka, three", "l"), (170, "per broker-hour", "l"), (292, "0.85", "l")], [(60, "zones", "l")]],
        [
            [(60, "Dedicated support", "l"), (170, "per named engineer per", "l"), (292, "2,900.00", "l")],
            [(60, "engineer", "l"), (170, "month", "l")],
        ],
        [[(60, "Archive storage, cold", "l"), (170, "per TB-month", "l"), (292, "11.00", "l")], [(60, "tier", "l")]],
    ]
    lines: list[list[tuple[float, str, str]]] = [[(60, "Customer: Lowmoor Robotics Inc.", "l")], []]
    for row in rows:
        lines += row
        lines.append([])  # the space after the cells' paragraphs
    data = _drawn(lines, leading=12.0)
    assert _rows(data) == [
        ("Item", "Unit", "Rate (CAD)"),
        ("Managed Kafka, three zones", "per broker-hour", "0.85"),
        ("Dedicated support engineer", "per named engineer per month", "2,900.00"),
        ("Archive storage, cold tier", "per TB-month", "11.00"),
    ]


def test_a_wrapped_cell_with_an_amount_in_a_later_column_stays_in_its_rule_less_table() -> None:
    # "(EUR 2,850 per quarter)" wraps under "Quarterly in advance": the first column is empty on
    # that line, so it is the cell's second line, not a paragraph after the table
    data = _drawn(
        [
            [(60, "Customer: Hallgarth Seed Cooperative", "l")],
            [],
            [(60, "Component", "l"), (220, "Price", "l"), (400, "Invoicing", "l")],
            [(60, "Farm portal", "l"), (220, "EUR 950 per month", "l"), (400, "Quarterly in advance", "l")],
            [(400, "(EUR 2,850 per quarter)", "l")],
            [(60, "Sensor gateways", "l"), (220, "EUR 14 per gateway", "l"), (400, "Monthly in arrears", "l")],
            [],
            [(60, "Payment is due within 20 days.", "l")],
        ]
    )
    assert _rows(data) == [
        ("Component", "Price", "Invoicing"),
        ("Farm portal", "EUR 950 per month", "Quarterly in advance (EUR 2,850 per quarter)"),
        ("Sensor gateways", "EUR 14 per gateway", "Monthly in arrears"),
    ]
