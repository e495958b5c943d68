from __future__ import annotations

import dataclasses
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

from .choices import AttemptStatus, DunningStatus, PaymentMethod, PaymentStatus
from .dunning.declines import decline_class
from .dunning.policy import SEQUENCE_DAYS, Attempt, Decision
from .exceptions import PaymentNotAllowed
from .history import customer_payment_history, payment_history_record_own_attempt
from .learning import DecisionInput, dunning_decide, probability_decimal
from .models import DunningCase, Payment, PaymentAllocation, PaymentAttempt
from .signals import payment_failed, payment_succeeded

ZERO = Decimal(0)
Actor = AbstractBaseUser | str | None
REMINDER_HOUR = time(9, 0)
# Reminder emails (days after the first failure), at 9am in the customer's time zone.
REMINDER_DAYS: tuple[int, ...] = (0, 3, 7, 12)


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
    there is nothing to collect automatically (paid, no card, Stripe off).

    An attempt Stripe still has in ``processing`` or ``requires_action`` is not a failure: no new
    attempt (with a new idempotency key, hence a possible second charge) is made while it is
    pending; it is synced with Stripe instead, and its outcome recorded when Stripe has one."""
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
    processing = PaymentAttempt.objects.filter(invoice=invoice, status=AttemptStatus.PROCESSING).first()
    if processing is not None:
        return payment_attempt_sync(attempt_id=processing.pk)
    with transaction.atomic():
        attempt = _next_attempt(invoice)
    # The card charged, as Stripe knows it: the attempt joins the payment history with it, so the
    # dunning model sees this customer's card (brand, funding, country) in the live cases.
    card = stripe_gateway.card_details(customer.stripe_payment_method_id)
    PaymentAttempt.objects.filter(pk=attempt.pk).update(
        card_brand=card.brand, card_funding=card.funding, card_country=card.country
    )
    result = stripe_gateway.charge(
        stripe_customer_id=customer.stripe_customer_id,
        payment_method_id=customer.stripe_payment_method_id,
        amount=attempt.amount,
        currency=attempt.currency,
        idempotency_key=attempt.idempotency_key,
        metadata={
            "invoice": invoice.number or "",
            "attempt": str(attempt.number),
            "autobill_attempt": str(attempt.pk),
        },
    )
    return _attempt_settle(attempt_id=attempt.pk, result=result)


def _attempt_settle(*, attempt_id: int, result: stripe_gateway.ChargeResult) -> PaymentAttempt:
    """Record what Stripe says about an attempt: succeeded, failed (dunning), or still pending."""
    with transaction.atomic():
        attempt = PaymentAttempt.objects.select_for_update().select_related("invoice__customer").get(pk=attempt_id)
        if attempt.status not in (AttemptStatus.PENDING, AttemptStatus.PROCESSING):
            return attempt  # a concurrent run (or the webhook) recorded it already
        invoice = attempt.invoice
        attempt.attempted_at = attempt.attempted_at or timezone.now()
        attempt.stripe_payment_intent_id = result.payment_intent_id or attempt.stripe_payment_intent_id
        inputs = {"invoice": invoice.number, "amount": attempt.amount, "attempt": attempt.number}
        if result.pending:
            if attempt.status != AttemptStatus.PROCESSING:
                attempt.status = AttemptStatus.PROCESSING
                attempt.save()
                audit_record(
                    rule="receivables.card_charge",
                    action="payment_attempt_pending",
                    obj=attempt,
                    inputs=inputs,
                    outcome={"payment_intent": result.payment_intent_id, "status": result.status},
                )
            return attempt
        if result.succeeded:
            attempt.status = AttemptStatus.SUCCEEDED
            try:
                attempt.payment = payment_record(
                    invoice=invoice,
                    amount=attempt.amount,
                    method=PaymentMethod.CARD,
                    received_at=attempt.attempted_at,
                    reference=result.charge_id,
                    stripe_payment_intent_id=result.payment_intent_id,
                    stripe_charge_id=result.charge_id,
                )
            except PaymentNotAllowed as exc:
                # Settled another way while Stripe was processing: the money is in Stripe, AR
                # refunds or credits it; the attempt still succeeded.
                audit_record(rule="receivables.card_charge", action="payment_attempt_unapplied", obj=attempt,
                             inputs=inputs, outcome={"error": str(exc)})
            attempt.save()
            audit_record(rule="receivables.card_charge", action="payment_attempt_succeeded", obj=attempt,
                         inputs=inputs, outcome={"payment_intent": result.payment_intent_id})
            _history_own(attempt)
            return attempt
        attempt.status = AttemptStatus.FAILED
        attempt.failure_code = result.failure_code
        attempt.decline_class = decline_class(result.failure_code)
        attempt.failure_message = result.failure_message[:500]
        attempt.save()
        audit_record(
            rule="receivables.card_charge",
            action="payment_attempt_failed",
            obj=attempt,
            inputs=inputs,
            outcome={"failure_code": result.failure_code, "decline_class": attempt.decline_class,
                     "message": result.failure_message},
        )
        _history_own(attempt)
        dunning_case_record_failure(invoice=invoice, attempt=attempt)
        transaction.on_commit(
            lambda: payment_failed.send(
                sender=PaymentAttempt, attempt_id=attempt.pk, invoice_id=invoice.pk, failure_code=attempt.failure_code
            )
        )
    return attempt


def _history_own(attempt: PaymentAttempt) -> None:
    payment_history_record_own_attempt(
        attempt_id=attempt.pk,
        customer_id=attempt.invoice.customer_id,
        invoice_reference=attempt.invoice.number or f"invoice-{attempt.invoice_id}",
        amount=attempt.amount,
        currency=attempt.currency,
        attempted_at=attempt.attempted_at,
        succeeded=attempt.status == AttemptStatus.SUCCEEDED,
        decline_code=attempt.failure_code,
        card_brand=attempt.card_brand,
        card_funding=attempt.card_funding,
        card_country=attempt.card_country,
    )


def payment_attempt_sync(*, attempt_id: int) -> PaymentAttempt:
    """Ask Stripe for the truth about an attempt's PaymentIntent and record it (the webhook and
    the retry finder both end here; recording is once, under the attempt's row lock)."""
    attempt = PaymentAttempt.objects.get(pk=attempt_id)
    if attempt.status not in (AttemptStatus.PENDING, AttemptStatus.PROCESSING) or not attempt.stripe_payment_intent_id:
        return attempt
    state = stripe_gateway.payment_intent_retrieve(attempt.stripe_payment_intent_id)
    if state.status == "succeeded":
        result = stripe_gateway.ChargeResult(succeeded=True, payment_intent_id=state.id, charge_id=state.charge_id,
                                             status=state.status)
    elif state.status in stripe_gateway.PENDING_STATUSES:
        result = stripe_gateway.ChargeResult(succeeded=False, pending=True, payment_intent_id=state.id,
                                             status=state.status)
    else:  # requires_payment_method (declined, or 3-D Secure failed) or canceled
        result = stripe_gateway.ChargeResult(
            succeeded=False,
            payment_intent_id=state.id,
            failure_code=state.decline_code or state.error_code or f"intent_{state.status}",
            failure_message=state.error_message or f"Payment not completed ({state.status}).",
            status="failed",
        )
    return _attempt_settle(attempt_id=attempt.pk, result=result)


def payment_intent_sync(*, payment_intent_id: str) -> str:
    """A Stripe webhook about a PaymentIntent: settle the off-session attempt it belongs to.
    Returns the attempt's status, or '' when the intent is not one of our attempts."""
    attempt = PaymentAttempt.objects.filter(stripe_payment_intent_id=payment_intent_id).first()
    if attempt is None:
        return ""
    return payment_attempt_sync(attempt_id=attempt.pk).status


def payment_charge_refunded(*, charge_id: str, amount_refunded: Decimal | None, refunded: bool) -> str:
    """``charge.refunded`` from Stripe: a full refund marks the payment refunded (refunds we made
    are already recorded by receivables.refunds; this catches those made in Stripe's dashboard)."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().filter(stripe_charge_id=charge_id).first()
        if payment is None:
            return "ignored"
        was = payment.status
        if refunded and payment.status != PaymentStatus.REFUNDED:
            payment.status = PaymentStatus.REFUNDED
            payment.save()
        audit_record(rule="receivables.stripe_charge_refunded", action="payment_refund_reported", obj=payment,
                     inputs={"charge": charge_id, "amount_refunded": amount_refunded, "refunded": refunded},
                     outcome={"status": payment.status, "was": was})
    return payment.status


def payment_dispute_update(*, charge_id: str, dispute_id: str, dispute_status: str, reason: str) -> str:
    """``charge.dispute.created`` / ``.closed``: the payment carries the dispute's state for AR
    (won, lost, needs_response...)."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().filter(stripe_charge_id=charge_id).first()
        if payment is None:
            return "ignored"
        payment.dispute_status = dispute_status[:30]
        payment.save()
        audit_record(rule="receivables.stripe_dispute", action="payment_dispute_updated", obj=payment,
                     inputs={"charge": charge_id, "dispute": dispute_id, "reason": reason},
                     outcome={"dispute_status": payment.dispute_status})
    return payment.dispute_status


def _at_local_hour(day_offset: int, *, start: datetime, tz: ZoneInfo) -> datetime:
    """``day_offset`` days after ``start``, at 9am in the customer's time zone, never in the past."""
    local = start.astimezone(tz)
    candidate = datetime.combine(local.date() + timedelta(days=day_offset), REMINDER_HOUR, tzinfo=tz)
    if candidate < local:
        candidate += timedelta(days=1)
    return candidate


def dunning_decide_for_invoice(*, invoice: Invoice, case: DunningCase | None = None) -> Decision:
    """The live case's decision, by the same function as ``POST /api/v1/dunning/next-action``:
    this invoice's attempts so far, decided as of the last one, with the card the latest attempt
    charged (else the customer's latest card in the history)."""
    rows = list(
        PaymentAttempt.objects.filter(
            invoice=invoice, status__in=[AttemptStatus.SUCCEEDED, AttemptStatus.FAILED], attempted_at__isnull=False
        ).order_by("attempted_at", "number")
    )
    attempts = [
        Attempt(attempted_at=a.attempted_at, succeeded=a.status == AttemptStatus.SUCCEEDED, decline_code=a.failure_code)
        for a in rows
    ]
    carded = [a for a in rows if a.card_brand or a.card_funding or a.card_country]
    card = carded[-1] if carded else None
    return dunning_decide(
        data=DecisionInput(
            customer=invoice.customer,
            invoice_reference=invoice.number or f"invoice-{invoice.pk}",
            amount=invoice.amount_due,
            currency=invoice.currency,
            brand=card.card_brand if card else "",
            funding=card.card_funding if card else "",
            card_country=card.card_country if card else "",
            attempts=tuple(attempts),
            card_from_history=True,
        ),
        audit_obj=case,
    )


def _apply_decision(case: DunningCase, decision: Decision, *, now: datetime) -> None:
    case.next_action = decision.action
    case.next_action_reason = decision.reason[:500]
    case.next_action_probability = probability_decimal(decision)
    case.payment_score = case.next_action_probability
    case.model_version = decision.model_version
    case.retries_done = decision.retries_done
    if decision.action == "retry" and decision.at is not None:
        case.next_retry_at = decision.at
        return
    case.next_retry_at = None
    if decision.action == "escalate" and case.status == DunningStatus.OPEN:
        _escalate(case, reason=decision.reason, now=now)


def _escalate(case: DunningCase, *, reason: str, now: datetime) -> None:
    """Into the AR queue, with the full payment history attached: this invoice's attempts (with
    Stripe's decline codes) and the customer's payment history, as they were at escalation."""
    case.status = DunningStatus.ESCALATED
    case.escalated_at = now
    case.escalation_reason = reason[:500]
    case.next_retry_at = None
    case.escalation_history = {
        "invoice_attempts": [
            {
                "number": a.number,
                "status": a.status,
                "attempted_at": a.attempted_at,
                "amount": a.amount,
                "currency": a.currency,
                "decline_code": a.failure_code,
                "decline_class": a.decline_class,
                "message": a.failure_message,
                "payment_intent": a.stripe_payment_intent_id,
            }
            for a in PaymentAttempt.objects.filter(invoice_id=case.invoice_id).order_by("number")
        ],
        "customer_history": customer_payment_history(customer_id=case.customer_id),
    }


def dunning_case_record_failure(*, invoice: Invoice, attempt: PaymentAttempt) -> DunningCase:
    """Open the invoice's dunning case on its first failure, or advance it on a failed retry: the
    policy plans the next retry, or escalates to an AR analyst (hard decline, 4 retries used, the
    14-day window over, or no retry worth making). Reminders go at 9am customer time."""
    tz = ZoneInfo(invoice.customer.timezone)
    now = timezone.now()
    case = DunningCase.objects.select_for_update().filter(invoice=invoice).first()
    opened = case is None
    if case is None:
        case = DunningCase.objects.create(
            invoice=invoice,
            customer=invoice.customer,
            next_reminder_at=_at_local_hour(REMINDER_DAYS[0], start=now, tz=tz),
        )
    case.last_failure_code = attempt.failure_code
    decision = dunning_decide_for_invoice(invoice=invoice, case=case)
    if case.is_paused and decision.action == "retry":
        decision = dataclasses.replace(decision, reason="Paused by an AR analyst. " + decision.reason)
    _apply_decision(case, decision, now=now)
    if case.is_paused:
        case.next_retry_at = None
    case.score_inputs = {"decision": decision.rule, "top_features": decision.top_features or {},
                         "plan_value": decision.plan_value}
    case.save()
    audit_record(
        rule=f"dunning.policy.{decision.rule}",
        action="dunning_case_opened" if opened else "dunning_case_advanced",
        obj=case,
        inputs={"invoice": invoice.number, "failure_code": attempt.failure_code,
                "decline_class": attempt.decline_class, "retries_done": case.retries_done},
        outcome={"action": decision.action, "next_retry_at": case.next_retry_at, "status": case.status,
                 "probability": decision.probability_text(), "model_version": decision.model_version},
    )
    return case


def dunning_cases_escalate_overdue(*, now: datetime | None = None) -> int:
    """Escalate the open cases whose 14-day sequence is over with no retry planned (a retry that
    could not be made: the card was removed or card collection turned off; or paused for a
    promise that was not kept): the failed retries escalate their cases themselves, these would
    otherwise wait in the automated sequence for ever. Returns how many were escalated."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=SEQUENCE_DAYS)
    ids = list(
        DunningCase.objects.filter(status=DunningStatus.OPEN, next_retry_at__isnull=True, opened_at__lte=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)[:500]
    )
    escalated = 0
    for pk in ids:
        with transaction.atomic():
            case = DunningCase.objects.select_for_update().get(pk=pk)
            if case.status != DunningStatus.OPEN or case.next_retry_at is not None or case.opened_at > cutoff:
                continue
            _escalate(case, reason=f"The {SEQUENCE_DAYS}-day dunning sequence is over without payment.", now=now)
            case.next_action = "escalate"
            case.save()
            audit_record(
                rule="dunning.policy.window_closed",
                action="dunning_case_escalated",
                obj=case,
                inputs={"opened_at": case.opened_at, "retries_done": case.retries_done, "paused": case.is_paused},
                outcome={
                    "status": case.status,
                    "history_attempts": case.escalation_history["customer_history"]["total"],
                },
            )
            escalated += 1
    return escalated


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


def dunning_case_pause(*, case_id: int, paused: bool, actor: Actor) -> DunningCase:
    """An AR analyst pauses (or resumes) automated retries of a case; resuming asks the policy
    for the next retry again."""
    with transaction.atomic():
        case = DunningCase.objects.select_for_update().select_related("invoice__customer").get(pk=case_id)
        case.is_paused = paused
        if paused:
            case.next_retry_at = None
        elif case.status == DunningStatus.OPEN:
            _apply_decision(case, dunning_decide_for_invoice(invoice=case.invoice, case=case), now=timezone.now())
        case.save()
        audit_record(rule="dunning.analyst", action="dunning_case_paused" if paused else "dunning_case_resumed",
                     obj=case, actor=actor, inputs={"case": case.pk}, outcome={"next_retry_at": case.next_retry_at})
    return case
