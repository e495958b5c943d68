"""Currency arithmetic for rating: minor units, the single rounding step, and display."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel.numbers import (
    format_currency,
    format_decimal,
    get_currency_precision,
    is_currency,
)

# Invoices are rendered for the back office in one locale; the customer's locale only
# matters for documents, which format amounts themselves.
DISPLAY_LOCALE = "en_US"


@cache
def currency_exponent(currency: str) -> int:
    """Number of decimal places of the currency's minor unit (ISO 4217): USD 2, JPY 0, KWD 3.

    Raises ValueError for a code that is not an ISO 4217 currency, so a typo never falls back
    to two decimals silently.
    """
    if not is_currency(currency):
        raise ValueError(f"Unknown currency code {currency!r}.")
    return int(get_currency_precision(currency))


def minor_unit(currency: str) -> Decimal:
    """The smallest amount of the currency, e.g. Decimal("0.01") for USD, Decimal("1") for JPY."""
    return Decimal(1).scaleb(-currency_exponent(currency))


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Round an amount to the currency's minor unit, half away from zero.

    This is the one rounding step of rating: each invoice line is rounded once here and totals
    are sums of rounded lines. The mode is named because a bare quantize would use the
    context's ROUND_HALF_EVEN.
    """
    return amount.quantize(minor_unit(currency), rounding=ROUND_HALF_UP)


def format_money(amount: Decimal, currency: str) -> str:
    """Format with the currency symbol, keeping every significant decimal: "$0.004", "$50.00"."""
    return str(format_currency(amount, currency, locale=DISPLAY_LOCALE, decimal_quantization=False))


def format_quantity(quantity: Decimal) -> str:
    """Format a quantity with thousands separators and all its decimals: "180,000", "2.5"."""
    return str(format_decimal(quantity, locale=DISPLAY_LOCALE, decimal_quantization=False))
