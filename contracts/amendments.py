"""Amendments, the pure part: from a contract's lines and a list of changes to the new line set.

No ORM here: lines come in as plain dicts of ContractLine field values (with ``id`` for stored
lines) and go out the same way, so the rules are tested without a database.

A change never edits a line in place, because past invoices were rated with the old terms and
the billing run must keep rating past periods with them. Instead the old line *version* ends on
the effective date D (``end_date = D``, exclusive) and a new version starts on D with the new
terms. The new version keeps the cycle of the line it replaces (``anchor_date``), so its first
period is the rest of the current period; see ``invoicing.drafting.periods.due_line_periods``.

Change types (the API's shape; decimals as strings):

- ``{"type": "set_seats", "line": "seats", "seats": "40"}``
- ``{"type": "add_seats", "line": "seats", "seats": "20"}`` (negative removes seats)
- ``{"type": "change_price", "line": "api", "unit_price": "0.003", ...}``: any price field
  (``PRICE_FIELDS``); cadence, timing and metric stay (end the line and add a new one instead)
- ``{"type": "add_line", "line_data": {...a contract line as in POST /contracts...}}``
- ``{"type": "end_line", "line": "api"}``

``line`` names a line by its code; a versioned line (``seats__2026-03-20``) is also found by the
code it started with (``seats``), so clients keep using the codes they created. Errors carry
field paths such as ``changes[0].seats``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from rating import LineSpec, RatingInputError, line_spec_from_dict
from rating.engine import parse_decimal

from .choices import USAGE_CHARGE_MODELS, BillingInterval, BillingTiming, ChargeModel
from .exceptions import ContractError
from .fields import PRICE_FIELDS

LineData = dict[str, Any]

# "seats" -> "seats__2026-03-20": slug characters only, so the admin's line forms (SlugField)
# still validate a versioned line.
VERSION_SEPARATOR = "__"
CODE_MAX_LENGTH = 64
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+\Z")

CHANGE_TYPES = ("set_seats", "add_seats", "change_price", "add_line", "end_line")
FIXED_TERMS = ("billing_interval", "billing_interval_count", "billing_timing", "metric", "start_date", "end_date")
# Lines billed once (or on completion): nothing left to re-price after their charge.
NOT_REPRICED = frozenset({ChargeModel.ONE_TIME, ChargeModel.PREPAID_CREDIT, ChargeModel.MILESTONE})
RECURRING_ANCHORED = frozenset(set(ChargeModel) - NOT_REPRICED)


class AmendmentError(ContractError):
    """An amendment the contract cannot take, with messages by field path ("changes[0].seats")."""

    def __init__(self, fields: Mapping[str, Sequence[str]]) -> None:
        self.fields = {path: list(messages) for path, messages in fields.items()}
        summary = "; ".join(f"{path}: {' '.join(messages)}" for path, messages in self.fields.items())
        super().__init__(summary or "Invalid amendment.")


class AmendmentStateError(ContractError):
    """An action the amendment's status does not allow (approving an applied one, ...)."""


@dataclass(frozen=True)
class LineVersion:
    """One line's change: ``old`` as it was before (None for an added line), ``new`` the version
    starting on the effective date (None for an ended line)."""

    kind: str  # "change", "add" or "end"
    old: LineData | None
    new: LineData | None
    change_indexes: tuple[int, ...]


@dataclass(frozen=True)
class AmendmentPlan:
    effective_date: date
    lines: tuple[LineData, ...]  # every line after the amendment; new versions have no "id"
    versions: tuple[LineVersion, ...]

    def commitment_codes(self, codes: Sequence[str]) -> list[str]:
        """A minimum commitment naming a replaced line also covers its new version."""
        out = list(codes)
        for version in self.versions:
            if version.old and version.new and version.old["code"] in out and version.new["code"] not in out:
                out.append(version.new["code"])
        return out


@dataclass
class _Pending:
    kind: str
    old: LineData | None
    new: LineData | None
    indexes: list[int] = field(default_factory=list)


def base_code(code: str) -> str:
    """The code a line was created with: "seats__2026-03-20" -> "seats"."""
    head, sep, tail = code.rpartition(VERSION_SEPARATOR)
    if sep and re.match(r"^\d{4}-\d{2}-\d{2}(-\d+)?$", tail):
        return head
    return code


def versioned_code(code: str, effective_date: date, taken: set[str]) -> str:
    """A new version's code: the base code and the effective date, unique in the contract."""
    stem = f"{base_code(code)}{VERSION_SEPARATOR}{effective_date.isoformat()}"
    candidate, n = stem, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def amendment_plan(
    *,
    lines: Sequence[Mapping[str, Any]],
    changes: object,
    effective_date: date,
    contract_start: date,
    contract_end: date | None,
    meters: set[str] | frozenset[str] | None = None,
) -> AmendmentPlan:
    """The contract's lines after applying ``changes`` on ``effective_date``.

    ``meters`` (known meter codes) checks the metric of added usage lines; None skips that check.
    Raises AmendmentError with every problem found, by field path.
    """
    errors: dict[str, list[str]] = {}
    if effective_date <= contract_start:
        errors["effective_date"] = [f"Must be after the contract start ({contract_start.isoformat()})."]
    elif contract_end is not None and effective_date >= contract_end:
        errors["effective_date"] = [f"Must be before the contract end ({contract_end.isoformat()})."]
    if not isinstance(changes, list) or not changes:
        errors["changes"] = ["Expected a non-empty list of changes."]
    if errors:
        raise AmendmentError(errors)
    assert isinstance(changes, list)
    planner = _Planner(lines, effective_date, contract_start, contract_end, meters)
    for index, change in enumerate(changes):
        planner.apply(index, change)
    if planner.errors:
        raise AmendmentError(planner.errors)
    return planner.plan()


class _Planner:
    def __init__(
        self,
        lines: Sequence[Mapping[str, Any]],
        effective_date: date,
        contract_start: date,
        contract_end: date | None,
        meters: set[str] | frozenset[str] | None,
    ) -> None:
        self.day = effective_date
        self.contract_start = contract_start
        self.contract_end = contract_end
        self.meters = meters
        self.lines: list[LineData] = [dict(line) for line in lines]
        self.pending: list[_Pending] = []
        self.errors: dict[str, list[str]] = {}

    # --- bookkeeping ----------------------------------------------------------------------------

    def error(self, path: str, message: str) -> None:
        self.errors.setdefault(path, []).append(message)

    def plan(self) -> AmendmentPlan:
        versions = tuple(
            LineVersion(kind=p.kind, old=p.old, new=p.new, change_indexes=tuple(p.indexes)) for p in self.pending
        )
        return AmendmentPlan(effective_date=self.day, lines=tuple(self.lines), versions=versions)

    def _start(self, line: Mapping[str, Any]) -> date:
        start: date = line.get("start_date") or self.contract_start
        return start

    def _end(self, line: Mapping[str, Any]) -> date | None:
        end: date | None = line.get("end_date") or self.contract_end
        return end

    def _is_active(self, line: Mapping[str, Any]) -> bool:
        end = self._end(line)
        return self._start(line) <= self.day and (end is None or self.day < end)

    def _pending_for(self, line: LineData) -> _Pending | None:
        return next((p for p in self.pending if p.new is line), None)

    # --- changes --------------------------------------------------------------------------------

    def apply(self, index: int, change: object) -> None:
        prefix = f"changes[{index}]"
        if not isinstance(change, Mapping):
            self.error(prefix, "Expected an object with a type.")
            return
        kind = change.get("type")
        handlers: dict[str, Callable[[int, Mapping[str, Any]], None]] = {
            "set_seats": self._seats,
            "add_seats": self._seats,
            "change_price": self._change_price,
            "add_line": self._add_line,
            "end_line": self._end_line,
        }
        if kind not in handlers:
            self.error(f"{prefix}.type", f"One of {', '.join(CHANGE_TYPES)}.")
            return
        handlers[str(kind)](index, change)

    def _target(self, index: int, change: Mapping[str, Any]) -> LineData | None:
        """The line version a change names, active on the effective date."""
        path = f"changes[{index}].line"
        ref = change.get("line")
        if not isinstance(ref, str) or not ref:
            self.error(path, "Name the line by its code.")
            return None
        active = [line for line in self.lines if self._is_active(line)]
        found = [line for line in active if line["code"] == ref] or [
            line for line in active if base_code(line["code"]) == ref
        ]
        if not found:
            self.error(path, f"No line '{ref}' is in service on {self.day.isoformat()}.")
            return None
        if len(found) > 1:
            self.error(path, f"Several lines match '{ref}'; use the exact code.")
            return None
        return found[0]

    def _version(self, index: int, line: LineData) -> LineData | None:
        """The new version of ``line`` from the effective date (made once per line per amendment)."""
        pending = self._pending_for(line)
        if pending is not None:  # a later change to the same line edits the version (or added line) made
            pending.indexes.append(index)
            return line
        if self._start(line) >= self.day:
            self.error(
                f"changes[{index}].line",
                f"Line '{line['code']}' starts on {self._start(line).isoformat()}: amend it from a later date.",
            )
            return None
        old = dict(line)
        taken = {other["code"] for other in self.lines}
        code = versioned_code(line["code"], self.day, taken)
        if len(code) > CODE_MAX_LENGTH:
            self.error(f"changes[{index}].line", f"The line code is too long to version ({code}).")
            return None
        new = {key: value for key, value in line.items() if key != "id"}
        new.update(code=code, start_date=self.day, anchor_date=line.get("anchor_date") or self._start(line))
        line["end_date"] = self.day
        self.lines.append(new)
        self.pending.append(_Pending("change", old, new, [index]))
        return new

    def _repriceable(self, index: int, line: LineData) -> bool:
        if line["charge_model"] in NOT_REPRICED:
            self.error(
                f"changes[{index}].line",
                f"A {line['charge_model']} line is not re-priced; end it and add a new line.",
            )
            return False
        return True

    def _seats(self, index: int, change: Mapping[str, Any]) -> None:
        path = f"changes[{index}].seats"
        try:
            seats = parse_decimal(change.get("seats")) if change.get("seats") is not None else None
        except ValueError as exc:
            self.error(path, str(exc))
            seats = None
        if change.get("seats") is None:
            self.error(path, "This field is required.")
        line = self._target(index, change)
        if line is None or seats is None:
            return
        if line["charge_model"] != ChargeModel.PER_SEAT:
            self.error(f"changes[{index}].line", f"Line '{line['code']}' is not a per-seat line.")
            return
        current = Decimal(line.get("seats") or 0)
        after = seats if change["type"] == "set_seats" else current + seats
        if change["type"] == "add_seats" and seats == 0:
            self.error(path, "Must not be zero.")
            return
        if after < 0:
            self.error(path, f"Would leave {after.normalize():f} seats; a line cannot have fewer than 0.")
            return
        if after == current:
            self.error(path, f"The line already has {current.normalize():f} seats.")
            return
        new = self._version(index, line)
        if new is not None:
            new["seats"] = after

    def _change_price(self, index: int, change: Mapping[str, Any]) -> None:
        prefix = f"changes[{index}]."
        values = {key: value for key, value in change.items() if key not in ("type", "line")}
        bad = False
        for key in values:
            if key in FIXED_TERMS:
                self.error(prefix + key, "Not changed by an amendment; end the line and add a new one.")
                bad = True
            elif key not in PRICE_FIELDS:
                self.error(prefix + key, f"Not a price field; one of {', '.join(PRICE_FIELDS)}.")
                bad = True
        if not values:
            self.error(prefix + "type", "Give at least one new price field (e.g. unit_price).")
        line = self._target(index, change)
        if line is None or bad or not values or not self._repriceable(index, line):
            return
        merged = {**line, **values}
        if (merged["charge_model"] in USAGE_CHARGE_MODELS) != (line["charge_model"] in USAGE_CHARGE_MODELS):
            self.error(prefix + "charge_model", "Cannot switch between usage and fixed charge models.")
            return
        try:
            spec = line_spec_from_dict(merged)
        except RatingInputError as exc:
            for path, messages in exc.prefixed(prefix).fields.items():
                self.errors.setdefault(path, []).extend(messages)
            return
        new = self._version(index, line)
        if new is not None:
            new.update(price_fields(spec))

    def _add_line(self, index: int, change: Mapping[str, Any]) -> None:
        prefix = f"changes[{index}].line_data"
        raw = change.get("line_data")
        if not isinstance(raw, Mapping):
            self.error(prefix, "Expected an object: a contract line.")
            return
        try:
            spec = line_spec_from_dict(raw)
        except RatingInputError as exc:
            for path, messages in exc.prefixed(prefix + ".").fields.items():
                self.errors.setdefault(path, []).extend(messages)
            return
        line_errors = self._new_line_errors(raw, spec)
        for name, messages in line_errors.items():
            self.errors.setdefault(f"{prefix}.{name}", []).extend(messages)
        if line_errors:
            return
        new = new_line_fields(raw, spec)
        new["start_date"] = self.day
        new["end_date"] = date.fromisoformat(str(raw["end_date"])) if raw.get("end_date") else None
        # Added recurring lines keep the contract's cycle: the first period is the rest of the
        # current one (billed prorated on the amendment's invoice when billed in advance).
        new["anchor_date"] = self.contract_start if spec.charge_model in RECURRING_ANCHORED else None
        new["sort_order"] = max((line.get("sort_order") or 0 for line in self.lines), default=-1) + 1
        self.lines.append(new)
        self.pending.append(_Pending("add", None, new, [index]))

    def _new_line_errors(self, raw: Mapping[str, Any], spec: LineSpec) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        if not _SLUG.match(spec.code) or len(spec.code) > CODE_MAX_LENGTH - 12:
            errors["code"] = [f"Letters, digits, - and _ only, at most {CODE_MAX_LENGTH - 12} characters."]
        elif base_code(spec.code) != spec.code:
            errors["code"] = [f"'{VERSION_SEPARATOR}<date>' is kept for line versions."]
        elif any(base_code(line["code"]) == spec.code for line in self.lines):
            errors["code"] = ["A line with this code exists in the contract."]
        if spec.charge_model in USAGE_CHARGE_MODELS:
            if not spec.metric:
                errors["metric"] = ["Usage lines need a metric (a meter code)."]
            elif self.meters is not None and spec.metric not in self.meters:
                errors["metric"] = [f"No meter '{spec.metric}'."]
        if raw.get("billing_interval", BillingInterval.MONTH) not in BillingInterval.values:
            errors["billing_interval"] = [f"One of {', '.join(BillingInterval.values)}."]
        count = raw.get("billing_interval_count", 1)
        if isinstance(count, bool) or not isinstance(count, int | str) or not str(count).isdigit() or int(count) < 1:
            errors["billing_interval_count"] = ["A whole number of at least 1."]
        if raw.get("billing_timing") not in (None, *BillingTiming.values):
            errors["billing_timing"] = [f"One of {', '.join(BillingTiming.values)}."]
        if raw.get("start_date") not in (None, "", self.day.isoformat()):
            errors["start_date"] = [f"An added line starts on the effective date ({self.day.isoformat()})."]
        errors.update(self._other_field_errors(raw))
        return errors

    def _other_field_errors(self, raw: Mapping[str, Any]) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        for name in ("end_date", "expires_on"):
            if raw.get(name) in (None, ""):
                continue
            try:
                day = date.fromisoformat(str(raw[name]))
            except ValueError:
                errors[name] = ["Expected a date YYYY-MM-DD."]
                continue
            if name == "end_date" and day <= self.day:
                errors[name] = ["Must be after the effective date."]
        for name in ("top_up_threshold", "top_up_amount"):
            if raw.get(name) not in (None, ""):
                try:
                    parse_decimal(raw[name])
                except ValueError as exc:
                    errors[name] = [str(exc)]
        return errors

    def _end_line(self, index: int, change: Mapping[str, Any]) -> None:
        line = self._target(index, change)
        if line is None:
            return
        if self._pending_for(line) is not None:
            self.error(f"changes[{index}].line", "An earlier change of this amendment already changes this line.")
            return
        if self._start(line) >= self.day:
            self.error(
                f"changes[{index}].line",
                f"Line '{line['code']}' starts on {self._start(line).isoformat()}: end it after that day.",
            )
            return
        old = dict(line)
        line["end_date"] = self.day
        self.pending.append(_Pending("end", old, None, [index]))


def price_fields(spec: LineSpec) -> dict[str, Any]:
    """The price terms of a parsed line, as ContractLine field values."""
    return {
        "description": spec.description or "",
        "charge_model": spec.charge_model,
        "amount": spec.amount,
        "unit_price": spec.unit_price,
        "included_units": spec.included_units,
        "tiers": [
            {
                "up_to": None if t.up_to is None else str(t.up_to),
                "unit_price": str(t.unit_price),
                "flat_fee": str(t.flat_fee),
                "package_size": None if t.package_size is None else str(t.package_size),
            }
            for t in spec.tiers
        ],
        "tier_basis": spec.tier_basis,
        "package_size": spec.package_size,
        "package_price": spec.package_price,
        "free_units": spec.free_units,
        "rate": spec.rate,
        "fixed_fee": spec.fixed_fee,
        "free_events": spec.free_events,
        "free_amount": spec.free_amount,
        "per_event_min": spec.per_event_min,
        "per_event_max": spec.per_event_max,
        "seats": spec.seats,
        "price": spec.price,
        "minimum_amount": spec.minimum_amount,
    }


def new_line_fields(raw: Mapping[str, Any], spec: LineSpec) -> LineData:
    """A line's ContractLine field values from validated input in the API's shape (a new
    contract's lines and an amendment's added lines alike; dates are the caller's)."""
    usage = spec.charge_model in USAGE_CHARGE_MODELS
    timing = BillingTiming.IN_ARREARS if usage else raw.get("billing_timing") or BillingTiming.IN_ADVANCE
    fields: LineData = {
        "code": spec.code,
        "metric": spec.metric or "",
        "dimension_value": str(raw.get("dimension_value") or ""),
        "billing_interval": raw.get("billing_interval", BillingInterval.MONTH),
        "billing_interval_count": int(raw.get("billing_interval_count", 1)),
        "billing_timing": str(timing),
        "charge_date": spec.charge_date,
        **price_fields(spec),
        "milestones": [{"name": m.name, "amount": m.amount, "due_date": m.due_date} for m in spec.milestones],
    }
    for name in ("top_up_threshold", "top_up_amount"):
        fields[name] = parse_decimal(raw[name]) if raw.get(name) not in (None, "") else None
    fields["expires_on"] = date.fromisoformat(str(raw["expires_on"])) if raw.get("expires_on") else None
    return fields
