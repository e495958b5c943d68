"""The monthly per-customer rollup the CFO dashboard reads (``MonthlyRollup``).

A year of data for 10,000 customers is ~100,000 invoices, ~200,000 recurring lines and ~700,000
journal lines: reading them on every page view took seconds. The rollup keeps, per customer,
currency and month, exactly the quantities ``reporting.cfo`` sums (MRR and its movements against
the customer's month before, billings, credit notes, payments, refunds, ledger movements), so the
dashboard reads their per-currency monthly totals (``MonthlyRollupTotal``, re-summed by the refresh
for the months it touched) and, for the top customers, the window's rows per customer.

Freshness: signals on the records it derives from (invoices and their lines, credit notes,
payments, refunds, journal entries and lines) append a ``RollupMark`` for the customer in the same
transaction. ``rollup_refresh`` recomputes the marked customers' rows (every month of their
history: a customer's MRR movements and ledger balances depend on earlier months) and deletes the
marks it processed; it runs every minute from celery-beat and on demand before the dashboard
reads, so the dashboard always equals the live computation (``cfo_report(source="live")``).
Records written around the ORM (raw SQL imports) send no signal: ``rollup_rebuild`` (nightly, and
whenever no full build has finished yet) recomputes everything.

The dunning recovery rate is not rolled up: a case's status changes long after its month, and the
query over the window's cases is cheap.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from invoicing.choices import InvoiceStatus, LineKind
from invoicing.models import CreditNote, Invoice, InvoiceLine
from ledger.choices import AccountCode
from ledger.models import JournalLine
from receivables.choices import RefundStatus
from receivables.models import Payment, Refund

from .metrics import ZERO, mrr_by_customer, mrr_movements, service_months
from .models import MonthlyRollup, MonthlyRollupTotal, RollupBuild, RollupMark

ISSUED = [InvoiceStatus.OPEN, InvoiceStatus.PAID, InvoiceStatus.UNCOLLECTIBLE]
RECURRING_KINDS = [LineKind.FIXED, LineKind.USAGE, LineKind.MINIMUM]
LEDGER_FIELDS = {
    AccountCode.CASH: "cash", AccountCode.ACCOUNTS_RECEIVABLE: "accounts_receivable",
    AccountCode.UNBILLED_RECEIVABLE: "unbilled", AccountCode.DEFERRED_REVENUE: "deferred",
    AccountCode.REVENUE: "revenue",
}
AMOUNT_FIELDS = [
    "mrr", "mrr_new", "mrr_expansion", "mrr_contraction", "mrr_churn", "billings", "credited", "payments", "refunds",
    *LEDGER_FIELDS.values(),
]
CHUNK = 2000  # customers per pass of a refresh
LOCK_KEY = 0x524F4C4C  # "ROLL": one refresh at a time (PostgreSQL advisory lock)

Key = tuple[int | None, str, date]  # (customer id, currency, month)


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _customers(field: str, customer_ids: list[int | None] | None) -> Q:
    if customer_ids is None:
        return Q()
    ids = [c for c in customer_ids if c is not None]
    q = Q(**{f"{field}__in": ids})
    if None in customer_ids:
        q |= Q(**{f"{field}__isnull": True})
    return q


def _add(rows: dict[Key, dict[str, Decimal | int]], key: Key, field: str, amount: Decimal | int) -> None:
    rows.setdefault(key, {})[field] = rows.get(key, {}).get(field, ZERO) + amount


def _monthly(rows, qs, *, customer: str, month_field: str, amount: str, field: str) -> None:  # type: ignore[no-untyped-def]
    for row in (
        qs.annotate(month=TruncMonth(month_field)).values(customer, "currency", "month")
        .annotate(s=Sum(amount), n=Count("id")).order_by()
    ):
        key = (row[customer], row["currency"], _as_date(row["month"]))
        _add(rows, key, field, row["s"] or ZERO)
        if field == "billings":
            _add(rows, key, "invoices", row["n"])


def _mrr(rows: dict[Key, dict[str, Decimal | int]], customer_ids: list[int | None] | None) -> None:
    """Each customer's MRR per month over their whole history, and its movement against the month
    before (the same spreading and classification as ``reporting.cfo`` applies to a window)."""
    lines = list(
        InvoiceLine.objects.filter(_customers("invoice__customer_id", customer_ids),
                                   invoice__status__in=ISSUED, kind__in=RECURRING_KINDS)
        .values_list("invoice__customer_id", "invoice__currency", "period_start", "period_end")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    if not lines:
        return
    first = min(line[2] for line in lines).replace(day=1)
    last = max(line[2] + relativedelta(months=service_months(line[2], line[3])) for line in lines).replace(day=1)
    months = []
    current = first
    while current <= last:  # one month past the last share: that month's churn
        months.append(current)
        current += relativedelta(months=1)
    mrr = mrr_by_customer(lines, months=months)
    per_customer: dict[tuple[int, str], dict[date, Decimal]] = defaultdict(dict)
    for (currency, month), customers in mrr.items():
        for customer_id, amount in customers.items():
            per_customer[(customer_id, currency)][month] = amount
    for (customer_id, currency), by_month in per_customer.items():
        start = min(by_month)
        previous: dict[int, Decimal] = {}
        for month in months:
            if month < start:
                continue
            current_map = {customer_id: by_month[month]} if month in by_month else {}
            if not previous and not current_map:
                continue
            moved = mrr_movements(previous, current_map)
            key = (customer_id, currency, month)
            row = rows.setdefault(key, {})
            row["mrr"] = moved.ending
            row["mrr_new"], row["mrr_expansion"] = moved.new, moved.expansion
            row["mrr_contraction"], row["mrr_churn"] = moved.contraction, moved.churn
            previous = current_map


def rollup_compute(customer_ids: list[int | None] | None = None) -> list[MonthlyRollup]:
    """The rollup rows of these customers (None in the list: ledger entries without a customer;
    ``customer_ids=None``: everyone), computed from the owning apps' records."""
    rows: dict[Key, dict[str, Decimal | int]] = {}
    _mrr(rows, customer_ids)
    _monthly(rows, Invoice.objects.filter(_customers("customer_id", customer_ids), status__in=ISSUED),
             customer="customer_id", month_field="issue_date", amount="total", field="billings")
    _monthly(rows, CreditNote.objects.filter(_customers("customer_id", customer_ids)),
             customer="customer_id", month_field="issue_date", amount="total", field="credited")
    _monthly(rows, Payment.objects.filter(_customers("customer_id", customer_ids)),
             customer="customer_id", month_field="received_at", amount="amount", field="payments")
    _monthly(rows, Refund.objects.filter(_customers("customer_id", customer_ids), status=RefundStatus.SUCCEEDED,
                                         refunded_at__isnull=False),
             customer="customer_id", month_field="refunded_at", amount="amount", field="refunds")
    for row in (
        JournalLine.objects.filter(_customers("entry__customer_id", customer_ids),
                                   account__code__in=list(LEDGER_FIELDS))
        .annotate(month=TruncMonth("entry__entry_date"))
        .values("entry__customer_id", "entry__currency", "account__code", "month")
        .annotate(d=Sum("debit"), c=Sum("credit"))
        .order_by()
    ):
        key = (row["entry__customer_id"], row["entry__currency"], _as_date(row["month"]))
        _add(rows, key, LEDGER_FIELDS[row["account__code"]], (row["d"] or ZERO) - (row["c"] or ZERO))
    return [
        MonthlyRollup(customer_id=customer_id, currency=currency, month=month, **values)
        for (customer_id, currency, month), values in rows.items()
    ]


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


TOTAL_FIELDS = [*AMOUNT_FIELDS, "invoices"]


def _replace(customer_ids: list[int | None] | None) -> int:
    built = rollup_compute(customer_ids)
    stale = MonthlyRollup.objects.all() if customer_ids is None else MonthlyRollup.objects.filter(
        _customers("customer_id", customer_ids)
    )
    months = set(stale.values_list("month", flat=True).distinct()) | {row.month for row in built}
    stale.delete()
    MonthlyRollup.objects.bulk_create(built, batch_size=5000)
    _totals(None if customer_ids is None else months)
    return len(built)


def _totals(months: set[date] | None) -> None:
    """Re-sum the per-currency totals of these months (every month when None)."""
    rows, old = MonthlyRollup.objects.all(), MonthlyRollupTotal.objects.all()
    if months is not None:
        rows, old = rows.filter(month__in=months), old.filter(month__in=months)
    sums = rows.values("currency", "month").annotate(**{f"s_{f}": Sum(f) for f in TOTAL_FIELDS}).order_by()
    totals = [
        MonthlyRollupTotal(currency=r["currency"], month=r["month"], **{f: r[f"s_{f}"] or 0 for f in TOTAL_FIELDS})
        for r in sums
    ]
    old.delete()
    MonthlyRollupTotal.objects.bulk_create(totals, batch_size=5000)


def _unmark(ids: list[int]) -> None:
    """Delete exactly the marks that were read (a mark committed since stays for the next refresh)."""
    for i in range(0, len(ids), 5000):
        RollupMark.objects.filter(id__in=ids[i:i + 5000]).delete()


def rollup_rebuild() -> int:
    """Recompute every row (and drop the marks made before it started). Returns the rows written."""
    with transaction.atomic():
        _lock()
        build = RollupBuild.objects.create(started_at=timezone.now())
        marks = list(RollupMark.objects.values_list("id", flat=True))
        written = _replace(None)
        _unmark(marks)
        build.finished_at, build.rows = timezone.now(), written
        build.save(update_fields=["finished_at", "rows"])
    return written


def rollup_refresh() -> int:
    """Bring the rollup up to date: the marked customers' rows (or everything when no full build
    has finished yet). Returns the rows written."""
    if not RollupBuild.objects.filter(finished_at__isnull=False).exists():
        return rollup_rebuild()
    if not RollupMark.objects.exists():
        return 0
    with transaction.atomic():
        _lock()
        marks = list(RollupMark.objects.values_list("id", "customer_id"))
        if not marks:
            return 0
        customers = sorted({c for _, c in marks}, key=lambda c: (c is not None, c or 0))
        written = 0
        for i in range(0, len(customers), CHUNK):
            written += _replace(customers[i:i + CHUNK])
        _unmark([i for i, _ in marks])
    return written


def rollup_refresh_is_quick(limit: int) -> bool:
    """True when a full build exists and at most ``limit`` customers are marked: a refresh cheap
    enough to make inside a page view (a first build, or a billing run that marked every
    customer, is a worker's job)."""
    if not RollupBuild.objects.filter(finished_at__isnull=False).exists():
        return False
    marked = RollupMark.objects.values_list("customer_id", flat=True).distinct().order_by()[: limit + 1]
    return len(list(marked)) <= limit


def rollup_mark(customer_ids: Iterable[int | None]) -> None:
    """Note that these customers' rollup rows are stale (in the caller's transaction)."""
    RollupMark.objects.bulk_create([RollupMark(customer_id=c) for c in set(customer_ids)])


def rollup_window(start: date, end: date, dso_start: date) -> tuple[dict, dict, dict]:  # type: ignore[type-arg]
    """The rollup's sums for the dashboard: (per (currency, month) in [dso_start, end) each
    field's total, the ledger fields' totals per currency before ``start``, and per (customer,
    currency) the billings of [start, end) for customers invoiced in it)."""
    monthly: dict[tuple[str, date], dict[str, Decimal]] = {}
    for row in MonthlyRollupTotal.objects.filter(month__gte=dso_start, month__lt=end).values(
        "currency", "month", *TOTAL_FIELDS
    ):
        monthly[(row["currency"], row["month"])] = {f: row[f] for f in TOTAL_FIELDS}
    opening: dict[str, dict[str, Decimal]] = {}
    for row in (
        MonthlyRollupTotal.objects.filter(month__lt=start).values("currency")
        .annotate(**{f"s_{f}": Sum(f) for f in LEDGER_FIELDS.values()}).order_by()
    ):
        opening[row["currency"]] = {f: row[f"s_{f}"] or ZERO for f in LEDGER_FIELDS.values()}
    billed: dict[tuple[int, str], Decimal] = {}
    for row in (
        MonthlyRollup.objects.filter(month__gte=start, month__lt=end, invoices__gt=0, customer__isnull=False)
        .values("customer_id", "currency").annotate(s=Sum("billings")).order_by()
    ):
        billed[(row["customer_id"], row["currency"])] = row["s"] or ZERO
    return monthly, opening, billed


def rollup_mrr(month: date, customer_ids: list[int]) -> dict[tuple[int, str], Decimal]:
    """These customers' MRR in ``month`` per currency."""
    return {
        (customer_id, currency): mrr
        for customer_id, currency, mrr in MonthlyRollup.objects.filter(month=month, customer_id__in=customer_ids)
        .values_list("customer_id", "currency", "mrr")
    }
