from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction

from audit.services import audit_record

from .chart import STANDARD_ACCOUNTS
from .choices import AccountCode
from .exceptions import UnbalancedEntry
from .models import Account, ClosedPeriod, JournalEntry, JournalLine

ZERO = Decimal(0)


@dataclass(frozen=True)
class Posting:
    account: AccountCode | str
    debit: Decimal = ZERO
    credit: Decimal = ZERO


def signed(account: AccountCode | str, amount: Decimal) -> Posting:
    """A debit of ``amount`` when positive, a credit of its absolute value when negative: credit
    rows (prorated refunds, credit notes) flip sides instead of posting negative amounts."""
    return Posting(account, debit=amount) if amount >= 0 else Posting(account, credit=-amount)


def check_balanced(postings: Sequence[Posting]) -> None:
    """Pure check: every amount non-negative and one-sided, and debits equal credits."""
    if not postings:
        raise UnbalancedEntry("An entry needs at least two lines.")
    for p in postings:
        if p.debit < 0 or p.credit < 0 or (p.debit and p.credit):
            raise UnbalancedEntry(f"Line on {p.account}: amounts must be one-sided and non-negative.")
    debits = sum((p.debit for p in postings), ZERO)
    credits = sum((p.credit for p in postings), ZERO)
    if debits != credits:
        raise UnbalancedEntry(f"Debits {debits} != credits {credits}.")


def _accounts(codes: list[str]) -> dict[str, Account]:
    """The accounts by code; a missing standard account is created (the chart is seeded by a
    migration, but a restored or hand-pruned database must not stop postings)."""
    accounts = {a.code: a for a in Account.objects.filter(code__in=codes)}
    standard = {code: (name, type_) for code, name, type_ in STANDARD_ACCOUNTS}
    for code in set(codes) - set(accounts):
        if code not in standard:
            raise UnbalancedEntry(f"No account {code} in the chart of accounts.")
        name, type_ = standard[code]
        accounts[code], _ = Account.objects.get_or_create(code=code, defaults={"name": name, "type": type_})
    return accounts


def _month(day: date) -> date:
    return day.replace(day=1)


def open_entry_date(entry_date: date) -> date:
    """``entry_date`` if its month is open, else the first day of the next open month."""
    closed = set(ClosedPeriod.objects.filter(month__gte=_month(entry_date)).values_list("month", flat=True))
    month = _month(entry_date)
    if month not in closed:
        return entry_date
    while month in closed:
        month = (month + timedelta(days=32)).replace(day=1)
    return month


class PeriodCloseError(ValueError):
    """The period cannot be closed (already closed, or an earlier month is still open)."""


@transaction.atomic
def period_close(*, month: date, actor: str, note: str = "", prepared: dict[str, object] | None = None) -> ClosedPeriod:
    """Close an accounting month; afterwards postings dated in it move to the next open month.
    Months close in order: an earlier month with entries must be closed first. The caller checks
    the permission (``ledger.close_period``: CFO, billing admin) and completes the month first
    (``revrec.services.revenue_period_close`` recognises and accrues revenue, then calls this)."""
    month = _month(month)
    if ClosedPeriod.objects.select_for_update().filter(month=month).exists():
        raise PeriodCloseError(f"{month:%Y-%m} is already closed.")
    closed = set(ClosedPeriod.objects.values_list("month", flat=True))
    months = JournalEntry.objects.filter(entry_date__lt=month).dates("entry_date", "month")
    pending = [m for m in months if m not in closed]
    if pending:
        raise PeriodCloseError(f"Close {pending[0]:%Y-%m} first: months close in order.")
    period = ClosedPeriod.objects.create(month=month, closed_by=actor[:150], note=note[:300])
    audit_record(
        rule="ledger.period_close",
        action="period_closed",
        obj=period,
        actor=actor,
        inputs={"month": month.isoformat(), "prepared": prepared or {}},
        outcome={"trial_balance": trial_balance(month=month)},
    )
    return period


@transaction.atomic
def period_reopen(*, month: date, actor: str, reason: str) -> None:
    """Reopen a closed month (CFO: ``ledger.reopen_period``, checked by the caller), with a reason.
    Months reopen in reverse order of closing: only the latest closed month, so a reopened month
    never sits before a closed one. Entries dated in it are posted into it again from now on (those
    redirected while it was closed stay where they were booked). Audited with the actor, the
    reason and the month's trial balance at reopening; the closing stays in the history."""
    month = _month(month)
    reason = reason.strip()
    if not reason:
        raise PeriodCloseError("A reason is required to reopen a month.")
    period = ClosedPeriod.objects.select_for_update().filter(month=month).first()
    if period is None:
        raise PeriodCloseError(f"{month:%Y-%m} is not closed.")
    later = ClosedPeriod.objects.filter(month__gt=month).order_by("-month").first()
    if later is not None:
        raise PeriodCloseError(f"Reopen {later.month:%Y-%m} first: months reopen from the latest.")
    closed = {"closed_by": period.closed_by, "closed_at": period.closed_at.isoformat(), "note": period.note}
    period_id = period.pk
    period._change_reason = reason[:100]  # simple-history keeps the deletion with its reason
    period.delete()
    audit_record(
        rule="ledger.period_reopen",
        action="period_reopened",
        object_type="ledger.closedperiod",
        object_id=period_id,
        actor=actor,
        inputs={"month": month.isoformat(), "reason": reason, "closed": closed},
        outcome={"trial_balance": trial_balance(month=month)},
    )


def trial_balance(*, month: date, currency: str | None = None) -> dict[str, list[dict[str, object]]]:
    """Balances per currency and account at the end of ``month``: debits, credits and the net
    (debit positive), from every entry dated up to the month's end. Entries never mix currencies."""
    from django.db.models import Sum

    end = (_month(month) + timedelta(days=32)).replace(day=1)
    rows = JournalLine.objects.filter(entry__entry_date__lt=end)
    if currency:
        rows = rows.filter(entry__currency=currency)
    sums = (
        rows.values("entry__currency", "account__code", "account__name", "account__type")
        .annotate(debit=Sum("debit"), credit=Sum("credit"))
        .order_by("entry__currency", "account__code")
    )
    out: dict[str, list[dict[str, object]]] = {}
    for row in sums:
        out.setdefault(row["entry__currency"], []).append(
            {
                "account": row["account__code"],
                "name": row["account__name"],
                "type": row["account__type"],
                "debit": row["debit"] or ZERO,
                "credit": row["credit"] or ZERO,
                "balance": (row["debit"] or ZERO) - (row["credit"] or ZERO),
            }
        )
    return out


def journal_entry_post(
    *,
    source_key: str,
    entry_date: date,
    memo: str,
    currency: str,
    postings: Sequence[Posting],
    customer_id: int | None = None,
    rule: str = "ledger.post",
) -> JournalEntry:
    """Post one balanced entry; posting the same ``source_key`` again returns the first entry.

    Zero lines are dropped (an invoice with no deferred part posts no deferred line)."""
    postings = [p for p in postings if p.debit or p.credit]
    existing = JournalEntry.objects.filter(source_key=source_key).first()
    if existing is not None:
        return existing
    if not postings:
        raise UnbalancedEntry(f"Nothing to post for {source_key}.")
    check_balanced(postings)
    open_date = open_entry_date(entry_date)
    if open_date != entry_date:
        # The month is closed: its figures were reported and must not move. The entry lands in the
        # next open month, and says where it belonged.
        memo = f"{memo} [belongs to {entry_date.isoformat()}, period {entry_date:%Y-%m} closed]"[:300]
        entry_date = open_date
    accounts = _accounts([str(p.account) for p in postings])
    try:
        with transaction.atomic():
            entry = JournalEntry.objects.create(
                source_key=source_key,
                entry_date=entry_date,
                memo=memo,
                currency=currency,
                customer_id=customer_id,
            )
            for p in postings:
                JournalLine.objects.create(
                    entry=entry, account=accounts[str(p.account)], debit=p.debit, credit=p.credit
                )
            audit_record(
                rule=rule,
                action="journal_entry_posted",
                obj=entry,
                inputs={"source_key": source_key, "memo": memo},
                outcome={
                    "lines": [{"account": str(p.account), "debit": p.debit, "credit": p.credit} for p in postings]
                },
            )
    except IntegrityError:
        # A concurrent retry posted it first: the unique source_key kept it single.
        return JournalEntry.objects.get(source_key=source_key)
    return entry


def payment_post(*, payment_id: int) -> JournalEntry:
    """Dr Cash / Cr Accounts receivable for a received payment."""
    from receivables.models import Payment

    payment = Payment.objects.get(pk=payment_id)
    return journal_entry_post(
        source_key=f"payment:{payment.pk}:received",
        entry_date=payment.received_at.date(),
        memo=f"Payment received ({payment.get_method_display()}) {payment.reference}".strip(),
        currency=payment.currency,
        customer_id=payment.customer_id,
        postings=[
            Posting(AccountCode.CASH, debit=payment.amount),
            Posting(AccountCode.ACCOUNTS_RECEIVABLE, credit=payment.amount),
        ],
        rule="ledger.payment_received",
    )


def invoice_write_off_post(*, invoice_id: int) -> JournalEntry:
    """Dr Bad debt expense / Cr Accounts receivable for what an uncollectible invoice still owed."""
    from invoicing.models import Invoice

    invoice = Invoice.objects.get(pk=invoice_id)
    if invoice.uncollectible_at is None or invoice.amount_written_off <= 0:
        raise ValueError(f"Invoice {invoice_id} has not been written off: nothing to post.")
    return journal_entry_post(
        source_key=f"invoice:{invoice.pk}:written_off",
        entry_date=invoice.uncollectible_at.date(),
        memo=f"Invoice {invoice.number} written off as uncollectible",
        currency=invoice.currency,
        customer_id=invoice.customer_id,
        postings=[
            Posting(AccountCode.BAD_DEBT, debit=invoice.amount_written_off),
            Posting(AccountCode.ACCOUNTS_RECEIVABLE, credit=invoice.amount_written_off),
        ],
        rule="ledger.bad_debt",
    )


def refund_post(*, refund_id: int) -> JournalEntry:
    """Dr Accounts receivable / Cr Cash for money given back: the credit note had credited AR with
    the refunded part (the customer was owed it), the refund settles that."""
    from receivables.choices import RefundStatus
    from receivables.models import Refund

    refund = Refund.objects.select_related("payment").get(pk=refund_id)
    if refund.status != RefundStatus.SUCCEEDED or refund.refunded_at is None:
        raise ValueError(f"Refund {refund.pk} has not been made ({refund.status}): nothing to post.")
    return journal_entry_post(
        source_key=f"refund:{refund.pk}",
        entry_date=refund.refunded_at.date(),
        memo=f"Refund ({refund.get_method_display()}) {refund.stripe_refund_id or refund.reference}".strip(),
        currency=refund.currency,
        customer_id=refund.customer_id,
        postings=[
            Posting(AccountCode.ACCOUNTS_RECEIVABLE, debit=refund.amount),
            Posting(AccountCode.CASH, credit=refund.amount),
        ],
        rule="ledger.refund_paid",
    )


def processing_fee_post(*, reference: str, amount: Decimal, currency: str, entry_date: date,
                        customer_id: int | None = None, memo: str = "") -> JournalEntry:
    """Dr Payment processing fees / Cr Cash for a fee the payment processor kept (e.g. a Stripe
    balance transaction's fee): the payment posted the gross amount to Cash, the processor paid out
    the net. Once per ``reference`` (the processor's transaction id)."""
    return journal_entry_post(
        source_key=f"processing_fee:{reference}",
        entry_date=entry_date,
        memo=memo or f"Processing fee {reference}",
        currency=currency,
        customer_id=customer_id,
        postings=[
            Posting(AccountCode.PROCESSING_FEES, debit=amount),
            Posting(AccountCode.CASH, credit=amount),
        ],
        rule="ledger.processing_fee",
    )
