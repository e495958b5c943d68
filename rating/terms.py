"""The shapes rating works on: a line's price terms, usage, commitments, and the rated rows and
result it returns, plus the error for input it refuses. Plain frozen dataclasses over Decimal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

COMMITMENT_LINE_CODE = "minimum_commitment"

# Parsed decimals are bounded so that every product stays exact within Decimal's default
# 28-digit context (15 integer digits x 12 decimals is far beyond any real price or quantity).
MAX_INTEGER_DIGITS = 15
MAX_DECIMAL_PLACES = 12


@dataclass(frozen=True)
class Tier:
    """A Stripe-shaped price tier holding the units in (previous up_to, up_to]."""

    up_to: Decimal | None  # inclusive; the last tier has None
    unit_price: Decimal
    flat_fee: Decimal = Decimal(0)
    package_size: Decimal | None = None  # price per started package of this many units


@dataclass(frozen=True)
class Milestone:
    name: str
    amount: Decimal
    due_date: date | None = None
    completed_on: date | None = None


@dataclass(frozen=True)
class LineSpec:
    """A contract line's price terms; which fields apply depends on `charge_model`."""

    code: str
    charge_model: str
    description: str = ""
    billing_timing: str = "in_arrears"
    amount: Decimal | None = None  # flat, one_time; prepaid_credit: credit granted
    unit_price: Decimal | None = None  # per_unit, per_seat
    included_units: Decimal = Decimal(0)
    tiers: tuple[Tier, ...] = ()
    tier_basis: str = "period"
    package_size: Decimal | None = None
    package_price: Decimal | None = None
    free_units: Decimal = Decimal(0)
    rate: Decimal | None = None  # percent: 1.3 means 1.3%
    fixed_fee: Decimal = Decimal(0)
    free_events: int | None = None
    free_amount: Decimal | None = None
    per_event_min: Decimal | None = None
    per_event_max: Decimal | None = None
    seats: Decimal | None = None
    milestones: tuple[Milestone, ...] = ()
    charge_date: date | None = None
    price: Decimal | None = None  # prepaid_credit: invoiced price
    minimum_amount: Decimal | None = None  # per period, prorated like a fixed fee
    metric: str | None = None
    unit_label: str = "units"


@dataclass(frozen=True)
class Usage:
    quantity: Decimal = Decimal(0)
    event_values: tuple[Decimal, ...] = ()  # per event, in time order, for percentage
    prior_quantity: Decimal = Decimal(0)  # earlier usage in the term, for cumulative tiers


@dataclass(frozen=True)
class MinimumCommitment:
    amount: Decimal
    lines: tuple[str, ...] = ()  # line codes it covers; empty means all usage lines


@dataclass(frozen=True)
class RatedLine:
    line_code: str
    kind: str  # "fixed", "usage" or "minimum"
    description: str
    tier: int | None
    quantity: Decimal
    unit_price: Decimal | None
    precise_amount: Decimal
    amount: Decimal
    period_start: date
    period_end: date  # half-open


@dataclass(frozen=True)
class RatingResult:
    currency: str
    lines: tuple[RatedLine, ...]
    subtotal: Decimal
    total: Decimal


class RatingInputError(ValueError):
    """Input the rating engine refuses, with messages keyed by field path ("tiers[0].up_to")."""

    def __init__(self, fields: Mapping[str, Sequence[str]]) -> None:
        self.fields = {path: list(messages) for path, messages in fields.items()}
        summary = "; ".join(f"{path}: {' '.join(messages)}" for path, messages in self.fields.items())
        super().__init__(summary or "Invalid rating input.")

    def prefixed(self, prefix: str) -> RatingInputError:
        """The same errors nested under `prefix`, e.g. "lines[1]." for a contract's line."""
        return RatingInputError({f"{prefix}{path}": m for path, m in self.fields.items()})
