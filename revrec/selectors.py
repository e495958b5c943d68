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

from .asc606.money import money_str

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


@dataclass
class ObligationRollRow:
    """One month of one performance obligation: closing = opening + billed - credited - recognised.
    A positive closing is a contract liability (billed ahead of the revenue), a negative one a
    contract asset (revenue ahead of billing)."""

    month: str
    currency: str
    customer: str
    contract: str
    obligation: str
    opening: Decimal = ZERO
    billed: Decimal = ZERO
    credited: Decimal = ZERO
    recognised: Decimal = ZERO

    @property
    def closing(self) -> Decimal:
        return self.opening + self.billed - self.credited - self.recognised

    def as_dict(self) -> dict[str, str]:
        return {
            "month": self.month,
            "currency": self.currency,
            "customer": self.customer,
            "contract": self.contract,
            "obligation": self.obligation,
            **{
                name: money_str(getattr(self, name), self.currency)
                for name in ("opening", "billed", "credited", "recognised", "closing")
            },
        }


Flows = dict[tuple[str, str], dict[str, Decimal]]


def obligation_roll_forward(*, start: date, end: date) -> list[ObligationRollRow]:
    """Per performance obligation (usage and prepaid credit aside) and month in [start's month, end's
    month]: opening, billed (its invoice lines, by issue date; voided invoices left out), credited
    (credit note lines on them), recognised and closing.

    Recognised is what the journal books for the obligation: where it follows its plan (a fixed-term
    contract whose allocation moved price onto or off it, or that was modified:
    ``revrec.allocation_postings.obligation_follows_plan``) its allocated schedule plus what credit
    notes took off its revenue; otherwise its invoice lines' recognised schedule entries (credit
    notes included)."""
    from .models import ObligationKind, RevenueContract

    months = _months(start, end)
    if not months:
        return []
    first, last_end = months[0], months[-1] + relativedelta(months=1)
    out: list[ObligationRollRow] = []
    for plan in RevenueContract.objects.select_related("contract__customer").order_by("pk"):
        obligations = [o for o in plan.obligations.all() if o.kind != ObligationKind.USAGE]
        by_line = {line_id: o.code for o in obligations for line_id in o.contract_line_ids}
        if not by_line:
            continue
        flows = _obligation_flows(plan, obligations, by_line, first=first, last_end=last_end)
        for obligation in obligations:
            before = flows.get((obligation.code, "opening"), {})
            balance = before.get("billed", ZERO) - before.get("credited", ZERO) - before.get("recognised", ZERO)
            for month in months:
                label = month.strftime("%Y-%m")
                f = flows.get((obligation.code, label), {})
                row = ObligationRollRow(
                    label, plan.currency, plan.contract.customer.external_id, plan.contract.external_id,
                    obligation.code, opening=balance, billed=f.get("billed", ZERO),
                    credited=f.get("credited", ZERO), recognised=f.get("recognised", ZERO),
                )
                balance = row.closing
                if row.opening or row.billed or row.credited or row.recognised:
                    out.append(row)
    return out


def _obligation_flows(plan, obligations, by_line: dict[int, str], *, first: date, last_end: date) -> Flows:  # type: ignore[no-untyped-def]
    """Billed, credited and recognised per (obligation code, month label or "opening")."""
    from invoicing.models import CreditNoteLine, InvoiceLine

    from .allocation_postings import allocation_applies, obligation_follows_plan
    from .billing_schedules import ISSUED, billing_based_recognition_date, invoice_line_revenue_rows
    from .models import ObligationScheduleEntry, RecognitionPattern
    from .models import RevenueScheduleEntry as Entry

    flows: Flows = defaultdict(lambda: defaultdict(Decimal))
    modified = plan.modifications.exists()
    follows = {
        o.code for o in obligations if allocation_applies(plan) and obligation_follows_plan(o, modified=modified)
    }

    def add(code: str, day: date, field: str, amount: Decimal) -> None:
        flows[(code, day.strftime("%Y-%m") if day >= first else "opening")][field] += amount

    lines = InvoiceLine.objects.filter(
        contract_line_id__in=list(by_line), invoice__status__in=ISSUED, invoice__issue_date__lt=last_end
    ).select_related("invoice", "invoice__contract")
    for line in lines:
        if not line.amount or line.price_snapshot.get("added_in_review"):
            continue
        issue_date = line.invoice.issue_date
        assert issue_date is not None
        code = by_line[line.contract_line_id]
        add(code, issue_date, "billed", line.amount)
        pattern, rows = invoice_line_revenue_rows(line.invoice, line)
        if code not in follows or pattern == RecognitionPattern.AS_CONSUMED:
            continue
        # The journal's revenue is the plan's: the invoice line's own schedule is replaced by it.
        for _s, slice_end, amount in rows:
            on = billing_based_recognition_date(pattern, slice_end, issue_date)
            if on < last_end:
                add(code, on, "recognised", -amount)
    notes = CreditNoteLine.objects.filter(
        invoice_line__contract_line_id__in=list(by_line), invoice_line__invoice__status__in=ISSUED,
        credit_note__issue_date__lt=last_end,
    ).values_list("invoice_line__contract_line_id", "credit_note__issue_date", "amount")
    for line_id, on, amount in notes:
        add(by_line[line_id], on, "credited", amount)
    entries = Entry.objects.filter(
        invoice_line__contract_line_id__in=list(by_line), invoice__status__in=ISSUED, is_cancelled=False,
        recognized_on__lt=last_end,
    ).exclude(pattern=RecognitionPattern.AS_CONSUMED).select_related("invoice_line")
    for entry in entries:
        if entry.invoice_line.price_snapshot.get("added_in_review"):
            continue
        assert entry.recognized_on is not None
        add(by_line[entry.invoice_line.contract_line_id], entry.recognized_on, "recognised", entry.amount)
    if follows:
        planned = ObligationScheduleEntry.objects.filter(
            obligation__in=[o for o in obligations if o.code in follows], on__lt=last_end
        )
        for code, on, amount in planned.values_list("obligation__code", "on", "amount"):
            add(code, on, "recognised", amount)
    return flows
