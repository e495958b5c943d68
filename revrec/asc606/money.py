"""Exact rounding of rational amounts to a currency's minor unit."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from rating.money import currency_exponent, round_money


def to_money(value: Fraction | Decimal | int, currency: str) -> Decimal:
    """Round to the currency's minor unit, half away from zero, exactly (no intermediate
    binary or 28-digit approximation: a share is a ratio of decimals, kept as a Fraction)."""
    exponent = currency_exponent(currency)
    scaled = Fraction(value) * 10**exponent
    sign = -1 if scaled < 0 else 1
    magnitude = abs(scaled)
    whole, remainder = divmod(magnitude.numerator, magnitude.denominator)
    if 2 * remainder >= magnitude.denominator:
        whole += 1
    return Decimal(sign * whole).scaleb(-exponent) if whole else Decimal(0).scaleb(-exponent)


def money_str(value: Decimal, currency: str) -> str:
    """A decimal string with exactly the currency's number of decimals: "17.78", "18" (JPY)."""
    return format(round_money(value, currency), "f")
