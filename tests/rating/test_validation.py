from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from rating import (
    LineSpec,
    Milestone,
    MinimumCommitment,
    RatingInputError,
    Tier,
    Usage,
    line_spec_from_dict,
    minimum_commitment_from_dict,
    usage_from_dict,
    validate_line,
)

TIERS = (
    Tier(up_to=D(1000), unit_price=D("0.10")),
    Tier(up_to=D(10000), unit_price=D("0.08")),
    Tier(up_to=None, unit_price=D("0.05")),
)

VALID_LINES = [
    LineSpec(code="base", charge_model="flat", amount=D(1000)),
    LineSpec(code="api", charge_model="per_unit", unit_price=D("0.004")),
    LineSpec(code="api", charge_model="graduated", tiers=TIERS, tier_basis="cumulative"),
    LineSpec(code="api", charge_model="volume", tiers=TIERS),
    LineSpec(code="gb", charge_model="package", package_size=D(1000), package_price=D(10)),
    LineSpec(code="pay", charge_model="percentage", rate=D("1.3"), fixed_fee=D("0.30")),
    LineSpec(code="seats", charge_model="per_seat", unit_price=D(50), seats=D(20)),
    LineSpec(code="impl", charge_model="milestone", milestones=(Milestone("Go-live", D(1)),)),
    LineSpec(code="setup", charge_model="one_time", amount=D(2500)),
    LineSpec(code="credit", charge_model="prepaid_credit", amount=D(1200), price=D(1000)),
    LineSpec(code="api", charge_model="per_unit", unit_price=D("0.000000000001")),
    LineSpec(code="api", charge_model="per_unit", unit_price=D("0.10000000000000000")),
]


@pytest.mark.parametrize("spec", VALID_LINES, ids=lambda spec: spec.charge_model)
def test_valid_lines_have_no_errors(spec: LineSpec) -> None:
    assert validate_line(spec) == {}


def tiered(*tiers: Tier) -> LineSpec:
    return LineSpec(code="api", charge_model="graduated", tiers=tiers)


@pytest.mark.parametrize(
    ("spec", "path"),
    [
        (LineSpec(code="x", charge_model="tiered"), "charge_model"),
        (LineSpec(code="", charge_model="flat", amount=D(1)), "code"),
        (LineSpec(code="x", charge_model="flat"), "amount"),
        (LineSpec(code="x", charge_model="flat", amount=D(-1)), "amount"),
        (LineSpec(code="x", charge_model="flat", amount=D("NaN")), "amount"),
        (
            LineSpec(code="x", charge_model="flat", amount=D(1), billing_timing="later"),
            "billing_timing",
        ),
        (LineSpec(code="x", charge_model="per_unit"), "unit_price"),
        (LineSpec(code="x", charge_model="per_unit", unit_price=D("-0.01")), "unit_price"),
        (
            LineSpec(code="x", charge_model="per_unit", unit_price=D("0.0000000000001")),
            "unit_price",
        ),
        (
            LineSpec(code="x", charge_model="per_unit", unit_price=D(1), included_units=D(-5)),
            "included_units",
        ),
        (LineSpec(code="x", charge_model="graduated"), "tiers"),
        (
            LineSpec(code="x", charge_model="volume", tiers=TIERS, tier_basis="cumulative"),
            "tier_basis",
        ),
        (
            LineSpec(code="x", charge_model="graduated", tiers=TIERS, tier_basis="yearly"),
            "tier_basis",
        ),
        (
            tiered(
                Tier(up_to=D(1000), unit_price=D(1)),
                Tier(up_to=D(500), unit_price=D(1)),
                Tier(up_to=None, unit_price=D(1)),
            ),
            "tiers[1].up_to",
        ),
        (tiered(Tier(up_to=D(1000), unit_price=D(1))), "tiers[0].up_to"),
        (
            tiered(Tier(up_to=None, unit_price=D(1)), Tier(up_to=None, unit_price=D(1))),
            "tiers[0].up_to",
        ),
        (
            tiered(Tier(up_to=D(0), unit_price=D(1)), Tier(up_to=None, unit_price=D(1))),
            "tiers[0].up_to",
        ),
        (tiered(Tier(up_to=None, unit_price=D(-1))), "tiers[0].unit_price"),
        (tiered(Tier(up_to=None, unit_price=D(1), flat_fee=D(-1))), "tiers[0].flat_fee"),
        (tiered(Tier(up_to=None, unit_price=D(1), package_size=D(0))), "tiers[0].package_size"),
        (LineSpec(code="x", charge_model="package", package_price=D(10)), "package_size"),
        (
            LineSpec(code="x", charge_model="package", package_size=D(0), package_price=D(10)),
            "package_size",
        ),
        (LineSpec(code="x", charge_model="percentage"), "rate"),
        (LineSpec(code="x", charge_model="percentage", rate=D(101)), "rate"),
        (LineSpec(code="x", charge_model="percentage", rate=D(-1)), "rate"),
        (LineSpec(code="x", charge_model="percentage", rate=D(1), free_events=-1), "free_events"),
        (
            LineSpec(
                code="x",
                charge_model="percentage",
                rate=D(1),
                per_event_min=D(5),
                per_event_max=D(1),
            ),
            "per_event_max",
        ),
        (LineSpec(code="x", charge_model="per_seat", unit_price=D(50)), "seats"),
        (LineSpec(code="x", charge_model="milestone"), "milestones"),
        (
            LineSpec(code="x", charge_model="milestone", milestones=(Milestone("A", D(0)),)),
            "milestones[0].amount",
        ),
        (
            LineSpec(
                code="x",
                charge_model="milestone",
                milestones=(Milestone("A", D(1)), Milestone("A", D(2))),
            ),
            "milestones[1].name",
        ),
        (LineSpec(code="x", charge_model="prepaid_credit", amount=D(100)), "price"),
        (
            LineSpec(code="x", charge_model="flat", amount=D(1), minimum_amount=D(-1)),
            "minimum_amount",
        ),
    ],
)
def test_invalid_lines_report_the_field_path(spec: LineSpec, path: str) -> None:
    errors = validate_line(spec)

    assert path in errors
    assert all(isinstance(message, str) and message for message in errors[path])


GRADUATED_JSON: dict[str, Any] = {
    "code": "api",
    "description": "API calls",
    "charge_model": "graduated",
    "metric": "api_calls",
    "tiers": [
        {"up_to": "1000", "unit_price": "0.10", "flat_fee": "0"},
        {"up_to": "10000", "unit_price": "0.08"},
        {"up_to": None, "unit_price": "0.05", "package_size": None},
    ],
    "tier_basis": "period",
    "billing_timing": "in_arrears",
    "billing_interval": "month",  # not the rating engine's concern
    "minimum_amount": "200.00",
}


def test_line_spec_from_dict_parses_the_api_shape() -> None:
    spec = line_spec_from_dict(GRADUATED_JSON)

    assert spec == LineSpec(
        code="api",
        charge_model="graduated",
        description="API calls",
        metric="api_calls",
        tiers=TIERS,
        minimum_amount=D("200.00"),
    )


def test_line_spec_from_dict_parses_milestones_and_dates() -> None:
    spec = line_spec_from_dict(
        {
            "code": "impl",
            "charge_model": "milestone",
            "milestones": [
                {
                    "name": "Go-live",
                    "amount": "15000",
                    "due_date": "2026-03-31",
                    "completed_on": "2026-03-09",
                },
            ],
        }
    )

    assert spec.milestones == (Milestone("Go-live", D(15000), date(2026, 3, 31), completed_on=date(2026, 3, 9)),)


def test_line_spec_from_dict_parses_percentage_terms() -> None:
    spec = line_spec_from_dict(
        {
            "code": "pay",
            "charge_model": "percentage",
            "rate": "1.3",
            "fixed_fee": "2.00",
            "free_events": 3,
            "free_amount": "250.00",
            "per_event_max": "5",
        }
    )

    assert (spec.rate, spec.fixed_fee, spec.free_events, spec.free_amount) == (
        D("1.3"),
        D("2.00"),
        3,
        D("250.00"),
    )
    assert spec.per_event_max == D(5)


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (
            {"tiers": [{"up_to": "abc", "unit_price": "0.1"}, {"up_to": None, "unit_price": "1"}]},
            "tiers[0].up_to",
        ),
        ({"tiers": [{"up_to": None, "unit_price": "NaN"}]}, "tiers[0].unit_price"),
        ({"tiers": [{"up_to": None, "unit_price": "Infinity"}]}, "tiers[0].unit_price"),
        ({"tiers": [{"up_to": None, "unit_price": "-Inf"}]}, "tiers[0].unit_price"),
        ({"tiers": [{"up_to": None, "unit_price": 0.1}]}, "tiers[0].unit_price"),  # float
        ({"tiers": [{"up_to": None}]}, "tiers[0].unit_price"),
        ({"tiers": [{"up_to": None, "unit_price": True}]}, "tiers[0].unit_price"),
        ({"tiers": [{"up_to": None, "unit_price": "1e20"}]}, "tiers[0].unit_price"),
        ({"tiers": "1000 @ 0.10"}, "tiers"),
        ({"tiers": ["1000 @ 0.10"]}, "tiers[0]"),
        ({"tiers": [{"up_to": "1000", "unit_price": "1"}]}, "tiers[0].up_to"),  # validate_line
        (
            {
                "tiers": [
                    {"up_to": "10", "unit_price": "1"},
                    {"up_to": "5", "unit_price": "1"},
                    {"up_to": None, "unit_price": "1"},
                ]
            },
            "tiers[1].up_to",
        ),
        ({"charge_model": "stairstep"}, "charge_model"),
        ({"charge_model": None}, "charge_model"),
        ({"code": None}, "code"),
        ({"code": 7}, "code"),
        ({"minimum_amount": "12,50"}, "minimum_amount"),
        ({"charge_date": "2026-02-30"}, "charge_date"),
        ({"free_events": "three"}, "free_events"),
    ],
)
def test_line_spec_from_dict_reports_bad_input_by_path(change: dict[str, Any], path: str) -> None:
    with pytest.raises(RatingInputError) as raised:
        line_spec_from_dict(GRADUATED_JSON | change)

    assert path in raised.value.fields


def test_rating_input_errors_nest_under_a_prefix() -> None:
    error = RatingInputError({"tiers[0].up_to": ["Must be greater than 0: tiers ascend."]})

    assert error.prefixed("lines[1].").fields == {"lines[1].tiers[0].up_to": ["Must be greater than 0: tiers ascend."]}
    assert "tiers[0].up_to" in str(error)


def test_usage_from_dict() -> None:
    usage = usage_from_dict({"quantity": "12000", "event_values": ["50", "100"]})

    assert usage == Usage(quantity=D(12000), event_values=(D(50), D(100)))


def test_usage_from_dict_reports_bad_values_by_path() -> None:
    with pytest.raises(RatingInputError) as raised:
        usage_from_dict({"quantity": "NaN", "event_values": ["50", "x"]})

    assert set(raised.value.fields) == {"quantity", "event_values[1]"}


def test_minimum_commitment_from_dict() -> None:
    assert minimum_commitment_from_dict({"amount": "200.00", "lines": ["api"]}) == (
        MinimumCommitment(amount=D("200.00"), lines=("api",))
    )
    with pytest.raises(RatingInputError) as raised:
        minimum_commitment_from_dict({"lines": "api"})
    assert set(raised.value.fields) == {"amount", "lines"}
