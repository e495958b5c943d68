"""Readable decimals in the whole admin, in one place.

Money and quantities are stored with up to 12 decimal places (unit prices, precise amounts, rates),
and Django's admin shows a DecimalField with all of its places ("200.000000000000") and a zero
read back at that precision as "0E-12". Every changelist cell, read-only field and number input
goes through the three functions patched here, so each app's admin shows "200.00", "0.004" and
"0.00" without formatting its own fields:

- ``display_for_field`` (changelist cells, read-only fields on change pages): a DecimalField shows
  at least two decimal places (fewer if the field has fewer) and no trailing zeros beyond them;
- ``display_for_value`` (computed columns returning a Decimal): the same, with at least two places;
- number inputs of DecimalFields on change forms: the same digits, without grouping (so the
  browser's number input accepts them).

``install()`` runs once, from the URL configuration that mounts the admin.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.admin import helpers, options, utils
from django.contrib.admin.templatetags import admin_list
from django.db import models
from django.utils import formats

_installed = False


def decimal_places_shown(value: Decimal, *, at_least: int = 2, at_most: int | None = None) -> int:
    """Places to show: at least ``at_least`` (capped by ``at_most``), and any further significant ones."""
    floor = at_least if at_most is None else min(at_least, at_most)
    if not value.is_finite():
        return floor
    exponent = value.normalize().as_tuple().exponent
    significant = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if at_most is not None:
        significant = min(significant, at_most)
    return max(floor, significant)


def readable_decimal(value: Decimal, *, at_least: int = 2, at_most: int | None = None, grouping: bool = True) -> str:
    """``Decimal("200.000000000000")`` -> "200.00", ``Decimal("0E-12")`` -> "0.00",
    ``Decimal("0.004000000000")`` -> "0.004" (localised, thousands grouped when the settings say so)."""
    places = decimal_places_shown(value, at_least=at_least, at_most=at_most)
    if not grouping:
        return f"{value.quantize(Decimal(1).scaleb(-places)) if value.is_finite() else value:f}"
    return formats.number_format(value, places)


class ReadableDecimalInput(forms.NumberInput):
    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal) and value.is_finite():
            return readable_decimal(value, grouping=False)
        return super().format_value(value)


def install() -> None:
    global _installed
    if _installed:
        return
    _installed = True
    original_field, original_value = utils.display_for_field, utils.display_for_value
    original_formfield = options.BaseModelAdmin.formfield_for_dbfield

    def display_for_field(value: Any, field: Any, empty_value_display: str, *args: Any, **kwargs: Any) -> Any:
        if isinstance(field, models.DecimalField) and isinstance(value, Decimal) and not field.flatchoices:
            return readable_decimal(value, at_most=field.decimal_places)
        return original_field(value, field, empty_value_display, *args, **kwargs)

    def display_for_value(value: Any, empty_value_display: str, boolean: bool = False) -> Any:
        if isinstance(value, Decimal) and not boolean:
            return readable_decimal(value)
        return original_value(value, empty_value_display, boolean)

    def formfield_for_dbfield(self: Any, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if type(db_field) is models.DecimalField and "widget" not in kwargs and not db_field.choices:
            kwargs["widget"] = ReadableDecimalInput
        return original_formfield(self, db_field, request, **kwargs)

    for module in (utils, helpers, admin_list):
        if hasattr(module, "display_for_field"):
            module.display_for_field = display_for_field
        if hasattr(module, "display_for_value"):
            module.display_for_value = display_for_value
    options.BaseModelAdmin.formfield_for_dbfield = formfield_for_dbfield
