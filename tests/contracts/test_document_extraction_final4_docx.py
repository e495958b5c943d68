"""The general causes of the misses on the DOCX documents of the fourth final batch (a small table
nested in an item table's cell, currency signs written after the amount, ...). Each cause is tested on
new content written for the test."""

from __future__ import annotations

from decimal import Decimal

from tests.contracts.documents.extract_helpers import extract_docx, extract_docx_table


def test_an_item_table_with_a_small_table_nested_in_a_price_cell_is_read_as_rows() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Order Form Q-5521")
    document.add_paragraph("Customer: Brackenfield Dairy Cooperative Ltd")
    document.add_paragraph("Currency: EUR. Start date: 1 March 2029.")
    table = document.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    for c, title in enumerate(["Product", "Charge", "Invoicing"]):
        table.cell(0, c).text = title
    table.cell(1, 0).text = "Herd tracker, 31 collars"
    table.cell(1, 1).text = "EUR 12.50 per collar per month"
    table.cell(1, 2).text = "monthly in advance"
    table.cell(2, 0).text = "Milk quality reports"
    cell = table.cell(2, 1)
    cell.text = "Bundles of 200 reports:"
    inner = cell.add_table(rows=2, cols=2)
    inner.cell(0, 0).text = "Bundle size"
    inner.cell(0, 1).text = "200"
    inner.cell(1, 0).text = "Price per bundle"
    inner.cell(1, 1).text = "EUR 18.00"
    table.cell(2, 2).text = "monthly in arrears"
    table.cell(3, 0).text = "Onboarding workshop"
    table.cell(3, 1).text = "EUR 2,150.00 one-time"
    table.cell(3, 2).text = "invoiced on 20 March 2029"

    lines = extract_docx(document)["lines"]

    assert [line["charge_model"] for line in lines] == ["per_seat", "package", "one_time"]
    assert (Decimal(lines[0]["unit_price"]), lines[0]["seats"]) == (Decimal("12.50"), "31")
    assert Decimal(lines[1]["package_size"]) == 200
    assert Decimal(lines[1]["package_price"]) == 18
    assert lines[1]["billing_timing"] == "in_arrears"
    assert Decimal(lines[2]["amount"]) == Decimal("2150")


def test_a_zloty_or_koruna_sign_written_after_the_amount_is_money() -> None:
    data = extract_docx_table(
        ["Objednávka / Order", "Customer: Vltava Bike Rental s.r.o.", "Currency: CZK"],
        [
            ["Item", "Price", "Billing"],
            ["Fleet app, 17 bikes", "95,00 Kč per bike per month", "monthly in advance"],
            ["Setup", "7 300,00 Kč one-time", "invoiced on 02.04.2029"],
        ],
    )
    lines = data["lines"]
    assert [line["charge_model"] for line in lines] == ["per_seat", "one_time"]
    assert Decimal(lines[0]["unit_price"]) == 95
    assert lines[0]["seats"] == "17"
    assert Decimal(lines[1]["amount"]) == 7300

    lines = extract_docx_table(
        ["Zamówienie", "Customer: Bursztyn Optyk Sp. z o.o.", "Currency: PLN"],
        [["Item", "Price"], ["Clinic portal", "310,00 zł per month, billed monthly in advance"]],
    )["lines"]
    assert [(line["charge_model"], Decimal(line["amount"])) for line in lines] == [("flat", Decimal("310"))]


def _priced_plan_with_choice(title: str, options: list[str]):  # type: ignore[no-untyped-def]
    import docx

    document = docx.Document()
    document.add_paragraph("Proposal 88-K")
    document.add_paragraph("Customer: Larchmont Veterinary Group Ltd")
    document.add_paragraph("Currency: GBP")
    table = document.add_table(rows=2, cols=3)
    for c, text in enumerate(["Service", "Price per month", "Annual amount"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["Clinic scheduler", "£450.00", "£5,400.00"]):
        table.cell(1, c).text = text
    document.add_paragraph(title)
    for option in options:
        document.add_paragraph(option)
    return [
        (line["charge_model"], Decimal(line["amount"]), line["billing_interval"])
        for line in extract_docx(document)["lines"]
    ]


def test_a_billing_choice_ticked_on_its_own_line_under_a_title_applies_to_the_fees() -> None:
    yearly = _priced_plan_with_choice("Invoicing frequency", ["☐ Monthly", "☐ Quarterly", "☒ Yearly"])
    assert yearly == [("flat", Decimal("5400"), "year")]

    chosen = ["☐ Monatlich im Voraus / Monthly in advance", "☒ Jährlich im Voraus / Annually in advance"]
    assert _priced_plan_with_choice("Abrechnung / Billing", chosen) == [("flat", Decimal("5400"), "year")]

    monthly = _priced_plan_with_choice("Invoicing", ["☒ Monthly in advance", "☐ Annually in advance"])
    assert monthly == [("flat", Decimal("450"), "month")]


def test_a_count_times_a_rate_in_the_item_with_the_extended_amount_beside_it_is_per_seat() -> None:
    data = extract_docx_table(
        ["Renewal notice", "Customer: Saltmarsh Freight Pte Ltd", "All fees are invoiced annually in advance."],
        [
            ["Platform licence (annual)", "SGD 58,000.00"],
            ["Dispatcher seats (12 × SGD 840.00 per seat per year)", "SGD 10,080.00"],
            ["7 extra depots × SGD 1,500.00 per depot per year", "SGD 10,500.00"],
            ["Total", "SGD 78,580.00"],
        ],
    )
    lines = data["lines"]
    assert [line["charge_model"] for line in lines] == ["flat", "per_seat", "per_seat"]
    assert (Decimal(lines[1]["unit_price"]), lines[1]["seats"]) == (Decimal("840"), "12")
    assert (Decimal(lines[2]["unit_price"]), lines[2]["seats"]) == (Decimal("1500"), "7")
    assert all(line["billing_interval"] == "year" for line in lines)


def test_a_tax_row_under_the_subtotal_is_not_a_charge() -> None:
    for tax in ("GST 15%", "VAT (20%)", "Sales tax @ 8.25%", "HST"):
        data = extract_docx_table(
            ["Order acknowledgement", "Customer: Pinecrest Dental Partners", "Billed annually in advance."],
            [
                ["Item", "Qty", "Unit price", "Extended"],
                ["Imaging archive, per chair per year", "14", "$310.00", "$4,340.00"],
                ["Subtotal", "", "", "$4,340.00"],
                [tax, "", "", "$651.00"],
                ["Total", "", "", "$4,991.00"],
            ],
        )
        assert [line["charge_model"] for line in data["lines"]] == ["per_seat"], tax


def test_the_bill_to_block_beside_the_end_user_block_names_the_customer() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Order confirmation")
    document.add_paragraph("Tidewell Analytics Ltd, 4 Harbour Row, Bristol BS1 4QA")
    parties = document.add_table(rows=2, cols=2)
    parties.cell(0, 0).text = "Distributor (Bill To)"
    parties.cell(0, 1).text = "End User (licensee)"
    billed = parties.cell(1, 0).paragraphs[0]
    billed.add_run("Quayside Systems Ltd")
    billed.add_run().add_break()
    billed.add_run("17 Dock Street, Leeds LS1 2AB")
    billed.add_run().add_break()
    billed.add_run("Accounts: payables@quayside.example")
    user = parties.cell(1, 1).paragraphs[0]
    user.add_run("Northfleet Borough Council")
    user.add_run().add_break()
    user.add_run("Civic Centre, Northfleet DA11 9AA")
    user.add_run().add_break()
    user.add_run("IT contact: it@northfleet.example")
    document.add_paragraph("Platform subscription: £12,600.00 per year, invoiced annually in advance.")

    customer = extract_docx(document)["customer"]

    assert customer["name"] == "Quayside Systems Ltd"


def test_a_tax_rate_stated_in_the_terms_is_not_a_percentage_charge() -> None:
    import docx

    for terms, fee in (
        ("Currency: Korean won (KRW), exclusive of value added tax (10%)", "KRW 1,250"),
        ("Fees are in GBP and exclude VAT at 20%", "£1,250.00"),
        ("Prices in EUR plus 19% MwSt.", "EUR 1,250.00"),
    ):
        document = docx.Document()
        document.add_paragraph("Work Order 7 - Warehouse Scanner Rollout")
        document.add_paragraph("Customer: Ironbridge Logistics Ltd", style="List Bullet")
        document.add_paragraph("Payment: 14 days after invoice, by bank transfer per transaction", style="List Bullet")
        document.add_paragraph(terms, style="List Bullet")
        document.add_paragraph("Fees")
        document.add_paragraph(f"Support is charged at {fee} per month, invoiced monthly in advance.")

        lines = extract_docx(document)["lines"]

        assert [(line["charge_model"], line.get("amount")) for line in lines] == [("flat", "1250.00")], terms


def test_a_later_start_written_with_an_ordinal_day_starts_the_fee() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Statement of Work 4 - Records Digitisation")
    document.add_paragraph("Client: Brockhurst Estates Ltd")
    document.add_paragraph("SOW Effective Date: the 9th of January 2029")
    document.add_paragraph(
        "After the archive goes live, hosting is charged at £620.00 per month, beginning on the 2nd of April 2029 "
        "and invoiced monthly in advance."
    )

    lines = extract_docx(document)["lines"]

    assert [(line["charge_model"], line.get("start_date")) for line in lines] == [("flat", "2029-04-02")]


def test_a_party_with_a_slash_in_its_legal_form_and_a_two_block_signature_line() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Service Agreement")
    document.add_paragraph(
        'This Agreement is made between Fjordlink Systems ApS, CVR 40111222, Havnegade 3, 8000 Aarhus ("Fjordlink") '
        'and Skagen Fiskeeksport A/S, CVR 38555444, Havnevej 19, 9990 Skagen (the "Customer").'
    )
    document.add_paragraph("Fees: DKK 6.400,00 per month, invoiced monthly in advance.")
    document.add_paragraph("For Fjordlink Systems ApS: Ida Krogh, COO            For the Customer: Niels Bach, CFO")

    customer = extract_docx(document)["customer"]

    assert customer["name"] == "Skagen Fiskeeksport A/S"


def test_bilingual_payment_terms_with_the_english_half_after_a_slash() -> None:
    data = extract_docx_table(
        ["Objednávka / Order", "Customer: Morava Textil a.s."],
        [
            ["Splatnost / Payment", "21 dní / 21 days"],
            ["Měna / Currency", "CZK"],
            ["Licence / Licence", "CZK 4 900,00 per month, billed monthly in advance"],
        ],
    )
    assert data["customer"]["payment_terms_days"] == 21


def test_free_units_given_as_a_label_and_its_value_under_a_package_price() -> None:
    data = extract_docx_table(
        ["Order", "Customer: Lindqvist Parcel AB", "Currency: SEK"],
        [
            ["Item", "Price", "Billing"],
            [
                "Tracking notifications",
                "Bundles of 500 notifications: Free per month: first 2 000; Price per started bundle: SEK 60.00",
                "monthly in arrears",
            ],
        ],
    )
    lines = data["lines"]
    assert [line["charge_model"] for line in lines] == ["package"]
    assert Decimal(lines[0]["free_units"]) == 2000
