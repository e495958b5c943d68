from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal
from django import template

from invoicing.documents.formatting import format_money
from rating import currency_exponent, round_money

register = template.Library()


@register.filter
def money(amount: Decimal | None, currency: str) -> str:
    """``{{ amount|money:currency }}``: "$1,234.50", never "1234.5000" or "0E-12"."""
    if amount is None or not currency:
        return "-"
    return format_money(Decimal(amount), currency)


@register.filter
def get_item(mapping: dict, key: object) -> object:
    return mapping.get(key)


@register.filter
def when(value: datetime | date | None) -> str:
    """A datetime as "2026-07-01 09:00" (in UTC: the column says so), a date as "2026-07-01", nothing as "-"."""
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


@register.filter
def figure(value: Decimal | None, unit_and_currency: str) -> str:
    """A table figure, grouped and without a symbol: money to the currency's decimals
    ("1,603,000.00", "1,000" for JPY), days and percentages to one decimal; "-" when empty.
    ``{{ v|figure:"money:USD" }}``, ``{{ v|figure:"days" }}``."""
    if value is None:
        return "-"
    unit, _, currency = unit_and_currency.partition(":")
    if unit == "money" and currency:
        exponent = currency_exponent(currency)
        pattern = "#,##0" + ("." + "0" * exponent if exponent else "")
        return format_decimal(round_money(Decimal(value), currency), format=pattern, locale="en_US")
    if unit == "count":
        return format_decimal(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP), locale="en_US")
    return format_decimal(Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), format="#,##0.0",
                          locale="en_US")
