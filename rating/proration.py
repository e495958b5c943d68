"""Proration by calendar days over half-open intervals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction


def proration_factor(*, service_start: date, service_end: date, period_start: date, period_end: date) -> Fraction:
    """Share of the billing period covered by the service: service days / period days.

    Both intervals are half-open, so [Mar 15, Apr 1) is 17 days of the 31 in [Mar 1, Apr 1).
    The service interval must lie inside the period; anything else is a caller error rather
    than something to clip silently.
    """
    if period_end <= period_start:
        raise ValueError("The period must end after it starts.")
    if not period_start <= service_start <= service_end <= period_end:
        raise ValueError("The service interval must lie inside the period.")
    return Fraction((service_end - service_start).days, (period_end - period_start).days)


def apply_factor(amount: Decimal, factor: Fraction) -> Decimal:
    """amount * factor, unrounded: multiply before dividing so whole periods stay exact."""
    if factor == 1:
        return amount
    return amount * factor.numerator / factor.denominator


def prorate(
    amount: Decimal,
    *,
    service_start: date,
    service_end: date,
    period_start: date,
    period_end: date,
) -> Decimal:
    """The part of `amount` earned over the service days of the period, precise (unrounded)."""
    factor = proration_factor(
        service_start=service_start,
        service_end=service_end,
        period_start=period_start,
        period_end=period_end,
    )
    return apply_factor(amount, factor)
