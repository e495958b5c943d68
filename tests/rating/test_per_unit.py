from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from rating import LineSpec, RatingResult, Usage, rate_period

API_CALLS = LineSpec(
    code="api",
    charge_model="per_unit",
    description="API calls",
    unit_label="API calls",
    metric="api_calls",
    unit_price=D("0.004"),
    minimum_amount=D("200.00"),
)


def rate(*lines: LineSpec, **quantities: str) -> RatingResult:
    usage = {code: Usage(quantity=D(quantity)) for code, quantity in quantities.items()}
    return rate_period(
        currency="USD",
        lines=lines,
        usage=usage,
        period_start=date(2026, 3, 5),
        period_end=date(2026, 4, 5),
    )


def test_seed_usage_above_the_minimum_is_one_line() -> None:
    result = rate(API_CALLS, api="180000")

    [line] = result.lines
    assert line.kind == "usage"
    assert line.description == "180,000 API calls x $0.004"
    assert (line.quantity, line.unit_price, line.amount) == (D(180000), D("0.004"), D("720.00"))
    assert (line.period_start, line.period_end) == (date(2026, 3, 5), date(2026, 4, 5))
    assert result.subtotal == result.total == D("720.00")


def test_seed_usage_below_the_minimum_adds_a_minimum_line() -> None:
    result = rate(API_CALLS, api="20000")

    usage_line, minimum_line = result.lines
    assert (usage_line.kind, usage_line.amount) == ("usage", D("80.00"))
    assert (minimum_line.kind, minimum_line.amount) == ("minimum", D("120.00"))
    assert minimum_line.line_code == "api"
    assert minimum_line.description == "Minimum commitment (API calls: $200.00 per period)"
    assert result.total == D("200.00")


def test_usage_exactly_at_the_minimum_adds_nothing() -> None:
    result = rate(API_CALLS, api="50000")

    assert [line.kind for line in result.lines] == ["usage"]
    assert result.total == D("200.00")


HYBRID = (
    LineSpec(code="base", charge_model="flat", description="Platform fee", amount=D("1000")),
    LineSpec(
        code="tx",
        charge_model="per_unit",
        description="Transactions",
        unit_label="transactions",
        unit_price=D("0.05"),
        included_units=D(10000),
    ),
)


@pytest.mark.parametrize(
    ("transactions", "usage_amount", "total"),
    [
        ("12500", D("125.00"), D("1125.00")),
        ("10000", D("0.00"), D("1000.00")),
        ("9000", D("0.00"), D("1000.00")),
        ("10001", D("0.05"), D("1000.05")),
    ],
)
def test_hybrid_base_fee_plus_transactions_above_the_included_units(
    transactions: str, usage_amount: D, total: D
) -> None:
    result = rate(*HYBRID, tx=transactions)

    base, usage = result.lines
    assert (base.kind, base.amount, base.description) == ("fixed", D("1000.00"), "Platform fee")
    assert usage.amount == usage_amount
    assert result.total == total


def test_hybrid_description_shows_the_billable_units_and_the_allowance() -> None:
    usage = rate(*HYBRID, tx="12500").lines[1]

    assert usage.quantity == D(2500)
    assert usage.description == "Transactions: 2,500 transactions x $0.05 (10,000 included)"


def test_a_usage_line_without_usage_still_shows_a_zero_row() -> None:
    result = rate(LineSpec(code="api", charge_model="per_unit", unit_price=D("0.004")))

    [line] = result.lines
    assert (line.quantity, line.amount) == (D(0), D("0.00"))
    assert line.description == "0 units x $0.004"


def test_fractional_quantities_keep_their_precision() -> None:
    gb_hours = LineSpec(code="storage", charge_model="per_unit", unit_label="GB-hours", unit_price=D("0.000137"))

    [line] = rate(gb_hours, storage="1234567.891").lines

    assert line.precise_amount == D("169.135801067")
    assert line.amount == D("169.14")
    assert line.description == "1,234,567.891 GB-hours x $0.000137"
