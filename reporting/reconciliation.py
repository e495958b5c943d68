"""Month-end reconciliation: billed, credited, collected, recognised and the balances behind them,
per customer and in total, from each domain's own records, plus the findings where they disagree.

``period=YYYY-MM`` selects the invoices whose service period starts in that month (the "March
period" [Mar 5, Apr 5) is March's, even though it is invoiced on Apr 5): collections and revenue
are those of these invoices, so a month's billing is matched with its own cash and revenue.

Tax: ``billed`` is tax included, as finance teams report it, and ``tax`` is the part of it owed to
the tax authority. So billed - credited - collected - written off = AR, and (billed - tax) -
recognised = deferred revenue - unbilled receivable: revenue never includes tax."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Sum

from invoicing.choices import InvoiceStatus
from invoicing.models import CreditNote, Invoice
from ledger.choices import AccountCode
from ledger.models import JournalLine
from rating import round_money
from receivables.choices import RefundStatus
from receivables.models import PaymentAllocation, Refund
from revrec.models import RevenueScheduleEntry

ZERO = Decimal(0)
ISSUED = [InvoiceStatus.OPEN, InvoiceStatus.PAID, InvoiceStatus.UNCOLLECTIBLE]


@dataclass
class Figures:
    currency: str = ""
    # billed is tax included (what the customer owes, the AR side); tax is the part of it that is
    # owed on to the tax authority, so billed - tax is what revenue is matched against.
    billed: Decimal = ZERO
    tax: Decimal = ZERO
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


@dataclass(frozen=True)
class Credits:
    """An invoice's credit notes (tax included, and before tax) and the refunds made of them."""

    total: Decimal = ZERO
    subtotal: Decimal = ZERO
    refunded: Decimal = ZERO
    ledger_keys: tuple[str, ...] = ()


def _credits(invoice: Invoice) -> Credits:
    notes = list(CreditNote.objects.filter(invoice=invoice).values_list("pk", "total", "subtotal"))
    refunds = list(
        Refund.objects.filter(credit_note__invoice=invoice, status=RefundStatus.SUCCEEDED).values_list("pk", "amount")
    )
    return Credits(
        total=sum((total for _, total, _ in notes), ZERO),
        subtotal=sum((subtotal for _, _, subtotal in notes), ZERO),
        refunded=sum((amount for _, amount in refunds), ZERO),
        ledger_keys=tuple([f"credit_note:{pk}" for pk, _, _ in notes] + [f"refund:{pk}" for pk, _ in refunds]),
    )


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
        written_off = invoice.amount_written_off if invoice.status == InvoiceStatus.UNCOLLECTIBLE else ZERO
        credits = _credits(invoice)
        figures.billed += invoice.total
        figures.tax += invoice.tax
        figures.credited += credits.total
        # Collected is net cash: payments less what was refunded of them (a refund not yet paid out is
        # still owed to the customer, so it stays in AR as a credit balance).
        figures.collected += collected - credits.refunded
        figures.written_off += written_off
        figures.recognized += recognized
        figures.accounts_receivable += invoice.total - credits.total - (collected - credits.refunded) - written_off
        # Revenue never includes tax: deferred and unbilled compare recognised with the subtotal, less
        # what credit notes took off it before tax.
        net_subtotal = invoice.subtotal - credits.subtotal
        figures.deferred_revenue += max(net_subtotal - recognized, ZERO)
        figures.unbilled_receivable += max(recognized - net_subtotal, ZERO)
        _check_invoice(report, invoice, collected, scheduled, credits)
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


def _check_invoice(
    report: Report, invoice: Invoice, collected: Decimal, scheduled: Decimal, credits: Credits
) -> None:
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
    if scheduled != invoice.subtotal - credits.subtotal:
        credited = f", less {credits.subtotal} credited" if credits.subtotal else ""
        report.findings.append(
            {
                "invoice": ref,
                "type": "revenue_schedule_mismatch",
                "message": f"Revenue scheduled {scheduled} but invoice subtotal (before tax) {invoice.subtotal}"
                f"{credited}.",
            }
        )
    ledger_tax = -_ledger_balance(invoice.customer_id, AccountCode.SALES_TAX_PAYABLE, [f"invoice:{invoice.pk}:issued"])
    if ledger_tax != invoice.tax:
        ledger_shown, expected_shown = (round_money(v, invoice.currency) for v in (ledger_tax, invoice.tax))
        report.findings.append(
            {
                "invoice": ref,
                "type": "ledger_tax_mismatch",
                "message": f"Ledger sales tax payable {ledger_shown} for this invoice, expected {expected_shown}.",
            }
        )
    keys = [f"invoice:{invoice.pk}:issued"]
    keys += [f"payment:{a.payment_id}:received" for a in PaymentAllocation.objects.filter(invoice=invoice)]
    keys += credits.ledger_keys
    written_off = ZERO
    if invoice.status == InvoiceStatus.UNCOLLECTIBLE:
        keys.append(f"invoice:{invoice.pk}:written_off")
        written_off = invoice.amount_written_off
    ledger_ar = _ledger_balance(invoice.customer_id, AccountCode.ACCOUNTS_RECEIVABLE, keys)
    expected_ar = invoice.total - credits.total - collected + credits.refunded - written_off
    if ledger_ar != expected_ar:
        report.findings.append(
            {
                "invoice": ref,
                "type": "ledger_ar_mismatch",
                "message": f"Ledger AR {ledger_ar} for this invoice, expected {expected_ar}.",
            }
        )
