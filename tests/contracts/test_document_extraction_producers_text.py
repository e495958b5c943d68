"""Producer invariance for pasted text: tables pasted as CSV (commas, cells with a comma quoted) or as
a European spreadsheet's semicolon export, and text copied out of a PDF viewer
(bench/extraction_producers.py's text-csv, text-semicolon, pdfcopy-spaces and pdfcopy-tabs
producers, bench/producers_text.py). Each test covers one general cause found there, on new text."""

from __future__ import annotations

from decimal import Decimal

from contracts.documents import extract, read_document
from tests.contracts.documents.extract_helpers import figures as _figures
from tests.contracts.documents.extract_helpers import text_rows as _rows


def test_csv_rows_pasted_into_text_are_a_table() -> None:
    text = (
        "Order for Brambleworth Veterinary Group\n\n"
        "Our fees, as agreed on the call:\n\n"
        "Service,Quantity,Unit price,Billing\n"
        'Clinic scheduling licence,14,"$1,150.00",Annual\n'
        'Records migration,1,"$3,400.00",One-time\n\n'
        "Invoices are payable within 30 days.\n"
    )
    assert _rows(text) == [
        ("Service", "Quantity", "Unit price", "Billing"),
        ("Clinic scheduling licence", "14", "$1,150.00", "Annual"),
        ("Records migration", "1", "$3,400.00", "One-time"),
    ]
    lines = extract(read_document(text.encode(), "order.txt")).data["lines"]
    assert [_figures(line, "unit_price", "seats") for line in lines][:1] == [(Decimal("1150"), Decimal("14"))]


def test_running_text_with_commas_is_no_csv_table() -> None:
    text = (
        "First 1,000,000 lookups each month: $0.002 each\n"
        "Next 4,000,000 lookups each month: $0.0015 each\n"
        "Prices are in USD, exclude tax, and are fixed for the term.\n"
    )
    assert _rows(text) == []


def test_csv_row_with_a_bare_comma_between_figures_stays_a_row_when_the_run_is_csv() -> None:
    # "1,250" here is two cells (a spreadsheet quotes a figure with a thousands comma)
    text = 'Band,From,To,Rate\n1,1,250,$0.90\n2,251,"2,500",$0.70\n'
    assert _rows(text) == [
        ("Band", "From", "To", "Rate"),
        ("1", "1", "250", "$0.90"),
        ("2", "251", "2,500", "$0.70"),
    ]


def test_semicolon_export_with_decimal_commas_reads_its_figures() -> None:
    text = (
        "Bestellung / Order: Kestrelmoor Bau GmbH\n\n"
        "Position;Menge;Einzelpreis;Abrechnung\n"
        "Projektportal Lizenz;2.000;3,75 €;monatlich\n"
        "Einrichtung;1;1.250,00 €;einmalig\n"
    )
    assert _rows(text) == [
        ("Position", "Menge", "Einzelpreis", "Abrechnung"),
        ("Projektportal Lizenz", "2,000", "3.75 €", "monatlich"),
        ("Einrichtung", "1", "1,250.00 €", "einmalig"),
    ]


def test_semicolon_rows_with_english_figures_keep_them() -> None:
    text = "Item;Qty;Price\nSeat licence;12;$1,050.00\nOnboarding;1;$2.50\n"
    assert _rows(text)[1:] == [("Seat licence", "12", "$1,050.00"), ("Onboarding", "1", "$2.50")]


def test_a_cell_wrapped_under_its_tab_separated_row_joins_its_first_cell() -> None:
    # as a PDF viewer copies a table: a row per visual line, cells split by tabs, the rest of a
    # wrapped description on a line of its own
    text = (
        "Payment plan for the warehouse scanner rollout\n"
        "Stage\tDue\tAmount\n"
        "Site survey and network\tMarch 2, 2027\t$8,500\n"
        "readiness report\n"
        "Scanner installation\tApril 20, 2027\t$21,000\n"
        "and staff training\n"
        "All amounts exclude sales tax.\n"
    )
    assert _rows(text) == [
        ("Stage", "Due", "Amount"),
        ("Site survey and network readiness report", "March 2, 2027", "$8,500"),
        ("Scanner installation and staff training", "April 20, 2027", "$21,000"),
    ]


def test_a_lower_case_sentence_after_a_tab_separated_table_stays_text() -> None:
    text = "Item\tQty\tPrice\nLicence\t5\t$40.00\nplease note that prices are fixed for the first year.\n"
    assert _rows(text) == [("Item", "Qty", "Price"), ("Licence", "5", "$40.00")]


def test_lines_with_decimal_commas_are_no_csv_rows() -> None:
    # a PDF viewer's copy of a European price table: cells split by single spaces
    text = "Stufe Menge Preis\n1 0 - 100 18,50 EUR\n2 101 - 500 14,00 EUR\n"
    blocks = read_document(text.encode("utf-8"), "order.txt").blocks
    assert "18,50 EUR" in "\n".join(block.text for block in blocks)  # the amount stays whole
    assert all(cells[-1] != "50 EUR" for cells in _rows(text))


def test_a_wrapped_cell_goes_on_the_cell_that_stops_mid_phrase() -> None:
    text = (
        "Charge\tPrice\tCharged for\n"
        "Parcel label\t$0.45\tEach domestic, international,\n"
        "Returns label or relabel\n"
        "Storage\t$18.00\tEach pallet, per month (first\n"
        "10 pallets free)\n"
        "Invoices are sent monthly.\n"
    )
    assert _rows(text) == [
        ("Charge", "Price", "Charged for"),
        ("Parcel label", "$0.45", "Each domestic, international, Returns label or relabel"),
        ("Storage", "$18.00", "Each pallet, per month (first 10 pallets free)"),
    ]


def test_a_single_spaced_table_under_its_titles_is_split_by_cell_types() -> None:
    # a PDF viewer's select-all copy: a table's cells joined by single spaces, a first cell wrapped
    text = (
        "Schedule A - Fees\n"
        "Product Seats Unit price Monthly fee (USD)\n"
        "Fleet tracking portal with offline 25 $18.00 $450.00\n"
        "maps\n"
        "Driver app 40 $6.50 $260.00\n"
        "Charges are invoiced monthly in advance.\n"
    )
    assert _rows(text) == [
        ("Product", "Seats", "Unit price", "Monthly fee (USD)"),
        ("Fleet tracking portal with offline maps", "25", "$18.00", "$450.00"),
        ("Driver app", "40", "$6.50", "$260.00"),
    ]
    lines = extract(read_document(text.encode(), "order.txt")).data["lines"]
    assert [_figures(line, "unit_price", "seats") for line in lines][:1] == [(Decimal("18"), Decimal("25"))]


def test_single_spaced_text_columns_stay_in_the_first_cell() -> None:
    # a text column ("Grade") has no type to split it by: it stays with the row's first cell
    text = "Role Grade Day rate (£)\nSolution Architect Lead 950.00\nTester Junior 420.00\n"
    assert _rows(text) == [
        ("Role Grade", "Day rate (£)"),
        ("Solution Architect Lead", "950.00"),
        ("Tester Junior", "420.00"),
    ]


def test_prose_and_label_value_lines_are_no_single_spaced_table() -> None:
    text = (
        "Term: 24 months\n"
        "Billing: monthly\n"
        "Total price 1,200.00\n"
        "The fee for the first year is 1,200.00\n"
        "and the fee for the second year is 1,300.00\n"
        "Payment term 30\n"
    )
    assert _rows(text) == []


def test_a_single_spaced_unit_column_of_per_phrases_keeps_its_own_cells() -> None:
    text = (
        "Item Unit Rate\n"
        "Address lookups per 500 queries $2.00\n"
        "Fax relay per page $0.04\n"
        "Payment terms: Net 15.\n"
        "Page 1 of 1\n"
    )
    assert _rows(text) == [
        ("Item", "Unit", "Rate"),
        ("Address lookups", "per 500 queries", "$2.00"),
        ("Fax relay", "per page", "$0.04"),
    ]
