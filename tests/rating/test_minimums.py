from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from rating import (
    COMMITMENT_LINE_CODE,
    LineSpec,
    MinimumCommitment,
    RatingResult,
    Usage,
    rate_period,
)

API = LineSpec(code="api", charge_model="per_unit", description="API calls", unit_price=D("0.004"))
STORAGE = LineSpec(code="storage", charge_model="per_unit", unit_price=D("0.10"))
PLATFORM = LineSpec(code="platform", charge_model="flat", amount=D(500))


def rate(
    *lines: LineSpec,
    usage: dict[str, str],
    commitment: MinimumCommitment | None = None,
    service_start: date | None = None,
) -> RatingResult:
    return rate_period(
        currency="USD",
        lines=lines,
        usage={code: Usage(quantity=D(quantity)) for code, quantity in usage.items()},
        period_start=date(2026, 3, 1),
        period_end=date(2026, 4, 1),
        service_start=service_start,
        minimum_commitment=commitment,
    )


def test_line_minimum_is_prorated_in_a_partial_period() -> None:
    spec = LineSpec(
        code="api",
        charge_model="per_unit",
        description="API calls",
        unit_price=D("0.004"),
        minimum_amount=D(200),
    )

    result = rate(spec, usage={"api": "20000"}, service_start=date(2026, 3, 15))

    usage_row, minimum_row = result.lines
    # 200 x 17/31 = 109.677... -> 109.68; usage 80.00 leaves 29.68.
    assert minimum_row.amount == D("29.68")
    assert minimum_row.description == ("Minimum commitment (API calls: $200.00 per period, prorated 17/31 days)")
    assert result.total == D("109.68")


def test_line_minimum_true_up_makes_the_invoice_total_the_minimum_exactly() -> None:
    # Usage of 80.005 rounds to 80.01; the true-up is 119.99, so the lines add up to 200.00.
    spec = LineSpec(code="api", charge_model="per_unit", unit_price=D("0.004"), minimum_amount=D(200))

    result = rate(spec, usage={"api": "20001.25"})

    assert [row.amount for row in result.lines] == [D("80.01"), D("119.99")]
    assert result.total == D("200.00")


def test_contract_commitment_covers_all_usage_lines_by_default() -> None:
    result = rate(
        API,
        STORAGE,
        PLATFORM,
        usage={"api": "20000", "storage": "100"},
        commitment=MinimumCommitment(amount=D(200)),
    )

    true_up = result.lines[-1]
    # 80.00 + 10.00 of usage; the platform fee is not usage and does not count.
    assert (true_up.line_code, true_up.kind, true_up.amount) == (
        COMMITMENT_LINE_CODE,
        "minimum",
        D("110.00"),
    )
    assert true_up.description == "Minimum commitment (contract: $200.00 per period)"
    assert result.total == D("700.00")


def test_contract_commitment_on_named_lines() -> None:
    result = rate(
        API,
        STORAGE,
        PLATFORM,
        usage={"api": "20000", "storage": "100"},
        commitment=MinimumCommitment(amount=D(200), lines=("api",)),
    )

    assert result.lines[-1].amount == D("120.00")


def test_contract_commitment_met_adds_no_line() -> None:
    result = rate(API, STORAGE, usage={"api": "180000"}, commitment=MinimumCommitment(amount=D(200)))

    assert [row.kind for row in result.lines] == ["usage", "usage"]
    assert result.total == D("720.00")


def test_contract_commitment_counts_line_minimums() -> None:
    api = LineSpec(code="api", charge_model="per_unit", unit_price=D("0.004"), minimum_amount=D(150))

    result = rate(api, usage={"api": "20000"}, commitment=MinimumCommitment(amount=D(200)))

    assert [(row.line_code, row.amount) for row in result.lines] == [
        ("api", D("80.00")),
        ("api", D("70.00")),
        (COMMITMENT_LINE_CODE, D("50.00")),
    ]


def test_contract_commitment_is_prorated_in_a_partial_period() -> None:
    result = rate(
        API,
        usage={"api": "0"},
        commitment=MinimumCommitment(amount=D(310)),
        service_start=date(2026, 3, 22),
    )

    assert result.lines[-1].amount == D("100.00")  # 310 x 10/31
