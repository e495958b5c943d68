"""Rating without billing: the preview API and the current period's estimated charges."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from contracts.choices import USAGE_CHARGE_MODELS, ContractStatus
from contracts.models import Customer
from contracts.validators import validate_currency
from invoicing.drafting.periods import (
    LinePeriod,
    line_period_containing,
    local_midnight_utc,
    local_today,
    rate_line_periods,
)
from metering.selectors import meters_by_code, usage_aggregate
from rating import (
    MinimumCommitment,
    RatingInputError,
    RatingResult,
    Usage,
    line_spec_from_dict,
    minimum_commitment_from_dict,
    rate_period,
    usage_from_dict,
)

ZERO = Decimal(0)


def _date(data: dict[str, Any], field: str, errors: dict[str, list[str]], *, required: bool) -> date | None:
    raw = data.get(field)
    if raw in (None, ""):
        if required:
            errors[field] = ["This field is required."]
        return None
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        errors[field] = ["Expected a date YYYY-MM-DD."]
        return None


def _parse_usage(data: dict[str, Any], codes: set[str], errors: dict[str, list[str]]) -> dict[str, Usage]:
    usage: dict[str, Usage] = {}
    raw_usage = data.get("usage") or {}
    if not isinstance(raw_usage, dict):
        errors["usage"] = ["Expected an object keyed by line code."]
        return usage
    for code, raw in raw_usage.items():
        if code not in codes and not any(f.startswith("lines[") for f in errors):
            errors[f"usage.{code}"] = ["No line with this code."]
            continue
        try:
            usage[code] = usage_from_dict(raw if isinstance(raw, dict) else {"quantity": raw})
        except RatingInputError as exc:
            errors.update(exc.prefixed(f"usage.{code}.").fields)
    return usage


def _parse_commitment(data: dict[str, Any], errors: dict[str, list[str]]) -> MinimumCommitment | None:
    if not data.get("minimum_commitment"):
        return None
    try:
        return minimum_commitment_from_dict(data["minimum_commitment"])
    except RatingInputError as exc:
        errors.update(exc.prefixed("minimum_commitment.").fields)
    except (TypeError, AttributeError):
        errors["minimum_commitment"] = ["Expected an object {amount, lines}."]
    return None


def rating_preview(data: dict[str, Any]) -> RatingResult:
    """Price a contract-shaped input for one period with the same engine as billing runs; stores
    nothing. Raises RatingInputError with field paths."""
    errors: dict[str, list[str]] = {}
    currency = data.get("currency")
    try:
        validate_currency(str(currency or ""))
    except Exception:
        errors["currency"] = ["An ISO 4217 currency code is required, e.g. USD."]
    raw_lines = data.get("lines")
    specs = []
    # A minimum commitment alone is a valid contract: it bills the (prorated) commitment.
    has_commitment = isinstance(data.get("minimum_commitment"), dict)
    if not isinstance(raw_lines, list) or not (raw_lines or has_commitment):
        errors["lines"] = ["Expected a non-empty list of lines (or a minimum_commitment)."]
        raw_lines = []
    for index, raw in enumerate(raw_lines):
        if not isinstance(raw, dict):
            errors[f"lines[{index}]"] = ["Expected an object."]
            continue
        try:
            specs.append(line_spec_from_dict(raw))
        except RatingInputError as exc:
            errors.update(exc.prefixed(f"lines[{index}].").fields)
    period_start = _date(data, "period_start", errors, required=True)
    period_end = _date(data, "period_end", errors, required=True)
    service_start = _date(data, "service_start", errors, required=False)
    service_end = _date(data, "service_end", errors, required=False)
    if period_start and period_end and period_end <= period_start:
        errors["period_end"] = ["Must be after period_start."]
    if period_start and period_end and (service_start or service_end):
        s, e = service_start or period_start, service_end or period_end
        if not (period_start <= s < e <= period_end):
            errors["service_start"] = ["The service period must lie inside the billing period."]
    usage = _parse_usage(data, {spec.code for spec in specs}, errors)
    commitment = _parse_commitment(data, errors)
    if errors:
        raise RatingInputError(errors)
    assert period_start
    assert period_end
    return rate_period(
        currency=str(currency),
        lines=specs,
        usage=usage,
        period_start=period_start,
        period_end=period_end,
        service_start=service_start,
        service_end=service_end,
        minimum_commitment=commitment,
    )


def _aggregate(customer: Customer, lp: LinePeriod, meters: dict[str, Any], tz: Any) -> Decimal:
    meter = meters.get(lp.line.metric)
    if meter is None:
        return ZERO
    return usage_aggregate(
        dimension=lp.line.dimension_value or None,
        customer_id=customer.pk,
        meter=meter,
        start=local_midnight_utc(lp.period.start, tz),
        end=local_midnight_utc(lp.period.end, tz),
    )


def customer_current_usage(*, customer: Customer, as_of: Any = None) -> dict[str, Any]:
    """Usage so far in each usage line's current period, and the charges it would bill now."""
    from zoneinfo import ZoneInfo

    as_of = as_of or timezone.now()
    today = local_today(as_of, ZoneInfo(customer.timezone))
    meters = meters_by_code()
    out: dict[str, Any] = {"customer": customer.external_id, "as_of": as_of.isoformat(), "contracts": []}
    contracts = customer.contracts.filter(status=ContractStatus.ACTIVE, start_date__lte=today).prefetch_related("lines")
    for contract in contracts:
        line_periods = []
        for line in contract.lines.all():
            if line.charge_model not in USAGE_CHARGE_MODELS:
                continue
            period = line_period_containing(contract, line, today)
            if period is None:
                continue
            line_periods.append(LinePeriod(line, period))
        if not line_periods:
            continue
        rated = rate_line_periods(contract, line_periods, meters=meters)
        tz = ZoneInfo(customer.timezone)
        usage_rows = [
            {
                "line": lp.line.code,
                "meter": lp.line.metric,
                "period_start": lp.period.start.isoformat(),
                "period_end": lp.period.end.isoformat(),
                "quantity": format(_aggregate(customer, lp, meters, tz).normalize(), "f"),
            }
            for lp in line_periods
        ]
        subtotal = sum((r.amount for r, _ in rated), ZERO)
        out["contracts"].append(
            {
                "contract": contract.external_id or str(contract.pk),
                "currency": contract.currency,
                "usage": usage_rows,
                "estimated_subtotal": format(subtotal, "f"),
                "estimated_lines": [
                    {
                        "line_code": r.line_code,
                        "kind": r.kind,
                        "description": r.description,
                        "tier": r.tier,
                        "quantity": format(r.quantity.normalize(), "f"),
                        "amount": format(r.amount, "f"),
                    }
                    for r, _ in rated
                ],
            }
        )
    return out


def contract_preview_next_invoice(*, contract: Any, as_of: Any = None) -> dict[str, Any]:
    """What the contract's next recurring invoice would hold if its billing date came now: the
    lines due on the next billing date, with usage counted up to this moment. Stores nothing."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from invoicing.drafting.periods import due_line_periods

    as_of = as_of or timezone.now()
    tz = ZoneInfo(contract.customer.timezone)
    lines = list(contract.lines.all())
    billed = set(contract.invoices.filter(kind="recurring").values_list("billing_date", flat=True))
    horizon = local_midnight_utc(local_today(as_of, tz) + timedelta(days=400), tz)
    due = due_line_periods(contract, lines, as_of=horizon)
    upcoming = sorted(d for d in due if d not in billed)
    if not upcoming:
        return {"billing_date": None, "lines": [], "subtotal": "0", "currency": contract.currency}
    billing_date = upcoming[0]
    rated = rate_line_periods(contract, due[billing_date], meters=meters_by_code())
    return {
        "billing_date": billing_date,
        "currency": contract.currency,
        "usage_counted_until": as_of,
        "subtotal": sum((r.amount for r, _ in rated), ZERO),
        "lines": [r for r, _ in rated],
    }
