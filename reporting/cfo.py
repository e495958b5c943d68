"""The CFO dashboard's reads: month by month, per currency and converted to the reporting currency.

Sources, each read from the domain that owns it:
- MRR / ARR and their movements: recurring invoice lines (see ``metrics``).
- Billings: invoices issued in the month (tax included), and credit notes issued in it.
- Collections: payments received in the month, less refunds paid out in it.
- Cash, accounts receivable, deferred revenue, unbilled receivable: ledger balances at month end;
  revenue recognised: the ledger's revenue account for the month. The ledger is the book of record,
  so the dashboard agrees with the trial balance by construction.
- DSO: AR at month end / billings of the last three months x their days.
- Dunning recovery: of the dunning cases opened in the month, the share recovered so far.

Conversion: each month's amounts with the rates in force on the month's last day (``ExchangeRate``),
through the rates' base currency. A missing rate leaves the converted figure empty and says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import connections, transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from billing_site.queue import task_enqueue_on_commit
from contracts.models import Customer
from invoicing.choices import InvoiceStatus, LineKind
from invoicing.models import CreditNote, Invoice, InvoiceLine
from ledger.choices import AccountCode
from ledger.models import JournalLine
from receivables.choices import DunningStatus, RefundStatus
from receivables.models import DunningCase, Payment, Refund

from .metrics import ZERO, convert, dso, months_between, mrr_by_customer, mrr_movements
from .models import ExchangeRate
from .rollup import LEDGER_FIELDS as ROLLUP_LEDGER_FIELDS
from .rollup import rollup_mrr, rollup_refresh, rollup_refresh_is_quick, rollup_window

ISSUED = [InvoiceStatus.OPEN, InvoiceStatus.PAID, InvoiceStatus.UNCOLLECTIBLE]
RECURRING_KINDS = [LineKind.FIXED, LineKind.USAGE, LineKind.MINIMUM]
DSO_MONTHS = 3

MONEY, PERCENT, DAYS, COUNT = "money", "percent", "days", "count"


@dataclass
class Series:
    key: str
    label: str
    unit: str = MONEY
    by_currency: dict[str, list[Decimal | None]] = field(default_factory=dict)
    converted: list[Decimal | None] = field(default_factory=list)


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # line | bar | stacked
    series: list[str]
    note: str = ""


CHARTS = [
    Chart("mrr", "MRR and its movements", "stacked",
          ["mrr_new", "mrr_expansion", "mrr_contraction", "mrr_churn", "mrr"],
          "Recurring lines spread over their service months; ARR = 12 x MRR."),
    Chart("billings", "Billings and collections", "bar", ["billings", "credited", "collections"]),
    Chart("cash", "Cash and accounts receivable (month end)", "line", ["cash", "accounts_receivable"]),
    Chart("revenue", "Revenue recognised vs deferred", "bar", ["recognised", "deferred", "unbilled"],
          "Recognised in the month; deferred revenue and unbilled receivable at month end."),
    Chart("dso", "Days sales outstanding", "line", ["dso"], "AR at month end over the last 3 months' billings."),
    Chart("recovery", "Dunning recovery rate", "line", ["recovery_rate"],
          "Share of the dunning cases opened in the month that were recovered so far."),
]

SERIES_LABELS = {
    "mrr": ("MRR", MONEY), "arr": ("ARR", MONEY), "mrr_new": ("New", MONEY), "mrr_expansion": ("Expansion", MONEY),
    "mrr_contraction": ("Contraction", MONEY), "mrr_churn": ("Churn", MONEY),
    "billings": ("Billings", MONEY), "credited": ("Credit notes", MONEY), "collections": ("Collections", MONEY),
    "cash": ("Cash", MONEY), "accounts_receivable": ("Accounts receivable", MONEY),
    "recognised": ("Revenue recognised", MONEY), "deferred": ("Deferred revenue", MONEY),
    "unbilled": ("Unbilled receivable", MONEY), "dso": ("DSO (days)", DAYS),
    "recovery_rate": ("Recovery rate (%)", PERCENT), "dunning_opened": ("Dunning cases opened", COUNT),
    "dunning_recovered": ("Dunning cases recovered", COUNT),
}


@dataclass
class CfoReport:
    months: list[date]
    reporting_currency: str
    base_currency: str
    currencies: list[str]
    series: dict[str, Series]
    top_customers: list[dict[str, object]]
    warnings: list[str]
    charts: list[Chart] = field(default_factory=lambda: list(CHARTS))

    def month_labels(self) -> list[str]:
        return [m.strftime("%Y-%m") for m in self.months]


def _as_date(value: date | datetime) -> date:
    """TruncMonth gives a date for a DateField and an aware datetime for a DateTimeField."""
    return value.date() if isinstance(value, datetime) else value


@lru_cache(maxsize=1024)
def _month_end(month: date) -> date:
    return month + relativedelta(months=1) - timedelta(days=1)


def _rates(base: str, until: date) -> dict[str, list[tuple[date, Decimal]]]:
    rates: dict[str, list[tuple[date, Decimal]]] = defaultdict(list)
    for currency, rate_date, rate in (
        ExchangeRate.objects.filter(base_currency=base, rate_date__lte=until)
        .order_by("currency", "rate_date")
        .values_list("currency", "rate_date", "rate")
    ):
        rates[currency].append((rate_date, rate))
    return rates


def _monthly(qs, amount: str, month_field: str) -> dict[tuple[str, date], Decimal]:  # type: ignore[no-untyped-def]
    out: dict[tuple[str, date], Decimal] = {}
    for row in qs.annotate(month=TruncMonth(month_field)).values("currency", "month").annotate(s=Sum(amount)):
        out[(row["currency"], _as_date(row["month"]))] = row["s"] or ZERO
    return out


def _ledger_monthly(start: date, end: date) -> tuple[dict, dict]:  # type: ignore[type-arg]
    """(opening balances before ``start``, net movement per month) per (account, currency);
    amounts are debit - credit."""
    codes = [AccountCode.CASH, AccountCode.ACCOUNTS_RECEIVABLE, AccountCode.UNBILLED_RECEIVABLE,
             AccountCode.DEFERRED_REVENUE, AccountCode.REVENUE]
    base = JournalLine.objects.filter(account__code__in=codes)
    opening: dict[tuple[str, str], Decimal] = {}
    for row in (
        base.filter(entry__entry_date__lt=start).values("account__code", "entry__currency")
        .annotate(d=Sum("debit"), c=Sum("credit"))
    ):
        opening[(row["account__code"], row["entry__currency"])] = (row["d"] or ZERO) - (row["c"] or ZERO)
    movement: dict[tuple[str, str, date], Decimal] = {}
    for row in (
        base.filter(entry__entry_date__gte=start, entry__entry_date__lt=end)
        .annotate(month=TruncMonth("entry__entry_date"))
        .values("account__code", "entry__currency", "month")
        .annotate(d=Sum("debit"), c=Sum("credit"))
    ):
        movement[(row["account__code"], row["entry__currency"], _as_date(row["month"]))] = (row["d"] or ZERO) - (
            row["c"] or ZERO
        )
    return opening, movement


Values = dict[str, dict[tuple[str, date], Decimal]]  # series key -> (currency, month) -> amount


def _utc(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _mrr_values(values: Values, window: list[date], end: date) -> dict[tuple[int, str], Decimal]:
    """MRR and its movements per currency and month (from the month before the window, for the
    first month's movements); returns each customer's MRR in the last month."""
    prior = window[0] - relativedelta(months=1)
    lines = (
        InvoiceLine.objects.filter(
            invoice__status__in=ISSUED, kind__in=RECURRING_KINDS, period_end__gt=prior, period_start__lt=end
        )
        .values_list("invoice__customer_id", "invoice__currency", "period_start", "period_end")
        .annotate(amount=Sum("amount"))  # a period's lines together: one row per customer and period
        .order_by()
        .iterator(chunk_size=10000)
    )
    mrr = mrr_by_customer(lines, months=[prior, *window])
    last: dict[tuple[int, str], Decimal] = {}
    for currency in {currency for currency, _ in mrr}:
        for month in window:
            mv = mrr_movements(mrr.get((currency, month - relativedelta(months=1)), {}), mrr.get((currency, month), {}))
            key = (currency, month)
            values["mrr"][key], values["arr"][key] = mv.ending, mv.ending * 12
            values["mrr_new"][key], values["mrr_expansion"][key] = mv.new, mv.expansion
            values["mrr_contraction"][key], values["mrr_churn"][key] = -mv.contraction, -mv.churn
        for customer_id, amount in mrr.get((currency, window[-1]), {}).items():
            last[(customer_id, currency)] = amount
    return last


def _flow_values(values: Values, start: date, end: date) -> dict[tuple[str, date], Decimal]:
    """Billings, credit notes and collections per currency and month; returns the billings from
    DSO_MONTHS - 1 months before the window (DSO looks back)."""
    dso_start = start - relativedelta(months=DSO_MONTHS - 1)
    billings = _monthly(
        Invoice.objects.filter(status__in=ISSUED, issue_date__gte=dso_start, issue_date__lt=end), "total", "issue_date"
    )
    values["billings"] = {k: v for k, v in billings.items() if k[1] >= start}
    credited = _monthly(CreditNote.objects.filter(issue_date__gte=start, issue_date__lt=end), "total", "issue_date")
    values["credited"] = {k: -v for k, v in credited.items()}
    paid_in = _monthly(
        Payment.objects.filter(received_at__gte=_utc(start), received_at__lt=_utc(end)), "amount", "received_at"
    )
    refunded = _monthly(
        Refund.objects.filter(status=RefundStatus.SUCCEEDED, refunded_at__gte=_utc(start), refunded_at__lt=_utc(end)),
        "amount", "refunded_at",
    )
    for key in set(paid_in) | set(refunded):
        values["collections"][key] = paid_in.get(key, ZERO) - refunded.get(key, ZERO)
    return billings


LEDGER_BALANCES = {
    "cash": (AccountCode.CASH, 1), "accounts_receivable": (AccountCode.ACCOUNTS_RECEIVABLE, 1),
    "unbilled": (AccountCode.UNBILLED_RECEIVABLE, 1), "deferred": (AccountCode.DEFERRED_REVENUE, -1),
}


def _ledger_values(values: Values, window: list[date], start: date, end: date) -> None:
    opening, movement = _ledger_monthly(start, end)
    for currency in {c for _, c in opening} | {c for _, c, _ in movement}:
        for key, (code, sign) in LEDGER_BALANCES.items():
            running = opening.get((code, currency), ZERO)
            for month in window:
                running += movement.get((code, currency, month), ZERO)
                values[key][(currency, month)] = sign * running or ZERO  # never -0
        for month in window:
            revenue = movement.get((AccountCode.REVENUE, currency, month), ZERO)
            values["recognised"][(currency, month)] = -revenue or ZERO


def _recovery_values(values: Values, start: date, end: date) -> None:
    """Dunning cases opened per month, and how many of them were recovered."""
    for row in (
        DunningCase.objects.filter(opened_at__gte=_utc(start), opened_at__lt=_utc(end))
        .annotate(month=TruncMonth("opened_at"))
        .values("invoice__currency", "month")
        .annotate(opened=Count("id"), recovered=Count("id", filter=Q(status=DunningStatus.RECOVERED)))
    ):
        key = (row["invoice__currency"], _as_date(row["month"]))
        values["dunning_opened"][key] = Decimal(row["opened"])
        values["dunning_recovered"][key] = Decimal(row["recovered"])


class _Converter:
    """Amounts to the reporting currency with each month-end's rate; remembers what it could not convert."""

    def __init__(self, *, target: str, base: str, until: date) -> None:
        self.target, self.base = target, base
        self.rates = _rates(base, until)
        self.warnings: list[str] = []

    def __call__(self, amount: Decimal, currency: str, month: date) -> Decimal | None:
        day = _month_end(month)
        converted = convert(amount, currency=currency, target=self.target, base=self.base, rates=self.rates, day=day)
        if converted is None:
            message = f"No {currency} rate (base {self.base}) on or before {day}: not converted."
            if message not in self.warnings:
                self.warnings.append(message)
        return converted

    def total(self, amounts: dict[str, Decimal], month: date) -> Decimal | None:
        """The sum of per-currency amounts in the reporting currency (None if any lacks a rate)."""
        total: Decimal | None = ZERO
        for currency, amount in amounts.items():
            if not amount:
                continue
            converted = self(amount, currency, month)
            total = None if converted is None or total is None else total + converted
        return total


def _series(key: str, data: dict[tuple[str, date], Decimal], currencies: list[str], window: list[date],
            to_reporting: _Converter) -> Series:
    label, unit = SERIES_LABELS[key]
    series = Series(key=key, label=label, unit=unit)
    for currency in currencies:
        series.by_currency[currency] = [data.get((currency, m), ZERO) for m in window]
    for i, month in enumerate(window):
        amounts = {c: series.by_currency[c][i] or ZERO for c in currencies}
        if unit == COUNT:
            series.converted.append(sum(amounts.values(), ZERO))
        else:
            series.converted.append(to_reporting.total(amounts, month))
    return series


def _dso_series(report: CfoReport, billings: dict[tuple[str, date], Decimal], to_reporting: _Converter) -> Series:
    """AR at month end over the billings of the last DSO_MONTHS months, times their days."""
    series = Series(key="dso", label=SERIES_LABELS["dso"][0], unit=DAYS)
    series.by_currency = {c: [] for c in report.currencies}
    for i, month in enumerate(report.months):
        first = month - relativedelta(months=DSO_MONTHS - 1)
        days = (_month_end(month) - first).days + 1
        trailing = months_between(first, month + relativedelta(months=1))
        ar = {c: report.series["accounts_receivable"].by_currency[c][i] or ZERO for c in report.currencies}
        billed = {c: sum((billings.get((c, m), ZERO) for m in trailing), ZERO) for c in report.currencies}
        for c in report.currencies:
            series.by_currency[c].append(dso(receivable=ar[c], billed=billed[c], days=days))
        total_ar, total_billed = to_reporting.total(ar, month), to_reporting.total(billed, month)
        series.converted.append(
            None if total_ar is None or total_billed is None
            else dso(receivable=total_ar, billed=total_billed, days=days)
        )
    return series


def _recovery_series(report: CfoReport) -> Series:
    series = Series(key="recovery_rate", label=SERIES_LABELS["recovery_rate"][0], unit=PERCENT)
    opened, recovered = report.series["dunning_opened"], report.series["dunning_recovered"]

    def rates(o: list[Decimal | None], r: list[Decimal | None]) -> list[Decimal | None]:
        return [(b or ZERO) / a * 100 if a else None for a, b in zip(o, r, strict=True)]

    series.by_currency = {c: rates(opened.by_currency[c], recovered.by_currency[c]) for c in report.currencies}
    series.converted = rates(opened.converted, recovered.converted)
    return series


@contextmanager
def reporting_snapshot() -> Iterator[None]:
    """One consistent read of every domain for a report. On PostgreSQL: a read-only, repeatable-read
    transaction (every query sees the same snapshot, so billings, cash and AR agree with each other)
    with more memory for its aggregations (``REPORTING_WORK_MEM``: the year's lines group in memory
    instead of spilling to disk)."""
    connection = connections["default"]
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT set_config('work_mem', %s, true)", [settings.REPORTING_WORK_MEM])
        yield


def cfo_report(*, end_month: date, months: int = 12, reporting_currency: str | None = None,
               source: str = "rollup") -> CfoReport:
    """The last ``months`` months up to and including ``end_month`` (a first day of a month).

    ``source="rollup"`` (the dashboard's): brings the monthly rollup up to date (``reporting.rollup``)
    and sums it; ``source="live"``: reads the invoices, payments and ledger directly. Both give the
    same figures; the rollup is the fast one. When the rollup has never been built, or more
    customers changed than a page view should recompute (``REPORTING_ROLLUP_INLINE_LIMIT``), the
    worker is asked to bring it up to date and this report reads live meanwhile."""
    if source not in ("rollup", "live"):
        raise ValueError(f"Unknown source {source!r}")
    if source == "rollup":
        if rollup_refresh_is_quick(settings.REPORTING_ROLLUP_INLINE_LIMIT):
            rollup_refresh()
        else:
            task_enqueue_on_commit("reporting.tasks.rollup_refresh_task")
            source = "live"
    with reporting_snapshot():
        return _cfo_report(end_month=end_month, months=months, reporting_currency=reporting_currency, source=source)


def _rollup_values(values: Values, window: list[date], start: date, end: date) -> tuple[dict, dict]:  # type: ignore[type-arg]
    """The series from the monthly rollup; returns (billings from DSO_MONTHS - 1 months before the
    window, each customer's billings in the window)."""
    dso_start = start - relativedelta(months=DSO_MONTHS - 1)
    monthly, opening, billed = rollup_window(start, end, dso_start)
    billings: dict[tuple[str, date], Decimal] = {}
    in_window = set(window)
    for (currency, month), sums in monthly.items():
        key = (currency, month)
        if sums["invoices"]:
            billings[key] = sums["billings"]
        if month not in in_window:
            continue
        values["mrr"][key], values["arr"][key] = sums["mrr"], sums["mrr"] * 12
        values["mrr_new"][key], values["mrr_expansion"][key] = sums["mrr_new"], sums["mrr_expansion"]
        values["mrr_contraction"][key], values["mrr_churn"][key] = -sums["mrr_contraction"], -sums["mrr_churn"]
        if sums["invoices"]:
            values["billings"][key] = sums["billings"]
        values["credited"][key] = -sums["credited"]
        values["collections"][key] = sums["payments"] - sums["refunds"]
    for currency in set(opening) | {c for c, m in monthly if m in in_window}:
        running = dict(opening.get(currency, {}))
        for month in window:
            sums = monthly.get((currency, month), {})
            for key, (code, sign) in LEDGER_BALANCES.items():
                field_name = ROLLUP_LEDGER_FIELDS[code]
                running[field_name] = running.get(field_name, ZERO) + sums.get(field_name, ZERO)
                values[key][(currency, month)] = sign * running[field_name] or ZERO  # never -0
            values["recognised"][(currency, month)] = -sums.get("revenue", ZERO) or ZERO
    return billings, billed


def _cfo_report(*, end_month: date, months: int, reporting_currency: str | None, source: str) -> CfoReport:
    reporting_currency = (reporting_currency or settings.REPORTING_CURRENCY).upper()
    end = end_month + relativedelta(months=1)
    window = months_between(end_month - relativedelta(months=months - 1), end)
    start = window[0]
    values: Values = defaultdict(dict)
    if source == "live":
        customer_mrr_last = _mrr_values(values, window, end)
        billings = _flow_values(values, start, end)
        _ledger_values(values, window, start, end)
        billed = _billed_by_customer(start, end)
        mrr_of = customer_mrr_last.get
    else:
        billings, billed = _rollup_values(values, window, start, end)
        mrr_of = None
    _recovery_values(values, start, end)
    currencies = sorted({c for series in values.values() for c, _ in series} | {c for c, _ in billings})
    to_reporting = _Converter(target=reporting_currency, base=settings.EXCHANGE_BASE_CURRENCY, until=end)
    report = CfoReport(
        months=window, reporting_currency=reporting_currency, base_currency=to_reporting.base,
        currencies=currencies, series={}, top_customers=[], warnings=to_reporting.warnings,
    )
    for key in SERIES_LABELS:
        if key not in ("dso", "recovery_rate"):
            report.series[key] = _series(key, values.get(key, {}), currencies, window, to_reporting)
    report.series["dso"] = _dso_series(report, billings, to_reporting)
    report.series["recovery_rate"] = _recovery_series(report)
    report.top_customers = _top_customers(end_month, billed, mrr_of, to_reporting)
    return report


def _billed_by_customer(start: date, end: date) -> dict[tuple[int, str], Decimal]:
    billed: dict[tuple[int, str], Decimal] = {}
    for row in (
        Invoice.objects.filter(status__in=ISSUED, issue_date__gte=start, issue_date__lt=end)
        .values("customer_id", "currency")
        .annotate(s=Sum("total"))
    ):
        billed[(row["customer_id"], row["currency"])] = row["s"] or ZERO
    return billed


def _top_customers(end_month, billed, mrr_of, to_reporting, limit: int = 10):  # type: ignore[no-untyped-def]
    """The customers billed most in the window, ranked in the reporting currency; ``mrr_of`` gives
    a (customer, currency)'s MRR in the last month (None: read it from the rollup)."""
    ranked = []
    for (customer_id, currency), amount in billed.items():
        converted = to_reporting(amount, currency, end_month)
        ranked.append((converted if converted is not None else Decimal(-1), customer_id, currency, amount, converted))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    top = ranked[:limit]
    names = dict(Customer.objects.filter(pk__in=[r[1] for r in top]).values_list("pk", "name"))
    if mrr_of is None:
        mrr_of = rollup_mrr(end_month, [r[1] for r in top]).get
    open_due: dict[tuple[int, str], Decimal] = {}
    for invoice in Invoice.objects.filter(status=InvoiceStatus.OPEN, customer_id__in=[r[1] for r in top]).only(
        "customer_id", "currency", "total", "amount_paid", "amount_credited", "status"
    ):
        key = (invoice.customer_id, invoice.currency)
        open_due[key] = open_due.get(key, ZERO) + invoice.amount_due
    return [
        {
            "customer_id": customer_id, "customer": names.get(customer_id, str(customer_id)), "currency": currency,
            "billed": amount, "billed_converted": converted,
            "mrr": mrr_of((customer_id, currency), ZERO),
            "open_receivable": open_due.get((customer_id, currency), ZERO),
        }
        for _, customer_id, currency, amount, converted in top
    ]
