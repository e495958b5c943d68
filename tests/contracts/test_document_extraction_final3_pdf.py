"""The general causes of the first-run misses on the PDFs of the third final batch (a letterhead order
form of label pairs side by side, price columns titled only by their currency, a customer cell whose
address wraps under the name, ...). Each cause is tested on new text written for the test, in PDFs built
in-process with reportlab."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from tests.contracts.documents.extract_helpers import extract_bytes


def _gridded_pdf(paragraphs: list[str], tables: list[list[list[str]]], after: list[str] = ()) -> dict[str, Any]:
    """A PDF of paragraphs, then tables drawn with a grid (a cell's "<br/>" starts a new line in it),
    then more paragraphs, extracted."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    story: list[Any] = [Paragraph(text, styles["BodyText"]) for text in paragraphs]
    for rows in tables:
        table = Table([[Paragraph(cell, styles["BodyText"]) for cell in row] for row in rows])
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story += [Spacer(1, 12), table]
    story += [Paragraph(text, styles["BodyText"]) for text in after]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return extract_bytes(buffer.getvalue(), "order.pdf")


def test_a_price_column_titled_only_by_its_currency_is_the_price() -> None:
    # "Net unit (A$)" and "List (A$)": the column's title names its currency, not the word "price"
    data = _gridded_pdf(
        ["Order Form 5521", "Customer: Wattle Grove Orchards Pty Ltd", "Currency: AUD", "Start date: 1 July 2028"],
        [
            [
                ["Product", "Qty", "List (A$)", "Disc.", "Net unit (A$)", "Line total (A$)"],
                ["Harvest planner seat (per user / month)", "14", "30.00", "20%", "24.00", "336.00"],
                ["Cold-store telemetry hub (per month)", "1", "410.00", "-", "410.00", "410.00"],
                ["Site survey (one-off)", "1", "1,150.00", "-", "1,150.00", "1,150.00"],
            ]
        ],
    )
    lines = data["lines"]
    assert [line["charge_model"] for line in lines] == ["per_seat", "flat", "one_time"]
    assert Decimal(lines[0]["unit_price"]) == Decimal("24")
    assert Decimal(lines[0]["seats"]) == 14
    assert Decimal(lines[1]["amount"]) == Decimal("410")
    assert Decimal(lines[2]["amount"]) == Decimal("1150")


def test_a_form_row_of_pairs_with_labels_of_any_words_is_not_the_column_titles() -> None:
    # "Billing contact | name - e-mail | Account owner | name" under a row of pairs: a form's row,
    # not column titles (the customer's e-mail was lost with it)
    data = _gridded_pdf(
        ["Service Order SO-88"],
        [
            [
                ["Client", "Ferndale Bakeries Limited", "Order date", "3 February 2028"],
                ["Remittance desk", "Priya Nair - ap@ferndalebakeries.test", "Our rep", "Tomas Vik"],
                ["Term", "1 March 2028 - 28 February 2029", "Billing", "Monthly in advance"],
            ],
            [
                ["Service", "Unit price", "Qty"],
                ["Recipe costing seat (per user per month)", "$19.00", "8"],
            ],
        ],
    )
    assert data["customer"]["email"] == "ap@ferndalebakeries.test"
    assert data["customer"]["name"] == "Ferndale Bakeries Limited"


def test_a_customer_cell_with_its_address_under_the_name_ends_at_the_legal_form() -> None:
    # The cell's two lines (name, then street address) are read as one text
    data = _gridded_pdf(
        ["Order Form"],
        [
            [
                ["Customer", "Kestrel Rope Works Limited<br/>27 Chandlery Lane, Whitby YO21 3PD", "Date", "9 May 2028"],
                ["Currency", "GBP", "Payment terms", "30 days"],
            ],
            [["Item", "Unit price", "Qty"], ["Rigging log seat (per user per month)", "£12.00", "6"]],
        ],
    )
    assert data["customer"]["name"] == "Kestrel Rope Works Limited"
