"""Reads for the revenue screens: the deferred revenue waterfall."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Q

from ledger.choices import AccountCode
from ledger.models import JournalLine

ZERO = Decimal(0)
ALLOCATION_PREFIX = "revenue_allocation:"  # revrec.allocation_postings


@dataclass
class WaterfallRow:
    """One month of deferred revenue for a customer (or all): closing = opening + billed -
    recognised - credited. ``billed``: invoiced in advance of the service (Cr Deferred revenue);
    ``recognised``: earned (Dr Deferred revenue on revenue entries, and the contract liability
    side of the postings to the allocated schedules, net); ``credited``: taken off by credit notes
    and voids (the other Dr Deferred revenue)."""

    month: str
    currency: str
    customer: str
    opening: Decimal = ZERO
    billed: Decimal = ZERO
    recognised: Decimal = ZERO
    credited: Decimal = ZERO

    @property
    def closing(self) -> Decimal:
        return self.opening + self.billed - self.recognised - self.credited

    def as_dict(self) -> dict[str, str]:
        return {
            "month": self.month,
            "currency": self.currency,
            "customer": self.customer,
            "opening": format(self.opening, "f"),
            "billed": format(self.billed, "f"),
            "recognised": format(self.recognised, "f"),
            "credited": format(self.credited, "f"),
            "closing": format(self.closing, "f"),
        }


def _months(first: date, last: date) -> list[date]:
    out = []
    cursor = first.replace(day=1)
    while cursor <= last:
        out.append(cursor)
        cursor += relativedelta(months=1)
    return out


def deferred_revenue_waterfall(*, start: date, end: date, by_customer: bool = True) -> list[WaterfallRow]:
    """Deferred revenue per month in [start's month, end's month], per customer (or in total) and
    currency, read from the ledger's deferred revenue account, so it ties to the trial balance."""
    months = _months(start, end)
    if not months:
        return []
    last_end = months[-1] + relativedelta(months=1)
    lines = (
        JournalLine.objects.filter(account__code=AccountCode.DEFERRED_REVENUE, entry__entry_date__lt=last_end)
        .values_list("entry__entry_date", "entry__currency", "entry__customer__external_id", "entry__source_key",
                     "debit", "credit")
    )
    rows: dict[tuple[str, str, str], WaterfallRow] = {}
    opening: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    first = months[0]
    for entry_date, currency, customer, source_key, debit, credit in lines:
        who = (customer or "-") if by_customer else "all"
        if entry_date < first:
            opening[(who, currency)] += credit - debit
            continue
        month = entry_date.strftime("%Y-%m")
        row = rows.setdefault((month, currency, who), WaterfallRow(month, currency, who))
        if source_key.startswith(ALLOCATION_PREFIX):
            # Bringing revenue to the allocated schedules: more revenue uses deferred revenue up,
            # less revenue leaves it deferred (a negative recognition), never a billing.
            row.recognised += debit - credit
            continue
        row.billed += credit
        if source_key.startswith("revenue:"):
            row.recognised += debit
        else:
            row.credited += debit
    keys = sorted({(c, w) for (_m, c, w) in rows} | {(c, w) for (w, c) in opening})
    out: list[WaterfallRow] = []
    for currency, who in keys:
        balance = opening.get((who, currency), ZERO)
        for month in months:
            label = month.strftime("%Y-%m")
            row = rows.get((label, currency, who)) or WaterfallRow(label, currency, who)
            row.opening = balance
            balance = row.closing
            out.append(row)
    return [r for r in out if r.opening or r.billed or r.recognised or r.credited]


def obligation_deferred_balances(*, as_of: date) -> list[dict[str, object]]:
    """Deferred revenue per customer and obligation (invoice line code) at ``as_of``: scheduled
    entries billed by then and not yet recognised by then."""
    from .models import RevenueScheduleEntry

    entries = (
        RevenueScheduleEntry.objects.filter(is_cancelled=False, invoice__issue_date__lt=as_of)
        .filter(Q(recognized_on__isnull=True) | Q(recognized_on__gte=as_of))
        .values_list("customer__external_id", "currency", "invoice_line__line_code", "amount")
    )
    totals: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    for customer, currency, code, amount in entries:
        totals[(customer, currency, code)] += amount
    return [
        {"customer": c, "currency": cur, "obligation": code, "deferred": amount}
        for (c, cur, code), amount in sorted(totals.items())
        if amount
    ]
