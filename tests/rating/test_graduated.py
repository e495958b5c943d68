from __future__ import annotations

from datetime import date
from decimal import ROUND_CEILING
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rating import LineSpec, RatedLine, Tier, Usage, rate_period

THREE_TIERS = (
    Tier(up_to=D(1000), unit_price=D("0.10")),
    Tier(up_to=D(10000), unit_price=D("0.08")),
    Tier(up_to=None, unit_price=D("0.05")),
)


def rate_rows(spec: LineSpec, usage: Usage, currency: str = "USD") -> tuple[RatedLine, ...]:
    return rate_period(
        currency=currency,
        lines=[spec],
        usage={spec.code: usage},
        period_start=date(2026, 3, 1),
        period_end=date(2026, 4, 1),
    ).lines


def graduated(
    *tiers: Tier,
    tier_basis: str = "period",
    included_units: D = D(0),
    unit_label: str = "units",
) -> LineSpec:
    return LineSpec(
        code="api",
        charge_model="graduated",
        tiers=tiers,
        tier_basis=tier_basis,
        included_units=included_units,
        unit_label=unit_label,
    )


def summary(rows: tuple[RatedLine, ...]) -> list[tuple[int | None, D, D]]:
    return [(row.tier, row.quantity, row.amount) for row in rows]


def test_seed_twelve_thousand_units_are_three_tier_rows() -> None:
    rows = rate_rows(graduated(*THREE_TIERS, unit_label="API calls"), Usage(quantity=D(12000)))

    assert summary(rows) == [
        (1, D(1000), D("100.00")),
        (2, D(9000), D("720.00")),
        (3, D(2000), D("100.00")),
    ]
    assert sum(row.amount for row in rows) == D("920.00")
    assert [row.unit_price for row in rows] == [D("0.10"), D("0.08"), D("0.05")]
    assert rows[1].description == "Tier 2: 9,000 API calls x $0.08"


def test_unused_tiers_are_omitted() -> None:
    rows = rate_rows(graduated(*THREE_TIERS), Usage(quantity=D(1500)))

    assert summary(rows) == [(1, D(1000), D("100.00")), (2, D(500), D("40.00"))]


def test_fractional_units_above_up_to_belong_to_the_next_tier() -> None:
    spec = graduated(Tier(up_to=D(100), unit_price=D(1)), Tier(up_to=None, unit_price=D(2)))

    rows = rate_rows(spec, Usage(quantity=D("100.5")))

    assert summary(rows) == [(1, D(100), D("100.00")), (2, D("0.5"), D("1.00"))]


def test_first_tier_flat_fee_is_a_base_fee_even_at_zero_units() -> None:
    spec = graduated(
        Tier(up_to=D(1000), unit_price=D("0.10"), flat_fee=D(50)),
        Tier(up_to=None, unit_price=D("0.05"), flat_fee=D(10)),
    )

    rows = rate_rows(spec, Usage())

    assert summary(rows) == [(1, D(0), D("50.00"))]
    assert rows[0].description == "Tier 1: 0 units x $0.10 + $50.00 flat fee"


def test_later_tier_flat_fee_is_charged_once_when_a_unit_falls_in_it() -> None:
    spec = graduated(
        Tier(up_to=D(1000), unit_price=D("0.10"), flat_fee=D(50)),
        Tier(up_to=None, unit_price=D("0.05"), flat_fee=D(10)),
    )

    assert summary(rate_rows(spec, Usage(quantity=D(1000)))) == [(1, D(1000), D("150.00"))]
    assert summary(rate_rows(spec, Usage(quantity=D(1500)))) == [
        (1, D(1000), D("150.00")),
        (2, D(500), D("35.00")),
    ]


def test_zero_units_without_a_base_fee_show_a_zero_tier_one_row() -> None:
    rows = rate_rows(graduated(*THREE_TIERS), Usage())

    assert summary(rows) == [(1, D(0), D("0.00"))]


def test_included_units_come_off_before_the_tiers() -> None:
    rows = rate_rows(graduated(*THREE_TIERS, included_units=D(500)), Usage(quantity=D(1500)))

    assert summary(rows) == [(1, D(1000), D("100.00"))]


@pytest.mark.parametrize(
    ("megabytes", "expected"),
    [
        ("1", [(1, D(1), D("5.00"))]),
        ("1000", [(1, D(1000), D("5.00"))]),
        ("1001", [(1, D(1001), D("10.00"))]),
        ("12500", [(1, D(10000), D("50.00")), (2, D(2500), D("9.00"))]),
    ],
)
def test_package_size_tiers_price_per_started_package(megabytes: str, expected: list[tuple[int, D, D]]) -> None:
    spec = graduated(
        Tier(up_to=D(10000), unit_price=D(5), package_size=D(1000)),
        Tier(up_to=None, unit_price=D(3), package_size=D(1000)),
        unit_label="MB",
    )

    rows = rate_rows(spec, Usage(quantity=D(megabytes)))

    assert summary(rows) == expected
    assert rows[0].description == f"Tier 1: {rows[0].quantity:,} MB x $5.00 per 1,000"


@pytest.mark.parametrize(
    ("prior", "quantity", "expected"),
    [
        ("0", "800", [(1, D(800), D("80.00"))]),
        ("800", "500", [(1, D(200), D("20.00")), (2, D(300), D("24.00"))]),
        ("9500", "1000", [(2, D(500), D("40.00")), (3, D(500), D("25.00"))]),
        ("20000", "1000", [(3, D(1000), D("50.00"))]),
        ("1000", "0", [(2, D(0), D("0.00"))]),
    ],
)
def test_cumulative_tiers_price_this_periods_units_by_usage_since_term_start(
    prior: str, quantity: str, expected: list[tuple[int, D, D]]
) -> None:
    spec = graduated(*THREE_TIERS, tier_basis="cumulative")

    rows = rate_rows(spec, Usage(quantity=D(quantity), prior_quantity=D(prior)))

    assert summary(rows) == expected


def test_cumulative_tier_flat_fees_are_charged_in_the_period_a_tier_is_entered() -> None:
    spec = graduated(
        Tier(up_to=D(1000), unit_price=D("0.10"), flat_fee=D(50)),
        Tier(up_to=None, unit_price=D("0.05"), flat_fee=D(10)),
        tier_basis="cumulative",
    )

    first = rate_rows(spec, Usage(quantity=D(600)))
    second = rate_rows(spec, Usage(quantity=D(600), prior_quantity=D(600)))

    assert summary(first) == [(1, D(600), D("110.00"))]
    assert summary(second) == [(1, D(400), D("40.00")), (2, D(200), D("20.00"))]


def test_cumulative_package_tiers_charge_only_newly_started_packages() -> None:
    spec = graduated(Tier(up_to=None, unit_price=D(5), package_size=D(1000)), tier_basis="cumulative")

    rows = rate_rows(spec, Usage(quantity=D(1000), prior_quantity=D(1500)))

    assert summary(rows) == [(1, D(1000), D("5.00"))]


def test_graduated_rounds_each_tier_row_once_in_jpy() -> None:
    spec = graduated(Tier(up_to=D(1000), unit_price=D("1.5")), Tier(up_to=None, unit_price=D("0.75")))

    rows = rate_rows(spec, Usage(quantity=D(1003)), currency="JPY")

    assert summary(rows) == [(1, D(1000), D(1500)), (2, D(3), D(2))]  # 2.25 -> 2


# --- properties ------------------------------------------------------------------------------

prices = st.decimals(min_value=0, max_value=10, places=4)
quantities = st.decimals(min_value=0, max_value=2_000_000, places=3)


@st.composite
def tier_tables(draw: st.DrawFn) -> tuple[Tier, ...]:
    bounds = sorted(draw(st.sets(st.integers(min_value=1, max_value=1_000_000), min_size=0, max_size=4)))
    uppers: list[D | None] = [D(bound) for bound in bounds]
    uppers.append(None)
    return tuple(
        Tier(
            up_to=up_to,
            unit_price=draw(prices),
            flat_fee=draw(st.sampled_from([D(0), D(0), D("25.00")])),
            package_size=draw(st.sampled_from([None, None, D(1000)])),
        )
        for up_to in uppers
    )


def precise_total(spec: LineSpec, usage: Usage) -> D:
    return sum((row.precise_amount for row in rate_rows(spec, usage)), D(0))


@given(tiers=tier_tables(), low=quantities, high=quantities)
def test_graduated_total_is_monotone_in_quantity(tiers: tuple[Tier, ...], low: D, high: D) -> None:
    low, high = sorted((low, high))
    spec = graduated(*tiers)

    assert precise_total(spec, Usage(quantity=low)) <= precise_total(spec, Usage(quantity=high))


def reference_price(tiers: tuple[Tier, ...], quantity: D) -> D:
    """Graduated pricing written the long way, as an oracle."""
    total, lower = D(0), D(0)
    for number, tier in enumerate(tiers, start=1):
        top = quantity if tier.up_to is None else min(quantity, tier.up_to)
        units = max(top - lower, D(0))
        if units > 0 or number == 1:
            total += tier.flat_fee
        if tier.package_size is None:
            total += units * tier.unit_price
        else:
            packages = (units / tier.package_size).to_integral_value(rounding=ROUND_CEILING)
            total += packages * tier.unit_price
        if tier.up_to is None:
            return total
        lower = tier.up_to
    return total


@given(tiers=tier_tables(), quantity=quantities)
def test_tier_rows_sum_to_the_total(tiers: tuple[Tier, ...], quantity: D) -> None:
    result = rate_period(
        currency="USD",
        lines=[graduated(*tiers)],
        usage={"api": Usage(quantity=quantity)},
        period_start=date(2026, 3, 1),
        period_end=date(2026, 4, 1),
    )

    assert sum(row.quantity for row in result.lines) == quantity
    assert sum(row.precise_amount for row in result.lines) == reference_price(tiers, quantity)
    assert sum(row.amount for row in result.lines) == result.total
    tiers_used = [row.tier or 0 for row in result.lines]
    assert tiers_used == sorted(set(tiers_used))


@given(tiers=tier_tables(), parts=st.lists(quantities, min_size=1, max_size=5))
def test_cumulative_periods_add_up_to_the_graduated_price_of_the_term(tiers: tuple[Tier, ...], parts: list[D]) -> None:
    cumulative = graduated(*tiers, tier_basis="cumulative")
    prior = D(0)
    charged = D(0)
    for quantity in parts:
        charged += precise_total(cumulative, Usage(quantity=quantity, prior_quantity=prior))
        prior += quantity

    whole_term = precise_total(graduated(*tiers), Usage(quantity=prior))
    base_fee = tiers[0].flat_fee if prior == 0 else D(0)
    assert charged == whole_term - base_fee
