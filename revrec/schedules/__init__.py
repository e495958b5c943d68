"""Pure revenue schedules: split an amount ratably by day over calendar months."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from rating import round_money


def month_slices(start: date, end: date) -> list[tuple[date, date]]:
    """[start, end) cut at each first of the month."""
    slices = []
    cursor = start
    while cursor < end:
        next_month = cursor.replace(day=1) + relativedelta(months=1)
        slice_end = min(next_month, end)
        slices.append((cursor, slice_end))
        cursor = slice_end
    return slices


def ratable_schedule(amount: Decimal, *, start: date, end: date, currency: str) -> list[tuple[date, date, Decimal]]:
    """Daily-ratable amounts per calendar month, each rounded to the currency's minor unit; the last
    slice takes the remainder so the schedule sums exactly to ``amount``."""
    slices = month_slices(start, end)
    total_days = (end - start).days
    rows: list[tuple[date, date, Decimal]] = []
    allocated = Decimal(0)
    for index, (s, e) in enumerate(slices):
        if index == len(slices) - 1:
            part = amount - allocated
        else:
            part = round_money(amount * (e - s).days / total_days, currency)
            allocated += part
        rows.append((s, e, part))
    return rows
