from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from django import template

from invoicing.formatting import format_money

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
    """A datetime as "2026-07-01 09:00" (UTC), a date as "2026-07-01", nothing as "-"."""
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()
