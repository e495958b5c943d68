"""Late usage: events that arrive for a usage period after its invoice was drafted are billed on
the contract's next recurring invoice, as a line naming the period they belong to. Never dropped,
never billed twice: the period is re-rated with all its events and only the difference from what
was already billed for it (its usage, minimum and earlier late-usage lines) is charged."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from contracts.choices import USAGE_CHARGE_MODELS
from contracts.models import Contract, ContractLine
from invoicing.choices import InvoiceKind, InvoiceStatus, LineKind
from invoicing.documents.formatting import format_period
from invoicing.drafting.periods import LIVE, LinePeriod, UsageSource, local_midnight_utc, rate_line_periods
from invoicing.models import InvoiceLine
from metering.models import Meter, UsageEvent
from rating import RatedLine, round_money
from rating.schedules import Cadence, Period, period_containing

ZERO = Decimal(0)
# An event committed just after a draft read the usage may carry a received_at slightly before
# the draft's creation: look back this far (ingest transactions last well under a second).
SETTLE = timedelta(seconds=30)
BILLED_KINDS = (LineKind.USAGE, LineKind.MINIMUM, LineKind.LATE_USAGE)


def _nominal_period(contract: Contract, line: ContractLine, start: date, end: date) -> Period:
    """The billed service period [start, end) with its nominal bounds (for prorated minimums)."""
    line_start = line.start_date or contract.start_date
    anchor = line.anchor_date if line.anchor_date is not None and line.anchor_date < line_start else line_start
    try:
        full = period_containing(
            start=anchor,
            cadence=Cadence(line.billing_interval, line.billing_interval_count),
            alignment=contract.billing_alignment,
            day=start,
        )
    except ValueError:
        return Period(start=start, end=end)
    if full.full_start <= start < end <= full.full_end:
        return Period(start=start, end=end, nominal_start=full.full_start, nominal_end=full.full_end)
    return Period(start=start, end=end)


# (contract line id, period start, period end, amount, quantity, kind, drafted at): one billed
# invoice line, as ``late_usage_rows`` reads them.
BilledRow = tuple[int | None, date, date, Decimal, Decimal, str, datetime]
# Did events of this period arrive after the given moment? (contract, line, meter, start, end, after)
ArrivedAfter = Callable[[Contract, ContractLine, Meter, date, date, datetime], bool]


def _arrived_live(
    contract: Contract, line: ContractLine, meter: Meter, start: date, end: date, after: datetime
) -> bool:
    tz = ZoneInfo(contract.customer.timezone)
    return UsageEvent.objects.filter(
        customer_id=contract.customer_id,
        meter=meter,
        timestamp__gte=local_midnight_utc(start, tz),
        timestamp__lt=local_midnight_utc(end, tz),
        received_at__gt=after,
    ).exists()


def _usage_lines(contract: Contract) -> dict[int, ContractLine]:
    return {line.pk: line for line in contract.lines.all() if line.charge_model in USAGE_CHARGE_MODELS}


def billed_rows_query(contract_ids: Sequence[int], before: date):  # type: ignore[no-untyped-def]
    return (
        InvoiceLine.objects.filter(
            invoice__contract_id__in=contract_ids,
            invoice__kind=InvoiceKind.RECURRING,
            kind__in=BILLED_KINDS,
            period_end__lte=before,
        )
        .exclude(invoice__status=InvoiceStatus.VOID)
        .order_by()
    )


def _billed_periods(
    rows: Iterable[BilledRow], lines: dict[int, ContractLine], before: date
) -> dict[tuple[int, date, date], dict[str, Any]]:
    """What was billed per (usage line, period) that ended by ``before``: amount (usage, minimum
    and late usage lines), quantity (not of minimum lines) and when it was first drafted."""
    periods: dict[tuple[int, date, date], dict[str, Any]] = defaultdict(
        lambda: {"amount": ZERO, "quantity": ZERO, "drafted": None}
    )
    for line_id, start, end, amount, quantity, kind, drafted in rows:
        if line_id not in lines or end > before or kind not in BILLED_KINDS:
            continue
        entry = periods[(line_id, start, end)]
        entry["amount"] += amount
        if kind != LineKind.MINIMUM:
            entry["quantity"] += quantity
        if entry["drafted"] is None or drafted < entry["drafted"]:
            entry["drafted"] = drafted
    return periods


def late_usage_rows(
    contract: Contract, *, meters: dict[str, Meter], before: date
) -> list[tuple[RatedLine, ContractLine]]:
    """Late-usage rows for the contract's invoiced usage periods that ended by ``before``."""
    lines = _usage_lines(contract)
    if not lines:
        return []
    billed = billed_rows_query([contract.pk], before).filter(contract_line_id__in=list(lines))
    rows = billed.values_list(
        "contract_line_id", "period_start", "period_end", "amount", "quantity", "kind", "invoice__created_at"
    )
    return late_usage_rows_from(contract, billed=rows, before=before, meters=meters, arrived=_arrived_live)


def late_usage_rows_from(
    contract: Contract,
    *,
    billed: Iterable[BilledRow],
    before: date,
    meters: dict[str, Meter],
    arrived: ArrivedAfter,
    usage: UsageSource = LIVE,
) -> list[tuple[RatedLine, ContractLine]]:
    """``late_usage_rows`` from given billed lines, arrival check and usage source (a billing run's
    chunk reads them for many contracts at once)."""
    lines = _usage_lines(contract)
    if not lines:
        return []
    periods = _billed_periods(billed, lines, before)
    rows: list[tuple[RatedLine, ContractLine]] = []
    for (line_id, start, end), entry in sorted(periods.items(), key=lambda item: (item[0][1], item[0][0])):
        line = lines[line_id]
        meter = meters.get(line.metric)
        if meter is None or not arrived(contract, line, meter, start, end, entry["drafted"] - SETTLE):
            continue
        row = _late_row(contract, line, start, end, entry, meters=meters, usage=usage)
        if row is not None:
            rows.append(row)
    return rows


def late_usage_rerate_periods(
    contract: Contract, *, billed: Iterable[BilledRow], before: date
) -> list[tuple[ContractLine, Period, datetime]]:
    """The (usage line, nominal period, first drafted) that ``late_usage_rows_from`` may re-rate:
    to list the arrival checks and the usage to read in bulk beforehand."""
    lines = _usage_lines(contract)
    periods = _billed_periods(billed, lines, before) if lines else {}
    return [
        (lines[line_id], _nominal_period(contract, lines[line_id], start, end), entry["drafted"])
        for (line_id, start, end), entry in periods.items()
    ]


def _late_row(
    contract: Contract,
    line: ContractLine,
    start: date,
    end: date,
    entry: dict[str, Any],
    *,
    meters: dict[str, Meter],
    usage: UsageSource,
) -> tuple[RatedLine, ContractLine] | None:
    period = _nominal_period(contract, line, start, end)
    rerated = [
        r
        for r, _ in rate_line_periods(contract, [LinePeriod(line, period)], meters=meters, usage=usage)
        if r.line_code == line.code
    ]
    delta = sum((r.precise_amount for r in rerated), ZERO) - entry["amount"]
    amount = round_money(delta, contract.currency)
    if amount <= ZERO:
        return None  # late events that change nothing billable (e.g. still under the minimum)
    quantity = sum((r.quantity for r in rerated if r.kind == LineKind.USAGE), ZERO) - entry["quantity"]
    label = format_period(start, end, contract.customer.locale)
    return (
        RatedLine(
            line_code=line.code,
            kind=LineKind.LATE_USAGE,
            description=f"Late usage for {label}: {line.description or line.code}",
            tier=None,
            quantity=max(quantity, ZERO),
            unit_price=None,
            precise_amount=delta,
            amount=amount,
            period_start=start,
            period_end=end,
        ),
        line,
    )
