"""Billing periods: cadence arithmetic over half-open date intervals.

Every boundary is computed from the anchor (`anchor + n * cadence`), never from the previous
period, so month-end anchors stay on the month end: Jan 31, Feb 28 (29), Mar 31, Apr 30.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from dateutil.relativedelta import relativedelta

INTERVALS = ("day", "week", "month", "year")
ALIGNMENTS = ("anniversary", "calendar")


@dataclass(frozen=True)
class Cadence:
    """A billing cadence: `count` times `interval` (month x 3 is quarterly)."""

    interval: str
    count: int = 1

    def __post_init__(self) -> None:
        if self.interval not in INTERVALS:
            raise ValueError(f"Unknown interval {self.interval!r}; expected one of {INTERVALS}.")
        if self.count < 1:
            raise ValueError("A cadence count must be at least 1.")

    def delta(self, n: int = 1) -> relativedelta:
        """The offset of `n` cadences from an anchor."""
        steps = self.count * n
        if self.interval == "day":
            return relativedelta(days=steps)
        if self.interval == "week":
            return relativedelta(weeks=steps)
        if self.interval == "month":
            return relativedelta(months=steps)
        return relativedelta(years=steps)


@dataclass(frozen=True)
class Period:
    """A service period [start, end) inside its nominal billing period [nominal_start, nominal_end).

    The two differ only for partial periods (a calendar-aligned first period, or a contract
    ending mid-period); a partial period's fixed fees are prorated by `proration_factor`.
    The nominal bounds default to the service bounds.
    """

    start: date
    end: date
    nominal_start: date | None = None
    nominal_end: date | None = None

    def __post_init__(self) -> None:
        if self.nominal_start is None:
            object.__setattr__(self, "nominal_start", self.start)
        if self.nominal_end is None:
            object.__setattr__(self, "nominal_end", self.end)
        if not self.start < self.end:
            raise ValueError("A period must end after it starts.")
        if not self.full_start <= self.start < self.end <= self.full_end:
            raise ValueError("A period must lie inside its nominal period.")

    @property
    def full_start(self) -> date:
        """nominal_start, typed as always set."""
        return self.nominal_start or self.start

    @property
    def full_end(self) -> date:
        """nominal_end, typed as always set."""
        return self.nominal_end or self.end

    @property
    def days(self) -> int:
        """Calendar days of service (half-open: [Mar 1, Apr 1) is 31 days)."""
        return (self.end - self.start).days

    @property
    def nominal_days(self) -> int:
        return (self.full_end - self.full_start).days

    @property
    def is_partial(self) -> bool:
        return self.days != self.nominal_days

    @property
    def proration_factor(self) -> Fraction:
        """Service days over nominal days; 1 for a whole period."""
        return Fraction(self.days, self.nominal_days)


def add_cadence(anchor: date, cadence: Cadence, n: int) -> date:
    """anchor + n * cadence, e.g. Jan 31 + 1 month = Feb 28 (29 in a leap year)."""
    result: date = anchor + cadence.delta(n)
    return result


def calendar_anchor(start: date, cadence: Cadence) -> date:
    """The first calendar boundary on or after `start`: 1st of a month, Jan 1, or a Monday."""
    if cadence.interval == "day":
        return start
    if cadence.interval == "week":
        return start + timedelta(days=-start.weekday() % 7)
    if cadence.interval == "month":
        if start.day == 1:
            return start
        return start.replace(day=1) + relativedelta(months=1)
    if (start.month, start.day) == (1, 1):
        return start
    return date(start.year + 1, 1, 1)


def _anchor(start: date, cadence: Cadence, alignment: str) -> date:
    if alignment == "anniversary":
        return start
    if alignment == "calendar":
        return calendar_anchor(start, cadence)
    raise ValueError(f"Unknown alignment {alignment!r}; expected one of {ALIGNMENTS}.")


def _first_index(start: date, anchor: date) -> int:
    # A calendar anchor after the start opens with the partial period [start, anchor), which is
    # the tail of nominal period -1.
    return -1 if anchor > start else 0


def _cadence_index(anchor: date, cadence: Cadence, day: date) -> int:
    """The n with add_cadence(anchor, n) <= day < add_cadence(anchor, n + 1)."""
    if cadence.interval in ("day", "week"):
        length = cadence.count * (7 if cadence.interval == "week" else 1)
        return (day - anchor).days // length
    if cadence.interval == "month":
        n = ((day.year - anchor.year) * 12 + day.month - anchor.month) // cadence.count
    else:
        n = (day.year - anchor.year) // cadence.count
    # The estimate from calendar fields can be off by one around month ends; settle it exactly.
    while add_cadence(anchor, cadence, n) > day:
        n -= 1
    while add_cadence(anchor, cadence, n + 1) <= day:
        n += 1
    return n


def _period(index: int, *, anchor: date, cadence: Cadence, start: date, end: date | None) -> Period:
    nominal_start = add_cadence(anchor, cadence, index)
    nominal_end = add_cadence(anchor, cadence, index + 1)
    service_end = nominal_end if end is None else min(nominal_end, end)
    return Period(
        start=max(nominal_start, start),
        end=service_end,
        nominal_start=nominal_start,
        nominal_end=nominal_end,
    )


def billing_periods(
    *,
    start: date,
    end: date | None,
    cadence: Cadence,
    alignment: str = "anniversary",
    until: date,
) -> list[Period]:
    """The service periods of a contract line that start before `until` (exclusive).

    `start` and `end` are the line's service dates (`end` exclusive, None while open-ended).
    Anniversary billing anchors on `start`; calendar billing anchors on the first calendar
    boundary on or after `start` and opens with the partial period [start, boundary). A
    contract end inside a period truncates it. Each period carries its nominal bounds so
    fixed fees can be prorated.
    """
    if end is not None and end <= start:
        raise ValueError("A contract must end after it starts.")
    anchor = _anchor(start, cadence, alignment)
    stop = until if end is None else min(until, end)
    periods: list[Period] = []
    index = _first_index(start, anchor)
    while True:
        period_start = max(add_cadence(anchor, cadence, index), start)
        if period_start >= stop:
            return periods
        periods.append(_period(index, anchor=anchor, cadence=cadence, start=start, end=end))
        index += 1


def period_containing(
    *,
    start: date,
    cadence: Cadence,
    alignment: str,
    day: date,
    end: date | None = None,
) -> Period:
    """The service period of a contract starting on `start` that contains `day`."""
    if day < start or (end is not None and day >= end):
        raise ValueError("The day is outside the contract's service dates.")
    anchor = _anchor(start, cadence, alignment)
    index = max(_cadence_index(anchor, cadence, day), _first_index(start, anchor))
    return _period(index, anchor=anchor, cadence=cadence, start=start, end=end)
