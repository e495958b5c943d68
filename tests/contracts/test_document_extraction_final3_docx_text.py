"""The general causes of the misses on the DOCX and text documents of the third final batch (merged
title cells, tables in sections, tab leaders, numbered clauses, quoted replies, pasted rate cards).
Each cause is tested on new content written for the test."""

from __future__ import annotations

from decimal import Decimal

from tests.contracts.documents.extract_helpers import extract_docx, extract_text

_text = extract_text


def _word_table(document, rows: list[list[str]], merged_titles: dict[int, str] | None = None):  # type: ignore[no-untyped-def]
    """A ruled Word table of ``rows``; ``merged_titles`` puts a title in one cell merged across row n."""
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        if merged_titles and r in merged_titles:
            table.cell(r, 0).merge(table.cell(r, width - 1)).text = merged_titles[r]
            continue
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    return table


def test_a_title_merged_across_a_form_of_label_pairs_names_the_form_not_one_party_per_column() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Subscription confirmation")
    _word_table(
        document,
        [
            [""],
            ["Client", "Hollowbrook Orchards GmbH", "Start date", "15.09.2028"],
            ["Bill to", "rechnungen@hollowbrook.example", "Payment", "within 21 days"],
        ],
        {0: "Client details"},
    )
    document.add_paragraph("Orchard sensor network: EUR 780.00 per month, billed monthly in advance.")
    data = extract_docx(document)
    assert data["customer"]["name"] == "Hollowbrook Orchards GmbH"
    assert data["customer"]["email"] == "rechnungen@hollowbrook.example"
    assert data["customer"]["payment_terms_days"] == 21
    assert data["start_date"] == "2028-09-15"


def test_a_price_table_in_sections_under_merged_titles_reads_each_section_with_its_own_columns() -> None:
    # "1. Base fee" over an untitled priced row whose middle cell says how it is billed; "2. Parcels"
    # over its own column titles and the bands
    import docx

    document = docx.Document()
    document.add_paragraph("Customer: Tarnwick Logistics Ltd")
    document.add_paragraph("Start date: 1 March 2029")
    document.add_paragraph("All prices in GBP, excluding VAT.")
    _word_table(
        document,
        [
            [""],
            ["Route planner licence", "every six months, in advance", "£ 4,200.00"],
            [""],
            ["Parcels per month", "Level", "Price per parcel"],
            ["1 - 20,000", "A", "£ 0.18"],
            ["20,001 - 80,000", "B", "£ 0.14"],
            ["over 80,000", "C", "£ 0.11"],
        ],
        {0: "1. Base fee", 2: "2. Parcels (volume pricing: the month's total sets the price of every parcel)"},
    )
    data = extract_docx(document)
    lines = data["lines"]
    assert len(lines) == 2
    base = next(line for line in lines if line["charge_model"] == "flat")
    assert Decimal(base["amount"]) == Decimal("4200.00")
    assert (base["billing_interval"], base["billing_interval_count"]) == ("month", 6)
    parcels = next(line for line in lines if line["charge_model"] == "volume")
    assert [(t["up_to"], Decimal(t["unit_price"])) for t in parcels["tiers"]] == [
        ("20000", Decimal("0.18")),
        ("80000", Decimal("0.14")),
        (None, Decimal("0.11")),
    ]


def test_an_untitled_table_of_items_and_extended_amounts_reads_the_unit_price_in_the_item() -> None:
    # no column titles: the item says "28 x AUD 62.50 per user per month", the last column is its extension
    import docx

    document = docx.Document()
    document.add_paragraph("Customer: Saltbush Dental Group Pty Ltd")
    document.add_paragraph("Effective date: 1 July 2028")
    document.add_paragraph("The monthly charges from the effective date are:")
    _word_table(
        document,
        [
            ["Clinic scheduling users (28 x AUD 62.50 per user per month, billed monthly in advance)", "AUD 1,750.00"],
            ["SMS reminder gateway (billed monthly in advance)", "AUD 140.00"],
        ],
    )
    lines = extract_docx(document)["lines"]
    seats = next(line for line in lines if line["charge_model"] == "per_seat")
    assert (Decimal(seats["unit_price"]), Decimal(seats["seats"])) == (Decimal("62.50"), Decimal("28"))
    gateway = next(line for line in lines if line["charge_model"] == "flat")
    assert Decimal(gateway["amount"]) == Decimal("140.00")


def test_an_amendment_that_leaves_the_current_term_unchanged_ends_with_that_term() -> None:
    data = _text(
        "FIRST AMENDMENT TO MASTER SUBSCRIPTION AGREEMENT\n\n"
        "This First Amendment is effective as of 1 February 2029 between Gullwing Analytics Ltd and "
        'Marram Coastal Trust ("Customer").\n\n'
        "1. Users. The licensed users increase from 12 to 20 from the effective date, at GBP 35.00 per user "
        "per month, billed monthly in advance.\n"
        "2. Term. The existing term is unaffected and still ends on 30 June 2030.\n"
    )
    assert data["start_date"] == "2029-02-01"
    assert data["end_date"] == "2030-07-01"


def test_a_take_rate_plus_a_fixed_fee_then_a_minimum_fee_keeps_the_fixed_fee() -> None:
    data = _text(
        "Seller: Quillfeather Books Ltd\n"
        "Start date: 1 April 2029\n\n"
        "Online orders are charged at 3.1% of the order value plus GBP 0.20 per order, with a minimum fee "
        "of GBP 0.35 per order, invoiced monthly in arrears.\n"
    )
    line = next(line for line in data["lines"] if line["charge_model"] == "percentage")
    assert Decimal(line["rate"]) == Decimal("3.1")
    assert Decimal(line["fixed_fee"]) == Decimal("0.20")
    assert Decimal(line["per_event_min"]) == Decimal("0.35")


def test_two_list_items_each_naming_its_kind_of_payment_at_its_own_rate_are_two_lines() -> None:
    # a Word numbered list (python-docx "List Number"): each item names the payments its rate is for
    import docx

    document = docx.Document()
    document.add_paragraph("Merchant: Lantern Hill Theatre Inc.")
    document.add_paragraph("Pricing effective date: March 1, 2029")
    document.add_paragraph("Processing fees", style="Heading 2")
    document.add_paragraph(
        "Wallet and card payments: 2.6% of the payment amount plus $0.15 per payment.", style="List Number"
    )
    document.add_paragraph(
        "Bank transfers: 1.1% of the payment amount, capped at $7.50 per transfer.", style="List Number"
    )
    document.add_paragraph("Fees are invoiced monthly in arrears.")
    rates = sorted(
        (Decimal(line["rate"]), line.get("per_event_max"))
        for line in extract_docx(document)["lines"]
        if line["charge_model"] == "percentage"
    )
    assert rates == [(Decimal("1.1"), "7.50"), (Decimal("2.6"), None)]


def test_a_fee_per_numbered_period_is_a_flat_fee_on_that_cadence() -> None:
    # "per four-month period", "per 2-week cycle", "per six months": a fee's period, not a unit priced
    data = _text(
        "Client: Brackenridge Surveying LLP\n"
        "Start date: 1 January 2029\n\n"
        "Charges\n"
        "- Field data hub: GBP 2,400.00 per four-month period, invoiced in advance.\n"
        "- Drone pilot rota: GBP 650.00 per 2-week cycle, invoiced in advance.\n"
    )
    cadences = sorted(
        (Decimal(line["amount"]), line["billing_interval"], line["billing_interval_count"])
        for line in data["lines"]
        if line["charge_model"] == "flat"
    )
    assert cadences == [(Decimal("650.00"), "week", 2), (Decimal("2400.00"), "month", 4)]


def test_an_address_in_a_mail_header_is_not_a_billing_contact_by_its_own_name() -> None:
    # "Cc: invoicing@vendor": the word is the address's own, not what the text says about it
    data = _text(
        "From: Priya Raman <priya@orbitdesk.example>\n"
        "To: Tom Hale <tom.hale@fernbankschool.example>\n"
        "Cc: invoicing@orbitdesk.example\n"
        "Subject: Your helpdesk renewal\n\n"
        "Hi Tom,\n\n"
        "As agreed, the helpdesk plan for Fernbank Grammar School continues from 1 August 2028 at GBP 310.00 per "
        "month, billed monthly in advance. Bills will go to bursar@fernbankschool.example, payable within 30 days.\n\n"
        "Priya\n"
    )
    assert data["customer"]["email"] == "bursar@fernbankschool.example"


def test_an_order_for_an_institution_names_the_customer() -> None:
    # "the renewal for <name> Credit Union": an organisation's word ends the name as a company suffix would
    data = _text(
        "Hello Marta,\n\n"
        "Here is the updated renewal for Prairie Rose Farmers Cooperative as discussed on the call:\n\n"
        "- Start: 1 June 2029\n"
        "- Grain ticket scanning: USD 0.40 per ticket, billed monthly in arrears\n\n"
        "Regards,\nSam\n"
    )
    assert data["customer"]["name"] == "Prairie Rose Farmers Cooperative"


def test_a_band_written_with_a_greater_than_sign_in_a_pasted_table_is_not_a_quoted_line() -> None:
    # a spreadsheet's rows pasted into a mail (tab-separated): "> 50 000" is the last band's bound
    data = _text(
        "Hallo Jonas,\n\n"
        "anbei die Staffel für Brunnhof Getränke GmbH, Start 1. April 2029.\n"
        "Volume pricing: the month's total number of scans sets the price for every scan of that month, "
        "billed monthly in arrears.\n\n"
        "Scans per month\tPrice per scan\n"
        "0 - 5 000\tEUR 0,090\n"
        "5 001 - 50 000\tEUR 0,070\n"
        "> 50 000\tEUR 0,055\n\n"
        "Viele Grüße\nLena\n"
    )
    line = next(line for line in data["lines"] if line["charge_model"] in ("volume", "graduated"))
    assert [(t["up_to"], Decimal(t["unit_price"])) for t in line["tiers"]] == [
        ("5000", Decimal("0.090")),
        ("50000", Decimal("0.070")),
        (None, Decimal("0.055")),
    ]


def test_a_plain_text_list_item_with_its_text_at_the_next_tab_stop_is_one_item() -> None:
    # pandoc's plain text (and other writers) set a list item's text after "-   " or "2.  ": the
    # marker is not a column of its own beside the text
    from contracts.documents import read_document

    text = (
        "Invoicing\n\n"
        "-   Invoices are sent to ledger@kestrelreef.example with the order\n"
        "    number.\n"
        "-   Payment is due within 20 days of the invoice date.\n"
        "-   All amounts are in pounds sterling.\n"
    )
    blocks = [block.text for block in read_document(text.encode(), "order.txt").blocks]
    assert "-" not in blocks
    assert "- Payment is due within 20 days of the invoice date." in blocks


def test_parties_named_in_a_sentence_that_starts_with_between_are_told_apart_by_their_roles() -> None:
    data = _text(
        "Work Order 7 - Depot Lighting Survey\n\n"
        'Between Halden Brightworks Ltd ("Contractor") and Northmoor Borough Council ("Council"), under '
        "framework agreement FW-88.\n\n"
        "The survey starts on 3 September 2029 and is charged at a fixed fee of GBP 18,400.00, invoiced on "
        "completion.\n"
    )
    assert data["customer"]["name"] == "Northmoor Borough Council"


_PASTED_SCHEDULE = (
    "3. Parties. This Schedule is made between Ortolan Metering Limited\n"
    '("Supplier") and Glasshouse Growers Ltd, Marsh Lane Estate,\n'
    'Spalding PE12 6QQ ("Customer").\n\n'
    "4. Term. This Schedule takes effect on 1 February 2029.\n\n"
    "5. Fees. The Customer shall pay £640.00 per month for greenhouse metering, invoiced monthly in\n"
    "advance.\n\n"
    "6. Payment. The Supplier shall send invoices to accounts.payable@\n"
    "glasshousegrowers.example. Invoices are payable within 30 days.\n"
)


def test_a_party_named_with_its_address_after_the_legal_form_is_the_name_alone() -> None:
    assert _text(_PASTED_SCHEDULE)["customer"]["name"] == "Glasshouse Growers Ltd"


def test_an_email_address_wrapped_after_its_at_sign_is_one_address() -> None:
    assert _text(_PASTED_SCHEDULE)["customer"]["email"] == "accounts.payable@glasshousegrowers.example"


def test_a_form_field_with_the_address_run_on_after_the_name_is_the_name_alone() -> None:
    # an ERP's or a mail template's form: the value's second line (the address) is indented under it
    data = _text(
        "SERVICE AGREEMENT                                  No.: SA-20931\n"
        "Client   : TALLOWOOD ORCHARDS PTY LTD\n"
        "           12 Ridge Road, Orange NSW 2800\n"
        "Billing  : ledger@tallowood.example\n"
        "Period   : 36 months from 15/04/2027 (ends 14/04/2030)\n\n"
        "Orchard weather station service: AUD 95.00 per month, billed monthly in advance.\n"
    )
    assert data["customer"]["name"] == "TALLOWOOD ORCHARDS PTY LTD"


def test_a_term_that_ends_on_a_date_stated_without_on() -> None:
    data = _text(
        "Customer: Wattle Flat Cellars Pty Ltd\n"
        "Agreement: 36 months from 15/04/2027 (ends 14/04/2030)\n\n"
        "Cellar door tablets: AUD 95.00 per month, billed monthly in advance.\n"
    )
    assert (data["start_date"], data["end_date"]) == ("2027-04-15", "2030-04-15")


def test_a_service_activated_on_a_date_starts_then() -> None:
    data = _text(
        "Dear Ravi,\n\n"
        "Please find the order for Kilnworth Pottery Studios Ltd below. Your fleet trackers will be activated "
        "on 12 March 2029 once you sign.\n\n"
        "Tracker subscription: GBP 210.00 per month, billed monthly in advance.\n\n"
        "Best regards,\nEmma\n"
    )
    assert data["start_date"] == "2029-03-12"
