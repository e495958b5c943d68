"""The general causes of the misses on the final blind batch (dates of a term stated as a range or
defined in brackets, activation dates, customer blocks, fee schedules, ...). Each cause is tested on
new text written for the test, in other wording and numbers than the batch's documents."""

from __future__ import annotations

import pytest

from tests.contracts.documents.extract_helpers import extract_drawn_pdf, extract_text

_text = extract_text
_pdf = extract_drawn_pdf


# -- dates of the term ------------------------------------------------------------------------------


def test_a_bulleted_term_label_with_a_date_range_gives_the_start_over_the_mail_date() -> None:
    data = _text(
        "From: Priya Nair <priya@tallyhaven.test>\n\nDate: Tue, 2 Feb 2028 09:12:44 +0000\n\n"
        "Subject: Your new plan\n\nHello Sam,\n\nHere is what Orchard Lane Dental Ltd has agreed:\n\n"
        "- Subscription period: 15 March 2028 to 14 March 2029\n\n"
        "- TallyHaven Clinic: 9 users at £19.00 per user per month, invoiced monthly in advance\n\n"
        "Payment is due 14 days from the invoice date.\n"
    )
    assert (data["start_date"], data["end_date"]) == ("2028-03-15", "2029-03-15")


def test_a_bare_date_range_under_a_term_heading_is_the_term() -> None:
    data = _text(
        "Statement of Work 7\n\nClient: Rheinblick Apotheken GmbH\n\nDated: 03.01.2029\n\n"
        "4. Duration of the engagement\n\n02.04.2029 – 30.09.2029\n\n5. Fees\n\n"
        "The work is charged at EUR 1.050,00 per consultant day, invoiced monthly in arrears.\n"
    )
    assert (data["start_date"], data["end_date"]) == ("2029-04-02", "2029-10-01")


def test_a_date_defined_in_brackets_as_the_start_date_is_the_start() -> None:
    data = _text(
        "Order Form\n\nDate: 4 June 2029\n\nCustomer: Blue Heron Freight LLC\n\n"
        'The platform fee of $2,400 per month is first invoiced on 21 June 2029 (the "Service Start Date"), '
        "monthly in advance thereafter.\n"
    )
    assert data["start_date"] == "2029-06-21"


def test_an_activation_date_label_is_the_start_of_service() -> None:
    data = _text(
        "SERVICE ORDER\n\nOrder Date: 09/02/2028\n\nCompany: Marlow Street Clinics, Inc.\n\n"
        "Planned Activation Date: 10/05/2028\n\n"
        "Hosted PBX seats: 40 at $18.00 per seat per month, billed monthly in advance.\n"
    )
    assert data["start_date"] == "2028-10-05"


# -- the customer's name ----------------------------------------------------------------------------


def test_a_registration_number_after_the_customer_name_is_not_part_of_it() -> None:
    data = _text(
        "AGREEMENT\n\nCustomer: Vindel Bygg AB, org. nr 556677-8899, Umeå\n\n"
        "Start date: 1 April 2029\n\nLicence fee: SEK 4 000 per month, invoiced monthly in advance.\n"
    )
    assert data["customer"]["name"] == "Vindel Bygg AB"


def test_an_acceptance_line_that_names_the_customer_after_its_colon_gives_the_name() -> None:
    data = _text(
        "Dear Tom,\n\nThis letter sets out our retainer of $4,200 a month, billed at the start of each month, "
        "from June 1, 2029.\n\nKind regards,\n\nMia Clarke, Director\n\n"
        "Accepted and agreed: Tallis Marine Services, Inc.\n\nBy: ________________ Tom Hale, COO\n"
    )
    assert data["customer"]["name"] == "Tallis Marine Services, Inc."


def test_a_bill_to_block_laid_out_as_a_table_with_column_titles_gives_the_name_below_the_title() -> None:
    data = _text(
        "Quote 2291\n\nQuote date: May 3, 2029\n\n"
        "| Bill To | Billing Contact |\n|---|---|\n"
        "| Harlow Dental Group, LLC | Ana Ruiz, Office Manager |\n"
        "| 12 Elm Row, Tulsa, OK 74103 | ana@harlowdental.test |\n\n"
        "Start date: June 1, 2029\n\nPractice suite: 14 users at $45.00 per user per month, billed monthly.\n"
    )
    assert data["customer"]["name"] == "Harlow Dental Group, LLC"


def test_a_bill_to_column_titled_beside_a_contact_column_in_a_pdf_is_not_the_name() -> None:
    data = _pdf(
        [
            (60, 780, "Quote 5130"),
            (60, 760, "Quote date: August 9, 2029"),
            (60, 730, "Bill To"),
            (300, 730, "Customer Contact"),
            (60, 715, "Copperleaf Veterinary Partners, LLC"),
            (300, 715, "Jo Park, Practice Manager"),
            (60, 700, "90 Mill Road, Boise, ID 83702"),
            (300, 700, "Invoices: ap@copperleafvet.test"),
            (60, 670, "Start date: September 1, 2029"),
            (60, 650, "Clinic suite: 8 users at $39.00 per user per month, billed monthly in advance."),
        ]
    )
    assert data["customer"]["name"] == "Copperleaf Veterinary Partners, LLC"


# -- fee schedules --------------------------------------------------------------------------------


def test_a_rate_plus_a_fixed_fee_in_a_table_row_is_a_percentage_with_its_fixed_fee() -> None:
    data = _text(
        "Payment Services Schedule\n\nMerchant: Dockside Bakery Ltd\n\nStart date: 1 July 2029\n\n"
        "| Service | Charge | Covers |\n|---|---|---|\n"
        "| Online card payments | 1.9% + £0.20 | Every web checkout |\n"
        "| Refund processing | £0.15 | Each refund issued |\n"
    )
    percentage = [line for line in data["lines"] if line["charge_model"] == "percentage"]
    assert [(line["rate"], line["fixed_fee"]) for line in percentage] == [("1.9", "0.20")]


def test_an_early_termination_fee_is_not_a_recurring_charge() -> None:
    data = _text(
        "Hosting Agreement\n\nCustomer: Pell Street Studios LLC\n\nStart date: March 1, 2029\n\n"
        "Managed hosting: $640 per month, billed monthly in advance.\n\n"
        "A cancellation fee of $1,200 is payable if the Customer ends the agreement in its first year.\n"
    )
    assert [line.get("amount") for line in data["lines"]] == ["640.00"]


def test_a_statement_that_fees_are_invoiced_in_arrears_applies_to_fixed_fees_too() -> None:
    data = _text(
        "Schedule of Charges\n\nClient: Norland Cafes Ltd\n\nStart date: 1 May 2029\n\n"
        "| Charge | Price |\n|---|---|\n| Terminal rental | £12.50 per terminal per month (4 terminals) |\n"
        "| Card transactions | £0.04 per transaction |\n\n"
        "Charges are collected for each calendar month and invoiced in arrears once it ends.\n"
    )
    rental = next(line for line in data["lines"] if line["charge_model"] == "per_seat")
    assert (rental["seats"], rental["billing_timing"]) == ("4", "in_arrears")


# -- tables with once, recurring and usage columns ----------------------------------------------------


def test_a_usage_rate_column_beside_recurring_and_one_time_columns_prices_metered_rows() -> None:
    data = _text(
        "NETWORK SERVICE ORDER\n\nCustomer: Halvard Clinics Inc.\n\nActivation Date: 05/01/2029\n\n"
        "| Qty | Service | MRC | NRC | Usage charge |\n|---|---|---|---|---|\n"
        "| 30 | Phone numbers | $2.00 | $5.00 | - |\n"
        "| - | International calls | - | - | $0.12 / min |\n"
        "| - | SMS sent | - | - | $0.008 / message |\n\n"
        "Usage is billed monthly in arrears.\n"
    )
    usage = [(line["charge_model"], line["unit_price"], line["billing_timing"]) for line in data["lines"][2:]]
    assert usage == [("per_unit", "0.12", "in_arrears"), ("per_unit", "0.008", "in_arrears")]


def test_a_minimum_restated_as_what_is_billed_instead_is_not_a_second_charge() -> None:
    data = _text(
        "Messaging Order\n\nCustomer: Ostara Pharmacies Ltd\n\nStart date: 1 August 2029\n\n"
        "Text messages: £0.03 per message, invoiced monthly in arrears.\n\n"
        "Messaging carries a minimum monthly charge of £75.00; when the message charges come to less, "
        "£75.00 is invoiced instead.\n"
    )
    assert [(line["charge_model"], line.get("minimum_amount")) for line in data["lines"]] == [("per_unit", "75.00")]


def test_a_price_column_titled_per_unit_per_month_keeps_its_month_when_billed_yearly() -> None:
    data = _text(
        "Proposal\n\nCustomer: Fernhill Housing Trust\n\nStart date: 1 October 2029\n\n"
        "| Stage | Module | Seats | Fee / seat / month |\n|---|---|---|---|\n"
        "| Stage A | Tenancy desk | 40 | £15.00 |\n\n"
        "Fees are invoiced annually in advance.\n"
    )
    line = data["lines"][0]
    assert (line["charge_model"], line["unit_price"], line["seats"], line["billing_interval"]) == (
        "per_seat",
        "180",
        "40",
        "year",
    )


# -- pricing language -----------------------------------------------------------------------------


def test_a_band_price_that_applies_to_every_unit_is_volume_pricing() -> None:
    data = _text(
        "Order\n\nCustomer: Westmere Couriers Ltd\n\nStart date: 1 March 2029\n\n"
        "Tracked parcels are charged monthly in arrears. The month's parcel count picks the band, and the "
        "band's rate is charged on every parcel of that month:\n\n"
        "| Parcels in the month | Rate per parcel |\n|---|---|\n"
        "| 1 - 1,000 | £0.40 |\n| 1,001 - 10,000 | £0.32 |\n| 10,001 and above | £0.25 |\n"
    )
    assert [line["charge_model"] for line in data["lines"]] == ["volume"]


def test_a_tier_table_does_not_take_the_cadence_of_another_lines_priced_sentence_above_it() -> None:
    data = _text(
        "Order Form\n\nCustomer: Larchmont Care Homes Ltd\n\nStart date: 1 June 2029\n\n"
        "Platform licence: £12,000 per year, invoiced quarterly in advance.\n\n"
        "Care records, charged per resident on record in the month in graduated bands:\n\n"
        "| Residents in the month | Price per resident (£) |\n|---|---|\n"
        "| 1 to 100 | 4.50 |\n| 101 and more | 3.75 |\n\n"
        "Care records are invoiced monthly in arrears.\n"
    )
    tiered = next(line for line in data["lines"] if line["charge_model"] == "graduated")
    assert (tiered["billing_interval"], tiered["billing_interval_count"]) == ("month", 1)


def test_a_price_per_thing_billed_in_advance_with_an_ordered_count_of_them_is_per_seat() -> None:
    data = _text(
        "Schedule B\n\nCustomer: Quarry Hill Schools Inc.\n\nStart date: July 1, 2029\n\n"
        "Device management is charged at $6.50 per enrolled tablet per month, invoiced in advance. "
        "The Customer has ordered management for one hundred and ten (110) tablets.\n"
    )
    line = data["lines"][0]
    assert (line["charge_model"], line["unit_price"], line["seats"], line["billing_timing"]) == (
        "per_seat",
        "6.5",
        "110",
        "in_advance",
    )


# -- layout: a sentence is not cut after an abbreviation ----------------------------------------------


def test_a_time_zone_after_us_with_full_stops_is_read() -> None:
    data = _text(
        "Order\n\nCustomer: Ash Creek Dental LLC\n\nStart date: May 1, 2029\n\n"
        "Support: $300 per month, billed monthly in advance.\n\nUsage periods are counted in U.S. Eastern Time.\n"
    )
    assert data["customer"]["timezone"] == "America/New_York"


def test_a_term_that_is_extended_automatically_has_no_end_date() -> None:
    data = _text(
        "SERVICE AGREEMENT\n\nCustomer: Gerber Metallbau AG\n\n"
        "Duration. Service begins on 01.03.2029 for a fixed period of 24 months. The agreement is then prolonged "
        "automatically by twelve months each time, unless cancelled in writing.\n\n"
        "Service fee: CHF 900.00 per month, invoiced monthly in advance.\n"
    )
    assert (data["start_date"], data["end_date"]) == ("2029-03-01", None)


def test_a_top_up_whose_condition_comes_first_keeps_its_threshold() -> None:
    data = _text(
        "Credit Order\n\nCustomer: Fairlight Media Ltd\n\nStart date: 1 September 2029\n\n"
        "The Customer buys a prepaid credit balance of £10,000.00 for £9,500.00.\n\n"
        "Each time the balance falls under £1,500.00, Brightwell automatically adds £5,000.00 "
        "of credit and invoices it.\n"
    )
    line = next(line for line in data["lines"] if line["charge_model"] == "prepaid_credit")
    assert (line.get("top_up_threshold"), line.get("top_up_amount")) == ("1500.00", "5000.00")


@pytest.mark.parametrize("colon", ["", ":"])
def test_a_form_without_rules_whose_value_wraps_is_read_label_beside_value(colon: str) -> None:
    data = _pdf(
        [
            (70, 790, "Order Form - Field Service App"),
            (80, 760, f"Customer{colon}"),
            (300, 760, "Tamagawa Facilities Co., Ltd."),
            (80, 742, f"Invoice e-mail{colon}"),
            (300, 742, "ap@tamagawa-fac.test"),
            (80, 724, f"Subscription period{colon}"),
            (300, 724, "July 1, 2029 to June 30, 2030"),
            (80, 706, f"Payment terms{colon}"),
            (300, 706, "Within 45 days of the date of each invoice, by"),
            (300, 694, "bank transfer to the account on the invoice"),
            (70, 660, "Fees"),
            (70, 640, "Field app licence: JPY 840,000 per year, invoiced annually in advance."),
        ]
    )
    assert (data["customer"]["name"], data["start_date"], data["end_date"]) == (
        "Tamagawa Facilities Co., Ltd.",
        "2029-07-01",
        "2030-07-01",
    )


def test_a_time_zone_named_by_its_abbreviation_in_brackets_is_read() -> None:
    data = _text(
        "Order\n\nCustomer: Hanbit Retail Co., Ltd.\n\nStart date: 2029-04-01\n\n"
        "Billing time zone: Seoul time (KST)\n\nPOS licence: KRW 90,000 per month, invoiced monthly in advance.\n"
    )
    assert data["customer"]["timezone"] == "Asia/Seoul"


def test_a_rate_plus_a_fixed_fee_stays_one_take_rate_in_prose_and_in_a_bare_two_column_row() -> None:
    prose = _text(
        "Fee schedule\n\nMerchant: Alder Books Ltd\n\nStart date: 1 June 2029\n\n"
        "Card payments: 2.5% + $0.20 per sale, billed monthly.\n"
    )
    row = _text(
        "Fee schedule\n\nMerchant: Alder Books Ltd\n\nStart date: 1 June 2029\n\n"
        "| Fee | Rate |\n|---|---|\n| Online payments | 1.4 % plus EUR 0.25 |\n"
    )
    assert [(line["charge_model"], line["rate"], line["fixed_fee"]) for line in prose["lines"]] == [
        ("percentage", "2.5", "0.20")
    ]
    assert [(line["charge_model"], line["rate"], line["fixed_fee"]) for line in row["lines"]] == [
        ("percentage", "1.4", "0.25")
    ]


def test_a_charge_followed_by_an_early_termination_clause_is_still_a_charge() -> None:
    data = _text(
        "Order\n\nCustomer: Pell Clinics Inc.\n\nStart date: 05/01/2029\n\n"
        "Support: $500 per month, billed monthly in advance. If the Customer cancels before month 12, an "
        "early termination fee equal to the remaining months' fees applies.\n"
    )
    assert [(line["charge_model"], line["amount"]) for line in data["lines"]] == [("flat", "500.00")]


def test_a_rate_column_titled_per_minute_beside_monthly_and_one_time_columns_is_per_minute() -> None:
    data = _text(
        "ORDER\n\nCustomer: Pell Clinics Inc.\n\nStart date: 05/01/2029\n\n"
        "| Item | Monthly | One-time | Per-minute rate |\n|---|---|---|---|\n"
        "| Hosted seats | $20.00 | $10.00 | |\n| Outbound minutes | | | $0.01 |\n\n"
        "Usage is billed monthly in arrears.\n"
    )
    usage = [line for line in data["lines"] if line["charge_model"] == "per_unit"]
    assert [(line["unit_price"], line["billing_timing"]) for line in usage] == [("0.01", "in_arrears")]


def test_a_trial_period_stated_as_a_date_range_is_not_the_term() -> None:
    data = _text(
        "Order\n\nCustomer: Alder Books Ltd\n\nOrder date: 3 May 2029\n\n"
        "- Trial period: 10 May 2029 to 9 June 2029\n\n"
        "- Subscription: 20 GBP per month from 10 June 2029, billed monthly in advance\n"
    )
    assert data["start_date"] == "2029-06-10"


def test_a_date_defined_as_the_effective_date_gives_way_to_a_stated_start_of_service() -> None:
    data = _text(
        'Agreement\n\nThis Agreement is made on 1 March 2029 (the "Effective Date") between Nimbus Ltd and '
        'Alder Books Ltd (the "Customer").\n\nServices commence on 1 April 2029.\n\n'
        "Hosting: GBP 90 per month, billed monthly in advance.\n"
    )
    assert data["start_date"] == "2029-04-01"
