"""Display formatting of money, unit prices, quantities and dates (pure: no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from invoicing.documents.formatting import (
    format_date,
    format_money,
    format_period,
    format_quantity,
    format_unit_price,
    resolve_locale,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "expected"),
    [
        (D("720"), "USD", "en_US", "$720.00"),
        (D("720.0000"), "USD", "en_US", "$720.00"),  # the model's 4 decimal places
        (D("1000"), "JPY", "ja_JP", "\uffe51,000"),  # fullwidth yen sign in Japanese
        (D("1000"), "JPY", "en_US", "\u00a51,000"),
        (D("720"), "EUR", "de_DE", f"720,00{NBSP}\u20ac"),
        (D("1234567.5"), "EUR", "de_DE", f"1.234.567,50{NBSP}\u20ac"),
        (D("1.5"), "KWD", "en_US", "KWD1.500"),
        (D("-120"), "USD", "en_US", "-$120.00"),  # credit lines
    ],
)
def test_format_money_uses_the_currency_decimals_and_locale(
    amount: D, currency: str, locale: str, expected: str
) -> None:
    assert format_money(amount, currency, locale) == expected


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (D("0.005"), "USD", "$0.01"),  # half up, where babel alone rounds half to even
        (D("0.015"), "USD", "$0.02"),
        (D("2.675"), "USD", "$2.68"),
        (D("2.5"), "JPY", "\u00a53"),
        (D("-0.005"), "USD", "-$0.01"),
    ],
)
def test_format_money_rounds_half_up_once(amount: D, currency: str, expected: str) -> None:
    assert format_money(amount, currency) == expected


def test_format_money_defaults_to_en_us() -> None:
    assert format_money(D("720"), "USD") == "$720.00"


def test_format_money_refuses_unknown_currency_codes() -> None:
    with pytest.raises(ValueError, match="Unknown currency"):
        format_money(D(1), "ZZZ")


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "expected"),
    [
        (D("0.004"), "USD", "en_US", "$0.004"),
        (D("0.004000000000"), "USD", "en_US", "$0.004"),  # the model's 12 decimal places
        (D("50"), "USD", "en_US", "$50.00"),
        (D("50.000000000000"), "USD", "en_US", "$50.00"),
        (D("0.1"), "USD", "en_US", "$0.10"),
        (D("0.0425"), "USD", "en_US", "$0.0425"),
        (D("0.000000000001"), "USD", "en_US", "$0.000000000001"),
        (D("0.125"), "JPY", "en_US", "\u00a50.125"),
        (D("12"), "JPY", "en_US", "\u00a512"),
        (D("0.004"), "EUR", "de_DE", f"0,004{NBSP}\u20ac"),
        (D("1500"), "USD", "en_US", "$1,500.00"),
    ],
)
def test_format_unit_price_keeps_every_significant_decimal(
    amount: D, currency: str, locale: str, expected: str
) -> None:
    assert format_unit_price(amount, currency, locale) == expected


@pytest.mark.parametrize(
    ("quantity", "locale", "expected"),
    [
        (D("180000"), "en_US", "180,000"),
        (D("180000.000000000000"), "en_US", "180,000"),
        (D("2.5"), "en_US", "2.5"),
        (D("2.500000000000"), "en_US", "2.5"),
        (D("0"), "en_US", "0"),
        (D("1E+3"), "en_US", "1,000"),  # never "1E+3"
        (D("0.000001"), "en_US", "0.000001"),
        (D("1234.5"), "de_DE", "1.234,5"),
        (D("1"), "en_US", "1"),
    ],
)
def test_format_quantity_has_grouping_and_no_trailing_zeros(quantity: D, locale: str, expected: str) -> None:
    assert format_quantity(quantity, locale) == expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en_US", "Apr 5, 2026"), ("de_DE", "05.04.2026"), ("en_GB", "5 Apr 2026")],
)
def test_format_date_is_the_medium_format(locale: str, expected: str) -> None:
    assert format_date(date(2026, 4, 5), locale) == expected


def test_format_date_of_nothing_is_empty() -> None:
    assert format_date(None) == ""


def test_format_period_shows_the_inclusive_last_day() -> None:
    # [Mar 5, Apr 5) is "March 5 to April 4" inclusive.
    assert format_period(date(2026, 3, 5), date(2026, 4, 5)) == "Mar 5, 2026 \u2013 Apr 4, 2026"


def test_format_period_compact_for_table_cells() -> None:
    dash = "\u2009\u2013\u2009"  # babel's interval: an en dash between thin spaces
    assert format_period(date(2026, 3, 5), date(2026, 4, 5), compact=True) == (f"Mar 5{dash}Apr 4, 2026")
    assert format_period(date(2025, 12, 5), date(2026, 1, 5), compact=True) == (f"Dec 5, 2025{dash}Jan 4, 2026")


def test_format_period_of_one_day_is_one_date() -> None:
    assert format_period(date(2026, 3, 5), date(2026, 3, 6)) == "Mar 5, 2026"
    assert format_period(date(2026, 3, 5), date(2026, 3, 6), compact=True) == "Mar 5, 2026"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("en_US", "en_US"),
        ("en-US", "en_US"),
        ("de", "de"),
        ("pt-br", "pt_BR"),
        ("  fr_FR ", "fr_FR"),
        ("", "en_US"),
        (None, "en_US"),
        ("xx-YY", "en_US"),
        ("not a locale", "en_US"),
    ],
)
def test_resolve_locale_accepts_stored_spellings(value: object, expected: str) -> None:
    assert resolve_locale(value) == expected


def test_formatters_accept_hyphenated_and_unknown_locales() -> None:
    assert format_money(D("720"), "EUR", "de-DE") == f"720,00{NBSP}\u20ac"
    assert format_money(D("720"), "USD", "xx-YY") == "$720.00"
    assert format_money(D("720"), "USD", None) == "$720.00"
    assert format_quantity(D("180000"), "en-US") == "180,000"
    assert format_date(date(2026, 4, 5), "") == "Apr 5, 2026"


def test_formatting_never_goes_through_float() -> None:
    # 0.1 + 0.2 as floats is 0.30000000000000004; as Decimals it stays exact.
    assert format_unit_price(D("0.1") + D("0.2"), "USD") == "$0.30"
    assert format_quantity(D("0.1") + D("0.2")) == "0.3"
