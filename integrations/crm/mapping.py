"""From a CRM deal to the customer and contract it proposes, and from a changed deal to the
amendment it proposes. Pure: no ORM, no settings, no clock; provider modules turn Salesforce or
HubSpot records into ``Deal`` first, so one mapping serves every CRM.

The proposal has the shapes of ``POST /api/v1/customers`` and ``POST /api/v1/contracts``, so the
contract is validated by the same serializer as the API before anything is created.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

# Targets a CRM field may feed. contract.* and customer.* read the deal (dotted paths reach
# related records: Account.BillingCountryCode); line.* read each line item.
CONTRACT_TARGETS = (
    "contract.start_date",
    "contract.end_date",
    "contract.currency",
    "contract.billing_alignment",
    "contract.amendment_effective_date",
)
CUSTOMER_TARGETS = (
    "customer.email",
    "customer.payment_terms_days",
    "customer.tax_id",
    "customer.timezone",
)
LINE_TARGETS = (
    "line.start_date",
    "line.end_date",
    "line.tiers",
    "line.metric",
    "line.billing_interval",
    "line.billing_interval_count",
    "line.included_units",
    "line.minimum_amount",
)
FIELD_TARGETS = CONTRACT_TARGETS + CUSTOMER_TARGETS + LINE_TARGETS

USAGE_MODELS = frozenset({"per_unit", "graduated", "volume", "package", "percentage"})
# Line fields a changed deal may re-price with a ``change_price`` amendment (the contracts app's
# PRICE_FIELDS that a CRM mapping can set).
REPRICE_FIELDS = (
    "amount", "unit_price", "included_units", "tiers", "package_size", "package_price", "rate",
    "seats", "price", "minimum_amount", "free_units", "fixed_fee",
)
# A change to one of these is a different line: end the old one and add the new one.
IDENTITY_FIELDS = ("charge_model", "metric", "billing_interval", "billing_interval_count", "billing_timing")


@dataclass(frozen=True)
class DealLine:
    id: str
    product_code: str
    product_name: str
    quantity: Decimal
    unit_price: Decimal
    total: Decimal
    fields: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Deal:
    """A closed-won deal, whatever the CRM."""

    id: str
    name: str
    account_id: str
    account_name: str
    close_date: date | None
    currency: str | None
    contact_email: str
    contact_name: str
    address: Mapping[str, str]
    lines: Sequence[DealLine]
    fields: Mapping[str, Any] = field(default_factory=dict)
    modified_at: str = ""


@dataclass(frozen=True)
class ProductRule:
    product_code: str
    charge_model: str
    line_code: str = ""
    description: str = ""
    metric: str = ""
    price_field: str = "unit_price"
    quantity_field: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    billing_interval: str = "month"
    billing_interval_count: int = 1
    billing_timing: str = ""


@dataclass
class Proposal:
    customer: dict[str, Any]
    contract: dict[str, Any]
    errors: dict[str, list[str]] = field(default_factory=dict)
    amendment_effective_date: str | None = None


def _path(record: Mapping[str, Any], path: str) -> Any:
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    return str(value)


def _decimal_text(value: Decimal) -> str:
    """A decimal string without float noise or exponent: 1000.000 -> '1000', 0.0040 -> '0.004'."""
    value = value.normalize()
    text = format(value, "f")
    return text


def slug(text: str) -> str:
    slugged = re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-")
    return slugged[:48] or "line"


def _date_text(value: Any) -> str | None:
    if value in (None, ""):
        return None
    text = str(value)[:10]
    try:
        date.fromisoformat(text)
    except ValueError:
        return None
    return text


def _price_fields(price_field: str, item: DealLine) -> dict[str, str]:
    if price_field == "unit_price":
        return {"unit_price": _decimal_text(item.unit_price)}
    if price_field == "amount":
        return {"amount": _decimal_text(item.total)}
    if price_field == "package_price":
        return {"package_price": _decimal_text(item.unit_price)}
    if price_field == "price":
        return {"amount": _decimal_text(item.total), "price": _decimal_text(item.total)}
    return {}


def _line(
    index: int, item: DealLine, rule: ProductRule, line_sources: Mapping[str, str], errors: dict[str, list[str]]
) -> dict[str, Any]:
    prefix = f"lines[{index}]."
    model = rule.charge_model
    line: dict[str, Any] = {
        "code": rule.line_code or slug(item.product_code or item.product_name),
        "description": rule.description or item.product_name,
        "charge_model": model,
        "billing_interval": rule.billing_interval,
        "billing_interval_count": rule.billing_interval_count,
        "billing_timing": rule.billing_timing or ("in_arrears" if model in USAGE_MODELS else "in_advance"),
    }
    if rule.metric:
        line["metric"] = rule.metric
    for key, value in rule.params.items():
        line[key] = value
    line.update(_price_fields(rule.price_field, item))
    if rule.quantity_field:
        line[rule.quantity_field] = _decimal_text(item.quantity)
    for target, source in line_sources.items():
        name = target.removeprefix("line.")
        value = _path(item.fields, source)
        if value in (None, ""):
            continue
        converted, error = _line_value(name, value, source)
        if error:
            errors[prefix + name] = [error]
        else:
            line[name] = converted
    return line


def _line_value(name: str, value: Any, source: str) -> tuple[Any, str]:
    """A CRM field's value as the line field ``name`` takes it, or an error message."""
    if name == "tiers":
        try:
            return (json.loads(value) if isinstance(value, str) else value), ""
        except ValueError:
            return None, f"{source} is not JSON tiers: {str(value)[:80]}"
    if name in ("start_date", "end_date"):
        text = _date_text(value)
        return (text, "") if text is not None else (None, f"{source} is not a date.")
    if name == "billing_interval_count":
        try:
            return int(Decimal(str(value))), ""
        except (InvalidOperation, ValueError):
            return None, f"{source} is not a whole number."
    if name in ("included_units", "minimum_amount"):
        return _text(value), ""
    return value, ""


def _customer(deal: Deal, field_sources: Mapping[str, str], currency: str, id_prefix: str) -> dict[str, Any]:
    customer: dict[str, Any] = {
        "external_id": f"{id_prefix}-{deal.account_id}",
        "name": deal.account_name or deal.name,
        "email": deal.contact_email,
        "currency": currency,
        "address": {k: v for k, v in deal.address.items() if v},
    }
    if deal.contact_email:
        customer["contacts"] = [deal.contact_email]
    for target in CUSTOMER_TARGETS:
        if target in field_sources:
            value = _path(deal.fields, field_sources[target])
            if value not in (None, ""):
                name = target.removeprefix("customer.")
                customer[name] = int(Decimal(str(value))) if name == "payment_terms_days" else _text(value)
    return customer


def _deal_date(deal: Deal, field_sources: Mapping[str, str], target: str) -> str | None:
    return _date_text(_path(deal.fields, field_sources[target])) if target in field_sources else None


def deal_proposal(
    *,
    deal: Deal,
    rules: Sequence[ProductRule],
    field_sources: Mapping[str, str],
    default_currency: str,
    id_prefix: str,
) -> Proposal:
    """The customer and contract a deal proposes. ``field_sources`` maps targets (FIELD_TARGETS)
    to CRM field paths. Errors name the proposal's paths (``lines[1].metric``) and the deal is
    not imported while it has any."""
    errors: dict[str, list[str]] = {}
    by_code = {rule.product_code: rule for rule in rules}
    currency = _text(_path(deal.fields, field_sources["contract.currency"])) if "contract.currency" in field_sources \
        else (deal.currency or "")
    currency = (currency or default_currency).upper()

    customer = _customer(deal, field_sources, currency, id_prefix)
    if not customer["email"]:
        errors["customer.email"] = ["The deal has no billing contact with an email (map customer.email)."]

    line_sources = {t: s for t, s in field_sources.items() if t.startswith("line.")}
    lines: list[dict[str, Any]] = []
    taken: set[str] = set()
    for index, item in enumerate(deal.lines):
        rule = by_code.get(item.product_code) or by_code.get("*")
        if rule is None:
            errors[f"lines[{index}].product_code"] = [f"No product mapping for '{item.product_code}'."]
            continue
        line = _line(len(lines), item, rule, line_sources, errors)
        code, n = line["code"], 1
        while line["code"] in taken:
            n += 1
            line["code"] = f"{code}-{n}"
        taken.add(line["code"])
        lines.append(line)
    if not deal.lines:
        errors["lines"] = ["The deal has no line items."]

    start = _deal_date(deal, field_sources, "contract.start_date")
    starts = sorted(line["start_date"] for line in lines if line.get("start_date"))
    start = start or (starts[0] if starts else None) or (deal.close_date.isoformat() if deal.close_date else None)
    if start is None:
        errors["start_date"] = ["No start date: map contract.start_date or give the deal a close date."]
    for line in lines:
        # A line starting with the contract needs no start date of its own.
        if line.get("start_date") == start:
            line.pop("start_date")
    contract: dict[str, Any] = {
        "customer": customer["external_id"],
        "external_id": f"{id_prefix}-{deal.id}",
        "start_date": start,
        "end_date": None,
        "currency": currency,
        "lines": lines,
    }
    if "contract.end_date" in field_sources:
        contract["end_date"] = _deal_date(deal, field_sources, "contract.end_date")
    if "contract.billing_alignment" in field_sources:
        alignment = _text(_path(deal.fields, field_sources["contract.billing_alignment"])).lower()
        if alignment:
            contract["billing_alignment"] = alignment
    effective = _deal_date(deal, field_sources, "contract.amendment_effective_date")
    return Proposal(customer=customer, contract=contract, errors=errors, amendment_effective_date=effective)


def _same(a: Any, b: Any) -> bool:
    """Decimal strings compare by value ("720.0" == "720.00"); the rest by equality."""
    if isinstance(a, str) and isinstance(b, str):
        try:
            return Decimal(a) == Decimal(b)
        except InvalidOperation:
            return a == b
    return a == b


def _differs(old: Mapping[str, Any], new: Mapping[str, Any], names: Sequence[str]) -> list[str]:
    return [name for name in names if not _same(old.get(name), new.get(name))]


@dataclass
class DealChange:
    changes: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]


def deal_changes(*, accepted: Mapping[str, Any], proposed: Mapping[str, Any], effective_date: date) -> DealChange:
    """What a deal changed since the contract was made from it.

    Line changes become amendment changes (contracts/amendments.py shapes): a new product is an
    ``add_line``, a removed one an ``end_line``, a new price or quantity a ``change_price`` (seats
    included), a new charge model, metric or cadence ends the line and adds its new version.
    Contract and customer terms (start date, currency, email, ...) cannot be amended: they are
    conflicts, shown side by side for a person to settle."""
    old_contract = accepted.get("contract", {})
    new_contract = proposed.get("contract", {})
    old_lines = {line["code"]: line for line in old_contract.get("lines", [])}
    new_lines = {line["code"]: line for line in new_contract.get("lines", [])}
    changes: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    for name in ("start_date", "end_date", "currency", "billing_alignment"):
        if not _same(old_contract.get(name), new_contract.get(name)):
            conflicts.append({"field": f"contract.{name}", "accepted": old_contract.get(name),
                              "crm": new_contract.get(name)})
    old_customer, new_customer = accepted.get("customer", {}), proposed.get("customer", {})
    for name in sorted(set(old_customer) | set(new_customer)):
        if name in ("external_id", "contacts"):
            continue
        if not _same(old_customer.get(name), new_customer.get(name)):
            conflicts.append({"field": f"customer.{name}", "accepted": old_customer.get(name),
                              "crm": new_customer.get(name)})
    for code, new in new_lines.items():
        old = old_lines.get(code)
        if old is None:
            changes.append({"type": "add_line", "line_data": dict(new)})
            continue
        if _differs(old, new, IDENTITY_FIELDS):
            changes.append({"type": "end_line", "line": code})
            replacement = dict(new)
            replacement["code"] = f"{code}-{effective_date:%Y%m%d}"
            replacement.pop("start_date", None)
            changes.append({"type": "add_line", "line_data": replacement})
            continue
        repriced = _differs(old, new, REPRICE_FIELDS)
        if repriced:
            change: dict[str, Any] = {"type": "change_price", "line": code}
            for name in repriced:
                change[name] = new.get(name)
            changes.append(change)
        for name in ("description", "start_date", "end_date"):
            if not _same(old.get(name), new.get(name)):
                conflicts.append({"field": f"lines.{code}.{name}", "accepted": old.get(name), "crm": new.get(name)})
    for code in old_lines:
        if code not in new_lines:
            changes.append({"type": "end_line", "line": code})
    return DealChange(changes=changes, conflicts=conflicts)


def side_by_side(accepted: Mapping[str, Any], proposed: Mapping[str, Any]) -> list[tuple[str, Any, Any, bool]]:
    """Flattened (path, accepted, proposed, differs) rows for the admin's comparison table."""
    rows: list[tuple[str, Any, Any, bool]] = []

    def flat(prefix: str, value: Any, out: dict[str, Any]) -> None:
        if isinstance(value, Mapping):
            for key, sub in value.items():
                flat(f"{prefix}.{key}" if prefix else str(key), sub, out)
        elif isinstance(value, list) and value and all(isinstance(v, Mapping) and "code" in v for v in value):
            for sub in value:
                flat(f"{prefix}[{sub['code']}]", sub, out)
        else:
            out[prefix] = value

    left: dict[str, Any] = {}
    right: dict[str, Any] = {}
    flat("", accepted, left)
    flat("", proposed, right)
    for path in sorted(set(left) | set(right)):
        a, b = left.get(path), right.get(path)
        rows.append((path, a, b, not _same(a, b)))
    return rows
