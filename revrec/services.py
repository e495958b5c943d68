from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from invoicing.choices import LineKind
from invoicing.models import Invoice
from ledger.choices import AccountCode
from ledger.services import Posting, journal_entry_post

from .models import RecognitionPattern, RevenueScheduleEntry
from .schedules import ratable_schedule

ZERO = Decimal(0)


def _pattern(line) -> str:  # type: ignore[no-untyped-def]
    if line.kind in (LineKind.USAGE, LineKind.MINIMUM, LineKind.LATE_USAGE):
        return RecognitionPattern.AS_CONSUMED
    if line.price_snapshot.get("charge_model") in ("one_time", "milestone"):
        return RecognitionPattern.POINT_IN_TIME
    return RecognitionPattern.RATABLE


@transaction.atomic
def revenue_schedule_build(*, invoice_id: int) -> list[RevenueScheduleEntry]:
    """Schedule the revenue of an issued invoice and post its issue entry.

    Usage (and minimums on usage) is earned as consumed, so for a closed period it is revenue at
    once; fixed fees are ratable by day over their service period, deferred until earned. The
    issue entry is Dr AR / Cr Revenue (earned) / Cr Deferred revenue (not yet earned)."""
    invoice = Invoice.objects.select_related("customer").get(pk=invoice_id)
    if RevenueScheduleEntry.objects.filter(invoice=invoice).exists():
        return list(RevenueScheduleEntry.objects.filter(invoice=invoice))
    issue_date = invoice.issue_date
    assert issue_date is not None
    entries: list[RevenueScheduleEntry] = []
    for line in invoice.lines.all():
        if line.amount == ZERO:
            continue
        pattern = _pattern(line)
        if pattern == RecognitionPattern.RATABLE:
            rows = ratable_schedule(
                line.amount, start=line.period_start, end=line.period_end, currency=invoice.currency
            )
        else:
            rows = [(line.period_start, line.period_end, line.amount)]
        for start, end, amount in rows:
            earned = pattern != RecognitionPattern.RATABLE or end <= issue_date
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
    if invoice.total > ZERO:
        journal_entry_post(
            source_key=f"invoice:{invoice.pk}:issued",
            entry_date=issue_date,
            memo=f"Invoice {invoice.number} issued",
            currency=invoice.currency,
            customer_id=invoice.customer_id,
            postings=[
                Posting(AccountCode.ACCOUNTS_RECEIVABLE, debit=invoice.total),
                Posting(AccountCode.REVENUE, credit=earned_total),
                Posting(AccountCode.DEFERRED_REVENUE, credit=deferred_total),
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
    return entries


def revenue_recognize_due(*, as_of: date) -> int:
    """Recognise every deferred schedule entry whose service period has ended by ``as_of``:
    Dr Deferred revenue / Cr Revenue, one entry per schedule entry (idempotent by source key)."""
    count = 0
    due = RevenueScheduleEntry.objects.filter(recognized_on__isnull=True, is_cancelled=False, period_end__lte=as_of)
    for entry_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            entry = RevenueScheduleEntry.objects.select_for_update().get(pk=entry_id)
            if entry.recognized_on is not None or entry.is_cancelled:
                continue
            source_key = f"revenue:{entry.pk}"
            journal_entry_post(
                source_key=source_key,
                entry_date=entry.period_end,
                currency=entry.currency,
                memo=f"Revenue recognised {entry.period_start}..{entry.period_end}",
                customer_id=entry.customer_id,
                postings=[
                    Posting(AccountCode.DEFERRED_REVENUE, debit=entry.amount),
                    Posting(AccountCode.REVENUE, credit=entry.amount),
                ],
                rule="revrec.ratable_recognition",
            )
            entry.recognized_on = entry.period_end
            entry.journal_source_key = source_key
            entry.save()
            count += 1
    return count


@transaction.atomic
def revenue_invoice_voided(*, invoice_id: int) -> None:
    """Reverse a voided invoice's issue entry and cancel what was not yet recognised."""
    invoice = Invoice.objects.get(pk=invoice_id)
    entries = list(RevenueScheduleEntry.objects.select_for_update().filter(invoice=invoice))
    earned = sum((e.amount for e in entries if e.recognized_on), ZERO)
    deferred = sum((e.amount for e in entries if not e.recognized_on and not e.is_cancelled), ZERO)
    for e in entries:
        if not e.recognized_on:
            e.is_cancelled = True
            e.save()
    if earned or deferred:
        journal_entry_post(
            source_key=f"invoice:{invoice.pk}:voided",
            entry_date=timezone.localdate(),
            currency=invoice.currency,
            memo=f"Invoice {invoice.number} voided",
            customer_id=invoice.customer_id,
            postings=[
                Posting(AccountCode.REVENUE, debit=earned),
                Posting(AccountCode.DEFERRED_REVENUE, debit=deferred),
                Posting(AccountCode.ACCOUNTS_RECEIVABLE, credit=earned + deferred),
            ],
            rule="revrec.invoice_voided",
        )
