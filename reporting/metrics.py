"""CFO metrics as pure functions over plain values (no ORM, no settings, no clock).

MRR: each recurring invoice line (fixed fee, usage, minimum commitment) is spread evenly over the
calendar months its service period covers, counted in whole months from the period's start
(a monthly period [Mar 5, Apr 5) is March's; an annual one gives a twelfth to each of 12 months).
A customer's MRR for a month is the sum of those shares; ARR = 12 x MRR. Movements compare each
customer's MRR with the previous month: new (from zero), expansion, contraction, churn (to zero),
so that MRR(prev) + new + expansion - contraction - churn = MRR(month), exactly.

Amounts are never added across currencies here; conversion uses dated rates given by the caller.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta

ZERO = Decimal(0)
AVERAGE_MONTH_DAYS = Decimal("30.436875")  # 365.2425 / 12


def month_start(day: date) -> date:
    return day.replace(day=1)


def months_between(start: date, end: date) -> list[date]:
    """First days of the months in [start, end), both given as first days of months."""
    out = []
    current = month_start(start)
    while current < end:
        out.append(current)
        current += relativedelta(months=1)
    return out


def service_months(period_start: date, period_end: date) -> int:
    """Whole months a service period spans (a 28-31 day period is one; never less than one)."""
    return _months_for_days((period_end - period_start).days)


def _months_for_days(days: int) -> int:
    return max(1, int((Decimal(days) / AVERAGE_MONTH_DAYS).to_integral_value()))


MrrKey = tuple[str, date]  # (currency, month)


def mrr_by_customer(
    lines: Iterable[tuple[int, str, date, date, Decimal]], *, months: list[date]
) -> dict[MrrKey, dict[int, Decimal]]:
    """``lines`` of (customer id, currency, period start, period end, amount) -> for each
    (currency, month) in ``months``, each customer's MRR. Shares keep full precision.

    Months are handled as integers (year * 12 + month - 1): this runs over every recurring line
    of a year (hundreds of thousands on a large book), so it avoids date arithmetic per line."""
    wanted = {m.year * 12 + m.month - 1: m for m in months}
    lo, hi = min(wanted), max(wanted)
    out: dict[MrrKey, dict[int, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    month_counts: dict[int, int] = {}
    for customer_id, currency, start, end, amount in lines:
        days = (end - start).days
        count = month_counts.get(days)
        if count is None:
            count = month_counts[days] = _months_for_days(days)
        first = start.year * 12 + start.month - 1
        if first > hi or first + count <= lo:
            continue
        share = amount / count if count != 1 else amount
        for index in range(max(first, lo), min(first + count, hi + 1)):
            month = wanted.get(index)
            if month is not None:
                out[(currency, month)][customer_id] += share
    return out


@dataclass
class Movements:
    starting: Decimal = ZERO
    new: Decimal = ZERO
    expansion: Decimal = ZERO
    contraction: Decimal = ZERO
    churn: Decimal = ZERO
    ending: Decimal = ZERO
    new_customers: int = 0
    churned_customers: int = 0


def mrr_movements(previous: Mapping[int, Decimal], current: Mapping[int, Decimal]) -> Movements:
    """How MRR moved from one month to the next, customer by customer."""
    m = Movements(starting=sum(previous.values(), ZERO), ending=sum(current.values(), ZERO))
    for customer in set(previous) | set(current):
        before, after = previous.get(customer, ZERO), current.get(customer, ZERO)
        if before == 0 and after > 0:
            m.new += after
            m.new_customers += 1
        elif before > 0 and after == 0:
            m.churn += before
            m.churned_customers += 1
        elif after > before:
            m.expansion += after - before
        elif before > after:
            m.contraction += before - after
    return m


def dso(*, receivable: Decimal, billed: Decimal, days: int) -> Decimal | None:
    """Days sales outstanding: receivables at the end of the window over what was billed in it,
    times its days. None when nothing was billed."""
    if billed <= 0:
        return None
    return receivable * days / billed


def rate_on(rates: Mapping[str, list[tuple[date, Decimal]]], currency: str, day: date) -> Decimal | None:
    """The rate in force on ``day``: the latest dated on or before it (``rates[currency]`` sorted
    by date ascending)."""
    found = None
    for rate_date, rate in rates.get(currency, ()):
        if rate_date > day:
            break
        found = rate
    return found


def convert(
    amount: Decimal, *, currency: str, target: str, base: str,
    rates: Mapping[str, list[tuple[date, Decimal]]], day: date,
) -> Decimal | None:
    """``amount`` in ``currency`` as ``target`` with the rates in force on ``day`` (each rate is
    the value of one unit in ``base``): through the base currency. None when a rate is missing."""
    if currency == target:
        return amount
    source_rate = Decimal(1) if currency == base else rate_on(rates, currency, day)
    target_rate = Decimal(1) if target == base else rate_on(rates, target, day)
    if source_rate is None or target_rate is None:
        return None
    return amount * source_rate / target_rate
