"""Late usage: events that arrive for a usage period after its invoice was drafted are billed on
the contract's next recurring invoice, as a line naming the period they belong to. Never dropped,
never billed twice: the period is re-rated with all its events and only the difference from what
was already billed for it (its usage, minimum and earlier late-usage lines) is charged."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from contracts.choices import USAGE_CHARGE_MODELS
from contracts.models import Contract, ContractLine
from metering.models import Meter, UsageEvent

from .billing import LinePeriod, local_midnight_utc, rate_line_periods
from .choices import InvoiceKind, InvoiceStatus, LineKind
from .formatting import format_period
from .models import InvoiceLine
from .rating import RatedLine, round_money
from .schedules import Cadence, Period, period_containing

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


def late_usage_rows(
    contract: Contract, *, meters: dict[str, Meter], before: date
) -> list[tuple[RatedLine, ContractLine]]:
    """Late-usage rows for the contract's invoiced usage periods that ended by ``before``."""
    lines = {line.pk: line for line in contract.lines.all() if line.charge_model in USAGE_CHARGE_MODELS}
    if not lines:
        return []
    billed = (
        InvoiceLine.objects.filter(
            invoice__contract=contract,
            invoice__kind=InvoiceKind.RECURRING,
            contract_line_id__in=list(lines),
            kind__in=BILLED_KINDS,
            period_end__lte=before,
        )
        .exclude(invoice__status=InvoiceStatus.VOID)
        .values_list(
            "contract_line_id", "period_start", "period_end", "amount", "quantity", "kind", "invoice__created_at"
        )
    )
    periods: dict[tuple[int, date, date], dict[str, object]] = defaultdict(
        lambda: {"amount": ZERO, "quantity": ZERO, "drafted": None}
    )
    for line_id, start, end, amount, quantity, kind, drafted in billed:
        entry = periods[(line_id, start, end)]
        entry["amount"] += amount
        if kind != LineKind.MINIMUM:
            entry["quantity"] += quantity
        if entry["drafted"] is None or drafted < entry["drafted"]:
            entry["drafted"] = drafted
    tz = ZoneInfo(contract.customer.timezone)
    rows: list[tuple[RatedLine, ContractLine]] = []
    for (line_id, start, end), entry in sorted(periods.items(), key=lambda item: (item[0][1], item[0][0])):
        line = lines[line_id]
        meter = meters.get(line.metric)
        if meter is None:
            continue
        arrived_late = UsageEvent.objects.filter(
            customer_id=contract.customer_id,
            meter=meter,
            timestamp__gte=local_midnight_utc(start, tz),
            timestamp__lt=local_midnight_utc(end, tz),
            received_at__gt=entry["drafted"] - SETTLE,
        ).exists()
        if not arrived_late:
            continue
        period = _nominal_period(contract, line, start, end)
        rerated = [
            r
            for r, _ in rate_line_periods(contract, [LinePeriod(line, period)], meters=meters)
            if r.line_code == line.code
        ]
        delta = sum((r.precise_amount for r in rerated), ZERO) - entry["amount"]
        amount = round_money(delta, contract.currency)
        if amount <= ZERO:
            continue  # late events that change nothing billable (e.g. still under the minimum)
        quantity = sum((r.quantity for r in rerated if r.kind == LineKind.USAGE), ZERO) - entry["quantity"]
        label = format_period(start, end, contract.customer.locale)
        rows.append(
            (
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
        )
    return rows
