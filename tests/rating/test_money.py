from __future__ import annotations

from decimal import Decimal as D

import pytest

from rating import currency_exponent, format_money, round_money


@pytest.mark.parametrize(
    ("currency", "exponent"),
    [("USD", 2), ("EUR", 2), ("JPY", 0), ("KRW", 0), ("KWD", 3), ("BHD", 3)],
)
def test_currency_exponent_follows_iso_4217(currency: str, exponent: int) -> None:
    assert currency_exponent(currency) == exponent


def test_currency_exponent_refuses_unknown_codes() -> None:
    with pytest.raises(ValueError, match="Unknown currency"):
        currency_exponent("ZZZ")


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (D("0.005"), "USD", D("0.01")),  # half up, where half-even would give 0.00
        (D("0.015"), "USD", D("0.02")),
        (D("2.675"), "USD", D("2.68")),  # the classic float trap (2.675 -> 2.67 as a float)
        (D("0.0049999"), "USD", D("0.00")),
        (D("-0.005"), "USD", D("-0.01")),  # half away from zero for credits
        (D("720.000"), "USD", D("720.00")),
        (D("500.5"), "JPY", D("501")),
        (D("1.4999"), "JPY", D("1")),
        (D("1.2345"), "KWD", D("1.235")),
        (D("1.2344999"), "KWD", D("1.234")),
        (D("10"), "KWD", D("10.000")),
    ],
)
def test_round_money_rounds_half_up_to_the_minor_unit(amount: D, currency: str, expected: D) -> None:
    rounded = round_money(amount, currency)

    assert rounded == expected
    assert rounded.as_tuple().exponent == expected.as_tuple().exponent


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (D("0.004"), "USD", "$0.004"),
        (D("0.000000000001"), "USD", "$0.000000000001"),
        (D("50"), "USD", "$50.00"),
        (D("0.10"), "USD", "$0.10"),
        (D("1000"), "JPY", "¥1,000"),
        (D("0.004"), "EUR", "€0.004"),
    ],
)
def test_format_money_keeps_significant_decimals(amount: D, currency: str, expected: str) -> None:
    assert format_money(amount, currency) == expected
