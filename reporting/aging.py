"""Aging of receivables and review thresholds: pure functions (no ORM, no clock).

Age is counted from the due date, in whole days, as finance teams read an aging report: an invoice
due today or later is ``current``; one day past due is in ``1-30``. Invoices without a due date
age from their issue date."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

CURRENT = "current"
BUCKETS: tuple[str, ...] = (CURRENT, "1-30", "31-60", "61-90", "90+")
BUCKET_LABELS = {CURRENT: "Current", "1-30": "1-30 days", "31-60": "31-60 days", "61-90": "61-90 days",
                 "90+": "Over 90 days"}
ZERO = Decimal(0)


def days_overdue(*, due_date: date, as_of: date) -> int:
    """Whole days past due (0 or negative when not yet due)."""
    return (as_of - due_date).days


def bucket_for(days: int) -> str:
    """The aging bucket of an invoice ``days`` past due."""
    if days <= 0:
        return CURRENT
    if days <= 30:
        return "1-30"
    if days <= 60:
        return "31-60"
    if days <= 90:
        return "61-90"
    return "90+"


@dataclass(frozen=True)
class Threshold:
    """A rule that flags an open invoice for manual review. Every condition that is set must hold:
    ``min_amount`` (amount due, in ``currency`` when given), ``min_days_overdue``, ``customer_id``."""

    id: int
    name: str
    min_amount: Decimal | None = None
    currency: str = ""
    min_days_overdue: int | None = None
    customer_id: int | None = None

    def matches(self, *, amount_due: Decimal, currency: str, days: int, customer_id: int) -> bool:
        if self.currency and self.currency != currency:
            return False
        if self.min_amount is not None and amount_due < self.min_amount:
            return False
        if self.min_days_overdue is not None and days < self.min_days_overdue:
            return False
        return not (self.customer_id is not None and self.customer_id != customer_id)


def flags_for(
    thresholds: Sequence[Threshold], *, amount_due: Decimal, currency: str, days: int, customer_id: int
) -> list[str]:
    """The names of the thresholds an invoice trips, in the thresholds' order."""
    return [
        t.name
        for t in thresholds
        if t.matches(amount_due=amount_due, currency=currency, days=days, customer_id=customer_id)
    ]


@dataclass
class BucketTotals:
    """Amounts due per bucket, and their total, for one currency (and optionally one customer)."""

    currency: str
    buckets: dict[str, Decimal]
    count: int = 0

    @property
    def total(self) -> Decimal:
        return sum(self.buckets.values(), ZERO)


def bucket_totals(rows: Iterable[tuple[str, str, Decimal]]) -> dict[str, BucketTotals]:
    """``rows`` of (currency, bucket, amount due) -> totals per currency; amounts in different
    currencies are never added together."""
    out: dict[str, BucketTotals] = {}
    for currency, bucket, amount in rows:
        totals = out.get(currency)
        if totals is None:
            totals = out[currency] = BucketTotals(currency=currency, buckets=dict.fromkeys(BUCKETS, ZERO))
        totals.buckets[bucket] += amount
        totals.count += 1
    return out
