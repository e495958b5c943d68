from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rating import prorate, proration_factor, round_money


@pytest.mark.parametrize(
    ("service_start", "service_end", "period_start", "period_end", "factor"),
    [
        (date(2026, 3, 1), date(2026, 4, 1), date(2026, 3, 1), date(2026, 4, 1), Fraction(1)),
        (date(2026, 3, 15), date(2026, 4, 1), date(2026, 3, 1), date(2026, 4, 1), Fraction(17, 31)),
        (date(2026, 2, 15), date(2026, 3, 1), date(2026, 2, 1), date(2026, 3, 1), Fraction(14, 28)),
        (date(2028, 2, 15), date(2028, 3, 1), date(2028, 2, 1), date(2028, 3, 1), Fraction(15, 29)),
        (date(2026, 3, 5), date(2026, 3, 5), date(2026, 3, 1), date(2026, 4, 1), Fraction(0)),
        # "March 5 to April 4" inclusive is [Mar 5, Apr 5): the last day counts.
        (date(2026, 3, 20), date(2026, 4, 5), date(2026, 3, 5), date(2026, 4, 5), Fraction(16, 31)),
    ],
)
def test_proration_factor_counts_calendar_days_half_open(
    service_start: date, service_end: date, period_start: date, period_end: date, factor: Fraction
) -> None:
    assert (
        proration_factor(
            service_start=service_start,
            service_end=service_end,
            period_start=period_start,
            period_end=period_end,
        )
        == factor
    )


def test_prorate_twenty_seats_for_the_rest_of_march() -> None:
    # 20 seats x $50 from March 15: 17 of 31 days.
    precise = prorate(
        D(20) * D(50),
        service_start=date(2026, 3, 15),
        service_end=date(2026, 4, 1),
        period_start=date(2026, 3, 1),
        period_end=date(2026, 4, 1),
    )

    assert round_money(precise, "USD") == D("548.39")
    assert abs(precise - D(17000) / D(31)) < D("1e-20")


@pytest.mark.parametrize(
    ("service_start", "service_end"),
    [
        (date(2026, 2, 28), date(2026, 3, 10)),  # starts before the period
        (date(2026, 3, 10), date(2026, 4, 2)),  # ends after it
        (date(2026, 3, 10), date(2026, 3, 9)),  # ends before it starts
    ],
)
def test_proration_refuses_service_outside_the_period(service_start: date, service_end: date) -> None:
    with pytest.raises(ValueError, match="inside the period"):
        proration_factor(
            service_start=service_start,
            service_end=service_end,
            period_start=date(2026, 3, 1),
            period_end=date(2026, 4, 1),
        )


def test_proration_refuses_an_empty_period() -> None:
    with pytest.raises(ValueError, match="end after it starts"):
        proration_factor(
            service_start=date(2026, 3, 1),
            service_end=date(2026, 3, 1),
            period_start=date(2026, 3, 1),
            period_end=date(2026, 3, 1),
        )


amounts = st.decimals(min_value=0, max_value=10**9, places=2)
starts = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))
lengths = st.integers(min_value=1, max_value=400)


@given(amount=amounts, start=starts, length=lengths)
def test_prorating_a_whole_period_gives_the_full_amount(amount: D, start: date, length: int) -> None:
    end = start + timedelta(days=length)
    prorated = prorate(amount, service_start=start, service_end=end, period_start=start, period_end=end)

    assert prorated == amount


@given(amount=amounts, start=starts, length=st.integers(min_value=2, max_value=400), data=st.data())
def test_splitting_a_period_sums_to_the_whole_within_one_minor_unit(
    amount: D, start: date, length: int, data: st.DataObject
) -> None:
    end = start + timedelta(days=length)
    split = start + timedelta(days=data.draw(st.integers(min_value=1, max_value=length - 1)))
    bounds = {"period_start": start, "period_end": end}

    first = round_money(prorate(amount, service_start=start, service_end=split, **bounds), "USD")
    second = round_money(prorate(amount, service_start=split, service_end=end, **bounds), "USD")

    assert abs(first + second - round_money(amount, "USD")) <= D("0.01")
