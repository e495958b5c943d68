"""Performance obligations of a contract, their SSP, allocation and schedules, and modifications.

The plan of a contract is kept as the input of the pure engine (``revrec.asc606``): the
obligations at inception and each modification with its treatment. Obligations, allocations
and planned schedules are re-derived from that input by ``compute``, the function the preview
API answers with, so the books and the preview cannot disagree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from contracts.amendments import base_code
from contracts.choices import USAGE_CHARGE_MODELS, ChargeModel
from contracts.models import Amendment, Contract, ContractLine

from .asc606 import RevenueInputError, compute, parse_contract_input
from .asc606.money import to_money
from .models import (
    ModificationTreatment,
    ObligationScheduleEntry,
    PerformanceObligation,
    RevenueContract,
    RevenueModification,
    StandaloneSellingPrice,
)
from .plan_input import engine_input
from .policy import OPEN_ENDED_HORIZON, SETUP_WORDS

ZERO = Decimal(0)


def ssp_lookup(*, product_code: str, currency: str, on: dt.date) -> StandaloneSellingPrice | None:
    """The SSP in force for a product and currency on a date (the latest that started by then)."""
    return (
        StandaloneSellingPrice.objects.filter(
            product_code=product_code, currency=currency, effective_from__lte=on
        )
        .exclude(effective_to__lte=on)
        .order_by("-effective_from")
        .first()
    )


def _add(day: dt.date, line: ContractLine, n: int) -> dt.date:
    count = line.billing_interval_count * n
    unit = {"day": "days", "week": "weeks", "month": "months", "year": "years"}[line.billing_interval]
    return day + relativedelta(**{unit: count})


def _periods(line: ContractLine, start: dt.date, end: dt.date) -> Fraction:
    """Billing periods of the line in [start, end): whole periods plus the last one's fraction by day."""
    n = 0
    while _add(start, line, n + 1) <= end:
        n += 1
    begin = _add(start, line, n)
    if begin >= end:
        return Fraction(n)
    length = (_add(start, line, n + 1) - begin).days
    return Fraction(n) + Fraction((end - begin).days, length)


def _percent(value: Fraction) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


def _is_setup(line: ContractLine) -> bool:
    text = f"{line.code} {line.description}".lower()
    return any(word in text for word in SETUP_WORDS)


def _dec(value: Any) -> Decimal:
    return Decimal(value) if value is not None else ZERO


def _money(value: Fraction | Decimal, currency: str) -> str:
    return format(to_money(value, currency), "f")


def line_obligation(line: ContractLine, contract: Contract, *, term_end: dt.date) -> dict[str, Any] | None:
    """One contract line as an obligation of the engine's input (with ``list_price``, ``ssp_source``,
    ``line_ids`` and ``description`` for the record). SSP: the table's price for the line's code and
    currency on its start date, else the line's own list price."""
    currency = contract.currency
    start = line.start_date or contract.start_date
    end = line.end_date or term_end
    code = base_code(line.code)
    model = line.charge_model
    record: dict[str, Any] = {"code": code, "description": line.description or code, "line_ids": [line.pk]}
    table = ssp_lookup(product_code=code, currency=currency, on=start)
    if model in USAGE_CHARGE_MODELS:
        return {**record, "kind": "usage", "amounts": {}, "list_price": "0", "ssp_source": "variable"}
    if model == ChargeModel.PREPAID_CREDIT:
        return None  # deferred and recognised on draw-down by revrec.services.revenue_prepaid_recognize
    if model in (ChargeModel.FLAT, ChargeModel.PER_SEAT):
        per_period = _dec(line.amount) if model == ChargeModel.FLAT else _dec(line.unit_price) * _dec(line.seats)
        if end <= start:
            return None
        periods = _periods(line, start, end)
        list_price = Fraction(per_period) * periods
        ssp = Fraction(table.amount) * periods if table is not None else list_price
        body = {"kind": "ratable", "start": start.isoformat(), "end": end.isoformat()}
    elif model == ChargeModel.ONE_TIME:
        list_price = Fraction(_dec(line.amount))
        ssp = Fraction(table.amount) if table is not None else list_price
        if _is_setup(line) and term_end > contract.start_date:
            body = {
                "kind": "ratable",
                "start": contract.start_date.isoformat(),
                "end": term_end.isoformat(),
                "pattern": "setup_over_term",
            }
        else:
            body = {"kind": "point_in_time", "date": (line.charge_date or start).isoformat()}
    elif model == ChargeModel.MILESTONE:
        milestones = list(line.milestones.all().order_by("due_date", "id"))
        amounts = [Fraction(m.amount) for m in milestones]
        list_price = sum(amounts, Fraction(0))
        if not milestones or not list_price:
            return None
        ssp = Fraction(table.amount) if table is not None else list_price
        percents = [_percent(a * 100 / list_price) for a in amounts]
        percents[-1] = Decimal(100) - sum(percents[:-1], ZERO)
        body = {
            "kind": "milestone",
            "milestones": [
                {"code": m.name, "date": (m.completed_on or m.due_date or start).isoformat(), "percent": str(p)}
                for m, p in zip(milestones, percents, strict=True)
            ],
        }
    else:
        return None
    return {
        **record,
        **body,
        "ssp": _money(ssp, currency),
        "list_price": _money(list_price, currency),
        "ssp_source": "ssp_table" if table is not None else "list_price",
    }


def _term_end(contract: Contract) -> dt.date:
    return contract.end_date or contract.start_date + OPEN_ENDED_HORIZON


def contract_revenue_input(contract: Contract, lines: Iterable[ContractLine]) -> dict[str, Any]:
    """The engine's input for a contract's lines: the transaction price is the fixed consideration
    (the lines' list prices), allocated over the obligations by their SSP."""
    term_end = _term_end(contract)
    obligations: list[dict[str, Any]] = []
    taken: set[str] = set()
    for line in lines:
        obligation = line_obligation(line, contract, term_end=term_end)
        if obligation is None:
            continue
        if obligation["code"] in taken:  # an earlier amendment's line version of the same product
            start = dt.date.fromisoformat(obligation.get("start") or obligation.get("date") or "1970-01-01")
            obligation["code"] = _version_code(obligation["code"], start, taken)
        taken.add(obligation["code"])
        obligations.append(obligation)
    price = sum((Decimal(o["list_price"]) for o in obligations if o["kind"] != "usage"), ZERO)
    return {
        "currency": contract.currency,
        "transaction_price": format(price, "f"),
        "granularity": "day",
        "obligations": obligations,
    }


def _lines_as_of(contract: Contract, when: dt.datetime | None) -> list[ContractLine]:
    if when is None:
        return list(contract.lines.order_by("sort_order", "id"))
    rows = ContractLine.history.as_of(when).filter(contract_id=contract.pk)
    return sorted(rows, key=lambda line: (line.sort_order, line.pk))


@transaction.atomic
def revenue_contract_ensure(*, contract_id: int, as_of: dt.datetime | None = None) -> RevenueContract:
    """The contract's revenue plan, created from its lines (as they were at ``as_of``, default now)
    and derived if it did not exist yet."""
    existing = RevenueContract.objects.filter(contract_id=contract_id).first()
    if existing is not None:
        return existing
    contract = Contract.objects.select_for_update().get(pk=contract_id)
    # Looked at again under the contract's row lock: a worker that waited on the lock finds the plan
    # the worker before it created (two invoices of one contract finalised at once).
    existing = RevenueContract.objects.filter(contract_id=contract_id).first()
    if existing is not None:
        return existing
    inception = contract_revenue_input(contract, _lines_as_of(contract, as_of))
    revenue_contract = RevenueContract.objects.create(
        contract=contract,
        currency=contract.currency,
        inception=inception,
        transaction_price=Decimal(inception["transaction_price"]),
    )
    revenue_contract_derive(revenue_contract_id=revenue_contract.pk, rule="revrec.inception")
    return revenue_contract


@transaction.atomic
def revenue_contract_derive(*, revenue_contract_id: int, rule: str = "revrec.derive") -> RevenueContract:
    """Re-derive obligations, allocations and planned schedules from inception + modifications,
    with the preview's pure functions. Obligations removed by a modification stay, inactive."""
    revenue_contract = RevenueContract.objects.select_for_update().get(pk=revenue_contract_id)
    body = engine_input(revenue_contract)
    if not body["obligations"] and not any(m.get("add_obligations") for m in body["modifications"]):
        return revenue_contract  # nothing promised yet that earns revenue (e.g. only prepaid credit)
    try:
        result = compute(parse_contract_input(body))
    except RevenueInputError as exc:
        # The plan cannot be derived as it stands (e.g. a modification leaves a price with nothing to
        # carry it): the books are unaffected; the reason is kept for the revenue accountant.
        audit_record(
            rule=rule,
            action="revenue_plan_not_derived",
            obj=revenue_contract,
            inputs={"engine_input": body},
            outcome={"errors": exc.fields},
        )
        return revenue_contract
    records: dict[str, dict[str, Any]] = {o["code"]: o for o in body["obligations"]}
    removed: set[str] = set()
    for change in body["modifications"]:
        records.update({o["code"]: o for o in change.get("add_obligations", [])})
        removed |= set(change.get("remove_obligations", []))
    existing = {o.code: o for o in revenue_contract.obligations.all()}
    for code, gone in list(existing.items()):
        if code not in records:  # bundled into another obligation, or unbundled: its schedule goes with it
            gone.delete()
            del existing[code]
    items_by_code: dict[str, list[Any]] = {}
    for item in result.items:
        items_by_code.setdefault(item.obligation, []).append(item)
    for position, (code, record) in enumerate(records.items()):
        obligation = existing.get(code) or PerformanceObligation(revenue_contract=revenue_contract, code=code)
        items = items_by_code.get(code, [])
        obligation.description = record.get("description", code)[:200]
        obligation.kind = record["kind"]
        obligation.contract_line_ids = record.get("line_ids", [])
        obligation.list_price = Decimal(record.get("list_price", "0"))
        obligation.ssp = Decimal(record.get("ssp", "0"))
        obligation.ssp_source = record.get("ssp_source", "list_price")
        obligation.discount_group = record.get("discount_group") or ""
        obligation.start = dt.date.fromisoformat(record["start"]) if record.get("start") else None
        obligation.end = dt.date.fromisoformat(record["end"]) if record.get("end") else None
        obligation.currency = revenue_contract.currency
        obligation.allocated_amount = result.allocation.get(code, sum((i.amount for i in items), ZERO))
        obligation.is_active = code not in removed
        obligation.position = position
        obligation.save()
        planned = {entry.on: entry for entry in obligation.schedule.all()}
        wanted = {item.on: item for item in items}
        for on, entry in planned.items():
            if on not in wanted:
                entry.delete()
        for on, item in wanted.items():
            entry = planned.get(on)
            if entry is None:
                ObligationScheduleEntry.objects.create(
                    obligation=obligation, on=on, period=item.period, amount=item.amount
                )
            elif entry.amount != item.amount:
                entry.amount = item.amount
                entry.save()
    revenue_contract.transaction_price = sum(result.allocation.values(), ZERO)
    revenue_contract.derived_at = timezone.now()
    revenue_contract.save()
    audit_record(
        rule=rule,
        action="revenue_plan_derived",
        obj=revenue_contract,
        inputs={"engine_input": body},
        outcome={"allocation": result.allocation, "modifications": result.modifications},
    )
    return revenue_contract


# --- Modifications ----------------------------------------------------------------------------------


def _remaining_list(record: dict[str, Any], effective: dt.date, currency: str) -> Decimal:
    """The list price of what an obligation still had to deliver from ``effective``."""
    price = Fraction(Decimal(record.get("list_price", "0")))
    kind = record["kind"]
    if kind == "ratable":
        start, end = dt.date.fromisoformat(record["start"]), dt.date.fromisoformat(record["end"])
        remaining = max((end - max(start, effective)).days, 0)
        return to_money(price * remaining / max((end - start).days, 1), currency)
    if kind == "milestone":
        unreached = [m for m in record["milestones"] if m["date"] >= effective.isoformat()]
        share = sum((Fraction(Decimal(m["percent"])) for m in unreached), Fraction(0))
        return to_money(price * share / 100, currency)
    if kind == "point_in_time":
        return to_money(price, currency) if record["date"] >= effective.isoformat() else ZERO
    return ZERO


def _current_records(revenue_contract: RevenueContract) -> dict[str, dict[str, Any]]:
    records = {o["code"]: dict(o) for o in revenue_contract.inception["obligations"]}
    for m in revenue_contract.modifications.order_by("effective_date", "id"):
        for code in m.change.get("remove_obligations", []):
            records.pop(code, None)
        for code, end in m.change.get("end_changes", {}).items():
            if code in records:
                records[code]["end"] = end
        records.update({o["code"]: dict(o) for o in m.change.get("add_obligations", [])})
    return records


def _version_code(code: str, effective: dt.date, taken: set[str]) -> str:
    candidate = f"{code}@{effective.isoformat()}"
    n = 2
    while candidate in taken:
        candidate = f"{code}@{effective.isoformat()}-{n}"
        n += 1
    return candidate


def amendment_revenue_change(
    revenue_contract: RevenueContract, amendment: Amendment
) -> tuple[dict[str, Any], str, str]:
    """The amendment as a modification of the plan, and the default treatment with its reason.

    Each ended line version is removed from the effective date and its new version added as an
    obligation from then; lines with a new code are added. The price change is the list price of
    what is added less the list price of what is no longer delivered. Rule: only added obligations
    priced at their SSP -> a separate contract (ASC 606-10-25-12); a change to a milestone or set-up
    obligation (not distinct from what was performed) -> cumulative catch-up (25-13b); otherwise the
    remaining goods or services are distinct -> prospective (25-13a)."""
    contract = amendment.contract
    currency = contract.currency
    effective = amendment.effective_date
    records = _current_records(revenue_contract)
    by_line = {line_id: code for code, r in records.items() for line_id in r.get("line_ids", [])}
    term_end = _term_end(contract)
    removed: list[str] = []
    added: list[dict[str, Any]] = []
    ends: dict[str, str] = {}
    lines = list(contract.lines.order_by("sort_order", "id"))
    taken = set(records) | {o.code for o in revenue_contract.obligations.all()}
    for line in lines:
        code = by_line.get(line.pk)
        if code is not None:
            record = records[code]
            if line.end_date == effective and record.get("end") != effective.isoformat():
                removed.append(code)  # the amendment ended this version; its successor is added below
            elif record["kind"] == "ratable" and line.end_date and line.end_date.isoformat() != record.get("end"):
                ends[code] = line.end_date.isoformat()
            continue
        if (line.start_date or contract.start_date) < effective and line.pk not in by_line:
            continue  # a line the plan never knew and the amendment did not create
        obligation = line_obligation(line, contract, term_end=term_end)
        if obligation is None:
            continue
        if obligation["code"] in taken:
            obligation["code"] = _version_code(obligation["code"], effective, taken)
        taken.add(obligation["code"])
        added.append(obligation)
    price_change = sum((Decimal(o["list_price"]) for o in added if o["kind"] != "usage"), ZERO)
    price_change -= sum((_remaining_list(records[c], effective, currency) for c in removed), ZERO)
    for code, new_end in ends.items():
        record = records[code]
        start = dt.date.fromisoformat(record["start"])
        old_days = (dt.date.fromisoformat(record["end"]) - start).days
        new_days = (dt.date.fromisoformat(new_end) - start).days
        per_day = Fraction(Decimal(record["list_price"])) / max(old_days, 1)
        price_change += to_money(per_day * (new_days - old_days), currency)
    change = {
        "transaction_price_change": format(price_change, "f"),
        "add_obligations": added,
        "remove_obligations": removed,
        "end_changes": ends,
    }
    touched = [records[c] for c in [*removed, *ends]]
    if added and not touched and all(o["kind"] == "usage" or o["ssp"] == o["list_price"] for o in added):
        return change, ModificationTreatment.SEPARATE_CONTRACT, (
            "Only distinct obligations were added, each priced at its standalone selling price (ASC 606-10-25-12)."
        )
    if any(r["kind"] == "milestone" or r.get("pattern") == "setup_over_term" for r in touched):
        return change, ModificationTreatment.CUMULATIVE_CATCH_UP, (
            "The change affects an obligation that is partly performed and not distinct (milestones or a set-up "
            "fee): cumulative catch-up (ASC 606-10-25-13b)."
        )
    return change, ModificationTreatment.PROSPECTIVE, (
        "The remaining goods or services are distinct from those transferred before the change: the remaining "
        "consideration is allocated prospectively (ASC 606-10-25-13a)."
    )


@transaction.atomic
def revenue_modification_record(*, amendment_id: int) -> RevenueModification:
    """Classify an applied amendment (the rule's default treatment) and re-derive the plan.
    Idempotent: one modification per amendment."""
    existing = RevenueModification.objects.filter(amendment_id=amendment_id).first()
    if existing is not None:
        return existing
    amendment = Amendment.objects.select_related("contract").get(pk=amendment_id)
    before = amendment.applied_at - dt.timedelta(microseconds=1) if amendment.applied_at else None
    revenue_contract = revenue_contract_ensure(contract_id=amendment.contract_id, as_of=before)
    change, treatment, reason = amendment_revenue_change(revenue_contract, amendment)
    modification = RevenueModification.objects.create(
        revenue_contract=revenue_contract,
        amendment_id=amendment.pk,
        effective_date=amendment.effective_date,
        default_treatment=treatment,
        treatment=treatment,
        rule_reason=reason,
        change=change,
    )
    audit_record(
        rule="revrec.modification_treatment",
        action="modification_classified",
        obj=modification,
        inputs={"amendment": amendment.pk, "effective_date": amendment.effective_date, "change": change},
        outcome={"treatment": treatment, "reason": reason},
    )
    revenue_contract_derive(revenue_contract_id=revenue_contract.pk, rule="revrec.modification")
    from .allocation_postings import revenue_catch_up_post

    revenue_catch_up_post(modification_id=modification.pk)
    return modification


@transaction.atomic
def revenue_modification_treatment_set(*, modification_id: int, treatment: str, actor: str) -> RevenueModification:
    """A billing admin's override of the default treatment: re-derives the plan, audited."""
    modification = RevenueModification.objects.select_for_update().get(pk=modification_id)
    if treatment not in ModificationTreatment.values:
        raise ValueError(f"Unknown treatment {treatment!r}.")
    previous = modification.treatment
    if previous == treatment:
        return modification
    modification.treatment = treatment
    modification.overridden_by = actor[:150]
    modification.save()
    audit_record(
        rule="revrec.modification_treatment_override",
        action="modification_treatment_changed",
        obj=modification,
        inputs={"amendment": modification.amendment_id, "default": modification.default_treatment, "actor": actor},
        outcome={"from": previous, "to": treatment},
    )
    revenue_contract_derive(revenue_contract_id=modification.revenue_contract_id, rule="revrec.modification_override")
    from .allocation_postings import revenue_catch_up_post

    revenue_catch_up_post(modification_id=modification.pk)
    return modification


@transaction.atomic
def performance_obligation_group_set(*, obligation_id: int, discount_group: str, actor: str) -> PerformanceObligation:
    """Put an obligation in a discount group (ASC 606-10-32-37: obligations regularly sold together
    at this discount share it; the others keep their SSP), or out of it (empty), then re-derive the
    plan. Audited with the actor."""
    obligation = PerformanceObligation.objects.select_related("revenue_contract").get(pk=obligation_id)
    plan = RevenueContract.objects.select_for_update().get(pk=obligation.revenue_contract_id)
    group = discount_group.strip() or None
    previous = obligation.discount_group or None
    found = False
    for record in plan.inception["obligations"]:
        if record["code"] == obligation.code:
            record["discount_group"] = group
            found = True
    if found:
        plan.save()
    for modification in plan.modifications.all():
        for record in modification.change.get("add_obligations", []):
            if record["code"] == obligation.code:
                record["discount_group"] = group
                modification.save()
    audit_record(
        rule="revrec.discount_group",
        action="obligation_discount_group_set",
        obj=obligation,
        actor=actor,
        inputs={"obligation": obligation.code, "from": previous},
        outcome={"to": group},
    )
    revenue_contract_derive(revenue_contract_id=plan.pk, rule="revrec.discount_group")
    obligation.refresh_from_db()
    return obligation


# --- Bundles: several lines, one performance obligation ------------------------------------------------


def _merge_records(records: list[dict[str, Any]], code: str) -> dict[str, Any]:
    """One obligation for several lines (ASC 606-10-25-19 to 25-22: goods or services that are not
    distinct in the context of the contract). Its SSP and list price are the sums; it is satisfied
    over time over the span of its ratable parts if it has any, else at the latest delivery date."""
    kinds = {r["kind"] for r in records}
    if kinds - {"ratable", "point_in_time"}:
        raise ValueError("Only ratable and point-in-time obligations can be bundled (not usage or milestones).")
    ratable = [r for r in records if r["kind"] == "ratable"]
    if ratable:
        body: dict[str, Any] = {
            "kind": "ratable",
            "start": min(r["start"] for r in ratable),
            "end": max(r["end"] for r in ratable),
        }
    else:
        body = {"kind": "point_in_time", "date": max(r["date"] for r in records)}
    if any(r.get("pattern") == "setup_over_term" for r in records):
        body["pattern"] = "setup_over_term"  # a modification touching it is a catch-up
    sources = {r.get("ssp_source") for r in records}
    groups = [r.get("discount_group") for r in records if r.get("discount_group")]
    return {
        "code": code,
        "description": " + ".join(r.get("description", r["code"]) for r in records)[:200],
        "line_ids": [line_id for r in records for line_id in r.get("line_ids", [])],
        **body,
        "ssp": format(sum((Decimal(r["ssp"]) for r in records), ZERO), "f"),
        "list_price": format(sum((Decimal(r["list_price"]) for r in records), ZERO), "f"),
        "ssp_source": sources.pop() if len(sources) == 1 else "mixed",
        "discount_group": groups[0] if groups else None,
        "bundled": records,
    }


@transaction.atomic
def performance_obligations_bundle(*, revenue_contract_id: int, codes: list[str], actor: str) -> PerformanceObligation:
    """Make several obligations of a contract one (e.g. a device that only works with the service
    it comes with), then re-derive the allocation and schedules. Only before any modification (the
    modifications refer to the obligations as they were). Audited with the actor."""
    plan = RevenueContract.objects.select_for_update().get(pk=revenue_contract_id)
    if plan.modifications.exists():
        raise ValueError("Obligations can only be bundled before the contract is modified.")
    records = plan.inception["obligations"]
    picked = [r for r in records if r["code"] in codes]
    if len(picked) < 2 or len(picked) != len(set(codes)):
        raise ValueError("Pick at least two obligations of the same contract.")
    code = "+".join(r["code"] for r in picked)[:64]
    merged = _merge_records(picked, code)
    position = records.index(picked[0])
    kept = [r for r in records if r["code"] not in codes]
    kept.insert(min(position, len(kept)), merged)
    plan.inception = {**plan.inception, "obligations": kept}
    plan.save()
    audit_record(
        rule="revrec.obligation_bundle",
        action="obligations_bundled",
        obj=plan,
        actor=actor,
        inputs={"obligations": [r["code"] for r in picked]},
        outcome={"obligation": code, "kind": merged["kind"], "ssp": merged["ssp"]},
    )
    revenue_contract_derive(revenue_contract_id=plan.pk, rule="revrec.obligation_bundle")
    return plan.obligations.get(code=code)


@transaction.atomic
def performance_obligation_unbundle(*, obligation_id: int, actor: str) -> RevenueContract:
    """Split a bundled obligation back into its lines' obligations and re-derive. Audited."""
    obligation = PerformanceObligation.objects.get(pk=obligation_id)
    plan = RevenueContract.objects.select_for_update().get(pk=obligation.revenue_contract_id)
    if plan.modifications.exists():
        raise ValueError("Obligations can only be unbundled before the contract is modified.")
    records = plan.inception["obligations"]
    record = next((r for r in records if r["code"] == obligation.code), None)
    if record is None or not record.get("bundled"):
        raise ValueError(f"{obligation.code} is not a bundle.")
    position = records.index(record)
    plan.inception = {**plan.inception, "obligations": [*records[:position], *record["bundled"],
                                                        *records[position + 1:]]}
    plan.save()
    audit_record(
        rule="revrec.obligation_bundle",
        action="obligation_unbundled",
        obj=plan,
        actor=actor,
        inputs={"obligation": obligation.code},
        outcome={"obligations": [r["code"] for r in record["bundled"]]},
    )
    revenue_contract_derive(revenue_contract_id=plan.pk, rule="revrec.obligation_unbundle")
    return plan
