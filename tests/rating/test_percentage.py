from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from functools import partial

import pytest

from rating import LineSpec, RatedLine, Usage, rate_period
from rating.charge_models import paid_event_values

take_rate = partial(LineSpec, code="payments", charge_model="percentage")


def rate_events(spec: LineSpec, *values: str) -> RatedLine:
    events = tuple(D(value) for value in values)
    [row] = rate_period(
        currency="USD",
        lines=[spec],
        usage={spec.code: Usage(quantity=sum(events, D(0)), event_values=events)},
        period_start=date(2026, 3, 1),
        period_end=date(2026, 4, 1),
    ).lines
    return row


def test_worked_example_from_the_conventions() -> None:
    spec = take_rate(rate=D("1.3"), fixed_fee=D("2.00"), free_events=3, free_amount=D("250.00"))

    row = rate_events(spec, "50", "100", "250", "400")

    # 250 of value is free and two events are fully free: 1.3% of 550 + 2 x 2.00.
    assert row.amount == D("11.15")
    assert row.precise_amount == D("11.15")
    assert row.quantity == D(800)
    assert row.unit_price is None
    assert row.description == "1.3% of $550.00 + $2.00 per event on 2 of 4 events"


@pytest.mark.parametrize(
    ("free_events", "free_amount", "values", "paid"),
    [
        (3, D(250), ["50", "100", "250", "400"], [D(150), D(400)]),
        # The event count runs out first: the second event pays in full.
        (1, D(1000), ["50", "50"], [D(50)]),
        (2, None, ["100", "100", "100"], [D(100)]),
        (None, D(250), ["100", "100", "100"], [D(50)]),
        # An event landing exactly on the free amount is still free.
        (None, D(200), ["100", "100", "100"], [D(100)]),
        (None, None, ["100", "100"], [D(100), D(100)]),
        (0, None, ["100"], [D(100)]),
        (5, D(1000), [], []),
    ],
)
def test_free_allowance_walks_events_in_time_order(
    free_events: int | None, free_amount: D | None, values: list[str], paid: list[D]
) -> None:
    events = [D(value) for value in values]

    assert paid_event_values(events, free_events=free_events, free_amount=free_amount) == paid


def test_per_event_fee_is_clamped_to_min_and_max() -> None:
    spec = take_rate(rate=D("2.9"), fixed_fee=D("0.30"), per_event_min=D("0.50"), per_event_max=D(5))

    # 0.145 + 0.30 -> 0.50 minimum; 0.59 unclamped; 29.30 -> 5.00 maximum.
    assert rate_events(spec, "5", "10", "1000").amount == D("6.09")


def test_crossing_event_fee_is_clamped_too() -> None:
    spec = take_rate(rate=D(1), free_amount=D(100), per_event_min=D(1))

    # The second event pays 1% of its 10 above the free amount = 0.10, lifted to the minimum.
    assert rate_events(spec, "90", "20").amount == D("1.00")


def test_no_events_show_a_zero_row() -> None:
    row = rate_events(take_rate(rate=D("1.3"), fixed_fee=D("0.30")))

    assert (row.quantity, row.amount) == (D(0), D("0.00"))


def test_precise_fee_is_rounded_once_per_line() -> None:
    # 1.3% of 0.10 is 0.0013 per event: rounding each event would bill 0.00 however many
    # there are; the line sums the precise fees and rounds once.
    spec = take_rate(rate=D("1.3"))

    assert rate_events(spec, *["0.10"] * 10).precise_amount == D("0.013")
    assert rate_events(spec, *["0.10"] * 10).amount == D("0.01")
    assert rate_events(spec, *["0.10"] * 4).amount == D("0.01")  # 0.0052 -> 0.01
