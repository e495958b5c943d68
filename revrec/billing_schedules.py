"""The billing-based revenue schedule of an invoice line (what ``revrec.services`` schedules when
the invoice is issued), shared by the services that book it and by the allocation postings and
roll-forward that compare it with the contract's allocated schedules."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from invoicing.choices import InvoiceStatus, LineKind
from invoicing.models import Invoice

from .models import RecognitionPattern
from .policy import OPEN_ENDED_HORIZON, SETUP_WORDS
from .schedules import ratable_schedule

ISSUED = (InvoiceStatus.OPEN, InvoiceStatus.PAID, InvoiceStatus.UNCOLLECTIBLE)


def is_prepaid_purchase(line) -> bool:  # type: ignore[no-untyped-def]
    """A prepaid credit purchase (or top-up): deferred at issue, recognised as the credit is drawn."""
    return line.kind == LineKind.FIXED and line.price_snapshot.get("charge_model") == "prepaid_credit"


def _pattern(line) -> str:  # type: ignore[no-untyped-def]
    # Prepaid credit applied offsets the usage it paid for on the same invoice (both earned at
    # issue); the consideration for it was the purchase, recognised by revenue_prepaid_recognize.
    if line.kind in (LineKind.USAGE, LineKind.MINIMUM, LineKind.LATE_USAGE, LineKind.CREDIT):
        return RecognitionPattern.AS_CONSUMED
    if is_prepaid_purchase(line):
        return RecognitionPattern.AS_CONSUMED
    if line.price_snapshot.get("charge_model") in ("one_time", "milestone"):
        return RecognitionPattern.POINT_IN_TIME
    return RecognitionPattern.RATABLE


def _setup_fee_term(invoice: Invoice, line) -> tuple[date, date] | None:  # type: ignore[no-untyped-def]
    """The contract term over which a one-time set-up / implementation / onboarding fee is earned
    (the policy of revrec.obligations: such a fee is not a distinct service), or None."""
    snapshot = line.price_snapshot
    # A line a reviewer added by hand is a one-off charge for something delivered, not a contract term.
    if snapshot.get("charge_model") != "one_time" or snapshot.get("added_in_review") or invoice.contract_id is None:
        return None
    text = f"{line.line_code} {line.description}".lower()
    if not any(word in text for word in SETUP_WORDS):
        return None
    contract = invoice.contract
    end = contract.end_date or contract.start_date + OPEN_ENDED_HORIZON
    return (contract.start_date, end) if end > contract.start_date else None


def invoice_line_revenue_rows(invoice: Invoice, line) -> tuple[str, list[tuple[date, date, Decimal]]]:  # type: ignore[no-untyped-def]
    """The billing-based revenue schedule of an invoice line: its pattern and its slices
    ``(start, end, amount)``. Ratable lines are split by day over their service period (a set-up
    fee over the contract term); the others are one slice. Pure given the line and invoice, so
    ``revrec.allocation_postings`` recomputes exactly what ``revenue_schedule_build`` scheduled."""
    pattern = _pattern(line)
    setup_term = _setup_fee_term(invoice, line)
    if setup_term is not None:
        # A set-up fee is not distinct from the service: recognised over the contract term.
        rows = ratable_schedule(line.amount, start=setup_term[0], end=setup_term[1], currency=invoice.currency)
        return RecognitionPattern.RATABLE, rows
    if pattern == RecognitionPattern.RATABLE:
        rows = ratable_schedule(line.amount, start=line.period_start, end=line.period_end, currency=invoice.currency)
        return pattern, rows
    return pattern, [(line.period_start, line.period_end, line.amount)]


def billing_based_recognition_date(pattern: str, end: date, issue_date: date) -> date:
    """The day a billing-based slice is recognised: at issue when earned by then (or not ratable),
    else on its last day (``revenue_recognize_due``)."""
    if pattern != RecognitionPattern.RATABLE or end <= issue_date:
        return issue_date
    return end - timedelta(days=1)
