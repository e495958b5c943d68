"""Known general misses (branch left): column titles, quantities and amounts read wrongly on new text.
Each test covers one general cause, on text written for it."""

from __future__ import annotations

from decimal import Decimal

from contracts.documents import extract, read_document


def _read(text: str) -> dict:
    return extract(read_document(text.encode(), "order.txt")).data


def test_a_sales_price_column_beside_an_amount_is_the_unit_price() -> None:
    data = _read(
        "Order Form\n\nCustomer: Bramblewick Logistics GmbH\nStart date: 1 April 2029\n\n"
        "| Article | Qty | Sales price | Amount |\n|---|---|---|---|\n"
        "| Dispatch planner seat, per user per month | 12 | €45.00 | €540.00 |\n"
        "| Onboarding workshop (one-time) | 1 | €900.00 | €900.00 |\n"
    )
    line = data["lines"][0]
    assert line["charge_model"] == "per_seat"
    assert Decimal(line["unit_price"]) == Decimal("45")
    assert Decimal(line["seats"]) == 12


def test_a_net_price_column_beside_an_amount_is_the_unit_price() -> None:
    data = _read(
        "Order Form\n\nCustomer: Bramblewick Logistics GmbH\nStart date: 1 April 2029\n\n"
        "| Article | Qty | Net price | Amount |\n|---|---|---|---|\n"
        "| Route optimiser seat, per user per month | 8 | €30.00 | €240.00 |\n"
    )
    assert Decimal(data["lines"][0]["unit_price"]) == Decimal("30")


def test_a_no_column_of_counts_beside_an_item_column_is_the_quantity() -> None:
    data = _read(
        "Order Form\n\nCustomer: Pemberton Dairy Co-operative\nStart date: 1 March 2029\n\n"
        "| Nr. | Item | Unit price | Total |\n|---|---|---|---|\n"
        "| 25 | Milking parlour sensor licence, per month | $12.00 | $300.00 |\n"
        "| 3 | Herd camera licence, per month | $40.00 | $120.00 |\n"
    )
    first, second = data["lines"]
    assert first["charge_model"] == "per_seat"
    assert Decimal(first["seats"]) == 25
    assert Decimal(first["unit_price"]) == Decimal("12")
    assert Decimal(second["seats"]) == 3


def test_a_no_column_numbering_the_rows_is_not_a_quantity() -> None:
    data = _read(
        "Order Form\n\nCustomer: Pemberton Dairy Co-operative\nStart date: 1 March 2029\n\n"
        "| # | Item | Price |\n|---|---|---|\n"
        "| 1 | Herd analytics platform, per month | $900.00 |\n"
        "| 2 | Feed planning module, per month | $250.00 |\n"
        "| 3 | Implementation (one-time) | $2,000.00 |\n"
    )
    assert [line.get("seats") for line in data["lines"]] == [None, None, None]
    assert Decimal(data["lines"][0]["amount"]) == Decimal("900")


def test_whole_amounts_grouped_by_spaces_with_kr_are_one_amount() -> None:
    data = _read(
        "Avtale\n\nCustomer: Lyngholm Fiskeri AS\nStart date: 1 May 2029\nCurrency: NOK\n\n"
        "Fleet tracking subscription: 4 500 kr per month, billed monthly in advance.\n"
        "Installation on board: kr 12 000, one-time.\n"
    )
    assert data["customer"]["currency"] == "NOK"
    amounts = sorted(Decimal(line["amount"]) for line in data["lines"])
    assert amounts == [Decimal("4500"), Decimal("12000")]


def test_a_bare_space_grouped_amount_in_a_stated_currency_is_one_amount() -> None:
    data = _read(
        "Agreement\n\nCustomer: Lyngholm Fiskeri AS\nStart date: 1 May 2029\nCurrency: SEK\n\n"
        "Monthly platform fee: 4 500\nSetup fee (one-time): 12 000\n"
    )
    amounts = sorted(Decimal(line["amount"]) for line in data["lines"])
    assert amounts == [Decimal("4500"), Decimal("12000")]


def test_a_company_field_in_a_quote_summary_mail_is_the_customer() -> None:
    data = _read(
        "Ostrander Cloud Ltd sent you a quote\n\nQUOTE SUMMARY\nQuote number: 7731-02\n\n"
        "Company: Harrowgate Ceramics Ltd\nBilling contact: accounts@harrowgate.test\n"
        "Contract start date: Jul 1, 2029\nCurrency: GBP\n\n"
        "Kiln monitoring subscription: £350 per month, billed monthly in advance.\n"
        "Questions? Reply to Ostrander Cloud Ltd.\n"
    )
    assert data["customer"]["name"] == "Harrowgate Ceramics Ltd"


def test_a_share_in_the_rate_column_with_the_amount_stated_is_a_flat_amount() -> None:
    data = _read(
        "Order Form\n\nCustomer: Pemberton Dairy Co-operative\nStart date: 1 March 2029\n"
        "All fees are billed monthly in advance.\n\n"
        "| Item | Rate | Amount |\n|---|---|---|\n"
        "| Herd analytics platform | $2,000.00 | $2,000.00 |\n"
        "| Premium support | 15% of subscription fees | $300.00 |\n"
    )
    support = data["lines"][1]
    assert support["description"].startswith("Premium support")
    assert support["charge_model"] == "flat"
    assert Decimal(support["amount"]) == Decimal("300")


def test_a_rate_plus_a_fixed_fee_for_a_kind_of_transaction_is_one_take_rate() -> None:
    data = _read(
        "Order Form\n\nCustomer: Pemberton Dairy Co-operative\nStart date: 1 March 2029\n\n"
        "Online payments: 3.4% + €0.25 for cards issued abroad, billed monthly in arrears.\n"
    )
    assert len(data["lines"]) == 1
    line = data["lines"][0]
    assert line["charge_model"] == "percentage"
    assert Decimal(line["rate"]) == Decimal("3.4")
    assert Decimal(line["fixed_fee"]) == Decimal("0.25")


def test_a_full_discount_on_the_first_month_is_a_free_month() -> None:
    data = _read(
        "Order Form\n\nCustomer: Pemberton Dairy Co-operative\nStart date: 1 March 2029\n\n"
        "Herd analytics subscription: $800 per month, billed monthly in advance.\n"
        "As a launch offer the subscription carries a 100% discount on the first month.\n"
    )
    line = data["lines"][0]
    assert Decimal(line["amount"]) == Decimal("800")
    assert line["start_date"] == "2029-04-01"


def test_a_full_discount_for_the_first_months_in_the_price_clause_is_free_months() -> None:
    data = _read(
        "Order Form\n\nCustomer: Pemberton Dairy Co-operative\nStart date: 1 March 2029\n\n"
        "Feed planner subscription: $450 per month, billed monthly in advance, "
        "with a 100% discount for the first three months.\n"
    )
    assert len(data["lines"]) == 1
    line = data["lines"][0]
    assert Decimal(line["amount"]) == Decimal("450")
    assert line["start_date"] == "2029-06-01"


def test_a_second_rate_with_its_fixed_fee_in_the_same_clause_is_a_second_take_rate() -> None:
    data = _read(
        "Order Form\n\nCustomer: Pemberton Dairy Co-operative\nStart date: 1 March 2029\n\n"
        "Online payments: 1.6% + €0.20 per payment for local cards and 2.8% + €0.20 for cards issued abroad, "
        "billed monthly in arrears.\n"
    )
    rates = sorted((Decimal(line["rate"]), Decimal(line["fixed_fee"])) for line in data["lines"])
    assert rates == [(Decimal("1.6"), Decimal("0.20")), (Decimal("2.8"), Decimal("0.20"))]


def test_overage_at_a_multiple_of_the_list_rate_stated_before_is_that_multiple() -> None:
    data = _read(
        "Order Form\n\nCustomer: Pemberton Dairy Co-operative\nStart date: 1 March 2029\n\n"
        "Platform subscription: $900 per month, billed monthly in advance, including 50,000 scans per month.\n"
        "List rate for scans: $0.02 per scan.\n"
        "Scans above the included 50,000 are charged at 2x the list rate, billed monthly in arrears.\n"
    )
    usage = next(line for line in data["lines"] if line["charge_model"] == "per_unit")
    assert Decimal(usage["unit_price"]) == Decimal("0.04")
    assert Decimal(usage["included_units"]) == 50000


def test_an_out_of_hours_multiple_of_the_rate_is_not_a_new_price() -> None:
    data = _read(
        "Statement of Work\n\nCustomer: Pemberton Dairy Co-operative\nStart date: 1 March 2029\n\n"
        "Engineering support: $120 per hour, billed monthly in arrears.\n"
        "Work over weekends is charged at 1.5x the standard rate.\n"
    )
    assert Decimal(data["lines"][0]["unit_price"]) == Decimal("120")


def test_a_no_column_numbering_the_rows_in_tens_is_not_a_quantity() -> None:
    data = _read(
        "Angebot\n\nCustomer: Pemberton Dairy Co-operative\nStart date: 1 March 2029\n\n"
        "| Nr. | Item | Price |\n|---|---|---|\n"
        "| 10 | Herd analytics platform, per month | €900.00 |\n"
        "| 20 | Feed planning module, per month | €250.00 |\n"
        "| 30 | Implementation (one-time) | €2,000.00 |\n"
    )
    assert [line.get("seats") for line in data["lines"]] == [None, None, None]
    assert Decimal(data["lines"][0]["amount"]) == Decimal("900")
