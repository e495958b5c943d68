from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rating.schedules import (
    Cadence,
    Period,
    add_cadence,
    billing_periods,
    period_containing,
)

MONTHLY = Cadence("month")
QUARTERLY = Cadence("month", 3)


def bounds(periods: list[Period]) -> list[tuple[date, date]]:
    return [(period.start, period.end) for period in periods]


@pytest.mark.parametrize(
    ("anchor", "cadence", "n", "expected"),
    [
        # Always from the anchor, so a month-end anchor returns to the month end.
        (date(2026, 1, 31), MONTHLY, 1, date(2026, 2, 28)),
        (date(2026, 1, 31), MONTHLY, 2, date(2026, 3, 31)),
        (date(2026, 1, 31), MONTHLY, 3, date(2026, 4, 30)),
        (date(2028, 1, 31), MONTHLY, 1, date(2028, 2, 29)),
        (date(2026, 1, 30), MONTHLY, 1, date(2026, 2, 28)),
        (date(2026, 1, 30), MONTHLY, 2, date(2026, 3, 30)),
        (date(2026, 1, 29), MONTHLY, 1, date(2026, 2, 28)),
        (date(2028, 1, 29), MONTHLY, 1, date(2028, 2, 29)),
        (date(2026, 11, 30), QUARTERLY, 1, date(2027, 2, 28)),
        (date(2026, 8, 31), Cadence("month", 6), 1, date(2027, 2, 28)),
        (date(2028, 2, 29), Cadence("year"), 1, date(2029, 2, 28)),
        (date(2028, 2, 29), Cadence("year"), 4, date(2032, 2, 29)),
        (date(2028, 2, 29), Cadence("year", 3), 1, date(2031, 2, 28)),
        (date(2026, 3, 5), Cadence("week", 2), 1, date(2026, 3, 19)),
        (date(2026, 12, 31), Cadence("day"), 1, date(2027, 1, 1)),
        (date(2026, 3, 31), MONTHLY, -1, date(2026, 2, 28)),
    ],
)
def test_add_cadence_counts_from_the_anchor(anchor: date, cadence: Cadence, n: int, expected: date) -> None:
    assert add_cadence(anchor, cadence, n) == expected


@pytest.mark.parametrize(("interval", "count"), [("fortnight", 1), ("month", 0), ("day", -1)])
def test_cadence_refuses_bad_values(interval: str, count: int) -> None:
    with pytest.raises(ValueError, match="interval|count"):
        Cadence(interval, count)


def test_anniversary_periods_from_the_31st_stay_on_month_ends() -> None:
    periods = billing_periods(start=date(2026, 1, 31), end=None, cadence=MONTHLY, until=date(2026, 5, 1))

    assert bounds(periods) == [
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2026, 2, 28), date(2026, 3, 31)),
        (date(2026, 3, 31), date(2026, 4, 30)),
        (date(2026, 4, 30), date(2026, 5, 31)),
    ]
    assert [period.days for period in periods] == [28, 31, 30, 31]
    assert not any(period.is_partial for period in periods)


def test_anniversary_periods_in_a_leap_year() -> None:
    periods = billing_periods(start=date(2028, 1, 29), end=None, cadence=MONTHLY, until=date(2028, 3, 30))

    assert bounds(periods) == [
        (date(2028, 1, 29), date(2028, 2, 29)),
        (date(2028, 2, 29), date(2028, 3, 29)),
        (date(2028, 3, 29), date(2028, 4, 29)),
    ]


def test_periods_start_before_until() -> None:
    periods = billing_periods(start=date(2026, 3, 5), end=None, cadence=MONTHLY, until=date(2026, 4, 5))

    assert bounds(periods) == [(date(2026, 3, 5), date(2026, 4, 5))]


def test_no_periods_before_the_contract_starts() -> None:
    assert billing_periods(start=date(2026, 3, 5), end=None, cadence=MONTHLY, until=date(2026, 3, 5)) == []


def test_calendar_alignment_opens_with_a_prorated_partial_period() -> None:
    periods = billing_periods(
        start=date(2026, 3, 15),
        end=None,
        cadence=MONTHLY,
        alignment="calendar",
        until=date(2026, 5, 2),
    )

    assert bounds(periods) == [
        (date(2026, 3, 15), date(2026, 4, 1)),
        (date(2026, 4, 1), date(2026, 5, 1)),
        (date(2026, 5, 1), date(2026, 6, 1)),
    ]
    first = periods[0]
    assert (first.nominal_start, first.nominal_end) == (date(2026, 3, 1), date(2026, 4, 1))
    assert first.is_partial
    assert first.proration_factor == Fraction(17, 31)
    assert periods[1].proration_factor == 1


def test_calendar_alignment_in_a_leap_february() -> None:
    first = billing_periods(
        start=date(2028, 2, 15),
        end=None,
        cadence=MONTHLY,
        alignment="calendar",
        until=date(2028, 2, 16),
    )[0]

    assert (first.start, first.end) == (date(2028, 2, 15), date(2028, 3, 1))
    assert first.proration_factor == Fraction(15, 29)


def test_calendar_alignment_starting_on_the_first_has_no_partial_period() -> None:
    periods = billing_periods(
        start=date(2026, 3, 1),
        end=None,
        cadence=MONTHLY,
        alignment="calendar",
        until=date(2026, 4, 2),
    )

    assert bounds(periods) == [
        (date(2026, 3, 1), date(2026, 4, 1)),
        (date(2026, 4, 1), date(2026, 5, 1)),
    ]


@pytest.mark.parametrize(
    ("cadence", "start", "first", "nominal", "factor"),
    [
        # Wednesday to the next Monday.
        (
            Cadence("week"),
            date(2026, 3, 4),
            (date(2026, 3, 4), date(2026, 3, 9)),
            (date(2026, 3, 2), date(2026, 3, 9)),
            Fraction(5, 7),
        ),
        (
            Cadence("year"),
            date(2026, 7, 1),
            (date(2026, 7, 1), date(2027, 1, 1)),
            (date(2026, 1, 1), date(2027, 1, 1)),
            Fraction(184, 365),
        ),
        # Quarterly from the next 1st of a month: the nominal period is three months long.
        (
            QUARTERLY,
            date(2026, 3, 15),
            (date(2026, 3, 15), date(2026, 4, 1)),
            (date(2026, 1, 1), date(2026, 4, 1)),
            Fraction(17, 90),
        ),
    ],
)
def test_calendar_alignment_by_interval(
    cadence: Cadence,
    start: date,
    first: tuple[date, date],
    nominal: tuple[date, date],
    factor: Fraction,
) -> None:
    period = billing_periods(start=start, end=None, cadence=cadence, alignment="calendar", until=start + timedelta(1))[
        0
    ]

    assert (period.start, period.end) == first
    assert (period.nominal_start, period.nominal_end) == nominal
    assert period.proration_factor == factor


def test_contract_end_mid_period_truncates_the_last_period() -> None:
    periods = billing_periods(start=date(2026, 1, 15), end=date(2026, 3, 20), cadence=MONTHLY, until=date(2027, 1, 1))

    assert bounds(periods) == [
        (date(2026, 1, 15), date(2026, 2, 15)),
        (date(2026, 2, 15), date(2026, 3, 15)),
        (date(2026, 3, 15), date(2026, 3, 20)),
    ]
    last = periods[-1]
    assert (last.nominal_start, last.nominal_end) == (date(2026, 3, 15), date(2026, 4, 15))
    assert last.proration_factor == Fraction(5, 31)


def test_contract_end_on_a_boundary_leaves_no_empty_period() -> None:
    periods = billing_periods(start=date(2026, 1, 15), end=date(2026, 3, 15), cadence=MONTHLY, until=date(2027, 1, 1))

    assert bounds(periods)[-1] == (date(2026, 2, 15), date(2026, 3, 15))
    assert len(periods) == 2


def test_calendar_contract_inside_one_month_is_one_partial_period() -> None:
    periods = billing_periods(
        start=date(2026, 3, 10),
        end=date(2026, 3, 20),
        cadence=MONTHLY,
        alignment="calendar",
        until=date(2027, 1, 1),
    )

    assert bounds(periods) == [(date(2026, 3, 10), date(2026, 3, 20))]
    assert periods[0].proration_factor == Fraction(10, 31)


def test_quarterly_platform_fee_and_monthly_usage_share_billing_dates() -> None:
    start, until = date(2026, 1, 31), date(2027, 1, 31)

    quarters = billing_periods(start=start, end=None, cadence=QUARTERLY, until=until)
    months = billing_periods(start=start, end=None, cadence=MONTHLY, until=until)

    assert bounds(quarters) == [
        (date(2026, 1, 31), date(2026, 4, 30)),
        (date(2026, 4, 30), date(2026, 7, 31)),
        (date(2026, 7, 31), date(2026, 10, 31)),
        (date(2026, 10, 31), date(2027, 1, 31)),
    ]
    assert len(months) == 12
    # Every third monthly boundary is a quarterly one, so those lines land on one invoice.
    assert [months[i].start for i in (0, 3, 6, 9)] == [quarter.start for quarter in quarters]
    assert months[-1].end == quarters[-1].end


def test_billing_periods_refuse_an_end_before_the_start() -> None:
    with pytest.raises(ValueError, match="end after it starts"):
        billing_periods(start=date(2026, 3, 5), end=date(2026, 3, 5), cadence=MONTHLY, until=date(2027, 1, 1))


def test_billing_periods_refuse_an_unknown_alignment() -> None:
    with pytest.raises(ValueError, match="Unknown alignment"):
        billing_periods(
            start=date(2026, 3, 5),
            end=None,
            cadence=MONTHLY,
            alignment="fiscal",
            until=date(2027, 1, 1),
        )


@pytest.mark.parametrize(
    ("start", "alignment", "day", "expected", "nominal"),
    [
        (
            date(2026, 1, 31),
            "anniversary",
            date(2026, 3, 30),
            (date(2026, 2, 28), date(2026, 3, 31)),
            None,
        ),
        (
            date(2026, 1, 31),
            "anniversary",
            date(2026, 3, 31),
            (date(2026, 3, 31), date(2026, 4, 30)),
            None,
        ),
        (
            date(2026, 1, 31),
            "anniversary",
            date(2026, 1, 31),
            (date(2026, 1, 31), date(2026, 2, 28)),
            None,
        ),
        (
            date(2026, 3, 15),
            "calendar",
            date(2026, 3, 20),
            (date(2026, 3, 15), date(2026, 4, 1)),
            (date(2026, 3, 1), date(2026, 4, 1)),
        ),
        (
            date(2026, 3, 15),
            "calendar",
            date(2027, 2, 28),
            (date(2027, 2, 1), date(2027, 3, 1)),
            None,
        ),
    ],
)
def test_period_containing(
    start: date,
    alignment: str,
    day: date,
    expected: tuple[date, date],
    nominal: tuple[date, date] | None,
) -> None:
    period = period_containing(start=start, cadence=MONTHLY, alignment=alignment, day=day)

    assert (period.start, period.end) == expected
    assert (period.nominal_start, period.nominal_end) == (nominal or expected)


def test_period_containing_refuses_a_day_before_the_start() -> None:
    with pytest.raises(ValueError, match="outside"):
        period_containing(start=date(2026, 3, 5), cadence=MONTHLY, alignment="anniversary", day=date(2026, 3, 4))


cadences = st.builds(
    Cadence,
    interval=st.sampled_from(["day", "week", "month", "year"]),
    count=st.integers(min_value=1, max_value=4),
)
contract_starts = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@given(
    start=contract_starts,
    cadence=cadences,
    alignment=st.sampled_from(["anniversary", "calendar"]),
    length=st.integers(min_value=1, max_value=1500),
    has_end=st.booleans(),
)
def test_periods_tile_the_service_dates(
    start: date, cadence: Cadence, alignment: str, length: int, has_end: bool
) -> None:
    end = start + timedelta(days=length) if has_end else None
    until = start + timedelta(days=length)

    periods = billing_periods(start=start, end=end, cadence=cadence, alignment=alignment, until=until)

    assert periods[0].start == start
    assert all(before.end == after.start for before, after in pairwise(periods))
    assert periods[-1].start < until <= periods[-1].end or periods[-1].end == end
    for index, period in enumerate(periods):
        assert period.full_start <= period.start < period.end <= period.full_end
        if 0 < index < len(periods) - 1:
            assert not period.is_partial
        found = period_containing(start=start, cadence=cadence, alignment=alignment, day=period.start, end=end)
        assert found == period
