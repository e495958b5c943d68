from __future__ import annotations

import statistics
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from integrations import stripe_gateway
from invoicing.choices import InvoiceStatus
from invoicing.models import Invoice
from invoicing.services import invoice_apply_payment

from .choices import AttemptStatus, DunningStatus, PaymentMethod
from .dunning.scoring import REMINDER_DAYS, SEQUENCE_DAYS, ScoreInputs, score
from .exceptions import PaymentNotAllowed
from .models import DunningCase, Payment, PaymentAllocation, PaymentAttempt
from .signals import payment_failed, payment_succeeded

ZERO = Decimal(0)
Actor = AbstractBaseUser | str | None
REMINDER_HOUR = time(9, 0)


def payment_record(
    *,
    invoice: Invoice,
    amount: Decimal,
    method: str,
    received_at: datetime,
    reference: str = "",
    stripe_payment_intent_id: str = "",
    stripe_charge_id: str = "",
    actor: Actor = None,
) -> Payment:
    """Record money received for one invoice and apply it. Sends ``payment_succeeded`` after commit."""
    if amount <= ZERO:
        raise PaymentNotAllowed("A payment must be positive.")
    with transaction.atomic():
        payment = Payment.objects.create(
            customer_id=invoice.customer_id,
            amount=amount,
            currency=invoice.currency,
            method=method,
            received_at=received_at,
            reference=reference,
            stripe_payment_intent_id=stripe_payment_intent_id,
            stripe_charge_id=stripe_charge_id,
        )
        PaymentAllocation.objects.create(payment=payment, invoice=invoice, amount=amount)
        try:
            updated = invoice_apply_payment(invoice_id=invoice.pk, amount=amount, paid_at=received_at, actor=actor)
        except Exception as exc:
            raise PaymentNotAllowed(str(exc)) from exc
        audit_record(
            rule="receivables.payment_received" if actor is None else "receivables.manual_payment",
            action="payment_recorded",
            obj=payment,
            actor=actor,
            inputs={"invoice": invoice.number, "amount": amount, "method": method, "reference": reference},
            outcome={"invoice_status": updated.status, "amount_due": updated.amount_due},
        )
        if updated.status == InvoiceStatus.PAID:
            case = (
                DunningCase.objects.select_for_update()
                .filter(invoice=invoice, status__in=[DunningStatus.OPEN, DunningStatus.ESCALATED])
                .first()
            )
            if case is not None:
                case.status = DunningStatus.RECOVERED
                case.closed_at = timezone.now()
                case.next_retry_at = case.next_reminder_at = None
                case.save()
        transaction.on_commit(
            lambda: payment_succeeded.send(sender=Payment, payment_id=payment.pk, invoice_id=invoice.pk)
        )
    return payment


def _next_attempt(invoice: Invoice) -> PaymentAttempt:
    """The attempt to make now: a pending one left by a crash is reused (same idempotency key, so
    Stripe will not charge twice); otherwise a new one, numbered under a unique constraint."""
    pending = PaymentAttempt.objects.filter(invoice=invoice, status=AttemptStatus.PENDING).order_by("number").first()
    if pending is not None:
        return pending
    last = PaymentAttempt.objects.filter(invoice=invoice).order_by("-number").first()
    return PaymentAttempt.objects.create(
        invoice=invoice,
        number=(last.number + 1) if last else 1,
        amount=invoice.amount_due,
        currency=invoice.currency,
        scheduled_for=timezone.now(),
    )


def invoice_collect(*, invoice_id: int) -> PaymentAttempt | None:
    """Charge the customer's saved card for an open invoice. Returns the attempt, or None when
    there is nothing to collect automatically (paid, no card, Stripe off)."""
    invoice = Invoice.objects.select_related("customer").get(pk=invoice_id)
    customer = invoice.customer
    if (
        invoice.status != InvoiceStatus.OPEN
        or invoice.amount_due <= ZERO
        or not stripe_gateway.is_configured()
        or not customer.stripe_customer_id
        or not customer.stripe_payment_method_id
    ):
        return None
    with transaction.atomic():
        attempt = _next_attempt(invoice)
    result = stripe_gateway.charge(
        stripe_customer_id=customer.stripe_customer_id,
        payment_method_id=customer.stripe_payment_method_id,
        amount=attempt.amount,
        currency=attempt.currency,
        idempotency_key=attempt.idempotency_key,
        metadata={"invoice": invoice.number or "", "attempt": str(attempt.number)},
    )
    with transaction.atomic():
        attempt = PaymentAttempt.objects.select_for_update().get(pk=attempt.pk)
        if attempt.status != AttemptStatus.PENDING:
            return attempt  # a concurrent run recorded it already
        attempt.attempted_at = timezone.now()
        attempt.stripe_payment_intent_id = result.payment_intent_id
        if result.succeeded:
            attempt.status = AttemptStatus.SUCCEEDED
            attempt.payment = payment_record(
                invoice=invoice,
                amount=attempt.amount,
                method=PaymentMethod.CARD,
                received_at=attempt.attempted_at,
                reference=result.charge_id,
                stripe_payment_intent_id=result.payment_intent_id,
                stripe_charge_id=result.charge_id,
            )
            attempt.save()
            audit_record(
                rule="receivables.card_charge",
                action="payment_attempt_succeeded",
                obj=attempt,
                inputs={"invoice": invoice.number, "amount": attempt.amount, "attempt": attempt.number},
                outcome={"payment_intent": result.payment_intent_id},
            )
            return attempt
        attempt.status = AttemptStatus.FAILED
        attempt.failure_code = result.failure_code
        attempt.failure_message = result.failure_message[:500]
        attempt.save()
        audit_record(
            rule="receivables.card_charge",
            action="payment_attempt_failed",
            obj=attempt,
            inputs={"invoice": invoice.number, "amount": attempt.amount, "attempt": attempt.number},
            outcome={"failure_code": result.failure_code, "message": result.failure_message},
        )
        dunning_case_record_failure(invoice=invoice, attempt=attempt)
        transaction.on_commit(
            lambda: payment_failed.send(
                sender=PaymentAttempt, attempt_id=attempt.pk, invoice_id=invoice.pk, failure_code=attempt.failure_code
            )
        )
    return attempt


def score_inputs_for(invoice: Invoice) -> ScoreInputs:
    customer = invoice.customer
    now = timezone.now()
    year_ago = now - timedelta(days=365)
    history = Invoice.objects.filter(customer=customer, finalized_at__gte=year_ago).exclude(pk=invoice.pk)
    amounts = [i.total for i in history.only("total")]
    previous_usage = (
        Invoice.objects.filter(customer=customer, period_end__lte=invoice.period_start)
        .exclude(pk=invoice.pk)
        .order_by("-period_end")
        .values_list("total", flat=True)
        .first()
    )
    return ScoreInputs(
        invoices_paid=history.filter(status=InvoiceStatus.PAID).count(),
        failed_attempts=PaymentAttempt.objects.filter(
            invoice__customer=customer, status=AttemptStatus.FAILED, attempted_at__gte=year_ago
        )
        .exclude(invoice=invoice)
        .count(),
        tenure_days=(now - customer.created_at).days,
        invoice_amount=invoice.total,
        median_invoice_amount=Decimal(statistics.median(amounts)) if amounts else None,
        usage_ratio=(invoice.total / previous_usage) if previous_usage else None,
    )


def _at_local_hour(day_offset: int, *, start: datetime, tz: ZoneInfo) -> datetime:
    """``day_offset`` days after ``start``, at 9am in the customer's time zone, never in the past."""
    local = start.astimezone(tz)
    candidate = datetime.combine(local.date() + timedelta(days=day_offset), REMINDER_HOUR, tzinfo=tz)
    if candidate < local:
        candidate += timedelta(days=1)
    return candidate


def dunning_case_record_failure(*, invoice: Invoice, attempt: PaymentAttempt) -> DunningCase:
    """Open the invoice's dunning case on its first failure (scored, retry and reminders scheduled),
    or advance it on a failed retry; escalate to an AR analyst when the sequence is exhausted."""
    tz = ZoneInfo(invoice.customer.timezone)
    now = timezone.now()
    case = DunningCase.objects.select_for_update().filter(invoice=invoice).first()
    if case is None:
        inputs = score_inputs_for(invoice)
        result = score(inputs)
        case = DunningCase.objects.create(
            invoice=invoice,
            customer=invoice.customer,
            payment_score=result.value,
            score_inputs={**inputs.as_dict(), "band": result.band, "retry_days": list(result.retry_days)},
            last_failure_code=attempt.failure_code,
            next_retry_at=now + timedelta(days=result.retry_days[0]),
            next_reminder_at=_at_local_hour(REMINDER_DAYS[0], start=now, tz=tz),
        )
        audit_record(
            rule="dunning.score_and_schedule",
            action="dunning_case_opened",
            obj=case,
            inputs={"invoice": invoice.number, "failure_code": attempt.failure_code, **case.score_inputs},
            outcome={
                "score": result.value,
                "band": result.band,
                "next_retry_at": case.next_retry_at,
                "next_reminder_at": case.next_reminder_at,
            },
        )
        return case
    case.retries_done += 1
    case.last_failure_code = attempt.failure_code
    retry_days: list[int] = case.score_inputs.get("retry_days", [3, 7, 14])
    if case.retries_done < len(retry_days):
        case.next_retry_at = case.opened_at + timedelta(days=retry_days[case.retries_done])
        outcome = {"next_retry_at": case.next_retry_at}
    else:
        case.status = DunningStatus.ESCALATED
        case.next_retry_at = None
        outcome = {"escalated": True, "sequence_days": SEQUENCE_DAYS}
    case.save()
    audit_record(
        rule="dunning.retry_plan",
        action="dunning_case_advanced",
        obj=case,
        inputs={"invoice": invoice.number, "retries_done": case.retries_done, "retry_days": retry_days},
        outcome=outcome,
    )
    return case


def dunning_retry(*, case_id: int) -> PaymentAttempt | None:
    """Make the scheduled retry of a dunning case, once: the case's ``next_retry_at`` is claimed
    under a row lock before Stripe is called."""
    with transaction.atomic():
        case = DunningCase.objects.select_for_update().get(pk=case_id)
        if case.status != DunningStatus.OPEN or case.next_retry_at is None or case.next_retry_at > timezone.now():
            return None
        case.next_retry_at = None
        case.save(update_fields=["next_retry_at"])
    return invoice_collect(invoice_id=case.invoice_id)


def dunning_reminder_due(*, case: DunningCase) -> bool:
    return (
        case.status in (DunningStatus.OPEN, DunningStatus.ESCALATED)
        and case.next_reminder_at is not None
        and (case.next_reminder_at <= timezone.now())
    )


def dunning_reminder_send(*, case_id: int) -> DunningCase:
    """Send the due reminder of a case once (claimed under a row lock), schedule the next one."""
    from .notifications import reminder_email_send

    with transaction.atomic():
        case = DunningCase.objects.select_for_update().select_related("customer").get(pk=case_id)
        if not dunning_reminder_due(case=case):
            return case
        invoice = Invoice.objects.get(pk=case.invoice_id)
        if invoice.status != InvoiceStatus.OPEN:
            case.next_reminder_at = None
            case.save(update_fields=["next_reminder_at"])
            return case
        sequence = case.reminders_sent + 1
        case.reminders_sent = sequence
        tz = ZoneInfo(case.customer.timezone)
        case.next_reminder_at = (
            _at_local_hour(REMINDER_DAYS[sequence], start=case.opened_at, tz=tz)
            if sequence < len(REMINDER_DAYS)
            else None
        )
        case.save()
        recipients = reminder_email_send(invoice=invoice, customer=case.customer, sequence=sequence)
        audit_record(
            rule="dunning.reminder",
            action="reminder_sent",
            obj=case,
            inputs={"invoice": invoice.number, "sequence": sequence},
            outcome={"to": recipients, "next_reminder_at": case.next_reminder_at},
        )
    return case


def dunning_close_written_off(*, invoice_id: int) -> DunningCase | None:
    """The invoice was written off: its dunning case stops (no more retries or reminders)."""
    with transaction.atomic():
        case = (
            DunningCase.objects.select_for_update()
            .filter(invoice_id=invoice_id, status__in=[DunningStatus.OPEN, DunningStatus.ESCALATED])
            .first()
        )
        if case is None:
            return None
        was = case.status
        case.status = DunningStatus.CLOSED
        case.closed_at = timezone.now()
        case.next_retry_at = case.next_reminder_at = None
        case.save()
        audit_record(
            rule="receivables.written_off",
            action="dunning_case_closed",
            obj=case,
            inputs={"invoice_id": invoice_id, "status": was},
            outcome={"status": case.status},
        )
    return case
