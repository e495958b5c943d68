from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rating import LineSpec, RatedLine, Tier, Usage, rate_period

VOLUME = LineSpec(
    code="api",
    charge_model="volume",
    unit_label="API calls",
    tiers=(
        Tier(up_to=D(1000), unit_price=D("0.10")),
        Tier(up_to=D(10000), unit_price=D("0.08"), flat_fee=D(20)),
        Tier(up_to=None, unit_price=D("0.05")),
    ),
)

STORAGE = LineSpec(
    code="storage",
    charge_model="package",
    unit_label="GB",
    package_size=D(1000),
    package_price=D(10),
    free_units=D(500),
)


VOLUME_WITH_BASE_FEE = LineSpec(
    code="api",
    charge_model="volume",
    tiers=(
        Tier(up_to=D(1000), unit_price=D("0.10"), flat_fee=D(50)),
        Tier(up_to=None, unit_price=D("0.05"), flat_fee=D(80)),
    ),
)


def rate_one(spec: LineSpec, quantity: str) -> RatedLine:
    [row] = rate_period(
        currency="USD",
        lines=[spec],
        usage={spec.code: Usage(quantity=D(quantity))},
        period_start=date(2026, 3, 1),
        period_end=date(2026, 4, 1),
    ).lines
    return row


@pytest.mark.parametrize(
    ("quantity", "tier", "unit_price", "amount"),
    [
        ("0", 1, D("0.10"), D("0.00")),  # the first tier, which has no flat fee here
        ("1000", 1, D("0.10"), D("100.00")),
        ("1000.5", 2, D("0.08"), D("100.04")),  # 80.04 + 20 flat fee
        ("5000", 2, D("0.08"), D("420.00")),
        ("12000", 3, D("0.05"), D("600.00")),  # every unit at the tier reached
    ],
)
def test_volume_prices_every_unit_at_the_tier_reached(quantity: str, tier: int, unit_price: D, amount: D) -> None:
    row = rate_one(VOLUME, quantity)

    assert (row.tier, row.quantity, row.unit_price, row.amount) == (
        tier,
        D(quantity),
        unit_price,
        amount,
    )


def test_volume_description() -> None:
    assert rate_one(VOLUME, "5000").description == ("Tier 2: 5,000 API calls x $0.08 + $20.00 flat fee")


def test_volume_tier_with_package_size() -> None:
    spec = LineSpec(
        code="api",
        charge_model="volume",
        tiers=(
            Tier(up_to=D(10000), unit_price=D(5), package_size=D(1000)),
            Tier(up_to=None, unit_price=D(3), package_size=D(1000)),
        ),
    )

    assert rate_one(spec, "12500").amount == D("39.00")  # 13 packages at the second tier's price


@pytest.mark.parametrize(
    ("quantity", "amount"),
    [
        ("0", D("0.00")),
        ("500", D("0.00")),
        ("501", D("10.00")),
        ("1500", D("10.00")),
        ("1501", D("20.00")),
        ("2600", D("30.00")),
    ],
)
def test_package_charges_started_packages_above_the_free_units(quantity: str, amount: D) -> None:
    row = rate_one(STORAGE, quantity)

    assert (row.kind, row.quantity, row.unit_price, row.amount) == (
        "usage",
        D(quantity),
        D(10),
        amount,
    )


def test_package_description() -> None:
    assert rate_one(STORAGE, "2600").description == "2,600 GB: 3 x $10.00 per 1,000 (500 free)"


@given(
    low=st.decimals(min_value=0, max_value=10**6, places=2),
    high=st.decimals(min_value=0, max_value=10**6, places=2),
)
def test_package_charge_is_monotone(low: D, high: D) -> None:
    low, high = sorted((low, high))

    assert rate_one(STORAGE, str(low)).amount <= rate_one(STORAGE, str(high)).amount


@pytest.mark.parametrize(
    ("quantity", "tier", "amount"),
    [
        ("0", 1, D("50.00")),  # zero units sit in the first tier: its flat fee is the base fee
        ("10", 1, D("51.00")),
        ("1001", 2, D("130.05")),  # only the reached tier's flat fee, every unit at its price
    ],
)
def test_volume_charges_the_first_tier_flat_fee_even_at_zero_units(quantity: str, tier: int, amount: D) -> None:
    row = rate_one(VOLUME_WITH_BASE_FEE, quantity)

    assert (row.tier, row.amount) == (tier, amount)
