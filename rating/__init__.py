"""Pure rating: charge models, proration and money rounding, with no ORM or settings."""

from __future__ import annotations

from rating.charge_models import CHARGE_MODELS, USAGE_MODELS, validate_line
from rating.engine import (
    COMMITMENT_LINE_CODE,
    LineSpec,
    Milestone,
    MinimumCommitment,
    RatedLine,
    RatingInputError,
    RatingResult,
    Tier,
    Usage,
    apply_prepaid_credit,
    line_spec_from_dict,
    minimum_commitment_from_dict,
    rate_period,
    usage_from_dict,
)
from rating.money import currency_exponent, format_money, round_money
from rating.proration import prorate, proration_factor

__all__ = [
    "CHARGE_MODELS",
    "COMMITMENT_LINE_CODE",
    "USAGE_MODELS",
    "LineSpec",
    "Milestone",
    "MinimumCommitment",
    "RatedLine",
    "RatingInputError",
    "RatingResult",
    "Tier",
    "Usage",
    "apply_prepaid_credit",
    "currency_exponent",
    "format_money",
    "line_spec_from_dict",
    "minimum_commitment_from_dict",
    "prorate",
    "proration_factor",
    "rate_period",
    "round_money",
    "usage_from_dict",
    "validate_line",
]
