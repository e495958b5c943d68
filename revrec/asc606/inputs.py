"""The contract-shaped input of the revenue engine and its validation (the preview's body)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from rating.money import currency_exponent

KINDS = ("point_in_time", "ratable", "milestone", "usage")
GRANULARITIES = ("day", "exact", "month_evenly")
TREATMENTS = ("separate_contract", "prospective", "cumulative_catch_up")
PERIOD_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class RevenueInputError(ValueError):
    """Invalid input, with messages per field path (``obligations[1].end``)."""

    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in fields.items()))
        self.fields = fields


@dataclass(frozen=True)
class Milestone:
    code: str
    date: date
    percent: Decimal


@dataclass(frozen=True)
class Obligation:
    """A performance obligation. ``ssp`` is its standalone selling price for the whole of what it
    promises (a ratable obligation: for its [start, end) term). ``usage`` obligations carry their
    variable consideration per month in ``amounts`` ("YYYY-MM" -> amount) and no SSP."""

    code: str
    kind: str
    ssp: Decimal = Decimal(0)
    date: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    milestones: tuple[Milestone, ...] = ()
    amounts: tuple[tuple[str, Decimal], ...] = ()
    discount_group: str | None = None
    granularity: str | None = None


@dataclass(frozen=True)
class Modification:
    effective: date
    treatment: str
    transaction_price_change: Decimal = Decimal(0)
    add_obligations: tuple[Obligation, ...] = ()
    remove_obligations: tuple[str, ...] = ()
    end_changes: tuple[tuple[str, date], ...] = ()


@dataclass(frozen=True)
class ContractInput:
    currency: str
    transaction_price: Decimal
    obligations: tuple[Obligation, ...]
    granularity: str = "day"
    modifications: tuple[Modification, ...] = field(default_factory=tuple)


class _Errors:
    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}

    def add(self, path: str, message: str) -> None:
        self.fields.setdefault(path, []).append(message)


def _decimal(
    value: Any, path: str, errors: _Errors, *, required: bool = True, minimum: Decimal | None = None
) -> Decimal:
    if value is None or value == "":
        if required:
            errors.add(path, "This field is required.")
        return Decimal(0)
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        errors.add(path, "A decimal string is required.")
        return Decimal(0)
    if isinstance(value, float):
        # Decimal strings are the contract; a JSON number is read by its shortest representation
        # (80.1 -> "80.1"), never by its binary value.
        value = repr(value)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        errors.add(path, "A valid decimal number is required.")
        return Decimal(0)
    if not number.is_finite():
        errors.add(path, "A valid decimal number is required.")
        return Decimal(0)
    if minimum is not None and number < minimum:
        errors.add(path, f"Must be at least {minimum}.")
    return number


def _date(value: Any, path: str, errors: _Errors) -> date | None:
    if value is None or value == "":
        errors.add(path, "This field is required.")
        return None
    if not isinstance(value, str):
        errors.add(path, "A date YYYY-MM-DD is required.")
        return None
    try:
        return date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else _bad_date()
    except ValueError:
        errors.add(path, "A valid date YYYY-MM-DD is required.")
        return None


def _bad_date() -> date:
    raise ValueError("not a date")


def _code(value: Any, path: str, errors: _Errors) -> str:
    if not isinstance(value, str) or not value.strip():
        errors.add(path, "A non-empty code is required.")
        return ""
    return value.strip()


def _milestones(value: Any, path: str, errors: _Errors) -> tuple[Milestone, ...]:
    if not isinstance(value, list) or not value:
        errors.add(path, "A non-empty list of milestones is required.")
        return ()
    out: list[Milestone] = []
    for index, raw in enumerate(value):
        item_path = f"{path}[{index}]"
        if not isinstance(raw, Mapping):
            errors.add(item_path, "An object is required.")
            continue
        code = _code(raw.get("code", f"m{index + 1}"), f"{item_path}.code", errors)
        when = _date(raw.get("date"), f"{item_path}.date", errors)
        percent = _decimal(raw.get("percent"), f"{item_path}.percent", errors, minimum=Decimal(0))
        if when is not None:
            out.append(Milestone(code=code, date=when, percent=percent))
    if len(out) == len(value) and sum((m.percent for m in out), Decimal(0)) != 100:
        errors.add(path, "Milestone percents must add up to 100.")
    if len({m.code for m in out}) != len(out):
        errors.add(path, "Milestone codes must be unique.")
    return tuple(out)


def _usage_amounts(value: Any, path: str, errors: _Errors) -> tuple[tuple[str, Decimal], ...]:
    if not isinstance(value, Mapping):
        errors.add(path, 'An object {"YYYY-MM": "amount"} is required.')
        return ()
    out: list[tuple[str, Decimal]] = []
    for period, amount in value.items():
        if not isinstance(period, str) or not PERIOD_RE.match(period):
            errors.add(f"{path}.{period}", "Periods are calendar months YYYY-MM.")
            continue
        out.append((period, _decimal(amount, f"{path}.{period}", errors)))
    return tuple(sorted(out))


def _obligation(raw: Any, path: str, errors: _Errors) -> Obligation | None:
    if not isinstance(raw, Mapping):
        errors.add(path, "An object is required.")
        return None
    code = _code(raw.get("code"), f"{path}.code", errors)
    kind = raw.get("kind")
    if kind not in KINDS:
        errors.add(f"{path}.kind", f"One of {', '.join(KINDS)} is required.")
        return None
    group = raw.get("discount_group")
    if group is not None and (not isinstance(group, str) or not group.strip()):
        errors.add(f"{path}.discount_group", "A non-empty string or null is required.")
        group = None
    granularity = raw.get("granularity")
    if granularity is not None and granularity not in GRANULARITIES:
        errors.add(f"{path}.granularity", f"One of {', '.join(GRANULARITIES)} is required.")
        granularity = None
    if kind == "usage":
        if group:
            errors.add(f"{path}.discount_group", "Usage is variable consideration, outside the allocation.")
        return Obligation(code=code, kind=kind, amounts=_usage_amounts(raw.get("amounts"), f"{path}.amounts", errors))
    ssp = _decimal(raw.get("ssp"), f"{path}.ssp", errors, minimum=Decimal(0))
    common: dict[str, Any] = {"code": code, "kind": kind, "ssp": ssp, "discount_group": group}
    if kind == "point_in_time":
        return Obligation(**common, date=_date(raw.get("date"), f"{path}.date", errors))
    if kind == "milestone":
        return Obligation(**common, milestones=_milestones(raw.get("milestones"), f"{path}.milestones", errors))
    start = _date(raw.get("start"), f"{path}.start", errors)
    end = _date(raw.get("end"), f"{path}.end", errors)
    if start is not None and end is not None and end <= start:
        errors.add(f"{path}.end", "The end must be after the start (periods are half-open).")
    return Obligation(**common, start=start, end=end, granularity=granularity)


def _obligations(value: Any, path: str, errors: _Errors, taken: set[str]) -> tuple[Obligation, ...]:
    if not isinstance(value, list):
        errors.add(path, "A list is required.")
        return ()
    out: list[Obligation] = []
    for index, raw in enumerate(value):
        obligation = _obligation(raw, f"{path}[{index}]", errors)
        if obligation is None:
            continue
        if obligation.code in taken:
            errors.add(f"{path}[{index}].code", f"Obligation code {obligation.code!r} is used twice.")
        taken.add(obligation.code)
        out.append(obligation)
    return tuple(out)


def _modification(raw: Any, path: str, errors: _Errors, codes: set[str]) -> Modification | None:
    if not isinstance(raw, Mapping):
        errors.add(path, "An object is required.")
        return None
    effective = _date(raw.get("effective"), f"{path}.effective", errors)
    treatment = raw.get("treatment")
    if treatment not in TREATMENTS:
        errors.add(f"{path}.treatment", f"One of {', '.join(TREATMENTS)} is required.")
    change = _decimal(raw.get("transaction_price_change", "0"), f"{path}.transaction_price_change", errors)
    added = _obligations(raw.get("add_obligations", []), f"{path}.add_obligations", errors, codes)
    removed_raw = raw.get("remove_obligations", [])
    removed: list[str] = []
    if not isinstance(removed_raw, list):
        errors.add(f"{path}.remove_obligations", "A list of obligation codes is required.")
    else:
        for index, code in enumerate(removed_raw):
            if code not in codes:
                errors.add(f"{path}.remove_obligations[{index}]", f"No obligation {code!r} before this change.")
            else:
                removed.append(code)
    ends_raw = raw.get("end_changes", {})
    ends: list[tuple[str, date]] = []
    if not isinstance(ends_raw, Mapping):
        errors.add(f"{path}.end_changes", 'An object {"code": "YYYY-MM-DD"} is required.')
    else:
        for code, value in ends_raw.items():
            if code not in codes:
                errors.add(f"{path}.end_changes.{code}", f"No obligation {code!r} before this change.")
                continue
            new_end = _date(value, f"{path}.end_changes.{code}", errors)
            if new_end is not None:
                ends.append((code, new_end))
    if treatment == "separate_contract" and (removed or ends):
        errors.add(
            f"{path}.treatment",
            "A separate contract only adds distinct obligations; removals and end changes modify this one.",
        )
    if treatment == "separate_contract" and not added:
        errors.add(f"{path}.add_obligations", "A separate contract adds at least one obligation.")
    if effective is None or treatment not in TREATMENTS:
        return None
    return Modification(
        effective=effective,
        treatment=str(treatment),
        transaction_price_change=change,
        add_obligations=added,
        remove_obligations=tuple(removed),
        end_changes=tuple(ends),
    )


def parse_contract_input(data: Any) -> ContractInput:
    """Validate the preview body into a :class:`ContractInput`; raises RevenueInputError listing
    every invalid field (not only the first)."""
    errors = _Errors()
    if not isinstance(data, Mapping):
        raise RevenueInputError({"non_field_errors": ["A JSON object is required."]})
    currency = data.get("currency")
    if not isinstance(currency, str) or not currency:
        errors.add("currency", "An ISO 4217 currency code is required.")
        currency = "USD"
    else:
        currency = currency.strip().upper()  # "usd" as Stripe writes it is USD
        try:
            currency_exponent(currency)
        except ValueError:
            errors.add("currency", f"{currency!r} is not an ISO 4217 currency code.")
    granularity = data.get("granularity", "day") or "day"
    if granularity not in GRANULARITIES:
        errors.add("granularity", f"One of {', '.join(GRANULARITIES)} is required.")
    codes: set[str] = set()
    obligations = _obligations(data.get("obligations"), "obligations", errors, codes)
    if "obligations" in data and not data.get("obligations"):
        errors.add("obligations", "At least one obligation is required.")
    allocable = any(o.kind != "usage" for o in obligations)
    price = _decimal(
        data.get("transaction_price"), "transaction_price", errors, required=allocable, minimum=Decimal(0)
    )
    modifications: list[Modification] = []
    raw_mods = data.get("modifications", [])
    if not isinstance(raw_mods, list):
        errors.add("modifications", "A list is required.")
        raw_mods = []
    order = sorted(range(len(raw_mods)), key=lambda i: _sort_key(raw_mods[i]))
    for index in order:
        modification = _modification(raw_mods[index], f"modifications[{index}]", errors, codes)
        if modification is not None:
            modifications.append(modification)
    named = [o.discount_group for o in obligations if o.discount_group]
    groups = {g for g in named if named.count(g) >= 2}
    if len(groups) > 1:
        errors.add("obligations", "Only one discount group can take a contract's discount.")
    if errors.fields:
        raise RevenueInputError(errors.fields)
    return ContractInput(
        currency=currency,
        transaction_price=price,
        obligations=obligations,
        granularity=str(granularity),
        modifications=tuple(modifications),
    )


def _sort_key(raw: Any) -> str:
    # Modifications apply in date order (a stable sort keeps request order on a tie); a bad date
    # sorts last and is reported by the validation.
    value = raw.get("effective") if isinstance(raw, Mapping) else None
    return value if isinstance(value, str) else "9999"
