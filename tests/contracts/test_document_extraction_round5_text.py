"""Round 5 (batch AA, plain text): the general causes of the first-run misses on plain-text
documents: e-mail replies above or below quoted earlier offers, ASCII-drawn tables whose cells
wrap onto the next line, a "#" line-number column, form labels with their values aligned in a
column, rule lines and notes inside space-aligned tables, two parties' address blocks side by
side, and a table's billing cell that names the unit ("per message sent"); then plain-text shapes
probed after it with new text (tabs typed for alignment, grid and psql tables, unbulleted price and
tier lists, Outlook replies, "25 x item @ price", fields joined by middle dots). Batch AA itself is
held at F1 >= 0.95."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from contracts.documents import extract, read_document
from tests.contracts.documents.batch_score import batch_score

CORPUS = Path(__file__).parent / "documents"


def _text(text: str) -> dict:  # type: ignore[type-arg]
    return extract(read_document(text.encode(), "contract.txt")).data


def _lines(data: dict) -> list[tuple]:  # type: ignore[type-arg]
    return [
        (
            line["charge_model"],
            line.get("amount") or line.get("unit_price") or line.get("rate") or line.get("package_price"),
        )
        for line in data["lines"]
    ]


def test_reply_below_quoted_messages_keeps_only_the_reply_prices() -> None:
    data = _text(
        "Subject: Re: hosting quote\n\n"
        "On 3 May 2027, Priya Shah <priya@tallowbank.test> wrote:\n"
        "> Your offer of GBP 410 per month for the cluster is too high.\n"
        ">> Cluster rental: GBP 410 per month, setup GBP 900 one-time.\n\n"
        "Hi Priya,\n\nAgreed on the call for Tallow Bank Ltd, from 1 June 2027:\n\n"
        "- cluster rental: GBP 365 per month, billed monthly in advance\n"
        "- setup: GBP 600 one-time\n"
    )
    assert sorted(_lines(data)) == [("flat", "365.00"), ("one_time", "600.00")]


def test_agreement_above_quoted_offer_reads_the_quoted_prices() -> None:
    data = _text(
        "Agreed - please go ahead from 1 June 2027.\n\n"
        "-----Original Message-----\n"
        "From: sales@quarrylane.test\n"
        "Customer: Ferncliff Dairies Ltd\n"
        "Milk-run planner: EUR 240 per month, billed monthly in advance.\n"
    )
    assert _lines(data) == [("flat", "240.00")]


def test_ascii_boxed_table_with_wrapped_cells_and_number_column() -> None:
    data = _text(
        "Customer: Orrin Dental Group Inc.\n\n"
        "+---+----------------------+-----+----------+------------------+\n"
        "| # | Product              | Qty | Price    | Invoicing        |\n"
        "+===+======================+=====+==========+==================+\n"
        "| 1 | Chairside imaging    | 14  | USD 55   | monthly, in      |\n"
        "|   | licence              |     |          | advance          |\n"
        "+---+----------------------+-----+----------+------------------+\n"
        "| 2 | Cloud archive        |     | USD 0.30 | monthly, per     |\n"
        "|   |                      |     |          | study archived   |\n"
        "+---+----------------------+-----+----------+------------------+\n"
    )
    lines = {line["charge_model"]: line for line in data["lines"]}
    assert Decimal(lines["per_seat"]["unit_price"]) == 55
    assert Decimal(lines["per_seat"]["seats"]) == 14
    assert Decimal(lines["per_unit"]["unit_price"]) == Decimal("0.30")


def test_labels_with_values_aligned_in_a_column() -> None:
    data = _text(
        "Account:            Pellham Lock & Key Ltd\n"
        "Service starts:     2027-08-16\n"
        "Payment terms:      net 21 days\n\n"
        "Monitoring: CAD 95 per month, billed monthly in advance.\n"
    )
    assert data["start_date"] == "2027-08-16"
    assert data["customer"]["payment_terms_days"] == 21


def test_space_aligned_table_goes_on_after_a_rule_and_an_indented_note() -> None:
    data = _text(
        "All prices in EUR.\n\n"
        "Item                     Unit            Price     Invoiced\n"
        "----                     ----            -----     --------\n"
        "Backup vault          per TB / month     31.00    monthly in arrears\n"
        "    (the first 2 TB each month are free)\n"
        "Onboarding workshop      one-off        1,450.00   on order\n"
    )
    models = sorted(line["charge_model"] for line in data["lines"])
    assert models == ["one_time", "per_unit"]
    one_time = next(line for line in data["lines"] if line["charge_model"] == "one_time")
    assert Decimal(one_time["amount"]) == Decimal("1450")


def test_two_parties_side_by_side_are_read_column_by_column() -> None:
    data = _text(
        "Vendor                          Bill to\n"
        "Brightkiln Software Oy          Marrow & Finch Ltd\n"
        "Helsinki, Finland               22 Tanner Row, York\n"
        "                                accounts@marrowfinch.test\n\n"
        "Scheduling licence: GBP 120 per month, billed monthly in advance.\n"
    )
    assert data["customer"]["name"] == "Marrow & Finch Ltd"
    assert data["customer"]["email"] == "accounts@marrowfinch.test"


def test_hard_wrapped_sentence_line_with_a_colon_is_not_a_field() -> None:
    data = _text(
        "Client: Halvard Marine AS\n\n"
        "4.1 The Client shall pay a commissioning fee of EUR 30,000, to be\n"
        "invoiced in two tranches as follows: EUR 12,000 on 1 March 2028 and\n"
        "EUR 18,000 on 30 June 2028.\n"
    )
    milestone = next(line for line in data["lines"] if line["charge_model"] == "milestone")
    assert [(Decimal(m["amount"]), m["due_date"]) for m in milestone["milestones"]] == [
        (Decimal("12000"), "2028-03-01"),
        (Decimal("18000"), "2028-06-30"),
    ]
    assert [line["charge_model"] for line in data["lines"]] == ["milestone"]


def test_commitment_to_aggregate_fees_is_not_a_total() -> None:
    data = _text(
        "Customer: Ostrava Parcel s.r.o.\n\n"
        "Label fees: EUR 0.09 per label, invoiced monthly in arrears.\n\n"
        "The Customer commits to aggregate fees under section 3.1 of not less than EUR 40,000 per contract year.\n"
    )
    assert data["minimum_commitment"]["period"] == "year"
    assert Decimal(data["minimum_commitment"]["amount"]) == 40000


def test_prepaid_credit_with_decimal_amount_between_the_words() -> None:
    data = _text(
        "Customer: Kowhai Dental Group Limited\n\n"
        "Training credit ........ NZ$2,500.00 prepaid, invoiced on signature, usable until 30 June 2029\n"
    )
    credit = next(line for line in data["lines"] if line["charge_model"] == "prepaid_credit")
    assert Decimal(credit["amount"]) == 2500
    assert credit["expires_on"] == "2029-06-30"


def test_auto_renew_answered_no_in_a_form_keeps_the_end_date() -> None:
    data = _text(
        "Account\tTarnwick Veterinary Group\n"
        "Start Date\t2027-09-01\n"
        "Term (Months)\t18\n"
        "Auto-Renew\tNo\n"
        "Monthly Fee\tUSD 700.00\n"
    )
    assert data["start_date"] == "2027-09-01"
    assert data["end_date"] == "2029-03-01"


def test_several_counts_in_one_sentence_go_to_their_own_lines() -> None:
    data = _text(
        "Customer: Lindqvist Retail AB\n\n"
        "Point-of-sale terminal: SEK 190 per terminal per month, billed monthly in advance.\n\n"
        "Store licence: SEK 1,200 per store per month, billed monthly in advance.\n\n"
        "Quantities ordered: 45 terminals and 9 stores.\n"
    )
    seats = {Decimal(line["unit_price"]): Decimal(line["seats"]) for line in data["lines"]}
    assert seats == {Decimal("190"): 45, Decimal("1200"): 9}


def test_top_posted_reply_above_an_outlook_header_block() -> None:
    data = _text(
        "Hello Ines,\n\n"
        "Final figures for Quinta do Vale Lda: 8 tablets at EUR 22.00 per tablet per month, billed monthly.\n\n"
        "Regards, Joel\n\n"
        "________________________________\n"
        "From: Ines Pacheco <ines@quintadovale.test>\n"
        "Sent: Monday, 6 March 2028 09:12\n"
        "To: Joel Matos\n"
        "Subject: RE: tablets\n\n"
        "EUR 26.00 per tablet is above what we pay today.\n"
    )
    assert [(line["charge_model"], Decimal(line["unit_price"])) for line in data["lines"]] == [
        ("per_seat", Decimal("22"))
    ]


def test_unbulleted_price_list_lines_are_separate_items() -> None:
    data = _text(
        "Customer: Saltmarsh Ferries Ltd\n\n"
        "Charges\n"
        "Booking engine GBP 900 per month, billed monthly in advance\n"
        "Kiosk support GBP 150 per month\n"
        "Installation GBP 2,400 one-off\n"
    )
    assert sorted(_lines(data)) == [("flat", "150.00"), ("flat", "900.00"), ("one_time", "2400.00")]


def test_first_next_over_tier_lines_without_bullets() -> None:
    data = _text(
        "Customer: Saltmarsh Ferries Ltd\n\n"
        "Ticket scans (graduated, billed monthly in arrears):\n"
        "  First 20,000 scans @ GBP 0.05\n"
        "  Next 30,000 scans @ GBP 0.04\n"
        "  Over 50,000 scans @ GBP 0.03\n"
    )
    (line,) = data["lines"]
    assert line["charge_model"] == "graduated"
    assert [(t["up_to"], Decimal(t["unit_price"])) for t in line["tiers"]] == [
        ("20000", Decimal("0.05")),
        ("50000", Decimal("0.04")),
        (None, Decimal("0.03")),
    ]


def test_two_column_band_table_laid_out_with_spaces() -> None:
    data = _text(
        "Customer: Tamsin Vale Hotels Ltd\n\n"
        "Guest Wi-Fi sessions       Price per session\n"
        "1 - 5,000                  £0.12\n"
        "5,001 - 20,000             £0.09\n"
        "20,001 and above           £0.06\n\n"
        "Volume pricing: the band reached applies to every session in the month. Billed monthly in arrears.\n"
    )
    (line,) = data["lines"]
    assert line["charge_model"] == "volume"
    assert [(t["up_to"], Decimal(t["unit_price"])) for t in line["tiers"]] == [
        ("5000", Decimal("0.12")),
        ("20000", Decimal("0.09")),
        (None, Decimal("0.06")),
    ]


def test_wrapped_description_under_the_last_aligned_row_belongs_to_it() -> None:
    data = _text(
        "Customer: Oxbow Rowing Club\n"
        "All prices in GBP.\n\n"
        "Item                        Qty    Unit price\n"
        "Boat tracking tags           12         4.00\n"
        "Coaching video archive        1       300.00\n"
        "   (one-time set-up)\n"
    )
    assert sorted((model, Decimal(price)) for model, price in _lines(data)) == [
        ("one_time", Decimal("300")),
        ("per_seat", Decimal("4")),
    ]


def test_count_times_item_at_price_lines() -> None:
    data = _text(
        "Order for Linden Court Dental PLLC, from 1 August 2028:\n\n"
        "  12 x Hygienist tablet licence @ $19.00/month\n"
        "   1 x Patient portal @ $240.00/month\n"
    )
    got = sorted(
        (line["charge_model"], Decimal(line.get("unit_price") or line.get("amount"))) for line in data["lines"]
    )
    assert got == [("flat", Decimal("240")), ("per_seat", Decimal("19"))]
    seat = next(line for line in data["lines"] if line["charge_model"] == "per_seat")
    assert Decimal(seat["seats"]) == 12


def test_time_and_materials_day_rate_is_usage_not_a_daily_cadence() -> None:
    data = _text(
        "Client: Marlow Estates LLP\n\n"
        "Data migration support: time and materials at GBP 980 per day, invoiced monthly in arrears.\n"
    )
    (line,) = data["lines"]
    assert line["charge_model"] == "per_unit"
    assert Decimal(line["unit_price"]) == 980


def test_words_joined_by_and_before_the_price_keep_it() -> None:
    data = _text("Customer: Pennant Books Ltd\n\nSales and marketing seats at GBP 20 per seat per month for 8 seats.\n")
    (line,) = data["lines"]
    assert "and" in line["description"].lower().split()


def test_per_thing_fee_label_beside_its_price() -> None:
    data = _text(
        "Prepared for: Wexcombe Leisure Centre\n\n"
        "     Per-booking fee (billed monthly in arrears)          GBP 0.40\n"
        "     Kiosk licence (billed monthly in advance)            GBP 85.00\n"
    )
    usage = next(line for line in data["lines"] if Decimal(line.get("unit_price") or 0) == Decimal("0.40"))
    assert usage["charge_model"] == "per_unit"


def test_recurring_fee_after_go_live_is_not_a_milestone() -> None:
    data = _text(
        "Client: Fenwick Tool Hire Ltd\n\n"
        "Milestone 1 - design sign-off: GBP 8,000, due 1 March 2028.\n"
        "Milestone 2 - go-live: GBP 12,000, due 1 June 2028.\n\n"
        "From go-live, managed hosting is charged at GBP 650 per month, billed monthly in advance.\n"
    )
    models = sorted(line["charge_model"] for line in data["lines"])
    assert models == ["flat", "milestone"]
    milestone = next(line for line in data["lines"] if line["charge_model"] == "milestone")
    assert len(milestone["milestones"]) == 2


def test_min_and_max_per_event_in_one_bracket() -> None:
    data = _text(
        "Customer: Pinecone Events Inc.\n\n"
        "Ticketing commission: 4% of ticket value (min $0.40, max $9.00 per ticket), billed monthly in arrears.\n"
    )
    (line,) = data["lines"]
    assert line["charge_model"] == "percentage"
    assert Decimal(line["per_event_min"]) == Decimal("0.40")
    assert Decimal(line["per_event_max"]) == 9


@pytest.mark.parametrize(
    ("sentence", "days"),
    [
        ("Payment: bank transfer, 21 days.", 21),
        ("Terms of payment: fifteen (15) days", 15),
        ("Invoices are payable on 45-day terms.", 45),
        ("Payment in full within 10 business days.", 10),
    ],
)
def test_payment_terms_wordings(sentence: str, days: int) -> None:
    data = _text(f"Customer: Redbrook Surveys Ltd\n\nSurvey app: GBP 60 per month.\n{sentence}\n")
    assert data["customer"]["payment_terms_days"] == days


def test_monthly_and_one_time_columns_in_a_markdown_table() -> None:
    data = _text(
        "Customer: Kaltbach Logistik GmbH\n\n"
        "| Leistung | Monthly | One-time |\n"
        "|---|---|---|\n"
        "| Route optimisation | EUR 780.00 | |\n"
        "| Depot mapping | | EUR 2,200.00 |\n"
    )
    assert sorted(_lines(data)) == [("flat", "780.00"), ("one_time", "2200.00")]


def test_fields_separated_by_middle_dots_on_one_line() -> None:
    data = _text(
        "Customer: Brunnhof Kliniken AG · Start: 01.10.2028 · Term: 12 months\n\nPatient app: CHF 900 per month.\n"
    )
    assert data["customer"]["name"] == "Brunnhof Kliniken AG"
    assert data["start_date"] == "2028-10-01"
    assert data["end_date"] == "2029-10-01"


def test_psql_style_table_and_lower_case_labels() -> None:
    data = _text(
        " item               | qty | unit_price | billing\n"
        "--------------------+-----+------------+------------------\n"
        " Handheld scanners  |  12 |      21.00 | monthly, advance\n"
        " Scan events        |     |     0.0025 | monthly, arrears\n"
        "(2 rows)\n\n"
        "customer: Oakfield Cash & Carry Ltd\n"
        "currency: GBP\n"
        "start: 2028-05-01\n"
    )
    assert data["customer"]["name"] == "Oakfield Cash & Carry Ltd"
    assert data["start_date"] == "2028-05-01"
    got = sorted((line["charge_model"], Decimal(line["unit_price"])) for line in data["lines"])
    assert got == [("per_seat", Decimal("21")), ("per_unit", Decimal("0.0025"))]


def test_grid_table_rows_wrap_over_several_lines() -> None:
    data = _text(
        "Customer: Solent Marine Surveys Ltd\n\n"
        "+--------------------------+-----------+----------------------+\n"
        "| Service                  | Price     | Billing              |\n"
        "+==========================+===========+======================+\n"
        "| Vessel inspection app    | GBP 1,100 | per month, billed    |\n"
        "| (fleet licence)          |           | monthly in advance   |\n"
        "+--------------------------+-----------+----------------------+\n"
        "| Photo storage beyond     | GBP 0.15  | per GB, billed       |\n"
        "| 500 GB                   |           | monthly in arrears   |\n"
        "+--------------------------+-----------+----------------------+\n"
    )
    usage = next(line for line in data["lines"] if line["charge_model"] == "per_unit")
    assert Decimal(usage["unit_price"]) == Decimal("0.15")
    assert Decimal(usage["included_units"]) == 500


def test_tabs_typed_to_line_up_labels_and_columns() -> None:
    data = _text(
        "Client:\t\tGullwing Aviation Services Ltd\n"
        "Start date:\t\t2028-09-01\n"
        "Term:\t\t\t12 months\n\n"
        "Item\t\t\tPrice (GBP)\tBilling\n"
        "Hangar booking app\t\t310.00\t\tmonthly in advance\n"
        "Set-up\t\t\t1,250.00\tone-time\n"
    )
    assert data["customer"]["name"] == "Gullwing Aviation Services Ltd"
    assert data["start_date"] == "2028-09-01"
    assert data["end_date"] == "2029-09-01"
    assert sorted(_lines(data)) == [("flat", "310.00"), ("one_time", "1250.00")]


def test_unseen_batch_aa_overall() -> None:
    total = batch_score("batch_aa")
    assert total.f1 >= 0.95, total.misses


def test_aligned_milestone_table_with_a_code_column_under_one_title() -> None:
    data = _text(
        "Client: Hollins Garden Centres Ltd\n\n"
        "  Milestone                        %      Amount       Due\n"
        "  P1  Store audit complete        25%    GBP 5,000    30 April 2028\n"
        "  P2  Kiosks installed            75%    GBP 15,000   31 July 2028\n"
    )
    (line,) = data["lines"]
    assert line["charge_model"] == "milestone"
    assert [(Decimal(m["amount"]), m["due_date"]) for m in line["milestones"]] == [
        (Decimal("5000"), "2028-04-30"),
        (Decimal("15000"), "2028-07-31"),
    ]


def test_single_spaced_titles_above_a_space_aligned_table() -> None:
    data = _text(
        "Customer: Arden Vale Vineyards Ltd\n\n"
        "Description Qty Unit price Line total\n"
        "Cellar sensors  24  GBP 6.00  GBP 144.00\n"
        "Vineyard weather station  1  GBP 95.00  GBP 95.00\n\n"
        "All items are billed monthly in advance.\n"
    )
    got = sorted(
        (line["charge_model"], Decimal(line.get("unit_price") or line.get("amount"))) for line in data["lines"]
    )
    assert got == [("flat", Decimal("95")), ("per_seat", Decimal("6"))]


def test_letter_address_block_lines_are_not_one_paragraph() -> None:
    data = _text(
        "Ms R. Osei\n"
        "Head of Operations\n"
        "Brightmoor Care Homes Ltd\n"
        "14 Canal Street\n"
        "Manchester M1 3HE\n\n"
        "Dear Ms Osei,\n\n"
        "Your rota planning subscription starts on 1 July 2028 at GBP 410 per month, invoiced monthly in\n"
        "advance.\n\n"
        "Yours sincerely,\n\n"
        "Tom Reyes\n"
        "Shiftwise Ltd\n"
    )
    assert data["customer"]["name"] == "Brightmoor Care Homes Ltd"


def test_short_bullet_line_continued_in_lower_case_stays_one_item() -> None:
    data = _text(
        "Customer: Hadley Print Ltd\n\n"
        "- Press monitor: GBP 100 per month\n"
        "  billed quarterly in advance\n"
        "- Ink alerts: GBP 20 per month\n"
    )
    counts = {Decimal(line["amount"]): line["billing_interval_count"] for line in data["lines"]}
    assert counts == {Decimal("300"): 3, Decimal("20"): 1}


def test_bill_to_beside_remit_to() -> None:
    data = _text(
        "Bill To:                           Remit To:\n"
        "Cobalt Ridge Dental PC             Molar Cloud LLC\n"
        "12 Pine Ave, Boise ID              PO Box 77, Denver CO\n\n"
        "Charting licences: $65.00 per chair per month for 6 chairs.\n"
    )
    assert data["customer"]["name"] == "Cobalt Ridge Dental PC"


def test_tier_table_with_bare_amounts_in_the_stated_currency() -> None:
    data = _text(
        "Customer: Kestrel Valley Water Co-operative\n"
        "All amounts are in NZD.\n\n"
        "Meter reads (graduated)\n\n"
        "| From | To | Price per read |\n"
        "|---|---|---|\n"
        "| 1 | 5,000 | 0.40 |\n"
        "| 5,001 | | 0.25 |\n"
    )
    (line,) = data["lines"]
    assert line["charge_model"] == "graduated"
    assert [(t["up_to"], Decimal(t["unit_price"])) for t in line["tiers"]] == [
        ("5000", Decimal("0.40")),
        (None, Decimal("0.25")),
    ]


def test_monthly_charges_invoiced_quarterly_and_an_elided_verb_after_a_semicolon() -> None:
    data = _text(
        "Customer: Ellery Bay Harbour Board\n\n"
        "Mooring management system: GBP 900.00 per month\n"
        "Berth sensors: GBP 0.30 per sensor reading\n\n"
        "Monthly charges will be invoiced quarterly in advance; sensor readings quarterly in arrears.\n"
    )
    got = {
        line["charge_model"]: (line.get("amount") or line.get("unit_price"), line["billing_interval_count"])
        for line in data["lines"]
    }
    assert Decimal(got["flat"][0]) == 2700
    assert got["flat"][1] == 3
    assert got["per_unit"][1] == 3


def test_aligned_rows_with_fewer_cells_than_the_header() -> None:
    data = _text(
        "Customer: Wrenfield Housing Co-operative\n"
        "All prices in GBP.\n\n"
        "Item                  Unit               Price     Billing\n"
        "Door entry panels     per panel/month    14.00     monthly in advance\n"
        "Repairs reporting portal for all tenants per month   260.00   monthly in advance\n"
        "Tenant SMS alerts     per message         0.035\n"
    )
    got = sorted(
        (line["charge_model"], Decimal(line.get("unit_price") or line.get("amount"))) for line in data["lines"]
    )
    assert got == [("flat", Decimal("260")), ("per_seat", Decimal("14")), ("per_unit", Decimal("0.035"))]


def test_reply_changing_one_price_keeps_the_rest_of_the_quoted_offer() -> None:
    data = _text(
        "Hi Lena,\n\n"
        "Please make the installation fee EUR 950 instead. Everything else is fine.\n\n"
        "Tomas\n\n"
        "On 2 May 2028, Lena Vogt <lena@sunmeter.test> wrote:\n"
        "> Offer for Brightwater Stadtwerke GmbH:\n"
        "> - Metering portal: EUR 610 per month, billed monthly in advance\n"
        "> - Installation: EUR 1,200 one-off\n"
    )
    amounts = sorted(Decimal(line.get("amount") or line.get("unit_price")) for line in data["lines"])
    assert Decimal("610") in amounts
    assert Decimal("950") in amounts


def test_priced_items_listed_with_commas_in_one_sentence() -> None:
    data = _text(
        "Customer: Larkspur Orchards Ltd\n\n"
        "Frost alert service GBP 75 per month, 30 probes at GBP 3.00 per probe per month, "
        "site survey GBP 480 one-off, billed monthly in advance.\n"
    )
    got = sorted(
        (line["charge_model"], Decimal(line.get("unit_price") or line.get("amount"))) for line in data["lines"]
    )
    assert got == [("flat", Decimal("75")), ("one_time", Decimal("480")), ("per_seat", Decimal("3"))]


def test_later_clause_of_a_field_names_its_own_item() -> None:
    data = _text(
        "Customer: Larkspur Orchards Ltd\n\n"
        "Text alerts: GBP 0.04 per message, international messages at GBP 0.11 per message.\n"
    )
    assert sorted(Decimal(line["unit_price"]) for line in data["lines"]) == [Decimal("0.04"), Decimal("0.11")]


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("Start: 01.06.2028, 12 months", "2028-06-01", "2029-06-01"),
        ("Start 1 June 2028, 24 months.", "2028-06-01", "2030-06-01"),
    ],
)
def test_start_with_its_length_after_a_comma(line: str, start: str, end: str) -> None:
    data = _text(f"Customer: Oakapple Nurseries Ltd\n\nPlant tracking: EUR 300 per month.\n{line}\n")
    assert data["start_date"] == start
    assert data["end_date"] == end


def test_runs_or_lasts_a_length_without_for() -> None:
    data = _text(
        "Customer: Oakapple Nurseries Ltd\n\n"
        "The service begins on 1 June 2028 and runs 18 months. Plant tracking: EUR 300 per month.\n"
    )
    assert data["end_date"] == "2029-12-01"


def test_approval_above_the_final_offer_above_older_offers() -> None:
    data = _text(
        "Go ahead, thanks.\n\n"
        "On 9 June 2028, Ravi Menon wrote:\n"
        "> Final offer for Copperleaf Bakeries Ltd: route planner GBP 210 per month, billed monthly.\n"
        ">\n"
        ">> Earlier offer: route planner GBP 260 per month, billed monthly.\n"
    )
    assert _lines(data) == [("flat", "210.00")]


def test_approval_above_outlook_history_reads_the_latest_offer() -> None:
    data = _text(
        "Approved, please proceed.\n\n"
        "Ines Duarte, Harbour Kitchens Lda\n\n"
        "From: Joel Matos <joel@tillflow.test>\n"
        "Sent: 3 March 2028 11:20\n"
        "Subject: RE: POS quote\n\n"
        "Revised offer for Harbour Kitchens Lda: POS licence EUR 85 per month, billed monthly in advance.\n\n"
        "From: Joel Matos <joel@tillflow.test>\n"
        "Sent: 27 February 2028 09:05\n"
        "Subject: POS quote\n\n"
        "Offer: POS licence EUR 99 per month, billed monthly in advance.\n"
    )
    assert _lines(data) == [("flat", "85.00")]
    assert data["customer"]["email"] is None


def test_spaced_slash_before_a_period_is_a_cadence() -> None:
    data = _text("Customer: Pennock Dairy Ltd\n\nHerd monitors     40 x $6.00 = $240.00 / month\n")
    (line,) = data["lines"]
    assert line["charge_model"] == "per_seat"
    assert Decimal(line["seats"]) == 40


def test_seat_count_in_brackets_after_the_noun() -> None:
    data = _text("Customer: Pennock Dairy Ltd\n\nMilking parlour tablets (12): $18 per tablet per month.\n")
    (line,) = data["lines"]
    assert line["charge_model"] == "per_seat"
    assert Decimal(line["seats"]) == 12


def test_tier_bounds_written_with_comparison_symbols() -> None:
    data = _text(
        "Customer: Tessellate Maps Inc.\n\n"
        "| Tier | Monthly geocodes | Price per geocode |\n"
        "|---|---|---|\n"
        "| 1 | ≤ 50,000 | $0.0030 |\n"
        "| 2 | > 50,000 | $0.0020 |\n\n"
        "Graduated, billed monthly in arrears.\n"
    )
    (line,) = data["lines"]
    assert line["charge_model"] == "graduated"
    assert [(t["up_to"], Decimal(t["unit_price"])) for t in line["tiers"]] == [
        ("50000", Decimal("0.0030")),
        (None, Decimal("0.0020")),
    ]
