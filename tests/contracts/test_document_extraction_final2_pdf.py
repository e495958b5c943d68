"""The general causes of the misses on the PDF documents of the opened second final batch (a calendar month
named for a contract that starts on the 1st, ...). Each cause is tested on new text written for the test."""

from __future__ import annotations

import io
import re
from decimal import Decimal

from reportlab.pdfbase import pdfmetrics

from tests.contracts.documents.extract_helpers import (
    extract_bytes,
    extract_docx,
    extract_docx_table,
    extract_text,
    priced,
)

_text = extract_text


def test_usage_counted_per_calendar_month_from_a_start_on_the_first_keeps_anniversary_billing() -> None:
    # a start on the 1st: anniversary periods already are calendar months, so nothing asks for calendar alignment
    data = _text(
        "Pricing Annex\n"
        "Customer: Brightwater Freight Oy\n"
        "Effective date: 1 June 2029\n"
        "Shipment labels are charged per calendar month at USD 0.08 per label, invoiced monthly in arrears.\n"
        "Hosting fee: USD 600 per month, billed on the first day of each month.\n"
    )
    assert data["start_date"] == "2029-06-01"
    assert data["billing_alignment"] == "anniversary"
    # invoices dated on the first day of each calendar month: the calendar asked for in so many words
    dated = _text(
        "Customer: Brightwater Freight Oy\n"
        "Effective date: 1 June 2029\n"
        "Hosting fee: USD 600 per month, invoiced on the first day of each calendar month.\n"
    )
    assert dated["billing_alignment"] == "calendar"


def test_calendar_alignment_stays_when_the_start_is_mid_month_or_the_first_period_is_prorated() -> None:
    mid_month = _text(
        "Customer: Brightwater Freight Oy\n"
        "Effective date: 14 June 2029\n"
        "Hosting fee: USD 600 per month, billed on the first day of each calendar month.\n"
    )
    assert mid_month["billing_alignment"] == "calendar"
    prorated = _text(
        "Customer: Brightwater Freight Oy\n"
        "Effective date: 1 July 2029\n"
        "Hosting fee: USD 600 per month, invoiced on the first day of each calendar month; the first invoice is "
        "prorated.\n"
    )
    assert prorated["billing_alignment"] == "calendar"
    quarter = _text(
        "Customer: Brightwater Freight Oy\n"
        "Effective date: 1 May 2029\n"
        "Hosting fee: USD 1,800 per quarter, invoiced on the first day of each calendar quarter.\n"
    )
    assert quarter["billing_alignment"] == "calendar"


def _pdf_with_marks(lines: list[tuple[float, str]]) -> dict:
    """A one-page PDF of lines, each (y, text); "^3" in a text is drawn as a footnote mark, a small raised "3",
    as word processors and browsers set it (a footnote's own mark starts its line, the note in a smaller size)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for y, text in lines:
        size = 8.0 if text.startswith("^") else 10.0
        x = 60.0
        for index, part in enumerate(re.split(r"\^(\d+)", text)):
            mark = index % 2 == 1
            page.setFont("Helvetica", 6.0 if mark else size)
            page.drawString(x, y + (3.5 if mark else 0), part)
            x += pdfmetrics.stringWidth(part, "Helvetica", 6.0 if mark else size) + (1.5 if mark and x == 60 else 0)
    page.save()
    return extract_bytes(buffer.getvalue(), "contract.pdf")


def test_footnote_marks_after_a_price_or_a_word_are_not_read_as_digits() -> None:
    data = _pdf_with_marks(
        [
            (780, "Service Order - Tallis Observatory Trust"),
            (760, "Customer: Tallis Observatory Trust"),
            (745, "Service start: 1 October 2029"),
            (725, "Telescope scheduling seats^2: USD 37.50^3"),
            (710, "per seat per month for 16 seats, billed monthly in advance."),
            (690, "Archive retrieval: USD 2.40^4 per retrieval"),
            (640, "^2 A seat is one named astronomer."),
            (628, "^3 List price; see the price book."),
            (616, "^4 Invoiced quarterly in arrears."),
        ]
    )
    assert sorted(priced(line) for line in data["lines"]) == [
        ("per_seat", Decimal("37.50")),
        ("per_unit", Decimal("2.40")),
    ]
    seats = next(line for line in data["lines"] if line["charge_model"] == "per_seat")
    assert seats["seats"] == "16"
    # the footnote that marks the retrieval price is read with it
    retrieval = next(line for line in data["lines"] if line["charge_model"] == "per_unit")
    assert (retrieval["billing_interval"], retrieval["billing_interval_count"]) == ("month", 3)


def test_a_worked_example_of_tiered_prices_is_not_a_charge() -> None:
    base = (
        "Usage Annex\n"
        "Customer: Kestrel Parcel Services Ltd\n"
        "Start date: 12 August 2029\n"
        "Label printing is priced on a graduated basis:\n"
        "Tier | Labels per month | Price per label\n"
        "1 | 1 - 40,000 | GBP 0.050\n"
        "2 | 40,001 and above | GBP 0.035\n"
        "{example}\n"
        "Labels are invoiced monthly in arrears.\n"
    )
    for example in (
        "Worked example: 55,000 labels in a month cost 40,000 x GBP 0.050 + 15,000 x GBP 0.035 = GBP 2,525.00.",
        "55,000 labels in a month would cost 40,000 × GBP 0.050 + 15,000 × GBP 0.035 = GBP 2,525.00.",
        "Example 2: a month of 12,000 labels is charged GBP 600.00.",
    ):
        lines = _text(base.format(example=example))["lines"]
        assert [line["charge_model"] for line in lines] == ["graduated"], example
        assert [tier["unit_price"] for tier in lines[0]["tiers"]] == ["0.05", "0.035"]


def test_a_service_that_may_be_ordered_later_is_not_a_line() -> None:
    data = _text(
        "Schedule 2 - Charges\n"
        "Customer: Fenwick Road Dental Partners LLP\n"
        "Start date: 3 February 2029\n"
        "2.1 The booking platform is charged at GBP 410.00 per month, invoiced monthly in advance.\n"
        "2.2 Additional staff training days may be purchased at GBP 690 per day by purchase order; no training "
        "days are ordered under this Schedule.\n"
        "2.3 Data exports may also be booked at GBP 120 per export.\n"
    )
    assert [priced(line) for line in data["lines"]] == [("flat", Decimal(410))]
    data = _text(
        "Schedule 2 - Charges\n"
        "Customer: Fenwick Road Dental Partners LLP\n"
        "Start date: 3 February 2029\n"
        "2.1 The booking platform is charged at GBP 410.00 per month, invoiced monthly in advance.\n"
        "2.2 Priority support costs GBP 95 per month; no support packages are ordered at signature.\n"
    )
    assert [priced(line) for line in data["lines"]] == [("flat", Decimal(410))]


def test_a_yearly_price_charged_in_a_sentence_and_invoiced_quarterly_is_a_quarter_per_invoice() -> None:
    # "is charged at X per annum, invoiced quarterly": the price's period is before the billing word that
    # names the cadence, not before the first billing word ("charged")
    data = _text(
        "Order Schedule 4\n"
        "Customer: Pellow Harbour Authority\n"
        "Commencement: 9 March 2029\n"
        "4.1 Managed backup is charged at EUR 14.400,00 per annum, invoiced quarterly in advance in equal parts.\n"
        "4.2 The monitoring service is charged at EUR 6.000,00 per year and invoiced monthly in advance.\n"
    )
    assert sorted(
        (line["amount"], line["billing_interval"], line["billing_interval_count"]) for line in data["lines"]
    ) == [("3600.00", "month", 3), ("500.00", "month", 1)]


def test_a_party_with_its_registration_number_in_brackets_and_an_address_before_its_role() -> None:
    data = _text(
        "SERVICE SCHEDULE\n"
        "This Schedule is made between Tamsin Robotics Ltd (company number 11223344), 9 Dock Road, Hull HU1 2AB "
        '(the "Provider") and Oakfield Schools Trust (charity no. 1180001), 2 Hill Street, York YO1 7HX '
        '(the "Customer").\n'
        "The maintenance fee is GBP 780.00 per month, invoiced monthly in advance.\n"
    )
    assert data["customer"]["name"] == "Oakfield Schools Trust"
    # the same number inside the party's description ("a charitable company (no. 1180001) whose office is ...")
    data = _text(
        'This Agreement is made between Tamsin Robotics Ltd (the "Provider") and Oakfield Schools Trust, a charitable '
        'company (no. 1180001) whose office is at 2 Hill Street, York (the "Customer").\n'
        "The maintenance fee is GBP 780.00 per month, invoiced monthly in advance.\n"
    )
    assert data["customer"]["name"] == "Oakfield Schools Trust"


def test_a_milestone_table_total_row_with_an_empty_number_cell_is_not_a_milestone() -> None:
    data = extract_docx_table(
        [
            "Statement of Work 7",
            'This SOW is agreed between Quillon Analytics LLC ("Quillon") and Redfern Cooperative Bank ("Client").',
            "Work begins on May 3, 2029. The fixed fee of USD 50,000 is invoiced by milestone:",
        ],
        [
            ["No.", "Deliverable", "Due", "Fee (USD)"],
            ["1", "Requirements signed off", "2029-06-01", "15,000.00"],
            ["2", "Pilot live", "2029-08-15", "35,000.00"],
            ["", "Total", "", "50,000.00"],
        ],
    )
    milestones = [line for line in data["lines"] if line["charge_model"] == "milestone"]
    assert [m["amount"] for m in milestones[0]["milestones"]] == ["15000.00", "35000.00"]


def test_a_renewal_table_of_last_periods_and_this_periods_prices_reads_this_periods_column() -> None:
    paragraphs = [
        "Renewal confirmation",
        "Dear Mr Halvorsen,",
        "We confirm the renewal of your subscription for Brisk Ferries AS for the period from 1 January 2030 to "
        "31 December 2030.",
        "Invoices are sent to ap@briskferries.test. Both items are invoiced annually in advance.",
    ]
    for titles in (
        ["Service", "2029", "2030"],
        ["Service", "FY2029-30", "FY2030-31"],
        ["Item", "2029/30", "2030/31"],
        ["Service", "Current (2029)", "Renewal (2030)"],
        ["Service", "Until 31 Dec 2029", "From 1 Jan 2030"],
        ["Service", "Last year", "Renewal price"],
    ):
        data = extract_docx_table(
            paragraphs,
            [
                titles,
                ["Route planner licence", "NOK 120 000", "NOK 126 000"],
                ["Priority support", "NOK 30 000", "NOK 30 000"],
            ],
        )
        assert sorted(priced(line) for line in data["lines"]) == [
            ("flat", Decimal(30000)),
            ("flat", Decimal(126000)),
        ], titles


def test_a_ramp_with_licence_years_as_columns_is_one_line_per_year() -> None:
    data = extract_docx_table(
        [
            "Order Form",
            "Customer: Tarnwick Borough Council",
            "Subscription term: 1 July 2030 to 30 June 2032.",
            "Fees are invoiced annually in advance.",
        ],
        [["Fee", "2030/31", "2031/32"], ["Planning portal licence", "GBP 40,000", "GBP 42,000"]],
    )
    assert [(line["amount"], line.get("start_date")) for line in data["lines"]] == [
        ("40000.00", "2030-07-01"),
        ("42000.00", "2031-07-01"),
    ]


_PARTY_BOX = [
    ("Organisation", "Umber Valley Vets LLC", "Contact", "Jo Marsh, Office Lead"),
    ("Street", "14 Mill Pond Way, Albany, NY 12203", "Email", "jo.marsh@umbervalley.test"),
    ("Billing Email", "payables@umbervalley.test", "Mobile", "(518) 555-0199"),
]
_AROUND_THE_BOX = (
    "QUOTE Q-88120 - Pinecrest Software Inc.",
    "Start date: 03/01/2029. Annual in advance. Net 30.",
    "Clinic scheduling licence: USD 4,800.00 per year.",
)


def _party_box_docx() -> dict:
    import docx

    document = docx.Document()
    document.add_paragraph(_AROUND_THE_BOX[0])
    table = document.add_table(rows=len(_PARTY_BOX) + 1, cols=4)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Sold To"
    table.cell(0, 2).merge(table.cell(0, 3)).text = "Deliver To"
    for r, row in enumerate(_PARTY_BOX, start=1):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    for paragraph in _AROUND_THE_BOX[1:]:
        document.add_paragraph(paragraph)
    return extract_docx(document)


def _party_box_pdf() -> dict:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    style = getSampleStyleSheet()["Normal"]
    table = Table([["Sold To", "", "Deliver To", ""], *map(list, _PARTY_BOX)])
    table.setStyle(
        TableStyle(
            [
                ("SPAN", (0, 0), (1, 0)),
                ("SPAN", (2, 0), (3, 0)),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
            ]
        )
    )
    buffer = io.BytesIO()
    paragraphs = [Paragraph(text, style) for text in _AROUND_THE_BOX]
    SimpleDocTemplate(buffer, pagesize=A4).build([paragraphs[0], table, *paragraphs[1:]])
    return extract_bytes(buffer.getvalue(), "quote.pdf")


def test_label_value_pairs_under_bill_to_and_ship_to_titles_name_the_customer() -> None:
    # a CPQ quote's party box: "Sold To | Deliver To" (each merged over a label and a value column) over rows of
    # two label / value pairs; the company under "Sold To" is the customer, not the label of the last row
    for data in (_party_box_docx(), _party_box_pdf()):
        assert data["customer"]["name"] == "Umber Valley Vets LLC"
        assert data["customer"]["email"] == "payables@umbervalley.test"


def test_footnote_marks_typed_as_superscript_digits_in_word_are_marks() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Customer: Tallis Observatory Trust")
    document.add_paragraph("Service start: 1 October 2029")
    for parts in (
        ("Archive retrieval: USD 2.40", "4", " per retrieval"),
        ("Telescope seats", "2", ": USD 37.50 per seat per month for 16 seats."),
        ("", "4", " Invoiced quarterly in arrears."),
    ):
        paragraph = document.add_paragraph(parts[0])
        paragraph.add_run(parts[1]).font.superscript = True
        paragraph.add_run(parts[2])
    data = extract_docx(document)
    assert sorted(priced(line) for line in data["lines"]) == [
        ("per_seat", Decimal("37.50")),
        ("per_unit", Decimal("2.40")),
    ]
    retrieval = next(line for line in data["lines"] if line["charge_model"] == "per_unit")
    assert retrieval["billing_interval_count"] == 3
