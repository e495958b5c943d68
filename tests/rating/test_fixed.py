from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rating import (
    LineSpec,
    Milestone,
    RatingResult,
    Usage,
    apply_prepaid_credit,
    rate_period,
)

SEATS = LineSpec(
    code="seats",
    charge_model="per_seat",
    description="Team seats",
    billing_timing="in_advance",
    seats=D(20),
    unit_price=D(50),
)
PLATFORM = LineSpec(
    code="platform",
    charge_model="flat",
    description="Platform fee",
    billing_timing="in_advance",
    amount=D("3000"),
)


def rate(
    *lines: LineSpec,
    period_start: date = date(2026, 3, 1),
    period_end: date = date(2026, 4, 1),
    service_start: date | None = None,
    service_end: date | None = None,
) -> RatingResult:
    """Rate fixed lines for a period, March 2026 unless told otherwise."""
    return rate_period(
        currency="USD",
        lines=lines,
        usage={},
        period_start=period_start,
        period_end=period_end,
        service_start=service_start,
        service_end=service_end,
    )


def test_per_seat_whole_period() -> None:
    [row] = rate(SEATS).lines

    assert (row.kind, row.quantity, row.unit_price, row.amount) == ("fixed", D(20), D(50), D(1000))
    assert row.description == "Team seats: 20 seats x $50.00"


def test_per_seat_prorated_for_the_remaining_days_of_the_month() -> None:
    [row] = rate(SEATS, service_start=date(2026, 3, 15)).lines

    assert row.precise_amount == D(1000) * 17 / 31
    assert row.amount == D("548.39")
    assert (row.period_start, row.period_end) == (date(2026, 3, 15), date(2026, 4, 1))
    assert row.description == "Team seats: 20 seats x $50.00 (prorated 17/31 days)"


def test_per_seat_prorated_in_a_leap_february() -> None:
    [row] = rate(
        SEATS,
        period_start=date(2028, 2, 1),
        period_end=date(2028, 3, 1),
        service_start=date(2028, 2, 15),
    ).lines

    assert row.amount == D("517.24")  # 1000 x 15/29


def test_quarterly_platform_fee_is_one_fixed_line_for_the_quarter() -> None:
    [row] = rate(PLATFORM, period_start=date(2026, 1, 1), period_end=date(2026, 4, 1)).lines

    assert (row.amount, row.description) == (D("3000.00"), "Platform fee")


def test_flat_fee_prorated_when_the_contract_ends_mid_period() -> None:
    [row] = rate(
        PLATFORM,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 4, 1),
        service_end=date(2026, 2, 15),
    ).lines

    assert row.amount == D("1500.00")  # 45 of the quarter's 90 days


ONBOARDING = LineSpec(code="setup", charge_model="one_time", description="Onboarding", amount=D("2500"))


@pytest.mark.parametrize(
    ("charge_date", "is_billed"),
    [
        (None, True),  # defaults to the period start
        (date(2026, 3, 31), True),
        (date(2026, 4, 1), False),  # the period is half-open
        (date(2026, 2, 28), False),
    ],
)
def test_one_time_is_billed_in_the_period_of_its_date(charge_date: date | None, is_billed: bool) -> None:
    spec = LineSpec(code="setup", charge_model="one_time", amount=D("2500"), charge_date=charge_date)

    amounts = [row.amount for row in rate(spec).lines]

    assert amounts == ([D("2500.00")] if is_billed else [])


def test_one_time_is_never_prorated() -> None:
    [row] = rate(ONBOARDING, service_start=date(2026, 3, 20)).lines

    assert row.amount == D("2500.00")


def test_milestones_are_billed_when_completed_in_the_period() -> None:
    spec = LineSpec(
        code="impl",
        charge_model="milestone",
        description="Implementation",
        milestones=(
            Milestone("Kickoff", D(5000), completed_on=date(2026, 2, 27)),
            Milestone("Go-live", D(15000), completed_on=date(2026, 3, 9)),
            Milestone("Handover", D(5000), due_date=date(2026, 3, 31)),
        ),
    )

    [row] = rate(spec).lines

    assert (row.description, row.amount) == ("Implementation: Go-live", D("15000.00"))


def test_prepaid_credit_purchase_is_invoiced_at_its_price() -> None:
    spec = LineSpec(
        code="credits",
        charge_model="prepaid_credit",
        description="Credit pack",
        amount=D(1200),
        price=D(1000),
        charge_date=date(2026, 3, 1),
    )

    [row] = rate(spec).lines
    later = rate(spec, period_start=date(2026, 4, 1), period_end=date(2026, 5, 1)).lines

    assert (row.kind, row.amount) == ("fixed", D("1000.00"))
    assert row.description == "Credit pack: $1,200.00 prepaid credit"
    assert later == ()  # bought once, on its charge date


@pytest.mark.parametrize(
    ("usage", "balance", "drawn", "left"),
    [
        (D("300.00"), D("1200.00"), D("300.00"), D("900.00")),
        (D("1500.00"), D("900.00"), D("900.00"), D("0.00")),  # 600 overage is invoiced
        (D("10.00"), D("0.00"), D("0.00"), D("0.00")),
        (D("0.00"), D("50.00"), D("0.00"), D("50.00")),
    ],
)
def test_apply_prepaid_credit(usage: D, balance: D, drawn: D, left: D) -> None:
    assert apply_prepaid_credit(rated_usage_amount=usage, balance=balance) == (drawn, left)


@pytest.mark.parametrize(("usage", "balance"), [(D(-1), D(10)), (D(1), D(-10))])
def test_apply_prepaid_credit_refuses_negative_inputs(usage: D, balance: D) -> None:
    with pytest.raises(ValueError, match="negative"):
        apply_prepaid_credit(rated_usage_amount=usage, balance=balance)


money = st.decimals(min_value=0, max_value=10**9, places=2)


@given(balance=money, charges=st.lists(money, max_size=20))
def test_prepaid_balance_never_goes_negative(balance: D, charges: list[D]) -> None:
    start = balance
    total_drawn = D(0)
    for charge in charges:
        drawn, new_balance = apply_prepaid_credit(rated_usage_amount=charge, balance=balance)
        assert D(0) <= drawn <= min(charge, balance)
        assert new_balance == balance - drawn >= 0
        total_drawn += drawn
        balance = new_balance
    assert total_drawn + balance == start  # nothing drawn twice, nothing lost


def test_fixed_lines_ignore_usage() -> None:
    result = rate_period(
        currency="USD",
        lines=[PLATFORM],
        usage={"platform": Usage(quantity=D(5))},
        period_start=date(2026, 3, 1),
        period_end=date(2026, 4, 1),
    )

    assert result.total == D("3000.00")
