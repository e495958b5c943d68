"""Rating one billing period: charge lines, minimums and commitments, rounded once per row.

`rate_period` is the single entry point used by billing runs and the rating preview API, so
both price a contract with exactly the same code.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from rating.charge_models import (
    CHARGE_MODELS,
    MINIMUM,
    ONE,
    USAGE_MODELS,
    ZERO,
    ChargeRow,
    RatingContext,
    validate_line,
)
from rating.money import currency_exponent, format_money, round_money
from rating.terms import (
    COMMITMENT_LINE_CODE,
    MAX_DECIMAL_PLACES,
    MAX_INTEGER_DIGITS,
    LineSpec,
    Milestone,
    MinimumCommitment,
    RatedLine,
    RatingInputError,
    RatingResult,
    Tier,
    Usage,
)

# --- rating ----------------------------------------------------------------------------------


def rate_period(
    *,
    currency: str,
    lines: Sequence[LineSpec],
    usage: Mapping[str, Usage],
    period_start: date,
    period_end: date,
    service_start: date | None = None,
    service_end: date | None = None,
    minimum_commitment: MinimumCommitment | None = None,
) -> RatingResult:
    """Price the lines of a contract for one billing period [period_start, period_end).

    `service_start`/`service_end` (default: the period) bound the days the lines were active;
    fixed fees, line minimums and the commitment are prorated by service days / period days.
    Usage is taken as given: it is already the usage of the service days. Whether the period
    is billed in advance or in arrears is the caller's choice of period.

    The total includes every line's rows, line minimum true-ups and the contract commitment
    true-up; it excludes tax, credits, prepaid drawdown and discounts, applied downstream.
    Each row is rounded once to the currency's minor unit; totals are sums of rounded rows.

    Raises RatingInputError with field paths when the input is invalid.
    """
    service_start = period_start if service_start is None else service_start
    service_end = period_end if service_end is None else service_end
    _check_input(
        currency=currency,
        lines=lines,
        usage=usage,
        period_start=period_start,
        period_end=period_end,
        service_start=service_start,
        service_end=service_end,
        minimum_commitment=minimum_commitment,
    )
    context = RatingContext(
        currency=currency,
        period_start=period_start,
        period_end=period_end,
        service_days=(service_end - service_start).days,
        period_days=(period_end - period_start).days,
    )

    def rated(code: str, row: ChargeRow) -> RatedLine:
        return RatedLine(
            line_code=code,
            kind=row.kind,
            description=row.description,
            tier=row.tier,
            quantity=row.quantity,
            unit_price=row.unit_price,
            precise_amount=row.precise_amount,
            amount=round_money(row.precise_amount, currency),
            period_start=service_start,
            period_end=service_end,
        )

    rated_lines: list[RatedLine] = []
    for spec in lines:
        rows = CHARGE_MODELS[spec.charge_model](spec, usage.get(spec.code, Usage()), context)
        line_rows = [rated(spec.code, row) for row in rows]
        if spec.minimum_amount is not None:
            label = spec.description or spec.code
            true_up = _minimum_row(line_rows, spec.minimum_amount, label, context)
            if true_up is not None:
                line_rows.append(rated(spec.code, true_up))
        rated_lines.extend(line_rows)

    if minimum_commitment is not None:
        covered = set(minimum_commitment.lines) or {spec.code for spec in lines if spec.charge_model in USAGE_MODELS}
        true_up = _minimum_row(
            [line for line in rated_lines if line.line_code in covered],
            minimum_commitment.amount,
            "contract",
            context,
        )
        if true_up is not None:
            rated_lines.append(rated(COMMITMENT_LINE_CODE, true_up))

    subtotal = sum((line.amount for line in rated_lines), round_money(ZERO, currency))
    return RatingResult(currency=currency, lines=tuple(rated_lines), subtotal=subtotal, total=subtotal)


def _minimum_row(
    charged: Iterable[RatedLine], minimum: Decimal, label: str, context: RatingContext
) -> ChargeRow | None:
    """The true-up row lifting `charged` to the (prorated) minimum, or None when it is met.

    The comparison uses the rounded amounts the invoice shows, and the true-up is the exact
    difference to the rounded minimum, so an invoice at its minimum totals the minimum to the
    cent (comparing precise amounts could leave it one minor unit off, or add a 0.00 row).
    """
    floor = round_money(context.prorated(minimum), context.currency)
    billed = sum((line.amount for line in charged), ZERO)
    if billed >= floor:
        return None
    terms = f"{format_money(minimum, context.currency)} per period"
    if context.is_prorated:
        terms += f", {context.proration_note}"
    description = f"Minimum commitment ({label}: {terms})"
    return ChargeRow(MINIMUM, description, ONE, None, floor - billed)


def apply_prepaid_credit(*, rated_usage_amount: Decimal, balance: Decimal) -> tuple[Decimal, Decimal]:
    """Draw usage charges from a prepaid balance: (amount drawn, new balance).

    Draws at most the balance and at most the charge, so the balance never goes negative and
    the overage (rated_usage_amount - drawn) is invoiced at the line's price. Persisting the new
    balance exactly once (under a row lock) is the caller's job.
    """
    if rated_usage_amount < 0:
        raise ValueError("A usage charge to draw from credit cannot be negative.")
    if balance < 0:
        raise ValueError("A prepaid balance cannot be negative.")
    drawn = min(rated_usage_amount, balance)
    return drawn, balance - drawn


def _check_input(
    *,
    currency: str,
    lines: Sequence[LineSpec],
    usage: Mapping[str, Usage],
    period_start: date,
    period_end: date,
    service_start: date,
    service_end: date,
    minimum_commitment: MinimumCommitment | None,
) -> None:
    errors: defaultdict[str, list[str]] = defaultdict(list)
    try:
        currency_exponent(currency)
    except ValueError as error:
        errors["currency"].append(str(error))
    if period_end <= period_start:
        errors["period_end"].append("The period must end after it starts.")
    if not period_start <= service_start <= period_end:
        errors["service_start"].append("Must lie inside the period.")
    if not service_start <= service_end <= period_end:
        errors["service_end"].append("Must lie inside the period, on or after service_start.")
    specs = _check_lines(lines, errors)
    _check_usage(usage, specs, errors)
    # Codes in minimum_commitment.lines that are not rated here are ignored on purpose: a
    # contract's commitment may name lines billed on another cadence or in another period.
    if minimum_commitment is not None and _is_negative(minimum_commitment.amount):
        errors["minimum_commitment.amount"].append("Must be a non-negative number.")
    if errors:
        raise RatingInputError(errors)


def _check_lines(lines: Sequence[LineSpec], errors: defaultdict[str, list[str]]) -> dict[str, LineSpec]:
    specs: dict[str, LineSpec] = {}
    for index, spec in enumerate(lines):
        for path, messages in validate_line(spec).items():
            errors[f"lines[{index}].{path}"].extend(messages)
        if spec.code in specs:
            errors[f"lines[{index}].code"].append("Line codes must be unique.")
        specs[spec.code] = spec
    return specs


def _check_usage(
    usage: Mapping[str, Usage], specs: Mapping[str, LineSpec], errors: defaultdict[str, list[str]]
) -> None:
    for code, line_usage in usage.items():
        spec = specs.get(code)
        if spec is None:
            errors[f"usage.{code}"].append("No line has this code.")
            continue
        for name in ("quantity", "prior_quantity"):
            if _is_negative(getattr(line_usage, name)):
                errors[f"usage.{code}.{name}"].append("Must be a non-negative number.")
        for index, value in enumerate(line_usage.event_values):
            if _is_negative(value):
                errors[f"usage.{code}.event_values[{index}]"].append("Must be a non-negative number.")
        is_percentage = spec.charge_model == "percentage"
        if is_percentage and line_usage.quantity and not line_usage.event_values:
            errors[f"usage.{code}.event_values"].append("A percentage line is rated from event values.")


def _is_negative(value: Decimal) -> bool:
    """True for negative or non-finite values (NaN would poison every comparison after it)."""
    return not value.is_finite() or value < 0


# --- parsing the API's JSON shape ------------------------------------------------------------

_T = TypeVar("_T")


class _Reader:
    """Reads fields of a JSON object, collecting every error under its field path."""

    def __init__(self, data: Mapping[str, Any], errors: dict[str, list[str]], prefix: str = "") -> None:
        self.data = data
        self.errors = errors
        self.prefix = prefix

    def _read(self, key: str, convert: Callable[[Any], _T]) -> _T | None:
        value = self.data.get(key)
        if value is None:
            return None
        try:
            return convert(value)
        except ValueError as error:
            self.errors.setdefault(f"{self.prefix}{key}", []).append(str(error))
            return None

    def required(self, key: str) -> None:
        if self.data.get(key) is None:
            self.errors.setdefault(f"{self.prefix}{key}", []).append("This field is required.")

    def decimal(self, key: str) -> Decimal | None:
        return self._read(key, parse_decimal)

    def decimal_or_zero(self, key: str) -> Decimal:
        value = self.decimal(key)
        return ZERO if value is None else value

    def day(self, key: str) -> date | None:
        return self._read(key, _parse_date)

    def integer(self, key: str) -> int | None:
        return self._read(key, _parse_integer)

    def text(self, key: str, default: str) -> str:
        value = self._read(key, _parse_text)
        return default if value is None else value

    def objects(self, key: str) -> list[_Reader]:
        """Readers for a list of objects, each prefixed "key[i]."."""
        value = self.data.get(key)
        if value is None:
            return []
        path = f"{self.prefix}{key}"
        if not isinstance(value, list):
            self.errors.setdefault(path, []).append("Expected a list.")
            return []
        readers = []
        for index, item in enumerate(value):
            if isinstance(item, Mapping):
                readers.append(_Reader(item, self.errors, f"{path}[{index}]."))
            else:
                self.errors.setdefault(f"{path}[{index}]", []).append("Expected an object.")
        return readers


def parse_decimal(value: object) -> Decimal:
    """A finite Decimal from a decimal string (or an int); ValueError with a user message."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise ValueError('Enter a decimal number as a string, e.g. "0.004".')
    try:
        number = Decimal(value.strip() if isinstance(value, str) else value)
    except InvalidOperation:
        raise ValueError("Enter a valid decimal number.") from None
    if not number.is_finite():
        raise ValueError("Enter a finite number (not NaN or Infinity).")
    if number and number.adjusted() >= MAX_INTEGER_DIGITS:
        raise ValueError(f"Enter a number with at most {MAX_INTEGER_DIGITS} integer digits.")
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMAL_PLACES:
        raise ValueError(f"Enter a number with at most {MAX_DECIMAL_PLACES} decimal places.")
    return number


def _parse_date(value: object) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError("Enter a date as YYYY-MM-DD.")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError("Enter a valid date as YYYY-MM-DD.") from None


def _parse_integer(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise ValueError("Enter a whole number.")


def _parse_text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("Enter a string.")
    return value


def _parse_tier(reader: _Reader) -> Tier:
    reader.required("unit_price")
    unit_price = reader.decimal("unit_price")
    # A missing unit_price is reported above; ZERO only keeps the tier's index for the paths.
    return Tier(
        up_to=reader.decimal("up_to"),
        unit_price=ZERO if unit_price is None else unit_price,
        flat_fee=reader.decimal_or_zero("flat_fee"),
        package_size=reader.decimal("package_size"),
    )


def _parse_milestone(reader: _Reader) -> Milestone:
    reader.required("name")
    reader.required("amount")
    amount = reader.decimal("amount")
    return Milestone(
        name=reader.text("name", ""),
        amount=ZERO if amount is None else amount,
        due_date=reader.day("due_date"),
        completed_on=reader.day("completed_on"),
    )


def line_spec_from_dict(data: Mapping[str, Any]) -> LineSpec:
    """Parse a line in the API's JSON shape (decimal strings, dates YYYY-MM-DD) and validate it.

    Fields the rating engine does not use (billing_interval, start_date, top-up settings...)
    are ignored. Raises RatingInputError with paths relative to the line ("tiers[0].up_to").
    """
    errors: dict[str, list[str]] = {}
    reader = _Reader(data, errors)
    reader.required("code")
    reader.required("charge_model")
    spec = LineSpec(
        code=reader.text("code", ""),
        charge_model=reader.text("charge_model", ""),
        description=reader.text("description", ""),
        billing_timing=reader.text("billing_timing", "in_arrears"),
        amount=reader.decimal("amount"),
        unit_price=reader.decimal("unit_price"),
        included_units=reader.decimal_or_zero("included_units"),
        tiers=tuple(_parse_tier(tier) for tier in reader.objects("tiers")),
        tier_basis=reader.text("tier_basis", "period"),
        package_size=reader.decimal("package_size"),
        package_price=reader.decimal("package_price"),
        free_units=reader.decimal_or_zero("free_units"),
        rate=reader.decimal("rate"),
        fixed_fee=reader.decimal_or_zero("fixed_fee"),
        free_events=reader.integer("free_events"),
        free_amount=reader.decimal("free_amount"),
        per_event_min=reader.decimal("per_event_min"),
        per_event_max=reader.decimal("per_event_max"),
        seats=reader.decimal("seats"),
        milestones=tuple(_parse_milestone(item) for item in reader.objects("milestones")),
        charge_date=reader.day("charge_date"),
        price=reader.decimal("price"),
        minimum_amount=reader.decimal("minimum_amount"),
        metric=reader.text("metric", "") or None,
        unit_label=reader.text("unit_label", "units"),
    )
    if errors:
        # Errors in the raw input come first: validating half-parsed values would only add
        # misleading follow-up messages.
        raise RatingInputError(errors)
    errors = validate_line(spec)
    if errors:
        raise RatingInputError(errors)
    return spec


def usage_from_dict(data: Mapping[str, Any]) -> Usage:
    """Parse one line's usage: {"quantity", "event_values", "prior_quantity"}."""
    errors: dict[str, list[str]] = {}
    reader = _Reader(data, errors)
    event_values: list[Decimal] = []
    raw_events = data.get("event_values")
    if raw_events is not None and not isinstance(raw_events, list):
        errors["event_values"] = ["Expected a list."]
    for index, raw in enumerate(raw_events if isinstance(raw_events, list) else []):
        try:
            event_values.append(parse_decimal(raw))
        except ValueError as error:
            errors[f"event_values[{index}]"] = [str(error)]
    usage = Usage(
        quantity=reader.decimal_or_zero("quantity"),
        event_values=tuple(event_values),
        prior_quantity=reader.decimal_or_zero("prior_quantity"),
    )
    if errors:
        raise RatingInputError(errors)
    return usage


def minimum_commitment_from_dict(data: Mapping[str, Any]) -> MinimumCommitment:
    """Parse a contract's {"amount", "lines"} minimum commitment."""
    errors: dict[str, list[str]] = {}
    reader = _Reader(data, errors)
    reader.required("amount")
    amount = reader.decimal("amount")
    codes = data.get("lines") or []
    if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
        errors.setdefault("lines", []).append("Expected a list of line codes.")
        codes = []
    if errors or amount is None:
        raise RatingInputError(errors)
    return MinimumCommitment(amount=amount, lines=tuple(codes))
