from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone

from audit.services import audit_record
from invoicing.models import CreditGrant, CreditLedgerEntry, CreditLedgerKind, CreditNote, Invoice
from ledger.choices import AccountCode
from ledger.models import ClosedPeriod, JournalEntry, JournalLine
from ledger.services import journal_entry_post, signed
from rating import round_money
from rating.credit_allocation import allocate_pro_rata, split_earned_deferred

from .billing_schedules import ISSUED, invoice_line_revenue_rows, is_prepaid_purchase
from .models import RecognitionPattern, RevenueScheduleEntry

ZERO = Decimal(0)


@transaction.atomic
def revenue_schedule_build(*, invoice_id: int) -> list[RevenueScheduleEntry]:
    """Schedule the revenue of an issued invoice and post its issue entry.

    Usage (and minimums on usage) is earned as consumed, so for a closed period it is revenue at
    once; fixed fees are ratable by day over their service period, deferred until earned. The
    issue entry is Dr AR (the total, tax included) / Cr Revenue (earned) / Cr Deferred revenue (not
    yet earned) / Cr Sales tax payable (the invoice's tax: owed to the tax authority, never revenue)."""
    invoice = Invoice.objects.select_related("customer", "contract").get(pk=invoice_id)
    if RevenueScheduleEntry.objects.filter(invoice=invoice).exists():
        return list(RevenueScheduleEntry.objects.filter(invoice=invoice))
    issue_date = invoice.issue_date
    assert issue_date is not None
    entries: list[RevenueScheduleEntry] = []
    for line in invoice.lines.all():
        if line.amount == ZERO:
            continue
        pattern, rows = invoice_line_revenue_rows(invoice, line)
        for start, end, amount in rows:
            earned = pattern != RecognitionPattern.RATABLE or end <= issue_date
            if is_prepaid_purchase(line):
                earned = False  # deferred until drawn down (or expired): revenue_prepaid_recognize
            entry = RevenueScheduleEntry(
                invoice=invoice,
                invoice_line=line,
                customer=invoice.customer,
                pattern=pattern,
                period_start=start,
                period_end=end,
                amount=amount,
                currency=invoice.currency,
                recognized_on=issue_date if earned else None,
                journal_source_key=f"invoice:{invoice.pk}:issued" if earned else "",
            )
            entry.save()
            entries.append(entry)
    earned_total = sum((e.amount for e in entries if e.recognized_on), ZERO)
    deferred_total = sum((e.amount for e in entries if not e.recognized_on), ZERO)
    # Any non-zero side posts (a credit-heavy invoice may net to a zero total and still move revenue
    # against tax by a cent of per-line rounding).
    if invoice.total or earned_total or deferred_total or invoice.tax:
        journal_entry_post(
            source_key=f"invoice:{invoice.pk}:issued",
            entry_date=issue_date,
            memo=f"Invoice {invoice.number} issued",
            currency=invoice.currency,
            customer_id=invoice.customer_id,
            postings=[
                signed(AccountCode.ACCOUNTS_RECEIVABLE, invoice.total),
                signed(AccountCode.REVENUE, -earned_total),
                signed(AccountCode.DEFERRED_REVENUE, -deferred_total),
                signed(AccountCode.SALES_TAX_PAYABLE, -invoice.tax),
            ],
            rule="revrec.invoice_issued",
        )
    audit_record(
        rule="revrec.schedule",
        action="revenue_scheduled",
        obj=invoice,
        inputs={"invoice": invoice.number, "lines": invoice.lines.count()},
        outcome={"earned": earned_total, "deferred": deferred_total, "entries": len(entries)},
    )
    # Usage accrued at earlier month ends: reverse the accruals, the months keep what was earned in them.
    from .accruals import usage_accruals_settle

    usage_accruals_settle(invoice=invoice)
    # Pools bought on this invoice, or drawn (or expired) by it: recognise what was consumed. Either
    # invoice may be issued first, so both sides call it; it is idempotent.
    grant_ids = set(CreditGrant.objects.filter(source_invoice=invoice).values_list("pk", flat=True))
    grant_ids |= set(CreditLedgerEntry.objects.filter(invoice=invoice).values_list("grant_id", flat=True))
    for grant_id in sorted(grant_ids):
        revenue_prepaid_recognize(grant_id=grant_id, on=issue_date)
    # The contract's revenue plan shows usage as booked: refresh it if there is one.
    from .models import RevenueContract
    from .obligations import revenue_contract_derive

    plan = RevenueContract.objects.filter(contract_id=invoice.contract_id).first() if invoice.contract_id else None
    if plan is not None:
        revenue_contract_derive(revenue_contract_id=plan.pk, rule="revrec.usage_booked")
    return entries


@transaction.atomic
def revenue_prepaid_recognize(*, grant_id: int, on: date) -> Decimal:
    """Recognise a prepaid pool's deferred price as its credit is consumed: drawn by issued invoices
    or expired (breakage). Cumulative, so rounding never drifts: the revenue recognised so far is
    price x consumed / granted, rounded, and all of the price once the whole pool is consumed.
    Each step moves the amount from the purchase line's deferred schedule entry to a new,
    recognised entry (Dr Deferred revenue / Cr Revenue), so the line's schedule still sums to its
    price. Returns the amount recognised now; nothing before the purchase invoice is scheduled."""
    grant = CreditGrant.objects.get(pk=grant_id)
    if grant.source_invoice_line_id is None or not grant.amount:
        return ZERO
    entries = list(
        RevenueScheduleEntry.objects.select_for_update().filter(
            invoice_line_id=grant.source_invoice_line_id, is_cancelled=False
        )
    )
    deferred = next((e for e in entries if e.recognized_on is None), None)
    if deferred is None:
        return ZERO
    movements = CreditLedgerEntry.objects.filter(grant=grant).filter(
        models.Q(kind=CreditLedgerKind.DRAWDOWN, invoice__status__in=ISSUED) | models.Q(kind=CreditLedgerKind.EXPIRY)
    )
    consumed = -sum((m.amount for m in movements), ZERO)
    price = deferred.amount + sum((e.amount for e in entries if e.recognized_on), ZERO)
    if consumed >= grant.amount:
        target = price
    else:
        target = round_money(price * consumed / grant.amount, deferred.currency)
    due = min(target - (price - deferred.amount), deferred.amount)
    if due <= ZERO:
        return ZERO
    taken = {e.period_start for e in entries}
    start = max(on, deferred.period_start)
    while start in taken:  # one schedule entry per line and start date
        start += timedelta(days=1)
    entry = RevenueScheduleEntry(
        invoice_id=deferred.invoice_id,
        invoice_line_id=deferred.invoice_line_id,
        customer_id=deferred.customer_id,
        pattern=RecognitionPattern.AS_CONSUMED,
        period_start=start,
        period_end=start + timedelta(days=1),
        amount=due,
        currency=deferred.currency,
        recognized_on=on,
    )
    entry.save()
    source_key = f"revenue:{entry.pk}"
    journal_entry_post(
        source_key=source_key,
        entry_date=on,
        currency=entry.currency,
        memo=f"Prepaid credit consumed ({grant.line_code})",
        customer_id=entry.customer_id,
        postings=[
            signed(AccountCode.DEFERRED_REVENUE, due),
            signed(AccountCode.REVENUE, -due),
        ],
        rule="revrec.prepaid_drawdown",
    )
    entry.journal_source_key = source_key
    entry.save()
    deferred.amount -= due
    if deferred.amount == ZERO:
        deferred.is_cancelled = True  # fully consumed: nothing left deferred
    deferred.save()
    audit_record(
        rule="revrec.prepaid_drawdown",
        action="revenue_recognized",
        obj=entry,
        inputs={"grant": grant.pk, "granted": grant.amount, "consumed": consumed, "price": price},
        outcome={"recognized": due, "deferred_left": deferred.amount},
    )
    return due


def revenue_recognize_due(*, as_of: date) -> int:
    """Recognise every deferred schedule entry whose service period has ended by ``as_of``:
    Dr Deferred revenue / Cr Revenue, one entry per schedule entry (idempotent by source key)."""
    count = 0
    due = RevenueScheduleEntry.objects.filter(
        recognized_on__isnull=True, is_cancelled=False, period_end__lte=as_of
    ).exclude(pattern=RecognitionPattern.AS_CONSUMED)  # deferred as-consumed: prepaid credit, recognised as drawn
    for entry_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            entry = RevenueScheduleEntry.objects.select_for_update().get(pk=entry_id)
            if entry.recognized_on is not None or entry.is_cancelled:
                continue
            source_key = f"revenue:{entry.pk}"
            # Dated on the slice's last day, inside the month it was earned in: the slice is half-open,
            # so its end date (the 1st of the next month) would book March's revenue in April.
            earned_on = entry.period_end - timedelta(days=1)
            journal_entry_post(
                source_key=source_key,
                entry_date=earned_on,
                currency=entry.currency,
                memo=f"Revenue recognised {entry.period_start}..{entry.period_end}",
                customer_id=entry.customer_id,
                postings=[
                    signed(AccountCode.DEFERRED_REVENUE, entry.amount),
                    signed(AccountCode.REVENUE, -entry.amount),
                ],
                rule="revrec.ratable_recognition",
            )
            entry.recognized_on = earned_on
            entry.journal_source_key = source_key
            entry.save()
            count += 1
    return count


@transaction.atomic
def revenue_invoice_voided(*, invoice_id: int) -> None:
    """Reverse a voided invoice's issue entry and cancel what was not yet recognised.

    The tax reversed is what the ledger still holds as payable for this invoice (its issue entry
    less its credit notes' entries), so a void after a partial credit nets the invoice's tax to zero."""
    invoice = Invoice.objects.get(pk=invoice_id)
    entries = list(RevenueScheduleEntry.objects.select_for_update().filter(invoice=invoice))
    earned = sum((e.amount for e in entries if e.recognized_on), ZERO)
    deferred = sum((e.amount for e in entries if not e.recognized_on and not e.is_cancelled), ZERO)
    for e in entries:
        if not e.recognized_on:
            e.is_cancelled = True
            e.save()
    tax = _tax_payable_for(invoice)
    if earned or deferred or tax:
        journal_entry_post(
            source_key=f"invoice:{invoice.pk}:voided",
            entry_date=timezone.localdate(),
            currency=invoice.currency,
            memo=f"Invoice {invoice.number} voided",
            customer_id=invoice.customer_id,
            postings=[
                signed(AccountCode.REVENUE, earned),
                signed(AccountCode.DEFERRED_REVENUE, deferred),
                signed(AccountCode.SALES_TAX_PAYABLE, tax),
                signed(AccountCode.ACCOUNTS_RECEIVABLE, -(earned + deferred + tax)),
            ],
            rule="revrec.invoice_voided",
        )


def _tax_payable_for(invoice: Invoice) -> Decimal:
    """Sales tax still payable for an invoice in the ledger: credited at issue, debited back by its
    credit notes (positive: owed)."""
    keys = [f"invoice:{invoice.pk}:issued"]
    keys += [f"credit_note:{pk}" for pk in CreditNote.objects.filter(invoice=invoice).values_list("pk", flat=True)]
    sums = JournalLine.objects.filter(
        entry__source_key__in=keys, account__code=AccountCode.SALES_TAX_PAYABLE
    ).aggregate(debit=models.Sum("debit"), credit=models.Sum("credit"))
    return (sums["credit"] or ZERO) - (sums["debit"] or ZERO)


@transaction.atomic
def revenue_credit_note_apply(*, credit_note_id: int) -> JournalEntry:
    """Reverse what a credit note credits: the reverse of the invoice's issue entry for those amounts.

    Per credited line, the amount is taken from the line's recognised and still-deferred revenue pro
    rata (a concession on the whole service): the recognised part becomes a negative, recognised
    schedule entry (Dr Revenue), the deferred part is taken off the line's future schedule entries
    (Dr Deferred revenue; an entry brought to zero is cancelled), so it is never recognised. Tax
    goes back to Dr Sales tax payable; Cr Accounts receivable for the note's total. Idempotent: the
    entry's source key ``credit_note:<id>`` is checked under the lock on the invoice's schedule."""
    note = CreditNote.objects.select_related("invoice").get(pk=credit_note_id)
    invoice = note.invoice
    source_key = f"credit_note:{note.pk}"
    revenue_schedule_build(invoice_id=invoice.pk)  # the issue entry first (idempotent): it may not have run yet
    # Lock the invoice's schedule (serialising notes on one invoice), then read it again: under READ
    # COMMITTED the locking statement does not see rows a note we waited for has just added (its
    # reversal entries), a new statement does.
    list(RevenueScheduleEntry.objects.select_for_update().filter(invoice=invoice).order_by("pk").values_list("pk"))
    entries = list(RevenueScheduleEntry.objects.filter(invoice=invoice).order_by("period_start", "pk"))
    existing = JournalEntry.objects.filter(source_key=source_key).first()
    if existing is not None:
        return existing
    from_earned_total = from_deferred_total = ZERO
    per_line: list[dict[str, object]] = []
    for credit_line in note.lines.all():
        if credit_line.invoice_line_id is None or not credit_line.amount:
            continue
        live = [e for e in entries if e.invoice_line_id == credit_line.invoice_line_id and not e.is_cancelled]
        earned = sum((e.amount for e in live if e.recognized_on), ZERO)
        pending = [e for e in live if not e.recognized_on]
        deferred = sum((e.amount for e in pending), ZERO)
        from_earned, from_deferred = split_earned_deferred(
            credit_line.amount, earned=max(earned, ZERO), deferred=deferred, currency=note.currency
        )
        for entry, cut in zip(
            pending, allocate_pro_rata(from_deferred, [e.amount for e in pending], note.currency), strict=True
        ):
            if cut:
                entry.amount -= cut
                entry.is_cancelled = entry.amount == ZERO
                entry.save()
        if from_earned:
            taken = {e.period_start for e in entries if e.invoice_line_id == credit_line.invoice_line_id}
            start = note.issue_date
            while start in taken:  # one schedule entry per line and start date
                start += timedelta(days=1)
            reversal = RevenueScheduleEntry(
                invoice=invoice,
                invoice_line_id=credit_line.invoice_line_id,
                customer_id=invoice.customer_id,
                pattern=RecognitionPattern.POINT_IN_TIME,
                period_start=start,
                period_end=start + timedelta(days=1),
                amount=-from_earned,
                currency=note.currency,
                recognized_on=note.issue_date,
                journal_source_key=source_key,
            )
            reversal.save()
            entries.append(reversal)
        from_earned_total += from_earned
        from_deferred_total += from_deferred
        per_line.append({"invoice_line": credit_line.invoice_line_id, "earned": from_earned, "deferred": from_deferred})
    entry = journal_entry_post(
        source_key=source_key,
        entry_date=note.issue_date,
        currency=note.currency,
        memo=f"Credit note {note.number} on invoice {invoice.number}",
        customer_id=note.customer_id,
        postings=[
            signed(AccountCode.REVENUE, from_earned_total),
            signed(AccountCode.DEFERRED_REVENUE, from_deferred_total),
            signed(AccountCode.SALES_TAX_PAYABLE, note.tax),
            signed(AccountCode.ACCOUNTS_RECEIVABLE, -note.total),
        ],
        rule="revrec.credit_note",
    )
    audit_record(
        rule="revrec.credit_note",
        action="revenue_credited",
        obj=note,
        inputs={"credit_note": note.number, "invoice": invoice.number, "subtotal": note.subtotal, "tax": note.tax},
        outcome={"from_earned": from_earned_total, "from_deferred": from_deferred_total, "lines": per_line},
    )
    return entry


def revenue_month_end(*, month: date) -> dict[str, int]:
    """Complete a month's revenue: recognise every ratable slice that ended by the month's end,
    accrue the usage earned in it and not yet invoiced, and bring each fixed-term contract's revenue
    to its allocated schedules (``revrec.allocation_postings``). Idempotent."""
    from .accruals import revenue_usage_accrue
    from .allocation_postings import revenue_allocation_post_month

    first = month.replace(day=1)
    next_month = (first + timedelta(days=32)).replace(day=1)
    return {
        "recognised": revenue_recognize_due(as_of=next_month),
        "usage_accrued": len(revenue_usage_accrue(month=first)),
        "allocation_posted": len(revenue_allocation_post_month(month=first)),
    }


def revenue_period_close(*, month: date, actor: str, note: str = "") -> ClosedPeriod:
    """Close an accounting month (CFO or billing admin): complete its revenue, then close it in the
    ledger; later entries dated in it are booked in the next open month with a note."""
    from ledger.services import period_close

    prepared = revenue_month_end(month=month)
    return period_close(month=month, actor=actor, note=note, prepared=dict(prepared))
