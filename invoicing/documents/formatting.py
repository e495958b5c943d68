"""Locale-aware display of money, unit prices, quantities and dates for customer documents.

Pure functions over `Decimal` and `date` (no ORM, no settings), so invoices, emails and tests
format the same way. Amounts are rounded once, half up, to the currency's minor unit
(`round_money`) before babel formats them; unit prices and quantities keep every significant
decimal. Nothing here ever goes through float.

`locale` may be any spelling a customer record holds ("en_US", "en-US", "de", None): it is
resolved with `resolve_locale`, and an unknown one falls back to en_US rather than failing.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date
from babel.dates import format_interval
from babel.numbers import format_currency, format_decimal

from rating.money import round_money

DEFAULT_LOCALE = "en_US"
PERIOD_SEPARATOR = " \u2013 "  # a spaced en dash between the first and the last day


def resolve_locale(value: object, default: str = DEFAULT_LOCALE) -> str:
    """A babel locale identifier for a stored locale ("en-US", "de", "fr_FR"), else `default`.

    Customer records hold whatever was typed or sent by an integration; an unknown or empty
    value must not break a document, it falls back to the default locale.
    """
    if not isinstance(value, str) or not value.strip():
        return default
    return _parsed_locale(value.strip()) or default


@lru_cache(maxsize=256)
def _parsed_locale(text: str) -> str | None:
    try:
        return str(Locale.parse(text, sep="-" if "-" in text else "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return None


def _significant(value: Decimal) -> Decimal:
    """`value` without trailing zeros and never in exponent form: 0.004000 -> 0.004, 5E+2 -> 500."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def format_money(amount: Decimal, currency: str, locale: str | None = DEFAULT_LOCALE) -> str:
    """An amount in the currency's standard decimals: "$720.00", "￥1,000", "720,00 €" (de_DE).

    Rounded half up to the minor unit first (babel alone would round half to even).
    """
    rounded = round_money(amount, currency)
    return str(format_currency(rounded, currency, locale=resolve_locale(locale), currency_digits=True))


def format_unit_price(amount: Decimal, currency: str, locale: str | None = DEFAULT_LOCALE) -> str:
    """A unit price with at least the currency's decimals and every significant one beyond:
    0.004 -> "$0.004", 50 -> "$50.00", 0.125 JPY -> "￥0.125"."""
    minimum = round_money(amount, currency)  # also refuses unknown currency codes
    value = minimum if minimum == amount else _significant(amount)
    return str(format_currency(value, currency, locale=resolve_locale(locale), decimal_quantization=False))


def format_quantity(quantity: Decimal, locale: str | None = DEFAULT_LOCALE) -> str:
    """A quantity with grouping and all its decimals, no trailing zeros: "180,000", "2.5"."""
    return str(format_decimal(_significant(quantity), locale=resolve_locale(locale), decimal_quantization=False))


def format_date(value: date | None, locale: str | None = DEFAULT_LOCALE) -> str:
    """A date in the locale's medium format ("Apr 5, 2026", "05.04.2026"); "" for None."""
    if value is None:
        return ""
    return str(babel_format_date(value, format="medium", locale=resolve_locale(locale)))


def format_period(start: date, end: date, locale: str | None = DEFAULT_LOCALE, *, compact: bool = False) -> str:
    """A half-open period [start, end) as the inclusive days it covers.

    [Mar 5, Apr 5) gives "Mar 5, 2026 \u2013 Apr 4, 2026", or with `compact` the locale's short
    interval "Mar 5 \u2013 Apr 4, 2026" (for table cells). A one-day period is a single date.
    """
    last_day = end - timedelta(days=1)
    if last_day <= start:
        return format_date(start, locale)
    if compact:
        return str(format_interval(start, last_day, "yMMMd", locale=resolve_locale(locale)))
    return f"{format_date(start, locale)}{PERIOD_SEPARATOR}{format_date(last_day, locale)}"
