"""The invoice lifecycle: draft -> open (finalised, numbered) -> paid | void | uncollectible, and the
review approval that issues a held draft. Drafting itself is ``invoicing.drafting``; credit notes are
``invoicing.credit_notes``."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from audit.services import actor_label, audit_record
from billing_site.queue import task_enqueue_on_commit
from invoicing.choices import InvoiceStatus
from invoicing.drafting.review import AWAITING_REVIEW, ReviewStatus
from invoicing.exceptions import InvalidInvoiceTransition
from invoicing.models import Invoice
from invoicing.numbering import invoice_number_next
from invoicing.signals import invoice_finalized, invoice_marked_uncollectible, invoice_paid, invoice_voided

ZERO = Decimal(0)
Actor = AbstractBaseUser | str | None


def _send_after_commit(signal, invoice_id: int) -> None:  # type: ignore[no-untyped-def]
    transaction.on_commit(lambda: signal.send(sender=Invoice, invoice_id=invoice_id))


def invoice_finalize(*, invoice_id: int, actor: Actor = None) -> Invoice:
    """Issue a draft: gapless number, issue date (today in the customer's time zone), due date from
    payment terms. Finalising an already-issued invoice returns it unchanged (safe retry). A draft
    held as an anomaly is only issued through ``invoice_approve``; one awaiting review because
    auto-send is off is issued by a person (``actor``), which counts as its review."""
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().select_related("customer").get(pk=invoice_id)
        if invoice.status in (InvoiceStatus.OPEN, InvoiceStatus.PAID) and invoice.number:
            return invoice
        if invoice.status != InvoiceStatus.DRAFT:
            raise InvalidInvoiceTransition(f"Cannot finalise a {invoice.status} invoice.")
        if invoice.review_status == ReviewStatus.HELD:
            raise InvalidInvoiceTransition(
                f"Held for review: {invoice.hold_reason} Approve it (review queue, or POST /approve) to issue it."
            )
        if invoice.review_status == ReviewStatus.PENDING:
            if actor is None or isinstance(actor, str) and actor.startswith("rule:"):  # automated: never
                raise InvalidInvoiceTransition("Awaiting review (auto-send is off): a person has to finalise it.")
            # A person finalising a draft from the queue reviews it; it is not emailed (auto_send off).
            invoice.review_status = ReviewStatus.APPROVED
            invoice.reviewed_by = actor_label(actor)
            invoice.reviewed_at = timezone.now()
        issue_date = timezone.now().astimezone(ZoneInfo(invoice.customer.timezone)).date()
        invoice.number = invoice_number_next(series=settings.INVOICE_NUMBER_PREFIX, year=issue_date.year)
        invoice.issue_date = issue_date
        invoice.due_date = issue_date + timedelta(days=invoice.customer.payment_terms_days)
        invoice.finalized_at = timezone.now()
        invoice.status = InvoiceStatus.OPEN
        if invoice.total <= ZERO:
            invoice.status = InvoiceStatus.PAID
            invoice.paid_at = invoice.finalized_at
        invoice.save()
        audit_record(
            rule="invoicing.auto_send" if actor is None else "invoicing.manual_finalize",
            action="invoice_finalized",
            obj=invoice,
            actor=actor,
            inputs={"total": invoice.total, "payment_terms_days": invoice.customer.payment_terms_days},
            outcome={
                "number": invoice.number,
                "issue_date": invoice.issue_date,
                "due_date": invoice.due_date,
                "status": invoice.status,
            },
        )
        _send_after_commit(invoice_finalized, invoice.pk)
        if invoice.auto_send:
            task_enqueue_on_commit("invoicing.tasks.invoice_deliver_task", invoice.pk)
    return invoice


def invoice_approve(*, invoice_id: int, actor: Actor) -> Invoice:
    """Approve a draft waiting in the review queue (auto-send off, or held as an anomaly) and issue
    it: number, dates, and the email after commit (it is marked ``auto_send``). Approving again an
    invoice already approved returns it (finalising it if a first attempt stopped half way).
    Raises InvalidInvoiceTransition for anything else (an issued, void or unreviewed invoice)."""
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
        if invoice.review_status == ReviewStatus.APPROVED:  # a retry
            if invoice.status == InvoiceStatus.DRAFT:
                return invoice_finalize(invoice_id=invoice.pk, actor=actor)
            return invoice
        if invoice.status != InvoiceStatus.DRAFT or invoice.review_status not in AWAITING_REVIEW:
            raise InvalidInvoiceTransition(
                f"Only a draft awaiting review can be approved; this invoice is {invoice.get_status_display().lower()}"
                f" (review: {invoice.get_review_status_display().lower()})."
            )
        was = invoice.review_status
        invoice.review_status = ReviewStatus.APPROVED
        invoice.auto_send = True
        invoice.reviewed_by = actor_label(actor)
        invoice.reviewed_at = timezone.now()
        invoice.save(update_fields=["review_status", "auto_send", "reviewed_by", "reviewed_at"])
        audit_record(
            rule="invoicing.review",
            action="invoice_approved",
            obj=invoice,
            actor=actor,
            inputs={"review_status": was, "hold_reason": invoice.hold_reason, "total": invoice.total},
            outcome={"review_status": invoice.review_status, "auto_send": True},
        )
        return invoice_finalize(invoice_id=invoice.pk, actor=actor)


def invoice_apply_payment(*, invoice_id: int, amount: Decimal, paid_at: datetime, actor: Actor = None) -> Invoice:
    """Add a payment allocation to the invoice's paid amount; fully paid invoices become ``paid``.
    Called by receivables inside the transaction that records the payment."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
    if invoice.status != InvoiceStatus.OPEN:
        raise InvalidInvoiceTransition(f"Cannot apply a payment to a {invoice.status} invoice.")
    if amount <= ZERO or amount > invoice.amount_due:
        raise InvalidInvoiceTransition(f"Payment {amount} does not fit the amount due {invoice.amount_due}.")
    invoice.amount_paid += amount
    if invoice.amount_due == ZERO:
        invoice.status = InvoiceStatus.PAID
        invoice.paid_at = paid_at
        _send_after_commit(invoice_paid, invoice.pk)
    invoice.save()
    return invoice


def invoice_mark_uncollectible(*, invoice_id: int, actor: Actor, reason: str = "") -> Invoice:
    """Write an open invoice off as bad debt: ``open -> uncollectible``. What is still due is kept
    as ``amount_written_off`` (the ledger books it Dr Bad debt expense / Cr Accounts receivable, and
    receivables closes the dunning case, both after commit). Revenue already recognised stays: a
    customer who does not pay is an expense, not less revenue. Marking it again returns it (a
    retry); anything but an open invoice with something due raises InvalidInvoiceTransition."""
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
        if invoice.status == InvoiceStatus.UNCOLLECTIBLE:
            return invoice
        if invoice.status != InvoiceStatus.OPEN or invoice.amount_due <= ZERO:
            raise InvalidInvoiceTransition(
                f"Only an open invoice with an amount due can be written off; this one is "
                f"{invoice.get_status_display().lower()}."
            )
        written_off = invoice.amount_due
        invoice.amount_written_off = written_off
        invoice.status = InvoiceStatus.UNCOLLECTIBLE
        invoice.uncollectible_at = timezone.now()
        invoice.uncollectible_reason = reason.strip()
        invoice.save()
        audit_record(
            rule="invoicing.write_off",
            action="invoice_marked_uncollectible",
            obj=invoice,
            actor=actor,
            inputs={
                "reason": invoice.uncollectible_reason,
                "total": invoice.total,
                "amount_paid": invoice.amount_paid,
                "amount_credited": invoice.amount_credited,
                "due_date": invoice.due_date,
            },
            outcome={"status": invoice.status, "amount_written_off": written_off},
        )
        _send_after_commit(invoice_marked_uncollectible, invoice.pk)
    return invoice


def invoice_void(*, invoice_id: int, actor: Actor = None, reason: str = "") -> Invoice:
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
        if invoice.status == InvoiceStatus.VOID:
            return invoice
        if invoice.status not in (InvoiceStatus.DRAFT, InvoiceStatus.OPEN) or invoice.amount_paid:
            raise InvalidInvoiceTransition(
                f"Cannot void a {invoice.status} invoice with payments; issue a credit note."
            )
        was_open = invoice.status == InvoiceStatus.OPEN
        invoice.status = InvoiceStatus.VOID
        invoice.voided_at = timezone.now()
        invoice.save()
        audit_record(
            rule="invoicing.void",
            action="invoice_voided",
            obj=invoice,
            actor=actor,
            inputs={"reason": reason},
            outcome={"status": invoice.status},
        )
        if was_open:
            _send_after_commit(invoice_voided, invoice.pk)
    return invoice
