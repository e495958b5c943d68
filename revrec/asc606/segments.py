"""Recognition patterns as segments: a rule that spreads an amount over dates, of which a window
[window_from, window_to) is booked. Cutting a segment at a modification's effective date keeps
what was booked before it and lets a new segment take over from it; the pieces of one rule always
sum to its amount, because every piece is computed from the whole rule and the remainder sits on
its last item."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from dateutil.relativedelta import relativedelta

from .money import to_money

FAR_PAST = date.min
FAR_FUTURE = date.max

Item = tuple[date, Decimal]


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return month_start(day) + relativedelta(months=1)


@dataclass(frozen=True)
class DaySegment:
    """Ratable by day over [start, end): an equal share per whole day, summed per calendar month
    (further split at ``cuts``, the dates at which the schedule was cut), each slice rounded to
    the minor unit and the last slice taking the remainder. An item is dated at its slice's first
    day, so revenue is always dated inside the month it is earned in."""

    start: date
    end: date
    amount: Decimal
    window_from: date = FAR_PAST
    window_to: date = FAR_FUTURE
    cuts: tuple[date, ...] = ()

    def _slices(self) -> list[tuple[date, date]]:
        points = {self.start, self.end}
        cursor = next_month(self.start)
        while cursor < self.end:
            points.add(cursor)
            cursor = next_month(cursor)
        points |= {c for c in self.cuts if self.start < c < self.end}
        ordered = sorted(points)
        return list(zip(ordered, ordered[1:], strict=False))

    def items(self, currency: str) -> list[Item]:
        slices = self._slices()
        days = (self.end - self.start).days
        amounts = [to_money(Fraction(self.amount) * (b - a).days / days, currency) for a, b in slices[:-1]]
        amounts.append(self.amount - sum(amounts, Decimal(0)))
        return [(a, x) for (a, _b), x in zip(slices, amounts, strict=True) if self.window_from <= a < self.window_to]

    def cut(self, when: date) -> tuple[DaySegment, DaySegment]:
        cuts = tuple(sorted({*self.cuts, when}))
        before = replace(self, window_to=min(self.window_to, when), cuts=cuts)
        after = replace(self, window_from=max(self.window_from, when), cuts=cuts)
        return before, after


def service_months(anchor: date, first: date, end: date) -> list[date]:
    """Starts of the service months ``anchor + k months`` (clamped to the month's end by
    relativedelta, from the anchor, never from the previous one) in [first, end)."""
    out: list[date] = []
    k = 0
    while True:
        begin = anchor + relativedelta(months=k)
        if begin >= end:
            return out
        if begin >= first:
            out.append(begin)
        k += 1


@dataclass(frozen=True)
class MonthEvenlySegment:
    """Ratable by service month: the service months of ``anchor`` that begin in [first, end), a
    short last one included, each an equal share (rounded; the last takes the remainder), booked
    in the month it begins."""

    anchor: date
    first: date
    end: date
    amount: Decimal
    window_from: date = FAR_PAST
    window_to: date = FAR_FUTURE

    def items(self, currency: str) -> list[Item]:
        months = service_months(self.anchor, self.first, self.end)
        if not months:
            return []
        share = to_money(Fraction(self.amount) / len(months), currency)
        amounts = [share] * (len(months) - 1) + [self.amount - share * (len(months) - 1)]
        return [(m, x) for m, x in zip(months, amounts, strict=True) if self.window_from <= m < self.window_to]

    def cut(self, when: date) -> tuple[MonthEvenlySegment, MonthEvenlySegment]:
        return (
            replace(self, window_to=min(self.window_to, when)),
            replace(self, window_from=max(self.window_from, when)),
        )


@dataclass(frozen=True)
class PointsSegment:
    """An amount earned at dates in proportion to weights (a point in time: one date; milestones:
    their percents), each rounded; the last point by date takes the remainder."""

    points: tuple[tuple[date, Fraction], ...]
    amount: Decimal
    window_from: date = FAR_PAST
    window_to: date = FAR_FUTURE

    def items(self, currency: str) -> list[Item]:
        if not self.points:
            return []
        total = sum((w for _d, w in self.points), Fraction(0))
        # The last by date takes the remainder (on a date tie, the last in order).
        last = max(range(len(self.points)), key=lambda i: (self.points[i][0], i))
        amounts: list[Decimal] = []
        for index, (_when, weight) in enumerate(self.points):
            share = Fraction(self.amount) * weight / total if total else Fraction(0)
            amounts.append(Decimal(0) if index == last else to_money(share, currency))
        amounts[last] = self.amount - sum(amounts, Decimal(0))
        return [
            (when, x)
            for (when, _w), x in zip(self.points, amounts, strict=True)
            if self.window_from <= when < self.window_to
        ]

    def cut(self, when: date) -> tuple[PointsSegment, PointsSegment]:
        return (
            replace(self, window_to=min(self.window_to, when)),
            replace(self, window_from=max(self.window_from, when)),
        )


@dataclass(frozen=True)
class FixedSegment:
    """Amounts already decided per date: usage (variable consideration) and catch-up adjustments."""

    fixed: tuple[Item, ...]
    window_from: date = FAR_PAST
    window_to: date = FAR_FUTURE

    def items(self, currency: str) -> list[Item]:
        return [(d, x) for d, x in self.fixed if self.window_from <= d < self.window_to]

    def cut(self, when: date) -> tuple[FixedSegment, FixedSegment]:
        return (
            replace(self, window_to=min(self.window_to, when)),
            replace(self, window_from=max(self.window_from, when)),
        )


Segment = DaySegment | MonthEvenlySegment | PointsSegment | FixedSegment


def total(segments: list[Segment], currency: str) -> Decimal:
    return sum((x for s in segments for _d, x in s.items(currency)), Decimal(0))
