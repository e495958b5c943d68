from __future__ import annotations

import zoneinfo

from babel.numbers import get_currency_name
from django.core.exceptions import ValidationError

_KNOWN_ZONES = zoneinfo.available_timezones()


def validate_currency(value: str) -> None:
    """An ISO 4217 code that babel knows (it echoes unknown codes back as their own name)."""
    if len(value) != 3 or not value.isupper() or get_currency_name(value, locale="en") == value:
        raise ValidationError(f"'{value}' is not an ISO 4217 currency code.")


def validate_timezone(value: str) -> None:
    if value not in _KNOWN_ZONES:
        raise ValidationError(f"'{value}' is not an IANA time zone (e.g. 'America/New_York').")
