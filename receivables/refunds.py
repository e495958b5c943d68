"""Refunds: giving back the paid part of a credit note.

``credit_note_settle`` runs on ``credit_note_issued``: it closes the invoice's dunning case when the
note settled the invoice, and splits the note's ``refund_amount`` over the invoice's payments (card
payments first, as they go back automatically, then the newest first), one ``Refund`` per payment.
Card payments are refunded through Stripe at once (``refund_execute``); anything else (a bank
transfer, a check) waits in the admin as "pending" until someone pays it out and marks it paid out
(``refund_mark_paid_out``). A refund that is made sends ``refund_succeeded``, and the ledger posts
Dr Accounts receivable / Cr Cash.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from audit.services import actor_label, audit_record
from integrations import stripe_gateway
from invoicing.choices import InvoiceStatus
from invoicing.models import CreditNote, Invoice

from .choices import DunningStatus, PaymentMethod, PaymentStatus, RefundStatus
from .exceptions import RefundNotAllowed
from .models import DunningCase, Payment, PaymentAllocation, Refund
from .signals import refund_succeeded

ZERO = Decimal(0)
Actor = AbstractBaseUser | str | None


def payment_is_stripe(payment: Payment) -> bool:
    """A card payment Stripe knows (collected by a PaymentIntent): refunded through Stripe."""
    return payment.method == PaymentMethod.CARD and bool(payment.stripe_payment_intent_id or payment.stripe_charge_id)


def credit_note_settle(*, credit_note_id: int) -> list[Refund]:
    """Receivables' side of a credit note: close the dunning case of an invoice it settled, plan the
    refunds of its ``refund_amount`` over the invoice's payments, and refund the card ones through
    Stripe. Idempotent: the refunds of a note are planned once (unique per note and payment), and a
    refund already made is not made again."""
    with transaction.atomic():
        note = CreditNote.objects.select_related("invoice").get(pk=credit_note_id)
        _dunning_close_if_settled(note.invoice, note)
        refunds = list(Refund.objects.filter(credit_note=note).select_related("payment"))
        if not refunds and note.refund_amount > ZERO:
            refunds = _refunds_plan(note)
    for refund in refunds:
        if refund.status == RefundStatus.PENDING and payment_is_stripe(refund.payment):
            refund_execute(refund_id=refund.pk)
    return [Refund.objects.get(pk=r.pk) for r in refunds]


def _dunning_close_if_settled(invoice: Invoice, note: CreditNote) -> None:
    if invoice.status != InvoiceStatus.PAID:
        return
    case = (
        DunningCase.objects.select_for_update()
        .filter(invoice=invoice, status__in=[DunningStatus.OPEN, DunningStatus.ESCALATED])
        .first()
    )
    if case is None:
        return
    case.status = DunningStatus.CLOSED
    case.closed_at = timezone.now()
    case.next_retry_at = case.next_reminder_at = None
    case.save()
    audit_record(
        rule="receivables.credit_note_settled",
        action="dunning_case_closed",
        obj=case,
        inputs={"invoice": invoice.number, "credit_note": note.number},
        outcome={"status": case.status},
    )


def _refunds_plan(note: CreditNote) -> list[Refund]:
    allocations = list(
        PaymentAllocation.objects.filter(invoice_id=note.invoice_id).select_related("payment").order_by("pk")
    )
    # Lock the payments: two notes on one invoice must not both count the same payment as refundable.
    list(Payment.objects.select_for_update().filter(pk__in=[a.payment_id for a in allocations]))
    taken = {
        row["payment_id"]: row["s"] or ZERO
        for row in Refund.objects.filter(payment_id__in=[a.payment_id for a in allocations])
        .values("payment_id")
        .annotate(s=Sum("amount"))
    }
    allocations.sort(key=lambda a: (not payment_is_stripe(a.payment), -a.payment.received_at.timestamp(), a.pk))
    left = note.refund_amount
    refunds: list[Refund] = []
    for allocation in allocations:
        if left <= ZERO:
            break
        room = min(allocation.amount, allocation.payment.amount) - taken.get(allocation.payment_id, ZERO)
        amount = min(room, left)
        if amount <= ZERO:
            continue
        payment = allocation.payment
        refunds.append(
            Refund.objects.create(
                credit_note=note,
                payment=payment,
                customer_id=payment.customer_id,
                amount=amount,
                currency=payment.currency,
                method=payment.method,
                reason=note.reason,
            )
        )
        taken[payment.pk] = taken.get(payment.pk, ZERO) + amount
        left -= amount
    if left > ZERO:
        raise RefundNotAllowed(
            f"Credit note {note.number} refunds {note.refund_amount} {note.currency} but the payments of invoice "
            f"{note.invoice} leave only {note.refund_amount - left} to refund."
        )
    audit_record(
        rule="receivables.refund_plan",
        action="refunds_planned",
        obj=note,
        inputs={"invoice": note.invoice.number, "refund_amount": note.refund_amount},
        outcome={
            "refunds": [
                {"refund": r.pk, "payment": r.payment_id, "amount": r.amount, "method": r.method} for r in refunds
            ]
        },
    )
    return refunds


def _made(refund: Refund, *, actor: Actor, stripe_refund_id: str = "", reference: str = "") -> None:
    """Record a refund as made (under the caller's row lock) and announce it after commit."""
    refund.status = RefundStatus.SUCCEEDED
    refund.refunded_at = timezone.now()
    refund.refunded_by = actor_label(actor) if actor is not None else "rule:receivables.stripe_refund"
    refund.stripe_refund_id = stripe_refund_id or refund.stripe_refund_id
    refund.reference = reference or refund.reference
    refund.failure_message = ""
    refund.save()
    payment = Payment.objects.select_for_update().get(pk=refund.payment_id)
    refunded = (
        Refund.objects.filter(payment=payment, status=RefundStatus.SUCCEEDED).aggregate(s=Sum("amount"))["s"] or ZERO
    )
    if refunded >= payment.amount and payment.status != PaymentStatus.REFUNDED:
        payment.status = PaymentStatus.REFUNDED
        payment.save()
    refund_id, note_id = refund.pk, refund.credit_note_id
    transaction.on_commit(
        lambda: refund_succeeded.send(sender=Refund, refund_id=refund_id, credit_note_id=note_id)
    )


def refund_execute(*, refund_id: int, actor: Actor = None) -> Refund:
    """Refund a pending refund of a Stripe card payment through Stripe, once: the Stripe call
    carries the idempotency key ``refund:<credit note>:<payment>``, and the outcome is recorded under
    a row lock (a concurrent run that recorded it first wins). Returns the refund as it now is; with
    Stripe not configured it stays pending."""
    refund = Refund.objects.select_related("payment", "credit_note").get(pk=refund_id)
    if refund.status != RefundStatus.PENDING:
        return refund
    if not payment_is_stripe(refund.payment):
        raise RefundNotAllowed(f"Payment #{refund.payment_id} was not made through Stripe: pay it out by hand.")
    if not stripe_gateway.is_configured():
        return refund
    payment = refund.payment
    result = stripe_gateway.refund(
        payment_intent_id=payment.stripe_payment_intent_id,
        charge_id=payment.stripe_charge_id,
        amount=refund.amount,
        currency=refund.currency,
        idempotency_key=refund.stripe_idempotency_key,
        metadata={"credit_note": refund.credit_note.number, "reason": refund.reason, "refund": str(refund.pk)},
    )
    with transaction.atomic():
        refund = Refund.objects.select_for_update().get(pk=refund_id)
        if refund.status != RefundStatus.PENDING:
            return refund
        if result.succeeded:
            _made(refund, actor=actor, stripe_refund_id=result.refund_id)
        else:
            refund.status = RefundStatus.FAILED
            refund.stripe_refund_id = result.refund_id
            refund.failure_message = result.failure_message[:500]
            refund.save()
        audit_record(
            rule="receivables.stripe_refund",
            action="refund_succeeded" if result.succeeded else "refund_failed",
            obj=refund,
            actor=actor,
            inputs={"payment_intent": payment.stripe_payment_intent_id, "amount": refund.amount,
                    "idempotency_key": refund.stripe_idempotency_key},
            outcome={"stripe_refund": result.refund_id, "stripe_status": result.status,
                     "failure": result.failure_message},
        )
    return refund


def refund_mark_paid_out(*, refund_id: int, actor: Actor, reference: str = "") -> Refund:
    """Record that a pending (or failed) refund was paid out by hand, e.g. a wire back to the
    customer. A refund still pending on a Stripe payment is refused: Stripe may yet refund it, and
    the customer would be paid twice. Marking a refund already made changes nothing."""
    with transaction.atomic():
        refund = Refund.objects.select_for_update().select_related("payment").get(pk=refund_id)
        if refund.status == RefundStatus.SUCCEEDED:
            return refund
        if refund.status == RefundStatus.PENDING and payment_is_stripe(refund.payment):
            raise RefundNotAllowed(
                f"Refund #{refund.pk} goes back through Stripe (card payment): refund it through Stripe instead."
            )
        status_before = refund.status
        _made(refund, actor=actor, reference=reference)
        audit_record(
            rule="receivables.manual_refund",
            action="refund_paid_out",
            obj=refund,
            actor=actor,
            inputs={"amount": refund.amount, "method": refund.method, "reference": reference,
                    "status_before": status_before},
            outcome={"status": refund.status, "refunded_at": refund.refunded_at},
        )
    return refund
