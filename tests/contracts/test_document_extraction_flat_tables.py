"""A table flattened into plain text (a cell per line, as Word's "save as text" writes it, or cells
split by blank lines, as pdftotext without -layout writes a PDF's table) is read as a table
(contracts/documents/flat_tables.py; measured by bench/extraction_producers.py, producers
`pdftotext` and `lo-txt`)."""

from __future__ import annotations

from contracts.documents import extract, read_document
from contracts.documents.flat_tables import rebuild_flattened_tables
from tests.contracts.documents.extract_helpers import text_rows as _rows


def _texts(text: str) -> list[str]:
    return [block.text for block in read_document(text.encode(), "order.txt").blocks if not block.cells]


def test_a_cell_per_line_under_column_titles_is_a_table() -> None:
    text = "\n".join(
        [
            "Quote for Lindqvist Bakery AB",
            "Description",
            "Qty",
            "Unit price",
            "Amount",
            "Ordering terminal",
            "3",
            "$45.00",
            "$135.00",
            "Recipe cloud storage",
            "1",
            "$20.00",
            "$20.00",
            "Prices are per month and billed in advance.",
        ]
    )
    assert _rows(text) == [
        ("Description", "Qty", "Unit price", "Amount"),
        ("Ordering terminal", "3", "$45.00", "$135.00"),
        ("Recipe cloud storage", "1", "$20.00", "$20.00"),
    ]
    assert _texts(text) == ["Quote for Lindqvist Bakery AB", "Prices are per month and billed in advance."]


def test_cells_split_by_blank_lines_keep_a_cell_wrapped_onto_two_lines() -> None:
    # pdftotext: a blank line between cells, a long cell wrapped within its column, the first
    # title run on under the sentence above the table
    text = (
        "Renewal order for Dunmore Vets. Service starts on 1 March 2028.\n"
        "Module\n\nSeats\n\nPrice per\nseat\n\n"
        "Clinic records and\nappointments\n\n12\n\nGBP 18.50\n\n"
        "Client text reminders\n\n12\n\nGBP 4.00\n\n"
        "Fees are invoiced monthly.\n"
    )
    assert _rows(text) == [
        ("Module", "Seats", "Price per seat"),
        ("Clinic records and appointments", "12", "GBP 18.50"),
        ("Client text reminders", "12", "GBP 4.00"),
    ]
    assert _texts(text)[0] == "Renewal order for Dunmore Vets. Service starts on 1 March 2028."


def test_a_first_title_wrapped_onto_a_second_line_is_one_title() -> None:
    text = (
        "The fees below exclude sales tax.\n"
        "Yearly fees (USD,\nbefore tax)\n\nYear 1\n\nYear 2\n\n"
        "Fleet tracking\n\n12,000.00\n\n12,600.00\n\n"
        "Driver app\n\n3,000.00\n\n3,150.00\n\n"
        "Each year is invoiced in advance.\n"
    )
    assert _rows(text) == [
        ("Yearly fees (USD, before tax)", "Year 1", "Year 2"),
        ("Fleet tracking", "12,000.00", "12,600.00"),
        ("Driver app", "3,000.00", "3,150.00"),
    ]


def test_an_empty_cell_the_flattened_text_left_out_is_put_back_where_the_row_fits() -> None:
    # the last band has nothing under "To": pdftotext writes no line for it
    text = (
        "Messages are priced in graduated bands.\n"
        "From\n\nTo\n\nPrice per message\n\n"
        "1\n\n50,000\n\n€0.020\n\n"
        "50,001\n\n500,000\n\n€0.015\n\n"
        "500,001\n\n€0.011\n\n"
        "Usage is billed monthly in arrears.\n"
    )
    assert _rows(text)[-1] == ("500,001", "", "€0.011")
    # a cell per line: the empty cell is an empty line
    lines = "From\nTo\nPrice per message\n1\n50,000\n€0.020\n50,001\n\n€0.015\nBilled monthly.\n"
    assert _rows(lines)[-1] == ("50,001", "", "€0.015")


def test_a_heading_over_the_column_titles_is_not_a_column() -> None:
    text = "\n".join(
        [
            "Charges",
            "Service",
            "Unit",
            "Quantity",
            "Unit fee",
            "Billing",
            "Managed firewall",
            "Site / month",
            "4",
            "$210.00",
            "Monthly, in advance",
            "Installation",
            "Visit",
            "2",
            "$450.00",
            "Once, on completion",
            "All amounts exclude tax. Invoices are payable within 30 days of their date.",
        ]
    )
    rows = _rows(text)
    assert rows[0] == ("Service", "Unit", "Quantity", "Unit fee", "Billing")
    assert rows[2] == ("Installation", "Visit", "2", "$450.00", "Once, on completion")
    assert _texts(text)[0] == "Charges"


def test_a_column_title_under_a_heading_is_not_the_headings_wrapped_line() -> None:
    text = "Hardware\nItem\n\nQty\n\nUnit price\n\nTotal\n\nGateway\n\n4\n\n$300.00\n\n$1,200.00\n\nShipped on order.\n"
    assert _rows(text)[0] == ("Item", "Qty", "Unit price", "Total")


def test_a_two_column_table_with_one_title_naming_a_column_needs_three_rows() -> None:
    text = "Active seats\nPrice per seat per month\n1 - 20\n£15\n21 - 80\n£12\n81+\n£9\nBilled monthly.\n"
    assert _rows(text) == [
        ("Active seats", "Price per seat per month"),
        ("1 - 20", "£15"),
        ("21 - 80", "£12"),
        ("81+", "£9"),
    ]
    assert _rows("Active seats\nPrice per seat per month\n1 - 20\n£15\nBilled monthly.\n") == []


def test_titles_in_other_languages_and_with_a_percentage_open_a_table() -> None:
    text = (
        "Désignation\nQuantité\nPrix unitaire HT\nLogiciel de caisse\n3\n39,00 €\nFormation\n1\n450,00 €\n"
        "Les prix sont mensuels.\n"
    )
    assert _rows(text)[0] == ("Désignation", "Quantité", "Prix unitaire HT")
    text = "Item\nNet\nVAT @ 20%\nGross\nAnnual licence\n£1,000.00\n£200.00\n£1,200.00\nPayable in 14 days.\n"
    assert _rows(text)[1] == ("Annual licence", "£1,000.00", "£200.00", "£1,200.00")


def test_a_single_row_needs_every_title_a_column_title_and_figures_under_the_figure_titles() -> None:
    one_row = "Product\nQty\nUnit price\nTotal\nWarehouse scanner\n5\n$80.00\n$400.00\nThank you.\n"
    assert len(_rows(one_row)) == 2
    # a label/value list is not a table of three columns: "Order Currency", "EUR", "Start Date"
    # are not all titles (it is a list of fields, each label with its value)
    fields = "Order Currency\nEUR\nStart Date\n1 May 2028\nRenewal Term\n12 months\nBilling\nQuarterly\n"
    assert all(len(row) == 2 for row in _rows(fields))
    # a title of figures over a text: not a row
    assert _rows("Item\nQty\nPrice\nSupport\nPremium\n$90.00\nEnd.\n") == []


def test_prose_lists_and_addresses_are_left_alone() -> None:
    lines = [
        "Supplier",
        "Harbour Analytics Ltd",
        "12 Quay Street",
        "Bristol BS1 4DJ",
        "Customer",
        "Pellow Farms",
        "3 Mill Lane",
        "Truro TR1 2AB",
        "Term",
        "The agreement runs for 24 months from the start date.",
        "Fees",
        "1. Platform access",
        "2. Support",
    ]
    assert rebuild_flattened_tables(lines) == lines


def test_a_flattened_price_list_extracts_priced_lines() -> None:
    text = "\n".join(
        [
            "Order Form",
            "Customer: Tamsin Row Dental Ltd",
            "Invoices to: ap@tamsinrow.test",
            "Start date: 1 February 2028. Term: 12 months.",
            "Item",
            "Quantity",
            "Unit price",
            "Billing",
            "Practice suite user",
            "8",
            "$42.00",
            "Monthly in advance",
            "Onboarding",
            "1",
            "$1,500.00",
            "Once",
            "Payment terms: net 30.",
        ]
    )
    lines = extract(read_document(text.encode(), "order.txt")).data["lines"]
    priced = {(line["charge_model"], str(line.get("unit_price") or line.get("amount"))) for line in lines}
    assert priced == {("per_seat", "42"), ("one_time", "1500.00")}


def test_prices_spelt_with_a_currency_prefix_a_leading_zero_or_included_are_figures() -> None:
    text = "\n".join(
        [
            "Parcels per month",
            "Price per parcel",
            "0 - 10,000",
            "Included in the base fee",
            "10,001 - 40,000",
            "NZ$0.35",
            "40,001 and above",
            "0,28",
            "Parcel charges are billed monthly in arrears.",
        ]
    )
    assert _rows(text)[1:] == [
        ("0 - 10,000", "Included in the base fee"),
        ("10,001 - 40,000", "NZ$0.35"),
        ("40,001 and above", "0,28"),
    ]


def test_a_flattened_label_value_form_is_read_as_two_cell_rows_up_to_the_next_tables_titles() -> None:
    text = "\n".join(
        [
            "Service Order",
            "Customer Name",
            "Ferrow Leisure Centres Ltd",
            "Billing Email",
            "payables@ferrow.test",
            "Service Start Date",
            "3 January 2028",
            "Payment Terms",
            "Net 21",
            "Module",
            "Quantity",
            "Unit price",
            "Booking engine",
            "5",
            "£60.00",
            "Member app",
            "1",
            "£240.00",
            "Prices are monthly.",
        ]
    )
    assert _rows(text) == [
        ("Customer Name", "Ferrow Leisure Centres Ltd"),
        ("Billing Email", "payables@ferrow.test"),
        ("Service Start Date", "3 January 2028"),
        ("Payment Terms", "Net 21"),
        ("Module", "Quantity", "Unit price"),
        ("Booking engine", "5", "£60.00"),
        ("Member app", "1", "£240.00"),
    ]
    # two labels in a row are not a pair; fewer than three pairs are left as they are
    assert _rows("Customer Name\nPoldark Inns\nBilling Email\nap@poldark.test\nThank you.\n") == []


def test_markdown_headings_labels_ending_in_to_and_addresses_do_not_make_a_table() -> None:
    text = (
        "## ORDER FORM\n\nSHIP TO\n\nMarrow & Vine Ltd\n\n14 Orchard Road, Leeds LS6 2AB\n\n"
        "orders@marrowvine.test\n\nDELIVERY DATE\n\n2028-02-01\n\nPAYMENT TERMS\n\nNet 30\n"
    )
    assert _rows(text) == []


def test_a_column_titled_by_a_sign_alone_opens_the_table() -> None:
    text = "#\nMilestone\nAmount\n1\nDesign approved\n$4,000.00\n2\nLaunch\n$6,000.00\nInvoiced on acceptance.\n"
    assert _rows(text)[0] == ("#", "Milestone", "Amount")


def test_an_item_named_with_a_figure_glued_to_letters_is_a_text_cell() -> None:
    text = "\n".join(
        [
            "Item",
            "Qty",
            "Monthly fee",
            "42U rack, 8 kW power",
            "2",
            "$900.00",
            "Cross-connect",
            "3",
            "$120.00",
            "Power drawn above the committed level is billed monthly in arrears.",
        ]
    )
    assert _rows(text)[1:] == [("42U rack, 8 kW power", "2", "$900.00"), ("Cross-connect", "3", "$120.00")]


def test_column_titles_naming_a_calendar_year_open_the_table() -> None:
    # a ramp by contract year, each year column titled with its calendar year ("Year 2 (2031)",
    # "FY2032"): the year is part of the title, not a figure that makes it a cell
    text = "\n".join(
        [
            "Ramp schedule for Okafor Freight Ltd",
            "Service",
            "Basis",
            "Year 1 (2030)",
            "Year 2 (2031)",
            "FY2032",
            "Route planner",
            "Annual fee",
            "£40,000",
            "£44,000",
            "£48,400",
            "Driver app",
            "Drivers x annual price",
            "80 x £150",
            "95 x £150",
            "110 x £140",
            "Each year is invoiced annually in advance.",
        ]
    )
    assert _rows(text) == [
        ("Service", "Basis", "Year 1 (2030)", "Year 2 (2031)", "FY2032"),
        ("Route planner", "Annual fee", "£40,000", "£44,000", "£48,400"),
        ("Driver app", "Drivers x annual price", "80 x £150", "95 x £150", "110 x £140"),
    ]
