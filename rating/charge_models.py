"""Charge models: one pure function per `charge_model`, picked from `CHARGE_MODELS`.

Each function takes a validated line, its usage and the rating context, and returns the rows
the line contributes to the period with precise (unrounded) amounts. Rounding, line minimums
and contract commitments are the engine's job, so every model stays a plain formula.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from rating.money import format_money, format_quantity
from rating.proration import apply_factor

if TYPE_CHECKING:
    from rating.terms import LineSpec, Tier, Usage

    ChargeModel = Callable[[LineSpec, Usage, "RatingContext"], list["ChargeRow"]]

ZERO = Decimal(0)
ONE = Decimal(1)

FIXED = "fixed"
USAGE = "usage"
MINIMUM = "minimum"

BILLING_TIMINGS = ("in_advance", "in_arrears")
TIER_BASES = ("period", "cumulative")
MAX_UNIT_PRICE_PLACES = 12


@dataclass(frozen=True)
class RatingContext:
    """What a charge model may know about the period being rated."""

    currency: str
    period_start: date
    period_end: date
    service_days: int
    period_days: int

    @property
    def factor(self) -> Fraction:
        return Fraction(self.service_days, self.period_days)

    @property
    def is_prorated(self) -> bool:
        return self.service_days != self.period_days

    @property
    def proration_note(self) -> str:
        return f"prorated {self.service_days}/{self.period_days} days"

    def prorated(self, amount: Decimal) -> Decimal:
        return apply_factor(amount, self.factor)

    def contains(self, day: date) -> bool:
        return self.period_start <= day < self.period_end

    def money(self, amount: Decimal) -> str:
        return format_money(amount, self.currency)


@dataclass(frozen=True)
class ChargeRow:
    """One row a charge model bills, before rounding."""

    kind: str
    description: str
    quantity: Decimal
    unit_price: Decimal | None
    precise_amount: Decimal
    tier: int | None = None


# --- helpers ---------------------------------------------------------------------------------


def _given(value: Decimal | None) -> Decimal:
    # validate_line guarantees the fields a model needs; this only narrows the type.
    if value is None:
        raise ValueError("Charge model field missing; run validate_line first.")
    return value


def ceil_div(dividend: Decimal, divisor: Decimal) -> Decimal:
    """ceil(dividend / divisor) for non-negative operands, exact (no rounded division)."""
    quotient, remainder = divmod(dividend, divisor)
    return quotient + 1 if remainder else quotient


def _label(spec: LineSpec) -> str:
    return spec.description or spec.code


def _described(spec: LineSpec, text: str) -> str:
    """Prefix the line's description unless it just repeats the unit ("API calls")."""
    if spec.description and spec.description != spec.unit_label:
        return f"{spec.description}: {text}"
    return text


def _fixed_description(text: str, context: RatingContext) -> str:
    return f"{text} ({context.proration_note})" if context.is_prorated else text


def _units_x_price(spec: LineSpec, quantity: Decimal, price: Decimal, ctx: RatingContext) -> str:
    return f"{format_quantity(quantity)} {spec.unit_label} x {ctx.money(price)}"


# --- fixed charges ---------------------------------------------------------------------------


def rate_flat(spec: LineSpec, usage: Usage, context: RatingContext) -> list[ChargeRow]:
    """A fixed amount per period, prorated by service days."""
    amount = _given(spec.amount)
    description = _fixed_description(_label(spec), context)
    return [ChargeRow(FIXED, description, ONE, amount, context.prorated(amount))]


def rate_per_seat(spec: LineSpec, usage: Usage, context: RatingContext) -> list[ChargeRow]:
    """seats x unit_price per period, prorated by service days."""
    seats = _given(spec.seats)
    price = _given(spec.unit_price)
    text = _described(spec, f"{format_quantity(seats)} seats x {context.money(price)}")
    description = _fixed_description(text, context)
    return [ChargeRow(FIXED, description, seats, price, context.prorated(seats * price))]


def rate_one_time(spec: LineSpec, usage: Usage, context: RatingContext) -> list[ChargeRow]:
    """The whole amount, never prorated, in the period holding its charge date."""
    amount = _given(spec.amount)
    if not context.contains(spec.charge_date or context.period_start):
        return []
    return [ChargeRow(FIXED, _label(spec), ONE, amount, amount)]


def rate_milestone(spec: LineSpec, usage: Usage, context: RatingContext) -> list[ChargeRow]:
    """One row per milestone completed in the period."""
    label = _label(spec)
    return [
        ChargeRow(FIXED, f"{label}: {milestone.name}", ONE, milestone.amount, milestone.amount)
        for milestone in spec.milestones
        if milestone.completed_on is not None and context.contains(milestone.completed_on)
    ]


def rate_prepaid_credit(spec: LineSpec, usage: Usage, context: RatingContext) -> list[ChargeRow]:
    """The purchase of the credit pool, in the period holding its charge date.

    Drawing the pool down against usage is `engine.apply_prepaid_credit`, because the balance
    lives outside a single period.
    """
    price = _given(spec.price)
    if not context.contains(spec.charge_date or context.period_start):
        return []
    text = f"{_label(spec)}: {context.money(_given(spec.amount))} prepaid credit"
    return [ChargeRow(FIXED, text, ONE, price, price)]


# --- usage charges ---------------------------------------------------------------------------


def _billable(spec: LineSpec, quantity: Decimal) -> Decimal:
    return max(quantity - spec.included_units, ZERO)


def _included_note(spec: LineSpec) -> str:
    if not spec.included_units:
        return ""
    return f" ({format_quantity(spec.included_units)} included)"


def rate_per_unit(spec: LineSpec, usage: Usage, context: RatingContext) -> list[ChargeRow]:
    """quantity x unit_price for the units above `included_units`."""
    price = _given(spec.unit_price)
    billable = _billable(spec, usage.quantity)
    text = _units_x_price(spec, billable, price, context) + _included_note(spec)
    return [ChargeRow(USAGE, _described(spec, text), billable, price, billable * price)]


def rate_package(spec: LineSpec, usage: Usage, context: RatingContext) -> list[ChargeRow]:
    """ceil((units - free_units) / package_size) x package_price; nothing within the free units."""
    size = _given(spec.package_size)
    price = _given(spec.package_price)
    packages = ceil_div(max(usage.quantity - spec.free_units, ZERO), size)
    text = (
        f"{format_quantity(usage.quantity)} {spec.unit_label}: {format_quantity(packages)}"
        f" x {context.money(price)} per {format_quantity(size)}"
    )
    if spec.free_units:
        text += f" ({format_quantity(spec.free_units)} free)"
    return [ChargeRow(USAGE, _described(spec, text), usage.quantity, price, packages * price)]


def _tier_ranges(tiers: Sequence[Tier]) -> Iterator[tuple[int, Tier, Decimal, Decimal | None]]:
    """(number, tier, lower, upper): a tier holds the units in (lower, upper]."""
    lower = ZERO
    for number, tier in enumerate(tiers, start=1):
        yield number, tier, lower, tier.up_to
        if tier.up_to is None:
            return
        lower = tier.up_to


def _units_in_tier(units: Decimal, lower: Decimal, upper: Decimal | None) -> Decimal:
    # Ranges are continuous, so 100.5 units put 0.5 past `up_to: 100` into the next tier.
    top = units if upper is None else min(units, upper)
    return max(top - lower, ZERO)


def _tier_units_price(tier: Tier, units: Decimal) -> Decimal:
    """Price of `units` in a tier, without its flat fee; per started package if it has one."""
    if tier.package_size is None:
        return units * tier.unit_price
    return ceil_div(units, tier.package_size) * tier.unit_price


def _tier_description(
    spec: LineSpec, number: int, tier: Tier, units: Decimal, flat_fee: Decimal, ctx: RatingContext
) -> str:
    if tier.package_size is None:
        text = _units_x_price(spec, units, tier.unit_price, ctx)
    else:
        text = (
            f"{format_quantity(units)} {spec.unit_label} x {ctx.money(tier.unit_price)}"
            f" per {format_quantity(tier.package_size)}"
        )
    if flat_fee:
        text += f" + {ctx.money(flat_fee)} flat fee"
    return _described(spec, f"Tier {number}: {text}")


def graduated_rows(spec: LineSpec, *, before: Decimal, after: Decimal, context: RatingContext) -> list[ChargeRow]:
    """Rows for the units in (before, after] under graduated tiers, one per tier used.

    The charge is price(after) - price(before), tier by tier, so cumulative tiers and package
    tiers need no special case. A tier's flat fee is charged in the period its first unit
    arrives; with period tiers (before = 0) the first tier's fee is charged even at zero units,
    as a base fee.
    """
    is_cumulative = spec.tier_basis == "cumulative"
    rows: list[ChargeRow] = []
    next_tier = 1
    for number, tier, lower, upper in _tier_ranges(spec.tiers):
        units_before = _units_in_tier(before, lower, upper)
        units_after = _units_in_tier(after, lower, upper)
        if upper is not None and before >= upper:
            next_tier = number + 1
        is_entered = units_before == 0 and (units_after > 0 or (number == 1 and not is_cumulative))
        flat_fee = tier.flat_fee if is_entered else ZERO
        units = units_after - units_before
        if not units and not flat_fee:
            continue
        amount = _tier_units_price(tier, units_after) - _tier_units_price(tier, units_before)
        description = _tier_description(spec, number, tier, units, flat_fee, context)
        rows.append(ChargeRow(USAGE, description, units, tier.unit_price, amount + flat_fee, number))
    if rows:
        return rows
    # No units and no fee: still show the metric, on the tier the next unit would fall in.
    tier = spec.tiers[next_tier - 1]
    description = _tier_description(spec, next_tier, tier, ZERO, ZERO, context)
    return [ChargeRow(USAGE, description, ZERO, tier.unit_price, ZERO, next_tier)]


def rate_graduated(spec: LineSpec, usage: Usage, context: RatingContext) -> list[ChargeRow]:
    """Each unit priced in the tier it falls in; per period, or on usage since the term start."""
    if spec.tier_basis == "cumulative":
        before = _billable(spec, usage.prior_quantity)
        after = _billable(spec, usage.prior_quantity + usage.quantity)
    else:
        before, after = ZERO, _billable(spec, usage.quantity)
    return graduated_rows(spec, before=before, after=after, context=context)


def rate_volume(spec: LineSpec, usage: Usage, context: RatingContext) -> list[ChargeRow]:
    """The tier reached by the total prices every unit, plus that tier's flat fee.

    Zero units sit in the first tier, whose flat fee is then charged as a base fee, as graduated
    tiers (and Stripe, Lago) do: a period without usage still owes the tier's fixed part.
    """
    units = _billable(spec, usage.quantity)
    number, tier = next(
        (number, tier) for number, tier, _, upper in _tier_ranges(spec.tiers) if upper is None or units <= upper
    )
    flat_fee = tier.flat_fee
    amount = _tier_units_price(tier, units) + flat_fee
    description = _tier_description(spec, number, tier, units, flat_fee, context)
    return [ChargeRow(USAGE, description, units, tier.unit_price, amount, number)]


def paid_event_values(
    values: Sequence[Decimal], *, free_events: int | None, free_amount: Decimal | None
) -> list[Decimal]:
    """The chargeable value of each paid event, after the free allowance.

    Walking events in time order, an event is free while fewer than `free_events` events were
    free and the running total stays within `free_amount`. The allowance ends at whichever
    limit is reached first; the event crossing `free_amount` pays on its part above it.
    """
    paid: list[Decimal] = []
    free_count = 0
    free_total = ZERO
    is_allowance_open = free_events is not None or free_amount is not None
    for value in values:
        if is_allowance_open and free_events is not None and free_count >= free_events:
            is_allowance_open = False
        if not is_allowance_open:
            paid.append(value)
        elif free_amount is None or free_total + value <= free_amount:
            free_count += 1
            free_total += value
        else:
            paid.append(free_total + value - free_amount)
            is_allowance_open = False
    return paid


def _clamp(fee: Decimal, minimum: Decimal | None, maximum: Decimal | None) -> Decimal:
    if minimum is not None:
        fee = max(fee, minimum)
    if maximum is not None:
        fee = min(fee, maximum)
    return fee


def rate_percentage(spec: LineSpec, usage: Usage, context: RatingContext) -> list[ChargeRow]:
    """rate% of each paid event's value plus fixed_fee, clamped per event to [min, max].

    The row's quantity is the metric (the sum of all event values); fees on free events are
    not charged.
    """
    rate = _given(spec.rate)
    paid = paid_event_values(usage.event_values, free_events=spec.free_events, free_amount=spec.free_amount)
    fees = [_clamp(value * rate / 100 + spec.fixed_fee, spec.per_event_min, spec.per_event_max) for value in paid]
    text = f"{format_quantity(rate)}% of {context.money(sum(paid, ZERO))}"
    if spec.fixed_fee:
        text += f" + {context.money(spec.fixed_fee)} per event"
    text += f" on {len(paid)} of {len(usage.event_values)} events"
    quantity = sum(usage.event_values, ZERO)
    return [ChargeRow(USAGE, _described(spec, text), quantity, None, sum(fees, ZERO))]


CHARGE_MODELS: dict[str, ChargeModel] = {
    "flat": rate_flat,
    "per_unit": rate_per_unit,
    "graduated": rate_graduated,
    "volume": rate_volume,
    "package": rate_package,
    "percentage": rate_percentage,
    "per_seat": rate_per_seat,
    "milestone": rate_milestone,
    "one_time": rate_one_time,
    "prepaid_credit": rate_prepaid_credit,
}

USAGE_MODELS = frozenset({"per_unit", "graduated", "volume", "package", "percentage"})

REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "flat": ("amount",),
    "per_unit": ("unit_price",),
    "graduated": ("tiers",),
    "volume": ("tiers",),
    "package": ("package_size", "package_price"),
    "percentage": ("rate",),
    "per_seat": ("unit_price", "seats"),
    "milestone": ("milestones",),
    "one_time": ("amount",),
    "prepaid_credit": ("amount", "price"),
}

NON_NEGATIVE_FIELDS = (
    "amount",
    "included_units",
    "package_price",
    "free_units",
    "fixed_fee",
    "free_amount",
    "per_event_min",
    "per_event_max",
    "seats",
    "price",
    "minimum_amount",
)


# --- validation ------------------------------------------------------------------------------


def _amount_error(value: Decimal | None, *, is_positive: bool = False) -> str | None:
    if value is None:
        return None
    if not value.is_finite():
        return "Must be a finite number."
    if is_positive and value <= 0:
        return "Must be greater than zero."
    if value < 0:
        return "Must not be negative."
    return None


def _unit_price_error(value: Decimal | None) -> str | None:
    error = _amount_error(value)
    if error or value is None:
        return error
    # normalize() drops trailing zeros, so "0.100000000000000" still counts as one place.
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_UNIT_PRICE_PLACES:
        return f"At most {MAX_UNIT_PRICE_PLACES} decimal places."
    return None


def _rate_error(rate: Decimal | None) -> str | None:
    error = _amount_error(rate)
    if error is None and rate is not None and rate > 100:
        return "Must be between 0 and 100 (percent)."
    return error


def _validate_tiers(tiers: Sequence[Tier], errors: defaultdict[str, list[str]]) -> None:
    previous = ZERO
    last = len(tiers) - 1
    for index, tier in enumerate(tiers):
        path = f"tiers[{index}]"
        if tier.up_to is None:
            if index != last:
                errors[f"{path}.up_to"].append("Only the last tier may have no upper bound.")
        elif index == last:
            errors[f"{path}.up_to"].append("The last tier must have no upper bound (null).")
        elif not tier.up_to.is_finite():
            errors[f"{path}.up_to"].append("Must be a finite number.")
        elif tier.up_to <= previous:
            errors[f"{path}.up_to"].append(f"Must be greater than {format_quantity(previous)}: tiers ascend.")
        else:
            previous = tier.up_to
        checks = (
            ("unit_price", _unit_price_error(tier.unit_price)),
            ("flat_fee", _amount_error(tier.flat_fee)),
            ("package_size", _amount_error(tier.package_size, is_positive=True)),
        )
        for name, error in checks:
            if error:
                errors[f"{path}.{name}"].append(error)


def _validate_milestones(spec: LineSpec, errors: defaultdict[str, list[str]]) -> None:
    seen: set[str] = set()
    for index, milestone in enumerate(spec.milestones):
        path = f"milestones[{index}]"
        if not milestone.name:
            errors[f"{path}.name"].append("This field is required.")
        elif milestone.name in seen:
            errors[f"{path}.name"].append("Milestone names must be unique in a line.")
        seen.add(milestone.name)
        error = _amount_error(milestone.amount, is_positive=True)
        if error:
            errors[f"{path}.amount"].append(error)


def validate_line(spec: LineSpec) -> dict[str, list[str]]:
    """Field errors of a line, keyed by field path ("tiers[0].up_to"); empty when valid."""
    errors: defaultdict[str, list[str]] = defaultdict(list)
    if spec.charge_model not in CHARGE_MODELS:
        errors["charge_model"].append(
            f"Unknown charge model {spec.charge_model!r}; expected one of {', '.join(CHARGE_MODELS)}."
        )
    if not spec.code:
        errors["code"].append("This field is required.")
    if spec.billing_timing not in BILLING_TIMINGS:
        errors["billing_timing"].append(f"Expected one of {', '.join(BILLING_TIMINGS)}.")
    if spec.tier_basis not in TIER_BASES:
        errors["tier_basis"].append(f"Expected one of {', '.join(TIER_BASES)}.")
    elif spec.tier_basis == "cumulative" and spec.charge_model != "graduated":
        errors["tier_basis"].append("Cumulative tiers apply to graduated pricing only.")
    for name in REQUIRED_FIELDS.get(spec.charge_model, ()):
        if getattr(spec, name) in (None, ()):
            errors[name].append(f"This field is required for charge model {spec.charge_model!r}.")
    for name in NON_NEGATIVE_FIELDS:
        error = _amount_error(getattr(spec, name))
        if error:
            errors[name].append(error)
    checks = (
        ("unit_price", _unit_price_error(spec.unit_price)),
        ("package_size", _amount_error(spec.package_size, is_positive=True)),
        ("rate", _rate_error(spec.rate)),
    )
    for name, error in checks:
        if error:
            errors[name].append(error)
    if spec.free_events is not None and spec.free_events < 0:
        errors["free_events"].append("Must not be negative.")
    low, high = spec.per_event_min, spec.per_event_max
    if low is not None and high is not None and low.is_finite() and high.is_finite() and low > high:
        errors["per_event_max"].append("Must not be less than per_event_min.")
    _validate_tiers(spec.tiers, errors)
    _validate_milestones(spec, errors)
    return {path: messages for path, messages in errors.items() if messages}
