"""A revenue plan as the pure engine's input: inception + modifications, with usage as booked."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .models import RevenueContract, RevenueScheduleEntry, UsageAccrual

ZERO = Decimal(0)


def _usage_amounts(line_ids: list[int]) -> dict[str, str]:
    """Usage revenue per month from the books: what issued invoices recognised (by the month it was
    earned in, accruals included) and what is accrued and not yet invoiced."""
    months: dict[str, Decimal] = {}
    entries = RevenueScheduleEntry.objects.filter(
        invoice_line__contract_line_id__in=line_ids, is_cancelled=False, recognized_on__isnull=False
    ).values_list("recognized_on", "amount")
    accruals = UsageAccrual.objects.filter(contract_line_id__in=line_ids, reversed_on__isnull=True).values_list(
        "accrued_on", "amount"
    )
    for on, amount in [*entries, *accruals]:
        key = on.strftime("%Y-%m")
        months[key] = months.get(key, ZERO) + amount
    return {month: format(amount, "f") for month, amount in sorted(months.items())}


def _with_usage(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {**r, "amounts": _usage_amounts(r.get("line_ids", []))} if r["kind"] == "usage" else r for r in records
    ]


def engine_input(revenue_contract: RevenueContract) -> dict[str, Any]:
    modifications = [
        {
            **m.change,
            "add_obligations": _with_usage(m.change.get("add_obligations", [])),
            "effective": m.effective_date.isoformat(),
            "treatment": m.treatment,
        }
        for m in revenue_contract.modifications.order_by("effective_date", "id")
    ]
    inception = revenue_contract.inception
    return {**inception, "obligations": _with_usage(inception["obligations"]), "modifications": modifications}
