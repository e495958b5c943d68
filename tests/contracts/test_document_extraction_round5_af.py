"""Round 5: the general causes of the first-run misses on the unseen batch AF (documents made by other
tool chains: Chromium-printed HTML, reportlab canvas drawing, python-docx layout and nested tables,
tab-stop price lists, LibreOffice PDF and DOCX, pdftotext and PDF-viewer text). Each cause is tested on
new text or a small file built in the test (no chromium or LibreOffice needed)."""

from __future__ import annotations

from decimal import Decimal

from tests.contracts.documents.batch_score import batch_score
from tests.contracts.documents.extract_helpers import extract_docx, extract_drawn_pdf, extract_text, priced

_text = extract_text
_docx = extract_docx
_priced = priced
_pdf = extract_drawn_pdf


def test_a_word_layout_table_is_read_cell_by_cell_with_its_nested_price_table() -> None:
    import docx

    document = docx.Document()
    layout = document.add_table(rows=2, cols=2)  # no style: the borderless grid a template lays the page out with
    layout.cell(0, 0).text = "Orchard Lane Bakeries Ltd\nBilling e-mail: ap@orchardlane.test\nLeeds LS2 7DJ"
    layout.cell(0, 1).text = "Start Date: 1 May 2029\nTerm: 24 months\nPayment Terms: 15 days"
    cell = layout.cell(1, 0).merge(layout.cell(1, 1))
    cell.text = "Fees"
    prices = cell.add_table(rows=3, cols=4)
    for r, row in enumerate(
        [
            ["Item", "Qty", "Price", "Billing"],
            ["Till licence, per user", "12", "£19.00", "Monthly"],
            ["Installation", "1", "£850.00", "One-off"],
        ]
    ):
        for c, text in enumerate(row):
            prices.cell(r, c).text = text
    data = _docx(document)
    assert data["start_date"] == "2029-05-01"
    assert data["end_date"] == "2031-05-01"
    assert data["customer"]["payment_terms_days"] == 15
    assert sorted(_priced(line) for line in data["lines"]) == [("one_time", Decimal(850)), ("per_seat", Decimal(19))]


def test_a_word_price_list_typed_on_tab_stops_is_a_table() -> None:
    import docx

    document = docx.Document()
    for text in (
        "Renewal confirmation",
        "Customer: Brackenfold Veterinary Group",
        "Renewal date: 1 March 2030",
        "Item\tUsers\tAnnual price",
        "Practice manager seats\t14\tEUR 360.00",
        "Online booking module\t1\tEUR 1.900,00",
        "Fees are invoiced annually in advance and payable within 30 days.",
    ):
        document.add_paragraph(text)
    data = _docx(document)
    assert sorted(_priced(line) for line in data["lines"]) == [("flat", Decimal(1900)), ("per_seat", Decimal(360))]
    seats = next(line for line in data["lines"] if line["charge_model"] == "per_seat")
    assert (seats["seats"], seats["billing_interval"]) == ("14", "year")


def test_a_fixed_fee_invoiced_on_the_milestones_below_is_the_schedules_total() -> None:
    data = _text(
        "Statement of Work 7\n\nClient: Pellmere Housing Co-op\n\nStart: 2030-01-07\n\n"
        "The project is delivered for a fixed fee of USD 18,000, invoiced on the milestones below.\n\n"
        "| Milestone | Share | Amount | Invoice date |\n|---|---|---|---|\n"
        "| Design approved | 40% | USD 7,200 | Jan 21, 2030 |\n"
        "| Handover | 60% | USD 10,800 | Mar 4, 2030 |\n"
    )
    assert [line["charge_model"] for line in data["lines"]] == ["milestone"]
    assert [m["amount"] for m in data["lines"][0]["milestones"]] == ["7200.00", "10800.00"]


def test_bands_beside_lone_prices_are_a_price_list_not_two_columns_of_text() -> None:
    data = _pdf(
        [
            (60, 780, "Usage schedule"),
            (60, 760, "Customer: Wrenfield Couriers Ltd"),
            (60, 745, "Start date: 1 June 2030"),
            (60, 720, "Parcels are priced in graduated bands, each price applying to the parcels within its band:"),
            (60, 700, "Parcels per month"),
            (300, 700, "Price per parcel"),
            (60, 686, "0 - 5,000"),
            (300, 686, "$0.40"),
            (60, 672, "5,001 - 25,000"),
            (300, 672, "$0.30"),
            (60, 658, "over 25,000"),
            (300, 658, "$0.25"),
            (60, 630, "Invoiced monthly in arrears, payable within 30 days."),
        ]
    )
    tiers = [line for line in data["lines"] if line["charge_model"] == "graduated"]
    prices = [Decimal(tier["unit_price"]) for tier in tiers[0]["tiers"]]
    assert prices == [Decimal("0.4"), Decimal("0.3"), Decimal("0.25")]


def test_the_customer_column_beside_another_titled_column_is_read_column_after_column() -> None:
    data = _pdf(
        [
            (60, 790, "Halvard Analytics AS"),
            (-540, 790, "ORDER"),
            (60, 740, "Customer"),
            (320, 740, "Order details"),
            (60, 726, "Quayle Fisheries Cooperative"),
            (320, 726, "Period: 1 February 2031 - 31 January 2032"),
            (60, 712, "Harbour Road 9, Tromso"),
            (320, 712, "Payment: 20 days net"),
            (60, 698, "Invoices: ledger@quaylefish.test"),
            (60, 660, "Description"),
            (-380, 660, "Qty"),
            (-460, 660, "Unit price"),
            (-540, 660, "Amount"),
            (60, 644, "Catch reporting seats (per seat per year)"),
            (-380, 644, "9"),
            (-460, 644, "$300.00"),
            (-540, 644, "$2,700.00"),
            (60, 610, "Invoiced annually in advance."),
        ]
    )
    assert data["customer"]["name"] == "Quayle Fisheries Cooperative"
    assert (data["start_date"], data["end_date"]) == ("2031-02-01", "2032-02-01")
    assert data["customer"]["payment_terms_days"] == 20


def test_a_plural_fees_line_equal_to_the_fees_and_seat_totals_above_is_their_sum() -> None:
    data = _text(
        "Order confirmation\n\nCustomer: Tallow Creek Brewing Co.\n\nStart date: 2 January 2031\n\n"
        "| Description | Qty | Unit price | Amount |\n|---|---|---|---|\n"
        "| Brewhouse platform (monthly) | 1 | $650.00 | $650.00 |\n"
        "| Taproom seats (per seat per month) | 6 | $45.00 | $270.00 |\n\n"
        "Monthly charges $920.00\n\nAll fees are billed monthly in advance.\n"
    )
    assert sorted(_priced(line) for line in data["lines"]) == [("flat", Decimal(650)), ("per_seat", Decimal(45))]


def test_pdftotext_layout_rows_whose_cells_are_centred_in_the_row_are_joined_per_row() -> None:
    # a browser's table (cells centred vertically) as pdftotext -layout prints it: a one-line cell sits on
    # the middle line of its row, between the lines of a wrapped neighbour
    data = _text(
        "Quotation 5521\n\nCustomer: Larkspur Ceramics LLC\n\nStart date: May 1, 2031\n\n"
        "Item              Details                                                  Price\n"
        "Prepaid lab       $5,000.00 of usage credits, invoiced on signature;\n"
        "                                                                       $4,500.00\n"
        "credits           credits expire on June 30, 2032\n"
        "                                                                        $300.00 /\n"
        "Kiln monitoring   Monthly, billed in advance\n"
        "                                                                          month\n"
        "\nPayment terms: net 30 days.\n"
    )
    credit = next(line for line in data["lines"] if line["charge_model"] == "prepaid_credit")
    assert (Decimal(credit["amount"]), Decimal(credit["price"])) == (Decimal(5000), Decimal(4500))
    assert credit["expires_on"] == "2032-06-30"
    assert [_priced(line) for line in data["lines"] if line is not credit] == [("flat", Decimal(300))]


def test_a_row_without_a_quantity_whose_description_names_the_unit_is_a_usage_price() -> None:
    data = _text(
        "Order Form\n\nCustomer: Fernhill Vets Ltd\n\nStart date: 1 April 2031\n\n"
        "| Product | Description | Qty | Unit price | Billing |\n|---|---|---|---|---|\n"
        "| Practice licence | Whole practice, flat | 1 | $390.00 | Monthly in advance |\n"
        "| Lab results import | From partner labs, per report imported | - | $0.12 | Monthly in arrears |\n"
    )
    usage = [line for line in data["lines"] if line["charge_model"] == "per_unit"]
    assert [Decimal(line["unit_price"]) for line in usage] == [Decimal("0.12")]


def test_a_facts_grid_of_two_label_value_pairs_per_line_is_read_pair_by_pair() -> None:
    data = _pdf(
        [
            (60, 790, "Subscription Order"),
            (60, 770, "Customer: Ashgrove Rowing Club"),
            (60, 740, "Go-live date"),
            (170, 740, "June 3, 2031"),
            (320, 740, "Minimum term"),
            (430, 740, "24 months"),
            (60, 726, "Terms"),
            (170, 726, "Net 10"),
            (320, 726, "Region"),
            (430, 726, "EU"),
            (60, 690, "Club management platform: EUR 150.00 per month, billed monthly in advance."),
        ]
    )
    assert (data["start_date"], data["end_date"]) == ("2031-06-03", "2033-06-03")


def test_batch_af_holds_its_floor() -> None:
    total = batch_score("batch_af")
    assert total.f1 >= 0.95, total.misses


def test_an_amount_under_a_minimum_spend_heading_is_the_minimum_commitment() -> None:
    data = _text(
        "Pricing Schedule\n\nMerchant: Oakvale Cinemas Ltd\n\nEffective date: 1 March 2031\n\n"
        "Booking fees\n\nEach online booking: $0.25, invoiced monthly in arrears.\n\n"
        "Card surcharge: 1.2% of the ticket value, invoiced monthly in arrears.\n\n"
        "Minimum monthly charges\n\nBooking fees and surcharges together: $900.00 per month\n\n"
        "Payment within 14 days.\n"
    )
    # a minimum (of the contract, or of the usage line it is read against), not a flat monthly fee
    minimums = [line.get("minimum_amount") for line in data["lines"]]
    minimums.append((data["minimum_commitment"] or {}).get("amount"))
    assert "900.00" in minimums
    assert sorted(line["charge_model"] for line in data["lines"]) == ["per_unit", "percentage"]


def test_a_company_suffix_pte_ltd_does_not_end_the_sentence() -> None:
    data = _text(
        "Order Form\n\nCustomer\nHarbourfront Tiles Pte. Ltd.\n10 Jalan Kilang\n\nStart date: 1 July 2031\n\n"
        "Inventory seats: SGD 25.00 per user per month for 12 users, billed monthly in advance.\n"
    )
    assert data["customer"]["name"] == "Harbourfront Tiles Pte. Ltd."


def test_an_allowance_per_calendar_month_is_not_calendar_billing() -> None:
    data = _text(
        "Order\n\nCustomer: Brightmoor Libraries\n\nStart date: 14 August 2031\n\n"
        "Catalogue platform: $700 per month, billed monthly in advance.\n\n"
        "The first 50,000 searches in each calendar month are included; further searches cost $0.001 each, "
        "invoiced monthly in arrears.\n"
    )
    assert data["billing_alignment"] == "anniversary"


def test_packages_above_an_allowance_take_their_own_sentences_cadence() -> None:
    data = _text(
        "Order\n\nCustomer: Pinecrest Tourism Board\n\nStart date: 1 May 2031\n\n"
        "The hosting platform is invoiced annually in advance.\n\n"
        "The first 500,000 page views in a month are included; page views above that are charged at £0.80 per "
        "block of 10,000 page views, invoiced monthly in arrears.\n"
    )
    packages = [line for line in data["lines"] if line["charge_model"] == "package"]
    found = [(p["package_size"], Decimal(p["package_price"]), p["free_units"], p["billing_interval"]) for p in packages]
    assert found == [("10000", Decimal("0.8"), "500000", "month")]


def test_a_package_row_restated_in_a_note_below_the_table_is_one_line() -> None:
    data = _text(
        "Order confirmation\n\nCustomer: Quarry Lane Surveyors\n\nStart date: 1 May 2031\n\n"
        "| Description | Unit price | Billing |\n|---|---|---|\n"
        "| Tile overage beyond 100,000 per month | $2.00 / 1,000 | monthly in arrears |\n\n"
        "Notes\n\n1. The first 100,000 map tiles each month are included; tiles above that are charged at $2.00 "
        "per block of 1,000 tiles, invoiced monthly in arrears.\n"
    )
    assert [line["charge_model"] for line in data["lines"]] == ["package"]
