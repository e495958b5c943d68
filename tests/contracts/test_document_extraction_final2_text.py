"""Second final batch (plain text, f2_15 to f2_20): the general causes of its misses, each held by
new text: an ERP report's fixed-width quote (its header fields laid out across one line, coded units
of measure, a note that works the price out from a monthly rate, "Price | Amount" columns told apart
by arithmetic, abbreviated labels), ..."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.contracts.documents.extract_helpers import extract_text


def _lines(data: dict) -> list[tuple]:  # type: ignore[type-arg]
    return [
        (
            line["charge_model"],
            Decimal(line.get("amount") or line.get("unit_price") or line.get("package_price") or "0"),
            line.get("seats"),
            line.get("billing_interval_count"),
            line.get("billing_interval"),
        )
        for line in data["lines"]
    ]


def test_header_fields_laid_out_across_one_line_are_read_each() -> None:
    data = extract_text(
        "ORDER ACKNOWLEDGEMENT                                     REF  OA-5521\n\n"
        "BUYER: Tolvik Marine Services AS\n\n"
        "PAYMENT: 20 DAYS   CURRENCY:  NOK   START DATE:   2028-02-01   TERM: 12 MONTHS\n\n"
        "Item                        Qty     Unit price      Total\n"
        "Vessel tracking licence      14         310.00   4,340.00\n"
        "Shore gateway                 1       1,200.00   1,200.00\n\n"
        "All items are billed monthly in advance.\n"
    )
    assert data["currency"] == "NOK"
    assert data["start_date"] == "2028-02-01"
    assert data["end_date"] == "2029-02-01"
    assert data["customer"]["payment_terms_days"] == 20
    assert ("per_seat", Decimal("310"), "14", 1, "month") in _lines(data)


def test_a_label_with_its_value_aligned_further_right_stays_one_field() -> None:
    data = extract_text(
        "Client:      Orrin & Vale Architects LLP        Currency:     GBP\n\n"
        "Design review retainer: GBP 2,750 per month, invoiced monthly in advance.\n"
    )
    assert data["customer"]["name"] == "Orrin & Vale Architects LLP"
    assert data["currency"] == "GBP"


_ERP_QUOTE = (
    "BRAEMOOR SOFTWARE INC.                                         QUOTE  Q-20931\n"
    "SHIP TO: Kestrel Grain Co-op                                   DATE   2028-03-14\n\n"
    "CURR: CAD          EFFECTIVE: 2028-04-01          TERM: 12 MONTHS\n"
    "=====================================================================================\n"
    "LINE  PART           DESCRIPTION                       QTY  U/M        PRICE      AMOUNT\n"
    "----  -------------  ------------------------------  -----  -----  --------  ----------\n"
    "   1  BRM-DISP-U     Dispatch console user              40  {uom}  {price:>8}  {amount:>10}\n"
    "                     ({note}billed {cycle} in\n"
    "                     advance)\n"
    "   2  BRM-TEL        Telematics feed                      1  QTR    1,450.00    1,450.00\n"
    "   3  BRM-ONB        Onboarding workshop (one-time)       1  EA     4,800.00    4,800.00\n"
    "-------------------------------------------------------------------------------------\n"
    "                                                  QUARTERLY RECURRING     {recurring}\n"
)


def test_fixed_width_erp_quote_with_coded_units_and_an_abbreviated_currency_label() -> None:
    from contracts.documents import read_document

    text = _ERP_QUOTE.format(
        uom="USR/Q", price="84.00", amount="3,360.00", note="", cycle="quarterly", recurring="4,810.00"
    )
    blocks = read_document(text.encode(), "quote.txt").blocks
    # the header fields above the table's rule are fields, not the table's first row
    assert [b.text for b in blocks if not b.cells][-4:-1] == ["CURR: CAD", "EFFECTIVE: 2028-04-01", "TERM: 12 MONTHS"]
    data = extract_text(
        _ERP_QUOTE.format(
            uom="USR/Q", price="84.00", amount="3,360.00", note="", cycle="quarterly", recurring="4,810.00"
        )
    )
    assert data["currency"] == "CAD"
    assert data["start_date"] == "2028-04-01"
    assert sorted(_lines(data)) == [
        ("flat", Decimal("1450.00"), None, 3, "month"),
        ("one_time", Decimal("4800.00"), None, None, None),
        ("per_seat", Decimal("84.00"), "40", 3, "month"),
    ]


def test_a_note_working_the_price_out_from_a_monthly_rate_does_not_scale_the_price_cell() -> None:
    data = extract_text(
        _ERP_QUOTE.format(
            uom="USR/Q",
            price="84.00",
            amount="3,360.00",
            note="28.00 per user per month, ",
            cycle="quarterly",
            recurring="4,810.00",
        )
    )
    assert ("per_seat", Decimal("84.00"), "40", 3, "month") in _lines(data)


def test_price_and_amount_columns_told_apart_by_the_quantity() -> None:
    """ "PRICE | AMOUNT" without "unit" in either title: the amount is the price times the quantity."""
    data = extract_text(
        _ERP_QUOTE.format(
            uom="LIC/MO", price="26.50", amount="1,060.00", note="", cycle="monthly", recurring="2,510.00"
        )
    )
    assert ("per_seat", Decimal("26.50"), "40", 1, "month") in _lines(data)


@pytest.mark.parametrize(
    "example",
    [
        "By way of example only, Gross Receipts of USD 90,000 in a quarter give a royalty of USD 5,400.",
        "As an example, Gross Receipts of USD 90,000 in a quarter result in a royalty of USD 5,400.",
        "Worked example: Gross Receipts of USD 90,000 in a quarter; royalty due USD 5,400.",
    ],
)
def test_a_worked_example_in_a_licence_is_not_a_charge(example: str) -> None:
    data = extract_text(
        "SOFTWARE DISTRIBUTION AGREEMENT\n\n"
        'This Agreement is made between Quillon Games Ltd (the "Licensor") and Harbourlight Interactive Inc '
        '(the "Distributor").\n\n'
        "4. ROYALTIES\n\n"
        "4.1 The Distributor shall pay the Licensor a signing fee of USD 25,000, payable within 30 days of "
        "signature.\n\n"
        "4.2 The Distributor shall pay a royalty of six per cent (6%) of Gross Receipts in each calendar "
        "quarter, invoiced quarterly in arrears.\n\n"
        f"4.3 {example}\n"
    )
    amounts = [Decimal(line.get("amount") or "0") for line in data["lines"]]
    assert Decimal("90000") not in amounts
    assert Decimal("5400") not in amounts
    assert [line["charge_model"] for line in data["lines"]].count("percentage") == 1


@pytest.mark.parametrize(
    ("line", "price"),
    [
        ("Field Ops Suite ........ 40 users x EUR 45.00/user/month  (15% off)  = EUR 1,530.00/month", "38.25"),
        ("Field Ops Suite: 12 users x EUR 60.00 per user per month, 5% discount, total EUR 684.00 per month", "57.00"),
        (
            "Field Ops Suite .... 14 licences x EUR 38.00/licence/month (5% multi-site discount) = EUR 505.40/month",
            "36.10",
        ),
        ("Field Ops Suite: 20 users x EUR 50.00 per user per month less 12.5% = EUR 875.00 per month", "43.75"),
    ],
)
def test_a_discount_worked_into_the_lines_total_gives_the_net_price(line: str, price: str) -> None:
    data = extract_text(
        "Quote Q-5530 for Brightwater Surveyors GmbH\n\n"
        "Order details\n"
        f"  {line}\n\n"
        "Billed monthly in advance from 1 May 2028. Term: 12 months.\n"
    )
    seats = [item for item in data["lines"] if item["charge_model"] == "per_seat"]
    assert len(seats) == 1
    assert Decimal(seats[0]["unit_price"]) == Decimal(price)


def test_a_discount_without_a_stated_total_leaves_the_price() -> None:
    data = extract_text(
        "Quote Q-5531 for Brightwater Surveyors GmbH\n\n"
        "Field Ops Suite: 40 users x EUR 45.00 per user per month. A 15% discount applies to orders "
        "above 100 users.\n\nBilled monthly in advance from 1 May 2028.\n"
    )
    assert Decimal(data["lines"][0]["unit_price"]) == Decimal("45.00")


def test_a_quote_prepared_by_the_vendor_for_the_customer_names_the_customer() -> None:
    data = extract_text(
        "Proposal P-118 | Valid 30 days\n"
        "Issued by Calloway Digital Ltd for Pennant Veterinary Partners LLP\n\n"
        "Practice management platform ........ GBP 1,850.00/month\n"
        "Billed monthly in advance, starting 1 June 2028.\n"
    )
    assert data["customer"]["name"] == "Pennant Veterinary Partners LLP"


def test_a_salespersons_title_beside_the_vendor_in_a_signature_is_not_the_customer() -> None:
    data = extract_text(
        "From: Theo Marsh <theo.marsh@brightlane.test>\n"
        "To: Ines Duarte <ines@corvinapharmacy.test>\n"
        "Subject: Brightlane Inventory - confirmed pricing for Corvina Pharmacy Ltd\n\n"
        "Hi Ines,\n\n"
        "As discussed, here is the pricing for Corvina Pharmacy Ltd:\n\n"
        "- Inventory Cloud: 8 users at $35 per user per month, billed monthly in advance\n"
        "- Start date: 1 March 2028\n\n"
        "Kind regards,\n"
        "Theo Marsh\n"
        "Senior Account Executive | Brightlane Software\n"
    )
    assert data["customer"]["name"] == "Corvina Pharmacy Ltd"


def _paged_report(page_break: str) -> str:
    header = (
        "TREVANCE FLEET SOFTWARE S.L.                               OFERTA / QUOTATION\n"
        "Quote TQ-2029-118                                          Page {page} of 2\n"
    )
    columns = "Ln   Description                                  Qty       Price        Amount\n"
    return (
        header.format(page=1)
        + "Customer: Transportes Albera S.A.\n"
        + "Currency: EUR        Start date: 01.03.2029        Term: 24 months\n"
        + columns
        + "  1  Route planner, named dispatcher               18       52.00        936.00\n"
        + "     (per user per month, billed monthly in\n"
        + "     advance)\n"
        + "  2  Telematics data feed                           1    2,400.00      2,400.00\n"
        + "     (billed quarterly in advance)\n"
        + page_break
        + header.format(page=2)
        + columns
        + "  3  Driver app rollout (one-time)                  1    6,250.00      6,250.00\n"
        + "                                       Total first invoice             9,586.00\n"
    )


@pytest.mark.parametrize("page_break", ["", "\f"])
def test_a_report_with_its_page_header_repeated_inside_the_table(page_break: str) -> None:
    data = extract_text(_paged_report(page_break))
    assert data["currency"] == "EUR"
    assert data["start_date"] == "2029-03-01"
    assert sorted(_lines(data)) == [
        ("flat", Decimal("2400.00"), None, 3, "month"),
        ("one_time", Decimal("6250.00"), None, None, None),
        ("per_seat", Decimal("52.00"), "18", 1, "month"),
    ]


_TWO_LINE_TITLES = (
    "OSTERLEY PRINT SERVICES LTD                                   QUOTATION QP-7731\n"
    "CUSTOMER   Fenwick & Rowe Solicitors LLP\n\n"
    "TERMS   NET 21        CURRENCY   GBP        START   2028-09-01        TERM   36 MONTHS\n\n"
    "                                                  {top1:>9}    {top2:>11}\n"
    "CODE       DESCRIPTION                    QTY        PRICE          PRICE\n"
    "{rule}\n"
    "OPS-MFD    Managed copier, per device      6        145.00         870.00\n"
    "OPS-INST   Delivery and setup, one time    1        900.00         900.00\n"
    "{rule}\n"
    "                                      MONTHLY CHARGES                870.00\n\n"
    "Rental charges are invoiced monthly in advance.\n"
)


def test_report_header_labels_without_colons_beside_their_values() -> None:
    data = extract_text(_TWO_LINE_TITLES.format(top1="UNIT", top2="EXTENDED", rule="-" * 78))
    assert data["currency"] == "GBP"
    assert data["start_date"] == "2028-09-01"
    assert data["end_date"] == "2031-09-01"
    assert data["customer"]["payment_terms_days"] == 21


@pytest.mark.parametrize("rule", ["-" * 78, "=" * 78])
def test_a_table_with_two_line_titles_and_a_rule_under_them(rule: str) -> None:
    data = extract_text(_TWO_LINE_TITLES.format(top1="UNIT", top2="EXTENDED", rule=rule))
    assert sorted(_lines(data)) == [
        ("one_time", Decimal("900.00"), None, None, None),
        ("per_seat", Decimal("145.00"), "6", 1, "month"),
    ]


def test_a_heading_over_a_table_is_not_its_titles_first_line() -> None:
    from contracts.documents import read_document

    document = read_document(
        b"Recurring services\n"
        b"Item                 Qty     Unit price\n"
        b"Managed copier         6         145.00\n"
        b"Toner plan             6          38.00\n",
        "quote.txt",
    )
    assert document.blocks[0].text == "Recurring services"
    assert document.blocks[1].cells == ("Item", "Qty", "Unit price")


def test_a_cadence_in_the_first_line_of_two_line_titles() -> None:
    data = extract_text(
        "Order form for Brenna Cold Storage Ltd\n"
        "Currency: EUR\n"
        "Start date: 1 February 2029\n\n"
        "                                   QUARTERLY\n"
        "MODULE                   SITES          CHARGE\n"
        "----------------------------------------------\n"
        "Temperature logging          5        2,250.00\n"
        "Audit trail export           1          600.00\n"
    )
    assert [(line[3], line[4]) for line in _lines(data)] == [(3, "month"), (3, "month")]


def test_a_german_erp_offer_with_coded_units_and_a_totals_line_under_the_rows() -> None:
    from contracts.documents import read_document

    text = (
        "RHEINTAL SOFTWARE GMBH                                      ANGEBOT NR. A-2029-0311\n"
        "Kunde: Seilbahnen Feldberg GmbH                             Datum: 04.02.2029\n\n"
        "Währung: EUR        Vertragsbeginn: 01.04.2029        Laufzeit: 24 Monate\n\n"
        "Pos. Artikel     Bezeichnung                        Menge  Einheit     Preis          Betrag\n"
        "---- ----------- ---------------------------------- ------ -------- --------- -------------\n"
        "  10 RS-ZUTR     Zutrittssystem, Plattform               1 Mt.       1.980,00      1.980,00\n"
        "  20 RS-TERM     Drehkreuz-Terminal                     24 Stk./Mt.     42,50      1.020,00\n"
        "  30 RS-INST     Installation (einmalig)                 1 Pauschal  6.400,00      6.400,00\n"
        "                                                             Summe monatlich      3.000,00\n"
        "                                                             Total einmalig       6.400,00\n"
    )
    rows = [block.cells for block in read_document(text.encode(), "offer.txt").blocks if block.cells]
    assert rows[-1] == ("30", "RS-INST", "Installation (einmalig)", "1", "Pauschal", "6.400,00", "6.400,00")
    data = extract_text(text)
    assert data["currency"] == "EUR"
    assert data["start_date"] == "2029-04-01"
    assert sorted(_lines(data)) == [
        ("flat", Decimal("1980.00"), None, 1, "month"),
        ("one_time", Decimal("6400.00"), None, None, None),
        ("per_seat", Decimal("42.50"), "24", 1, "month"),
    ]


def test_a_form_laid_out_as_a_grid_keeps_a_value_wrapped_in_its_column() -> None:
    """Label / value pairs side by side on each line (pdftotext -layout of a form): still a grid whose
    wrapped value ("Harbour Logistics" over "Holdings plc") joins up, not fields of one line each."""
    data = extract_text(
        "Order Form\n"
        "Customer              Larkfield Harbour           Quote #              Q-90314\n"
        "                      Holdings plc\n"
        "Bill-to email         ap@larkfield.test           Start Date           2028-10-01\n"
        "Payment Terms         Net 45                      End Date             2029-09-30\n\n"
        "Product                        Price                         Billing\n"
        "Berth scheduling               £4,200.00 / month             Monthly in advance\n"
    )
    assert data["customer"]["name"] == "Larkfield Harbour Holdings plc"
    assert data["customer"]["payment_terms_days"] == 45
