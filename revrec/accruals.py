"""Usage revenue in the month it is earned: month-end accruals and their reversal at invoicing.

Usage is billed in arrears, often after the month it was consumed in (the seed's [Mar 5, Apr 5)
period is invoiced on April 5). At each month end the usage rated so far in the open billing
period is accrued (Dr Unbilled receivable 1150 / Cr Revenue), dated on the month's last day; when
the invoice for that period is issued, the accruals are reversed (Dr Revenue / Cr 1150) on the
issue date, the invoice books the whole period, and the line's revenue schedule is split so that
each month shows what was earned in it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction

from audit.services import audit_record
from contracts.choices import USAGE_CHARGE_MODELS, ContractStatus
from contracts.models import Contract, ContractLine
from invoicing.choices import LineKind
from invoicing.drafting.periods import LinePeriod, line_period_containing, rate_line_periods
from invoicing.models import Invoice, InvoiceLine
from ledger.choices import AccountCode
from ledger.services import journal_entry_post, signed
from metering.selectors import meters_by_code
from rating.schedules import Period

from .models import RecognitionPattern, RevenueScheduleEntry, UsageAccrual

ZERO = Decimal(0)


def revenue_usage_accrue(*, month: date) -> list[UsageAccrual]:
    """Accrue the usage earned in the calendar month containing ``month`` and not yet accrued.

    Per usage line, the usage of its open billing period up to the month's end is rated with the
    billing engine (usage rows only: a minimum commitment is known only when the period closes);
    what earlier months of the same period already accrued is deducted. Idempotent: one accrual
    per line, billing period and month (unique constraint); a period already invoiced is accrued
    too when the job runs late, and settled at once, so the month still shows its revenue."""
    first = month.replace(day=1)
    through = first + relativedelta(months=1)
    last_day = through - timedelta(days=1)
    meters = meters_by_code()
    created: list[UsageAccrual] = []
    contracts = (
        Contract.objects.filter(
            status__in=[ContractStatus.ACTIVE, ContractStatus.ENDED],
            start_date__lte=last_day,
        )
        .select_related("customer")
        .prefetch_related("lines")
    )
    for contract in contracts:
        for line in contract.lines.all():
            if line.charge_model not in USAGE_CHARGE_MODELS:
                continue
            period = line_period_containing(contract, line, last_day)
            if period is None or period.end <= first:
                continue
            accrual = _accrue_line(contract, line, period, through=through, last_day=last_day, meters=meters)
            if accrual is not None:
                created.append(accrual)
    return created


def _accrue_line(
    contract: Contract,
    line: ContractLine,
    period: Period,
    *,
    through: date,
    last_day: date,
    meters: dict,  # type: ignore[type-arg]
) -> UsageAccrual | None:
    if UsageAccrual.objects.filter(contract_line_id=line.pk, period_start=period.start, through=through).exists():
        return None
    window_end = min(period.end, through)
    window = Period(start=period.start, end=window_end, nominal_start=period.full_start, nominal_end=period.full_end)
    rated = rate_line_periods(contract, [LinePeriod(line, window)], meters=meters)
    rows = [r for r, source in rated if source.pk == line.pk and r.kind == LineKind.USAGE]
    cumulative = sum((r.amount for r in rows), ZERO)
    quantity = sum((r.quantity for r in rows), ZERO)
    earlier = UsageAccrual.objects.filter(contract_line_id=line.pk, period_start=period.start, through__lt=through)
    previous = sum((a.amount for a in earlier), ZERO)
    previous_through = max((a.through for a in earlier), default=period.start)
    amount = cumulative - previous
    if not amount:
        return None
    try:
        accrual = _accrual_post(contract, line, period, earlier, amount=amount, quantity=quantity, through=through,
                                last_day=last_day, cumulative=cumulative, previous=previous,
                                window_start=previous_through)
    except IntegrityError:
        return None  # a concurrent run accrued this line and month first (unique constraint)
    invoice_line = (
        InvoiceLine.objects.filter(
            contract_line_id=line.pk, period_start=period.start, kind=LineKind.USAGE, invoice__issue_date__isnull=False
        )
        .select_related("invoice")
        .first()
    )
    if invoice_line is not None and RevenueScheduleEntry.objects.filter(invoice=invoice_line.invoice).exists():
        usage_accruals_settle(invoice=invoice_line.invoice)  # the job ran after the invoice: settle at once
    return accrual


@transaction.atomic
def _accrual_post(
    contract: Contract,
    line: ContractLine,
    period: Period,
    earlier: Any,
    *,
    amount: Decimal,
    quantity: Decimal,
    through: date,
    last_day: date,
    cumulative: Decimal,
    previous: Decimal,
    window_start: date,
) -> UsageAccrual:
    accrual = UsageAccrual.objects.create(
        contract=contract,
        contract_line_id=line.pk,
        line_code=line.code,
        customer=contract.customer,
        currency=contract.currency,
        period_start=period.start,
        period_end=period.end,
        window_start=window_start,
        through=through,
        quantity=quantity - sum((a.quantity for a in earlier), ZERO),
        amount=amount,
        accrued_on=last_day,
    )
    source_key = f"usage_accrual:{accrual.pk}"
    journal_entry_post(
        source_key=source_key,
        entry_date=last_day,
        memo=f"Usage earned, not yet billed: {line.code} {accrual.window_start}..{last_day}",
        currency=contract.currency,
        customer_id=contract.customer_id,
        postings=[signed(AccountCode.UNBILLED_RECEIVABLE, amount), signed(AccountCode.REVENUE, -amount)],
        rule="revrec.usage_accrual",
    )
    accrual.journal_source_key = source_key
    accrual.save()
    audit_record(
        rule="revrec.usage_accrual",
        action="usage_accrued",
        obj=accrual,
        inputs={
            "contract": contract.pk,
            "line": line.code,
            "period": [period.start, period.end],
            "through": through,
            "rated_to_date": cumulative,
            "accrued_before": previous,
        },
        outcome={"amount": amount, "entry_date": last_day},
    )
    return accrual


@transaction.atomic
def usage_accruals_settle(*, invoice: Invoice) -> Decimal:
    """Reverse the accruals of the usage an issued invoice bills (Dr Revenue / Cr 1150, on the issue
    date) and split each usage line's revenue schedule by the months it was earned in: one
    recognised entry per accrual (dated on its month's last day) and the rest on the issue date.
    Returns the amount reversed; running it again reverses nothing more."""
    issue_date = invoice.issue_date
    assert issue_date is not None
    reversed_total = ZERO
    for line in invoice.lines.filter(kind=LineKind.USAGE).exclude(contract_line_id=None):
        accruals = list(
            UsageAccrual.objects.select_for_update()
            .filter(contract_line_id=line.contract_line_id, period_start=line.period_start, reversed_on__isnull=True)
            .order_by("through")
        )
        if not accruals:
            continue
        entry = RevenueScheduleEntry.objects.select_for_update().filter(invoice_line=line, is_cancelled=False).first()
        accrued = sum((a.amount for a in accruals), ZERO)
        amount_left = (entry.amount if entry is not None else line.amount) - accrued
        if entry is not None:
            # The rest (the days after the last month end, and any late difference) stays on the issue
            # date; moved first, as a line has one schedule entry per start date.
            entry.amount = amount_left
            entry.period_start = accruals[-1].through
            entry.period_end = max(entry.period_end, entry.period_start)
            entry.is_cancelled = amount_left == ZERO
            entry.save()
        cursor = line.period_start
        for accrual in accruals:
            source_key = f"usage_accrual:{accrual.pk}:reversed"
            journal_entry_post(
                source_key=source_key,
                entry_date=issue_date,
                memo=f"Usage accrual reversed: billed on invoice {invoice.number}",
                currency=accrual.currency,
                customer_id=accrual.customer_id,
                postings=[
                    signed(AccountCode.REVENUE, accrual.amount),
                    signed(AccountCode.UNBILLED_RECEIVABLE, -accrual.amount),
                ],
                rule="revrec.usage_accrual_reversed",
            )
            accrual.reversed_on = issue_date
            accrual.invoice = invoice
            accrual.save()
            reversed_total += accrual.amount
            if entry is not None:
                # The month's part of the line's schedule: earned (and booked) at the month end.
                RevenueScheduleEntry.objects.create(
                    invoice=invoice,
                    invoice_line=line,
                    customer=invoice.customer,
                    pattern=RecognitionPattern.AS_CONSUMED,
                    period_start=cursor,
                    period_end=accrual.through,
                    amount=accrual.amount,
                    currency=invoice.currency,
                    recognized_on=accrual.accrued_on,
                    journal_source_key=accrual.journal_source_key,
                )
                cursor = accrual.through
        audit_record(
            rule="revrec.usage_accrual_reversed",
            action="usage_accrual_settled",
            obj=invoice,
            inputs={"invoice": invoice.number, "line": line.line_code, "accruals": [a.pk for a in accruals]},
            outcome={"reversed": accrued, "left_on_issue_date": amount_left},
        )
    return reversed_total
