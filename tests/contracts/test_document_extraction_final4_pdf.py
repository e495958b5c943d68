"""The general causes of the misses on the PDF documents of the fourth final batch (a comparison of
old and new prices drawn on a canvas, an invoice total stated as a change). Each cause is tested on
new content written for the test."""

from __future__ import annotations

from decimal import Decimal

from tests.contracts.documents.extract_helpers import extract_drawn_pdf, extract_text, priced


def test_price_columns_titled_over_an_untitled_first_column_read_as_a_table_with_the_new_price() -> None:
    # a letter drawn on a canvas: "Until 31 May | From 1 June 2029" right-aligned over the prices,
    # nothing over the items' column; the amounts are not under their titles' right edges
    data = extract_drawn_pdf(
        [
            (60, 790, "Quayside Irrigation Controls BV"),
            (60, 760, "Customer: Velsen Greenhouse Cooperative"),
            (60, 730, "This letter gives notice of new subscription prices from 1 June 2029."),
            (-238, 700, "Until 31 May 2029"),
            (-372, 700, "From 1 June 2029"),
            (60, 685, "Field app (per user per month)"),
            (246, 685, "EUR 3.10"),
            (318, 685, "EUR 3.45"),
            (60, 670, "Weather feed (per month)"),
            (246, 670, "EUR 64.00"),
            (318, 670, "EUR 64.00 (no change)"),
            (60, 640, "Both charges are billed monthly in advance."),
        ]
    )
    lines = [priced(line) for line in data["lines"]]
    assert lines == [("per_seat", Decimal("3.45")), ("flat", Decimal("64.00"))]
    assert data["start_date"] == "2029-06-01"


def test_an_invoice_total_stated_as_a_change_is_no_charge_and_gives_the_seat_count() -> None:
    data = extract_text(
        "Customer: Elmsworth Veterinary Partners Ltd\n"
        "Start date: 1 April 2029\n\n"
        "Clinic software: GBP 11.40 per vet per month, billed monthly in advance.\n"
        "Records archive: GBP 55.00 per month, billed monthly in advance.\n\n"
        "Your account has 30 vets, so your monthly invoice will go up from GBP 367.00 to GBP 397.00 "
        "before VAT.\n"
    )
    lines = data["lines"]
    assert [priced(line) for line in lines] == [("per_seat", Decimal("11.40")), ("flat", Decimal("55.00"))]
    assert lines[0]["seats"] == "30"


def test_a_sidebar_beside_the_main_column_is_read_after_it_not_between_its_lines() -> None:
    # a proposal laid out by a browser: running text on the left, a narrow "Summary" box on the right
    # whose lines stand between the main column's baselines
    main = [
        "Rostering platform for Carrow Valley Hospice Trust, covering the",
        "day wards, the two community teams and the on-call nursing rota,",
        "with shift swaps, leave requests and payroll exports included as",
        "standard. Rostering licences: GBP 12.00 per user per month, for",
        "40 users, invoiced quarterly in advance from the go-live date of",
        "1 February 2029, with payment due within 30 days of each invoice.",
        "Additional users can be added at the same price at any time and",
        "are billed from the start of the next quarter after they are added.",
    ]
    aside = [
        "Summary",
        "Licences (40 x GBP 36.00)",
        "Per quarter GBP 1,440.00",
        "Prepared by",
        "Imogen Thrale",
        "imogen.thrale@rotawise.example",
        "Invoices to",
        "ledger@carrowvalley.example",
    ]
    drawn = [(40, 780, "Rotawise Ltd - Proposal"), (40, 760, "Customer: Carrow Valley Hospice Trust")]
    drawn += [(40, 730 - 14 * k, text) for k, text in enumerate(main)]
    # the box's first two lines on the main column's baselines, its others between them
    drawn += [(390, 730 - 14 * k if k < 2 else 723 - 14 * k, text) for k, text in enumerate(aside)]
    data = extract_drawn_pdf(drawn)
    # (the box's own "Per quarter GBP 1,440.00" is still read as a line of its own: a known gap)
    line = next(line for line in data["lines"] if line["charge_model"] == "per_seat")
    assert priced(line) == ("per_seat", Decimal("36"))  # GBP 12.00 a month, billed by the quarter
    assert line["seats"] == "40"
    assert (line["billing_interval"], line["billing_interval_count"]) == ("month", 3)
    assert data["customer"]["email"] == "ledger@carrowvalley.example"


def test_a_prepaid_bundle_row_discounted_in_its_description_is_priced_at_the_row_amount() -> None:
    # the row's unit price is the bundle's face value; its amount, after the stated discount, is paid
    data = extract_text(
        "Quotation Q-8812\n"
        "Customer: Marrowgate Freight Forwarders Pty Ltd\n"
        "Service start: 1 November 2028\n\n"
        "| # | Description | Qty | Unit Price (AUD) | Amount (AUD) |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Customs API prepaid credit: AUD 40,000.00 of credit, valid 12 months. Early-order discount 15%. "
        "| 1 | 40,000.00 | 34,000.00 |\n"
        "| 2 | Declarations lodged, AUD 1.20 each, drawn from the prepaid credit | - | 1.20 | - |\n"
    )
    credit = next(line for line in data["lines"] if line["charge_model"] == "prepaid_credit")
    assert Decimal(credit["amount"]) == Decimal("40000")
    assert Decimal(credit["price"]) == Decimal("34000")


def test_a_headline_monthly_price_restated_for_the_invoiced_quarter_is_one_line_counted_by_its_unit() -> None:
    # a proposal card: the price per kiosk per month as a headline, the number of kiosks with a second
    # count of something else, then the same fee for the quarter it is invoiced for
    data = extract_text(
        "Customer: Pellworth Cinemas Ltd\n"
        "Start date: 1 July 2029\n\n"
        "Self-service ticketing\n"
        "GBP 42.00 per kiosk / month\n\n"
        "9 kiosks (Leeds, York and 3 partner sites).\n"
        "Billed quarterly in advance: GBP 126.00 per kiosk per quarter.\n"
    )
    [line] = data["lines"]
    assert priced(line) == ("per_seat", Decimal("126.00"))
    assert line["seats"] == "9"
    assert (line["billing_interval"], line["billing_interval_count"], line["billing_timing"]) == (
        "month",
        3,
        "in_advance",
    )


def test_a_monthly_fee_restated_for_the_quarter_it_is_invoiced_for_is_one_fee() -> None:
    data = extract_text(
        "Customer: Ostrava Glassworks s.r.o.\n"
        "Start date: 1 May 2029\n\n"
        "Managed backup per month EUR 2,310.00\n\n"
        "Managed backup is invoiced quarterly in advance (EUR 6,930.00 per quarter).\n"
    )
    [line] = data["lines"]
    assert priced(line) == ("flat", Decimal("6930.00"))
    assert (line["billing_interval"], line["billing_interval_count"], line["billing_timing"]) == (
        "month",
        3,
        "in_advance",
    )


def test_a_price_list_line_naming_its_unit_before_the_price_is_a_price_per_that_unit() -> None:
    # a tab-stop price list: "Item per unit <tab> price", the unit ahead of the amount
    data = extract_text(
        "Customer: Lindqvist Marine Survey AB\n"
        "Start date: 1 September 2029\n\n"
        "Additional survey analysis per analyst-hour SEK 1,420.00\n\n"
        "Additional analysis is charged on actual effort, invoiced monthly in arrears.\n"
    )
    [line] = data["lines"]
    assert priced(line) == ("per_unit", Decimal("1420.00"))
    assert line["billing_timing"] == "in_arrears"


def _ruled_table_pdf(paragraphs: list[str], rows: list[list[str]], spans: list[tuple[int, int, int, int]]) -> bytes:
    """A PDF (reportlab platypus) of paragraphs over one ruled table; ``spans`` merge cells
    (col0, row0, col1, row1)."""
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    table = Table(rows)
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTSIZE", (0, 0), (-1, -1), 8)]
    style += [("SPAN", (c0, r0), (c1, r1)) for c0, r0, c1, r1 in spans]
    table.setStyle(TableStyle(style))
    story = [Paragraph(text, styles["Normal"]) for text in paragraphs] + [table]
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(story)
    return buffer.getvalue()


def test_a_ruled_table_cell_merged_down_over_several_rows_keeps_the_rows_below_in_their_columns() -> None:
    from tests.contracts.documents.extract_helpers import extract_bytes

    data = extract_bytes(
        _ruled_table_pdf(
            ["Customer: Brackenfield Dairy Co-operative", "Start date: 1 March 2029", "All amounts in USD."],
            [
                ["Family", "Product", "Quantity", "List Price", "Discount", "Net Price", "Annual Amount"],
                ["Farm suite, per farm, per year", "Herd records", "38", "$420.00", "10.00%", "$378.00", "$14,364.00"],
                ["", "Milk yield analytics", "38", "$300.00", "10.00%", "$270.00", "$10,260.00"],
                ["Services", "Onboarding, one-time", "1", "$5,000.00", "0.00%", "$5,000.00", "$5,000.00"],
            ],
            [(0, 1, 0, 2)],
        ),
        "contract.pdf",
    )
    lines = data["lines"]
    assert [priced(line) for line in lines[:2]] == [("per_seat", Decimal("378.00")), ("per_seat", Decimal("270.00"))]
    assert [line["seats"] for line in lines[:2]] == ["38", "38"]


def test_a_start_date_column_wins_over_the_date_another_agreement_is_dated() -> None:
    data = extract_text(
        "Order Form for Kestrel Point Utilities LLC\n\n"
        "| Order Start Date | Order End Date | Term | Payment Terms |\n"
        "|---|---|---|---|\n"
        "| 09/01/2028 | 08/31/2030 | 24 Months | Net 30 |\n\n"
        "Grid analytics: $2,750.00 per year, billed annually in advance.\n\n"
        "This Order Form is subject to the Master Services Agreement between the parties dated 11/04/2025.\n"
    )
    assert data["start_date"] == "2028-09-01"
