"""The AR dashboard's reads: every open invoice with its age, amount due and the next automated
action, aging totals per currency and per customer, and the review thresholds it trips.

Read-only: invoices, dunning cases and payments are read through their own models; the next
action comes from the dunning case's own schedule (``next_retry_at``, ``next_reminder_at``,
``status``), never recomputed here."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Q

from contracts.models import Customer
from invoicing.choices import InvoiceStatus
from invoicing.documents.formatting import format_money
from invoicing.models import Invoice
from rating import round_money
from receivables.choices import AttemptStatus, DunningStatus
from receivables.models import DunningCase, Payment, PaymentAllocation, PaymentAttempt

from .aging import BUCKETS, ZERO, BucketTotals, Threshold, bucket_for, bucket_totals, days_overdue, flags_for
from .models import ReviewThreshold


@dataclass(frozen=True)
class NextAction:
    kind: str  # retry | reminder | escalated | due | none
    label: str
    at: datetime | date | None = None


@dataclass
class ArRow:
    invoice_id: int
    number: str
    customer_id: int
    customer_name: str
    customer_external_id: str
    currency: str
    issue_date: date | None
    due_date: date
    total: Decimal
    amount_due: Decimal
    age_days: int
    days_overdue: int
    bucket: str
    next_action: NextAction
    dunning_case_id: int | None
    dunning_status: str
    flags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ArFilters:
    currency: str = ""
    customer: str = ""  # name (contains) or external id (exact)
    bucket: str = ""
    flagged_only: bool = False
    min_amount: Decimal | None = None
    dunning: str = ""  # "", "none", or a DunningStatus value


@dataclass
class ArReport:
    as_of: date
    rows: list[ArRow]
    totals: dict[str, BucketTotals]
    by_customer: list[tuple[str, str, int, BucketTotals]]  # (name, external id, id, totals), per currency
    histories: dict[int, PaymentSummary] = field(default_factory=dict)  # flagged invoices' customers


@dataclass
class PaymentSummary:
    """A customer's payment record in brief, shown beside every invoice flagged for review."""

    payments: int = 0
    last_payment_at: datetime | None = None
    last_payment: str = ""
    attempts_failed: int = 0
    last_failure: str = ""
    paid_invoices: int = 0
    paid_late: int = 0
    average_days_late: Decimal | None = None


def next_action_for(case: DunningCase | None, *, due_date: date, as_of: date) -> NextAction:
    """The next thing automation will do about an invoice, from its dunning case's own schedule."""
    if case is None:
        if due_date >= as_of:
            return NextAction("due", "Payment due", due_date)
        return NextAction("none", "No automated action (no dunning case)")
    if case.status == DunningStatus.ESCALATED:
        if case.next_reminder_at:
            return NextAction("reminder", "Reminder (escalated to AR)", case.next_reminder_at)
        return NextAction("escalated", "Escalated: manual follow-up")
    if case.status != DunningStatus.OPEN:
        return NextAction("none", f"Dunning {case.get_status_display().lower()}")
    planned = [
        (at, kind, label)
        for at, kind, label in (
            (case.next_retry_at, "retry", f"Payment retry {case.retries_done + 1}"),
            (case.next_reminder_at, "reminder", f"Reminder {case.reminders_sent + 1}"),
        )
        if at is not None
    ]
    if not planned:
        return NextAction("escalated", "No retry or reminder scheduled")
    at, kind, label = min(planned, key=lambda item: item[0])
    return NextAction(kind, label, at)


def thresholds_active() -> list[Threshold]:
    return [
        Threshold(
            id=t.pk, name=t.name, min_amount=t.min_amount, currency=t.currency,
            min_days_overdue=t.min_days_overdue, customer_id=t.customer_id,
        )
        for t in ReviewThreshold.objects.filter(is_active=True).order_by("name")
    ]


def _open_invoices(filters: ArFilters):  # type: ignore[no-untyped-def]
    qs = (
        Invoice.objects.filter(status=InvoiceStatus.OPEN)
        .annotate(due=F("total") - F("amount_paid") - F("amount_credited"))
        .filter(due__gt=0)
        .select_related("customer")
        .order_by("due_date", "id")
    )
    if filters.currency:
        qs = qs.filter(currency=filters.currency.upper())
    if filters.customer:
        qs = qs.filter(Q(customer__name__icontains=filters.customer) | Q(customer__external_id=filters.customer))
    if filters.min_amount is not None:
        qs = qs.filter(due__gte=filters.min_amount)
    return qs


def ar_report(*, as_of: date, filters: ArFilters | None = None) -> ArReport:
    """Open invoices (amount due > 0) as of ``as_of``, oldest due first, with totals over the rows
    that pass the filters."""
    filters = filters or ArFilters()
    invoices = list(_open_invoices(filters))
    cases = {c.invoice_id: c for c in DunningCase.objects.filter(invoice_id__in=[i.pk for i in invoices])}
    thresholds = thresholds_active()
    rows: list[ArRow] = []
    for invoice in invoices:
        due_date = invoice.due_date or invoice.issue_date or invoice.billing_date
        overdue = days_overdue(due_date=due_date, as_of=as_of)
        bucket = bucket_for(overdue)
        case = cases.get(invoice.pk)
        if filters.bucket and bucket != filters.bucket:
            continue
        if filters.dunning == "none" and case is not None:
            continue
        if filters.dunning and filters.dunning != "none" and (case is None or case.status != filters.dunning):
            continue
        amount_due = round_money(invoice.due, invoice.currency)
        row = ArRow(
            invoice_id=invoice.pk,
            number=invoice.number or f"#{invoice.pk}",
            customer_id=invoice.customer_id,
            customer_name=invoice.customer.name,
            customer_external_id=invoice.customer.external_id,
            currency=invoice.currency,
            issue_date=invoice.issue_date,
            due_date=due_date,
            total=round_money(invoice.total, invoice.currency),
            amount_due=amount_due,
            age_days=(as_of - (invoice.issue_date or due_date)).days,
            days_overdue=max(overdue, 0),
            bucket=bucket,
            next_action=next_action_for(case, due_date=due_date, as_of=as_of),
            dunning_case_id=case.pk if case else None,
            dunning_status=case.status if case else "",
            flags=flags_for(
                thresholds, amount_due=amount_due, currency=invoice.currency, days=overdue,
                customer_id=invoice.customer_id,
            ),
        )
        if filters.flagged_only and not row.flags:
            continue
        rows.append(row)
    totals = bucket_totals((r.currency, r.bucket, r.amount_due) for r in rows)
    per_customer: dict[tuple[int, str], list[ArRow]] = defaultdict(list)
    for r in rows:
        per_customer[(r.customer_id, r.currency)].append(r)
    by_customer = []
    for (customer_id, _currency), customer_rows in per_customer.items():
        customer_totals = bucket_totals((r.currency, r.bucket, r.amount_due) for r in customer_rows)
        first = customer_rows[0]
        for t in customer_totals.values():
            by_customer.append((first.customer_name, first.customer_external_id, customer_id, t))
    by_customer.sort(key=lambda item: (-item[3].total, item[0]))
    flagged_customers = {r.customer_id for r in rows if r.flags}
    return ArReport(
        as_of=as_of, rows=rows, totals=totals, by_customer=by_customer,
        histories=payment_summaries(customer_ids=flagged_customers),
    )


def _lateness(pairs: list[tuple[date, datetime]]) -> tuple[int, Decimal | None]:
    late = [(paid_at.date() - due).days for due, paid_at in pairs if paid_at.date() > due]
    if not late:
        return 0, None
    return len(late), (Decimal(sum(late)) / len(late)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def payment_summaries(*, customer_ids: set[int]) -> dict[int, PaymentSummary]:
    out = {pk: PaymentSummary() for pk in customer_ids}
    if not customer_ids:
        return out
    for p in Payment.objects.filter(customer_id__in=customer_ids).order_by("received_at"):
        s = out[p.customer_id]
        s.payments += 1
        s.last_payment_at = p.received_at
        s.last_payment = f"{format_money(p.amount, p.currency)} ({p.get_method_display()})"
    failed = (
        PaymentAttempt.objects.filter(invoice__customer_id__in=customer_ids, status=AttemptStatus.FAILED)
        .order_by("attempted_at", "id")
        .values_list("invoice__customer_id", "failure_code", "attempted_at")
    )
    for customer_id, code, at in failed:
        s = out[customer_id]
        s.attempts_failed += 1
        s.last_failure = f"{code or 'declined'} on {at:%Y-%m-%d}" if at else code
    paid: dict[int, list[tuple[date, datetime]]] = defaultdict(list)
    for customer_id, due, paid_at in (
        Invoice.objects.filter(customer_id__in=customer_ids, status=InvoiceStatus.PAID, paid_at__isnull=False)
        .exclude(due_date__isnull=True)
        .values_list("customer_id", "due_date", "paid_at")
    ):
        paid[customer_id].append((due, paid_at))
    for customer_id, pairs in paid.items():
        s = out[customer_id]
        s.paid_invoices = len(pairs)
        s.paid_late, s.average_days_late = _lateness(pairs)
    return out


@dataclass
class CustomerAccount:
    customer: Customer
    balance: dict[str, Decimal]
    open_invoices: list[Invoice]
    payments: list[Payment]
    allocations: dict[int, list[PaymentAllocation]]
    attempts: list[PaymentAttempt]
    dunning_cases: list[DunningCase]
    paid_invoices: int
    paid_late: int
    average_days_late: Decimal | None


def customer_account(*, customer_id: int) -> CustomerAccount:
    """A customer's balance (per currency), open invoices and full payment history: payments with
    what they paid, every collection attempt (failed ones with their decline), dunning cases, and
    how late they paid their invoices."""
    customer = Customer.objects.get(pk=customer_id)
    open_invoices = list(
        Invoice.objects.filter(customer=customer, status=InvoiceStatus.OPEN).order_by("due_date", "id")
    )
    balance: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for invoice in open_invoices:
        balance[invoice.currency] += invoice.amount_due
    payments = list(Payment.objects.filter(customer=customer).order_by("-received_at"))
    allocations: dict[int, list[PaymentAllocation]] = defaultdict(list)
    for a in PaymentAllocation.objects.filter(payment__customer=customer).select_related("invoice"):
        allocations[a.payment_id].append(a)
    attempts = list(
        PaymentAttempt.objects.filter(invoice__customer=customer)
        .select_related("invoice")
        .order_by("-scheduled_for", "-id")
    )
    paid = list(
        Invoice.objects.filter(customer=customer, status=InvoiceStatus.PAID, paid_at__isnull=False)
        .exclude(due_date__isnull=True)
        .values_list("due_date", "paid_at")
    )
    paid_late, average_days_late = _lateness(paid)
    return CustomerAccount(
        customer=customer,
        balance=dict(balance),
        open_invoices=open_invoices,
        payments=payments,
        allocations=dict(allocations),
        attempts=attempts,
        dunning_cases=list(DunningCase.objects.filter(customer=customer).order_by("-opened_at")),
        paid_invoices=len(paid),
        paid_late=paid_late,
        average_days_late=average_days_late,
    )


__all__ = ["BUCKETS", "ArFilters", "ArReport", "ArRow", "ar_report", "customer_account", "next_action_for"]
