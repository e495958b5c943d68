"""Month-end reconciliation: billed, credited, collected, recognised and the balances behind them,
per customer and in total, from each domain's own records, plus the findings where they disagree.

``period=YYYY-MM`` selects the invoices whose service period starts in that month (the "March
period" [Mar 5, Apr 5) is March's, even though it is invoiced on Apr 5): collections and revenue
are those of these invoices, so a month's billing is matched with its own cash and revenue."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Sum

from invoicing.choices import InvoiceStatus
from invoicing.models import Invoice
from invoicing.rating import round_money
from ledger.choices import AccountCode
from ledger.models import JournalLine
from receivables.models import PaymentAllocation
from revrec.models import RevenueScheduleEntry

ZERO = Decimal(0)
ISSUED = [InvoiceStatus.OPEN, InvoiceStatus.PAID, InvoiceStatus.UNCOLLECTIBLE]


@dataclass
class Figures:
    currency: str = ""
    billed: Decimal = ZERO
    credited: Decimal = ZERO
    collected: Decimal = ZERO
    written_off: Decimal = ZERO
    recognized: Decimal = ZERO
    accounts_receivable: Decimal = ZERO
    deferred_revenue: Decimal = ZERO
    unbilled_receivable: Decimal = ZERO

    def as_dict(self) -> dict[str, str]:
        return {
            k: v if k == "currency" else format(round_money(v, self.currency), "f") for k, v in self.__dict__.items()
        }

    def add(self, other: Figures) -> None:
        for name, value in other.__dict__.items():
            if name != "currency":
                setattr(self, name, getattr(self, name) + value)


@dataclass
class Report:
    period: str
    customers: dict[tuple[str, str], Figures] = field(default_factory=dict)
    findings: list[dict[str, Any]] = field(default_factory=list)


def parse_period(value: str) -> tuple[date, date]:
    start = date.fromisoformat(f"{value}-01")
    return start, start + relativedelta(months=1)


def _ledger_balance(customer_id: int, account: str, source_keys: list[str]) -> Decimal:
    sums = JournalLine.objects.filter(
        entry__customer_id=customer_id, account__code=account, entry__source_key__in=source_keys
    ).aggregate(d=Sum("debit"), c=Sum("credit"))
    return (sums["d"] or ZERO) - (sums["c"] or ZERO)


def reconciliation_report(*, period: str) -> dict[str, Any]:
    start, end = parse_period(period)
    report = Report(period=period)
    invoices = list(
        Invoice.objects.filter(status__in=ISSUED, period_start__gte=start, period_start__lt=end).select_related(
            "customer"
        )
    )
    for invoice in invoices:
        figures = report.customers.setdefault(
            (invoice.customer.external_id, invoice.currency), Figures(currency=invoice.currency)
        )
        collected = PaymentAllocation.objects.filter(invoice=invoice).aggregate(s=Sum("amount"))["s"] or ZERO
        revenue = RevenueScheduleEntry.objects.filter(invoice=invoice, is_cancelled=False)
        recognized = revenue.filter(recognized_on__isnull=False).aggregate(s=Sum("amount"))["s"] or ZERO
        scheduled = revenue.aggregate(s=Sum("amount"))["s"] or ZERO
        written_off = invoice.amount_due if invoice.status == InvoiceStatus.UNCOLLECTIBLE else ZERO
        figures.billed += invoice.total
        figures.collected += collected
        figures.written_off += written_off
        figures.recognized += recognized
        figures.accounts_receivable += invoice.total - collected - written_off
        figures.deferred_revenue += max(invoice.total - recognized, ZERO)
        figures.unbilled_receivable += max(recognized - invoice.total, ZERO)
        _check_invoice(report, invoice, collected, scheduled)
    totals: dict[str, Figures] = {}
    for (_, currency), figures in report.customers.items():
        totals.setdefault(currency, Figures(currency=currency)).add(figures)
    return {
        "period": period,
        "basis": "invoices whose service period starts in the period",
        "customers": [{"customer": c, **f.as_dict()} for (c, _), f in sorted(report.customers.items())],
        # One currency: its totals; several: null, see totals_by_currency (amounts do not add across currencies).
        "total": next(iter(totals.values())).as_dict() if len(totals) == 1 else None,
        "totals_by_currency": {currency: f.as_dict() for currency, f in sorted(totals.items())},
        "findings": report.findings,
    }


def _check_invoice(report: Report, invoice: Invoice, collected: Decimal, scheduled: Decimal) -> None:
    """Three-way match of one invoice: invoicing vs receivables vs revrec vs the ledger."""
    ref = invoice.number or f"#{invoice.pk}"
    if collected != invoice.amount_paid:
        report.findings.append(
            {
                "invoice": ref,
                "type": "collections_mismatch",
                "message": f"Payments allocated {collected} but invoice shows paid {invoice.amount_paid}.",
            }
        )
    if scheduled != invoice.total:
        report.findings.append(
            {
                "invoice": ref,
                "type": "revenue_schedule_mismatch",
                "message": f"Revenue scheduled {scheduled} but invoice total {invoice.total}.",
            }
        )
    keys = [f"invoice:{invoice.pk}:issued"]
    keys += [f"payment:{a.payment_id}:received" for a in PaymentAllocation.objects.filter(invoice=invoice)]
    ledger_ar = _ledger_balance(invoice.customer_id, AccountCode.ACCOUNTS_RECEIVABLE, keys)
    expected_ar = invoice.total - collected
    if invoice.status != InvoiceStatus.UNCOLLECTIBLE and ledger_ar != expected_ar:
        report.findings.append(
            {
                "invoice": ref,
                "type": "ledger_ar_mismatch",
                "message": f"Ledger AR {ledger_ar} for this invoice, expected {expected_ar}.",
            }
        )
