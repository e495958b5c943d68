"""Pricing language an unseen document will use (issue #13): prepaid pools counted in credits, hours
or tokens; usage invoiced in advance on an estimate; a plan chosen from options; percentage bands;
tier bounds in TB priced per GB; sprint and fortnight cadences; and minimums of a take rate. Every
text is written for these tests (none is copied from a corpus document)."""

from __future__ import annotations

from typing import Any

from contracts.documents import extract, read_document

US_HEAD = "ORDER FORM\nCustomer: Kestrel Works Inc.\nBilling email: ap@kestrelworks.test\nStart date: March 1, 2027\n\n"
EU_HEAD = "BESTELLUNG\nKunde: Vogelsang Logistik GmbH\nE-Mail: rechnung@vogelsang.test\nBeginn: 1. März 2027\n\n"


def _lines(body: str, *, eu: bool = False) -> list[dict[str, Any]]:
    text = (EU_HEAD if eu else US_HEAD) + body
    return extract(read_document(text.encode(), "contract.txt")).data["lines"]


def _by_model(lines: list[dict[str, Any]], model: str) -> list[dict[str, Any]]:
    return [line for line in lines if line["charge_model"] == model]


# -- 1. prepaid pools counted in units ----------------------------------------------------------


def test_prepaid_credits_counted_in_credits_with_a_lower_price() -> None:
    lines = _lines("Fees\nCustomer buys 75,000 Compute Credits for US$67,500, invoiced on the start date.")
    [credit] = _by_model(lines, "prepaid_credit")
    assert (credit["amount"], credit["price"]) == ("75000.00", "67500.00")


def test_prepaid_credits_counted_in_a_table_quantity_column() -> None:
    body = "Fees\n| Item | Quantity | Price |\n|---|---|---|\n| Prepaid credits | 250,000 credits | $20,000.00 |\n"
    [credit] = _by_model(_lines(body), "prepaid_credit")
    assert (credit["amount"], credit["price"]) == ("250000.00", "20000.00")


def test_a_prepaid_block_of_hours_at_an_hourly_rate_is_worth_the_hours() -> None:
    lines = _lines("Fees\nThe Client buys a prepaid block of 200 hours at $150/hour ($30,000), invoiced upfront.")
    [credit] = _by_model(lines, "prepaid_credit")
    assert (credit["amount"], credit["price"]) == ("30000.00", "30000.00")
    [rate] = _by_model(lines, "per_unit")
    assert rate["unit_price"] == "150"


def test_a_token_pack_in_euros_is_a_prepaid_credit_at_its_price() -> None:
    lines = _lines("Leistungen\n- Token-Paket (prepaid token bundle): 2.000.000 tokens für EUR 14.500,00.", eu=True)
    [credit] = _by_model(lines, "prepaid_credit")
    assert (credit["amount"], credit["price"]) == ("14500.00", "14500.00")


# -- 4. percentage bands ------------------------------------------------------------------------


def _tier_prices(line: dict[str, Any]) -> list[tuple[str | None, str]]:
    return [(tier["up_to"], tier["unit_price"]) for tier in line["tiers"]]


def test_a_take_rate_by_band_is_graduated_over_the_amount() -> None:
    lines = _lines("Fees\nCard processing: 3.1% of GMV up to $2M per month, 2.6% above, billed monthly in arrears.")
    [line] = _by_model(lines, "graduated")
    assert _tier_prices(line) == [("2000000", "0.031"), (None, "0.026")]


def test_percentage_bands_split_by_a_semicolon_in_a_european_list_item() -> None:
    lines = _lines("Entgelte\n- Plattformgebühr: 6% auf die ersten €400k; 4,5% thereafter", eu=True)
    [line] = _by_model(lines, "graduated")
    assert _tier_prices(line) == [("400000", "0.06"), (None, "0.045")]


def test_three_percentage_bands_with_a_middle_band_between_two_amounts() -> None:
    body = (
        "Fees\nAgency commission: 12% of monthly billings up to $50,000, 9% of billings between $50,000 and "
        "$200,000 and 7% of billings above $200,000."
    )
    [line] = _by_model(_lines(body), "graduated")
    assert _tier_prices(line) == [("50000", "0.12"), ("200000", "0.09"), (None, "0.07")]


# -- 5. tier bounds in TB for a price per GB ----------------------------------------------------


def test_tier_bounds_in_terabytes_for_a_price_per_gigabyte_are_counted_in_gigabytes() -> None:
    body = "Fees\nEgress: first 20 TB at $0.08/GB, next 80 TB at $0.06/GB, over 100 TB at $0.05/GB, billed monthly."
    [line] = _by_model(_lines(body), "graduated")
    assert _tier_prices(line) == [("20000", "0.08"), ("100000", "0.06"), (None, "0.05")]


def test_tier_table_with_terabyte_bands_and_a_euro_price_per_gigabyte() -> None:
    body = (
        "Storage\n| Band | Price per GB |\n|---|---|\n| 0 - 5 TB | €0,030 |\n| 5 - 25 TB | €0,025 |\n"
        "| Over 25 TB | €0,020 |\n\nEach tier's price applies only to the gigabytes within that tier.\n"
    )
    [line] = _by_model(_lines(body, eu=True), "graduated")
    assert [tier["up_to"] for tier in line["tiers"]] == ["5000", "25000", None]


# -- 6. cadences ------------------------------------------------------------------------------


def test_a_fee_per_sprint_is_billed_every_two_weeks() -> None:
    [line] = _lines("Fees\nDelivery squad: $21,000 per sprint, invoiced at the end of each sprint.")
    assert (line["charge_model"], line["amount"]) == ("flat", "21000.00")
    assert (line["billing_interval"], line["billing_interval_count"]) == ("week", 2)


def test_a_three_week_sprint_in_a_table_frequency_column() -> None:
    body = (
        "Fees\n| Service | Fee | Frequency |\n|---|---|---|\n"
        "| Product coaching (three-week sprints) | $4,500 | Per sprint |\n"
    )
    [line] = _lines(body)
    assert (line["charge_model"], line["billing_interval"], line["billing_interval_count"]) == ("flat", "week", 3)


# -- 2. usage invoiced in advance on an estimate ------------------------------------------------


def test_estimated_usage_invoiced_in_advance_and_trued_up_in_arrears() -> None:
    body = (
        "Fees\nVerification API: $0.015 per verification. Forecast usage of 40,000 verifications is invoiced "
        "monthly in advance, trued up in arrears once actual usage is known."
    )
    [line] = _lines(body)
    assert (line["charge_model"], line["billing_timing"]) == ("per_unit", "in_advance")


def test_usage_invoiced_quarterly_in_advance_on_estimated_volume_in_a_table() -> None:
    body = (
        "Entgelte\n| Leistung | Preis | Abrechnung |\n|---|---|---|\n"
        "| Transaktionen | €0,04 per transaction | quarterly in advance on estimated volume, reconciled in arrears |\n"
    )
    [line] = _lines(body, eu=True)
    assert (line["billing_interval_count"], line["billing_timing"]) == (3, "in_advance")


def test_usage_without_an_estimate_stays_in_arrears() -> None:
    [line] = _lines("Fees\nSMS: $0.01 per message, invoiced monthly.")
    assert line["billing_timing"] == "in_arrears"


# -- 3. a plan chosen from options --------------------------------------------------------------


def test_only_the_selected_plan_of_a_plan_table_is_charged() -> None:
    body = (
        "Plans\n| Plan | Monthly fee | Included seats |\n|---|---|---|\n| Basic | $300 | 5 |\n"
        "| Team | $900 | 25 |\n| Business | $2,400 | 100 |\n\nThe Customer has selected the Team plan.\n"
    )
    assert [line["amount"] for line in _lines(body)] == ["900.00"]


def test_the_chosen_option_of_plans_listed_in_prose() -> None:
    body = "Plans\nLite: $99 per month. Plus: $249 per month. Max: $599 per month.\nCustomer elects the Plus plan."
    assert [line["amount"] for line in _lines(body)] == ["249.00"]


def test_a_selected_edition_field_after_a_euro_edition_table() -> None:
    body = (
        "Editionen\n| Edition | Annual price |\n|---|---|\n| Standard | €4.800 |\n| Premium | €9.600 |\n\n"
        "Selected edition: Premium, invoiced annually in advance.\n"
    )
    assert [line["amount"] for line in _lines(body, eu=True)] == ["9600.00"]


def test_an_add_on_beside_the_plans_is_kept() -> None:
    body = (
        "Plans\n| Plan | Monthly fee |\n|---|---|\n| Basic | $300 |\n| Team | $900 |\n\n"
        "The Customer has selected the Team plan.\n\nOnboarding\nOnboarding fee: $1,500 one-time.\n"
    )
    assert sorted(line["amount"] for line in _lines(body)) == ["1500.00", "900.00"]


# -- 7. minimums of a take rate, free months, a discounted first year ---------------------------


def test_a_minimum_monthly_fee_of_a_take_rate_is_a_minimum_of_the_period() -> None:
    body = "Fees\nMarketplace commission: 4% of sales, subject to a minimum monthly fee of $750, whichever is greater."
    [line] = _lines(body)
    assert (line["charge_model"], line["rate"], line["minimum_amount"]) == ("percentage", "4", "750.00")
    assert "per_event_min" not in line


def test_a_minimum_fee_or_a_percentage_of_turnover_whichever_is_greater() -> None:
    [line] = _lines("Entgelte\nMinimum monthly fee of €2.000 or 1,5% of turnover, whichever is greater.", eu=True)
    assert (line["charge_model"], line["rate"], line["minimum_amount"]) == ("percentage", "1.5", "2000.00")


def test_the_first_months_free_start_the_fee_after_them() -> None:
    body = "Fees\nHosting: $1,200 per month, billed monthly in advance.\n\nPromotion\nThe first two months are free."
    [line] = _lines(body)
    assert line["start_date"] == "2027-05-01"


def test_a_discount_in_year_one_is_a_ramp_of_two_steps() -> None:
    lines = _lines("Fees\nAnalytics licence: $30,000 per year, with a 40% discount in year 1.")
    steps = sorted((line["start_date"], line.get("end_date"), line["amount"]) for line in lines)
    assert steps == [("2027-03-01", "2028-03-01", "18000.00"), ("2028-03-01", None, "30000.00")]


def test_free_of_defects_for_the_first_months_is_not_free_months() -> None:
    [line] = _lines("Fees\nSupport: $500 per month. The software is free of defects for the first 12 months.")
    assert "start_date" not in line


# -- more layouts of the same phrasings ---------------------------------------------------------


def test_prepaid_credits_counted_in_a_credits_column() -> None:
    body = "Fees\n| Description | Credits | Price |\n|---|---|---|\n| Annual credit bundle | 80,000 | $72,000 |\n"
    [credit] = _by_model(_lines(body), "prepaid_credit")
    assert (credit["amount"], credit["price"]) == ("80000.00", "72000.00")


def test_a_take_rate_band_table() -> None:
    body = (
        "Fees\n| Monthly processed volume | Rate |\n|---|---|\n| $0 - $500,000 | 3.0% |\n"
        "| $500,000 - $2,000,000 | 2.7% |\n| Above $2,000,000 | 2.4% |\n"
    )
    [line] = _by_model(_lines(body), "graduated")
    assert _tier_prices(line) == [("500000", "0.03"), ("2000000", "0.027"), (None, "0.024")]


def test_a_sprint_length_stated_after_the_price_and_a_fee_every_fortnight() -> None:
    [sprint] = _lines("Fees\nSquad retainer: €28.000 per sprint of three weeks, invoiced at the start of each sprint.")
    assert (sprint["billing_interval"], sprint["billing_interval_count"]) == ("week", 3)
    [fortnight] = _lines("Fees\nOn-call cover: $1,900 every fortnight.")
    assert (fortnight["billing_interval"], fortnight["billing_interval_count"]) == ("week", 2)


def test_a_fee_every_two_years() -> None:
    [line] = _lines("Fees\nCertification audit: $8,000, invoiced biennially in advance.")
    assert (line["billing_interval"], line["billing_interval_count"]) == ("year", 2)


def test_tiers_written_price_first_with_terabyte_bounds() -> None:
    body = "Fees\nArchive storage: $0.004 per GB per month for the first 200 TB and $0.003 per GB above 200 TB."
    [line] = _by_model(_lines(body), "graduated")
    assert _tier_prices(line) == [("200000", "0.004"), (None, "0.003")]


def test_a_committed_quantity_after_a_unit_price_is_a_minimum_of_its_value() -> None:
    body = (
        "Fees\nPush notifications: $0.002 per notification. Committed volume of 2,000,000 notifications per month "
        "is invoiced monthly."
    )
    [line] = _lines(body)
    assert (line["charge_model"], line["unit_price"], line["minimum_amount"]) == ("per_unit", "0.002", "4000.00")


def test_a_bank_of_hours_drawn_down_at_an_hourly_rate() -> None:
    body = "Fees\nThe Client will buy a bank of 80 advisory hours for £12,000 (prepaid), drawn down at £150 per hour."
    lines = _lines(body)
    [credit] = _by_model(lines, "prepaid_credit")
    assert (credit["amount"], credit["price"]) == ("12000.00", "12000.00")
    assert [line["unit_price"] for line in _by_model(lines, "per_unit")] == ["150"]


def test_a_monthly_block_of_hours_is_a_retainer_not_a_prepaid_credit() -> None:
    [line] = _lines("Fees\nRetainer: a block of 20 hours per month for $3,000, invoiced monthly in advance (prepaid).")
    assert line["charge_model"] == "flat"


def test_a_package_the_customer_selects_and_an_option_named_by_its_letter() -> None:
    body = (
        "Packages\n| Package | Annual fee |\n|---|---|\n| Core | $10,000 |\n| Advanced | $20,000 |\n\n"
        "The Customer selects the Advanced package, invoiced annually in advance."
    )
    assert [line["amount"] for line in _lines(body)] == ["20000.00"]
    lettered = (
        "Options\n| Option | Monthly fee |\n|---|---|\n| Option A | $800 |\n| Option B | $1,400 |\n\n"
        "Customer has chosen Option B."
    )
    assert [line["amount"] for line in _lines(lettered)] == ["1400.00"]


def test_a_discount_for_the_first_months_in_a_sentence_of_its_own() -> None:
    lines = _lines("Fees\nSubscription: $800 per month. Customer receives a 25% discount for the first 6 months.")
    steps = sorted((line["start_date"], line.get("end_date"), line["amount"]) for line in lines)
    assert steps == [("2027-03-01", "2027-09-01", "600.00"), ("2027-09-01", None, "800.00")]


def test_percentage_bands_as_list_items() -> None:
    body = (
        "Processing\n- 2.4% of monthly payment volume up to $300,000\n- 1.9% of monthly payment volume above $300,000\n"
    )
    [line] = _by_model(_lines(body), "graduated")
    assert _tier_prices(line) == [("300000", "0.024"), (None, "0.019")]


def test_a_minimum_quantity_in_the_price_clause_is_a_minimum_of_its_value() -> None:
    [line] = _lines("Fees\nVoice: $0.02 per minute, with a minimum of 50,000 minutes per month.")
    assert (line["unit_price"], line["minimum_amount"]) == ("0.02", "1000.00")


def test_subscribing_to_products_of_an_order_table_keeps_them_all() -> None:
    body = (
        "Order\n| Product | Subscription term | Annual fee |\n|---|---|---|\n| Platform | 12 months | $20,000 |\n"
        "| Analytics add-on | 12 months | $5,000 |\n\nCustomer subscribes to the Platform Subscription."
    )
    assert sorted(line["amount"] for line in _lines(body)) == ["20000.00", "5000.00"]


def test_an_overage_at_a_multiple_of_the_list_rate() -> None:
    body = "Fees\nOverage: messages above the 500,000 included are charged at 2x the list rate of $0.004 per message."
    [line] = _lines(body)
    assert (line["charge_model"], line["unit_price"], line["included_units"]) == ("per_unit", "0.008", "500000")


def test_the_first_month_free_and_a_fee_each_six_months() -> None:
    [line] = _lines("Fees\nSubscription: $1,000 per month; the first month is free.")
    assert line["start_date"] == "2027-04-01"
    [half] = _lines("Fees\nPenetration test: $9,000 invoiced every six months in advance.")
    assert (half["billing_interval"], half["billing_interval_count"]) == ("month", 6)


def test_credits_bought_at_a_price_per_credit_are_worth_that_price() -> None:
    body = "Fees\nCustomer buys 400,000 inference credits at $0.05 per credit (US$20,000), invoiced on signature."
    [credit] = _by_model(_lines(body), "prepaid_credit")
    assert (credit["amount"], credit["price"]) == ("20000.00", "20000.00")


def test_discount_bands_are_not_percentage_bands_of_a_charge() -> None:
    body = (
        "Fees\nAnnual licence: $40,000 per year.\n\nDiscounts\n- 5% discount on orders up to $20,000\n"
        "- 8% discount on orders above $20,000\n"
    )
    assert not _by_model(_lines(body), "graduated")


def test_a_plan_field_of_the_order_below_the_plans_offered() -> None:
    body = (
        "Plans\n| Plan | Monthly fee |\n|---|---|\n| Essential | $450 |\n| Premier | $1,100 |\n\n"
        "Order details\nPlan: Premier\nBilling: monthly in advance\n"
    )
    assert [line["amount"] for line in _lines(body)] == ["1100.00"]


def test_the_users_column_of_a_plan_table_is_what_the_plan_allows_not_seats() -> None:
    body = (
        "Plans\n| Plan | Monthly fee | Users |\n|---|---|---|\n| Starter | $500 | 10 |\n| Growth | $1,200 | 50 |\n\n"
        "Customer has selected the Growth plan.\n"
    )
    [line] = _lines(body)
    assert (line["charge_model"], line["amount"]) == ("flat", "1200.00")


def test_a_prepaid_row_with_a_unit_price_and_its_total() -> None:
    body = (
        "Fees\n| Item | Qty | Unit price | Total |\n|---|---|---|---|\n"
        "| Prepaid credits | 50,000 | $0.90 | $45,000.00 |\n"
    )
    [credit] = _by_model(_lines(body), "prepaid_credit")
    assert (credit["amount"], credit["price"]) == ("45000.00", "45000.00")


def test_prepaid_hours_in_a_table_row_draw_down_at_their_rate() -> None:
    body = (
        "Services\n| Item | Hours | Rate | Amount |\n|---|---|---|---|\n"
        "| Consulting hours (prepaid) | 100 | $140.00 | $14,000.00 |\n"
    )
    lines = _lines(body)
    [credit] = _by_model(lines, "prepaid_credit")
    assert (credit["amount"], credit["price"]) == ("14000.00", "14000.00")
    assert [line["unit_price"] for line in _by_model(lines, "per_unit")] == ["140"]


def test_two_price_columns_each_per_its_own_unit_are_two_lines() -> None:
    body = (
        "Model pricing\n| Model | Price per 1M input tokens | Price per 1M output tokens |\n|---|---|---|\n"
        "| Standard | $2.00 | $8.00 |\n"
    )
    lines = _by_model(_lines(body), "package")
    assert sorted((line["package_size"], line["package_price"]) for line in lines) == [
        ("1000000", "2.00"),
        ("1000000", "8.00"),
    ]


def test_a_fee_invoiced_after_each_sprint_is_in_arrears() -> None:
    [line] = _lines("Leistungen\nSprint-Team: EUR 24.000,00 per sprint, invoiced after each sprint.", eu=True)
    assert (line["amount"], line["billing_interval_count"], line["billing_timing"]) == ("24000.00", 2, "in_arrears")
