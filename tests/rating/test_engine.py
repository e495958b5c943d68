from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from functools import partial

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rating import (
    LineSpec,
    MinimumCommitment,
    RatingInputError,
    Tier,
    Usage,
    rate_period,
    round_money,
)

MARCH = {"period_start": date(2026, 3, 1), "period_end": date(2026, 4, 1)}
# rate_period for March 2026.
rate_march = partial(rate_period, period_start=date(2026, 3, 1), period_end=date(2026, 4, 1))
API = LineSpec(code="api", charge_model="per_unit", unit_price=D("0.004"))


@pytest.mark.parametrize(
    ("currency", "unit_price", "quantity", "amount"),
    [
        ("USD", D("0.001"), "5", D("0.01")),  # 0.005 rounds half up
        ("USD", D("0.001"), "4", D("0.00")),
        ("JPY", D("0.5"), "1001", D("501")),  # 500.5 -> 501, no decimals
        ("JPY", D("0.5"), "1000", D("500")),
        ("KWD", D("0.0005"), "2469", D("1.235")),  # 1.2345 -> 1.235, three decimals
        ("EUR", D("0.004"), "180000", D("720.00")),
    ],
)
def test_each_row_is_rounded_once_to_the_currency(currency: str, unit_price: D, quantity: str, amount: D) -> None:
    spec = LineSpec(code="api", charge_model="per_unit", unit_price=unit_price)

    result = rate_march(currency=currency, lines=[spec], usage={"api": Usage(quantity=D(quantity))})

    [row] = result.lines
    assert row.amount == amount
    assert str(row.amount) == str(amount)
    assert result.subtotal == result.total == amount


def test_subtotal_is_the_sum_of_rounded_rows_not_the_rounded_sum() -> None:
    # Three rows of 0.005 each: rounded per row 0.01 x 3 = 0.03 (the precise sum 0.015 -> 0.02).
    lines = [LineSpec(code=code, charge_model="per_unit", unit_price=D("0.001")) for code in "abc"]
    usage = {code: Usage(quantity=D(5)) for code in "abc"}

    result = rate_march(currency="USD", lines=lines, usage=usage)

    assert result.subtotal == D("0.03")


def test_empty_contract_totals_zero_in_the_currency_exponent() -> None:
    assert str(rate_march(currency="KWD", lines=[], usage={}).total) == "0.000"


def test_rows_carry_the_service_bounds() -> None:
    result = rate_march(
        currency="USD",
        lines=[API],
        usage={},
        service_start=date(2026, 3, 10),
        service_end=date(2026, 3, 20),
    )

    assert (result.lines[0].period_start, result.lines[0].period_end) == (
        date(2026, 3, 10),
        date(2026, 3, 20),
    )


def test_lines_are_rated_in_order() -> None:
    lines = [
        LineSpec(code="base", charge_model="flat", amount=D(1000)),
        API,
        LineSpec(code="setup", charge_model="one_time", amount=D(50)),
    ]

    result = rate_march(currency="USD", lines=lines, usage={})

    assert [row.line_code for row in result.lines] == ["base", "api", "setup"]
    assert [row.kind for row in result.lines] == ["fixed", "usage", "fixed"]


@pytest.mark.parametrize(
    ("arguments", "path"),
    [
        ({"currency": "ZZZ"}, "currency"),
        ({"period_end": date(2026, 3, 1)}, "period_end"),
        ({"service_start": date(2026, 2, 20)}, "service_start"),
        ({"service_end": date(2026, 4, 2)}, "service_end"),
        ({"lines": [API, API]}, "lines[1].code"),
        ({"lines": [LineSpec(code="api", charge_model="per_unit")]}, "lines[0].unit_price"),
        ({"usage": {"storage": Usage()}}, "usage.storage"),
        ({"usage": {"api": Usage(quantity=D(-1))}}, "usage.api.quantity"),
        ({"usage": {"api": Usage(quantity=D("NaN"))}}, "usage.api.quantity"),
        ({"minimum_commitment": MinimumCommitment(amount=D(-5))}, "minimum_commitment.amount"),
    ],
)
def test_bad_input_raises_with_field_paths(arguments: dict[str, object], path: str) -> None:
    call: dict[str, object] = {"currency": "USD", "lines": [API], "usage": {}, **MARCH}

    with pytest.raises(RatingInputError) as raised:
        rate_period(**(call | arguments))  # type: ignore[arg-type]

    assert path in raised.value.fields


def test_percentage_usage_needs_event_values() -> None:
    spec = LineSpec(code="pay", charge_model="percentage", rate=D(1))

    with pytest.raises(RatingInputError) as raised:
        rate_march(currency="USD", lines=[spec], usage={"pay": Usage(quantity=D(100))})

    assert "usage.pay.event_values" in raised.value.fields


@given(
    quantities=st.lists(st.decimals(min_value=0, max_value=10**7, places=4), min_size=3, max_size=3),
    currency=st.sampled_from(["USD", "JPY", "KWD"]),
)
def test_every_amount_is_its_precise_amount_rounded_once(quantities: list[D], currency: str) -> None:
    lines = [
        LineSpec(code="a", charge_model="per_unit", unit_price=D("0.0037"), minimum_amount=D(5)),
        LineSpec(
            code="b",
            charge_model="graduated",
            tiers=(Tier(up_to=D(100), unit_price=D("0.013")), Tier(None, D("0.0071"))),
        ),
        LineSpec(code="c", charge_model="flat", amount=D("99.995")),
    ]
    usage = {"a": Usage(quantity=quantities[0]), "b": Usage(quantity=quantities[1])}

    result = rate_march(
        currency=currency,
        lines=lines,
        usage=usage,
        service_start=date(2026, 3, 7),
        minimum_commitment=MinimumCommitment(amount=quantities[2]),
    )

    for row in result.lines:
        assert row.amount == round_money(row.precise_amount, currency)
    assert result.subtotal == sum(row.amount for row in result.lines)
