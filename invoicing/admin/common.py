"""Display helpers shared by the invoicing screens (and the other apps' admin pages showing money)."""

from __future__ import annotations

from decimal import Decimal

from audit.admin import EMPTY
from invoicing.documents.formatting import format_money


def money(amount: Decimal | None, currency: str) -> str:
    """An amount for the back office ("$1,234.50"); the plain decimal and code if babel cannot
    format the currency (a bad code must not break a list page)."""
    if amount is None:
        return EMPTY
    try:
        return format_money(amount, currency)
    except (ValueError, LookupError):
        return f"{amount} {currency}"
