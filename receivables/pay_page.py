"""Card payments on the invoice's pay page (Stripe PaymentIntents confirmed by Stripe.js).

The flow:
1. "Pay" on the page asks ``pay_page_intent_for`` for the intent of the amount due: made once per
   invoice and amount (a ``PayPageIntent`` row, whose pk and generation give Stripe's idempotency
   key, so concurrent clicks get the same intent), reused on every reload.
2. Stripe.js confirms it in the browser with the card the customer typed (``confirmCardPayment``);
   card data never reaches us.
3. The browser comes back to the return URL with the intent's id, and a Stripe webhook
   (``payment_intent.succeeded``) may arrive too, in any order. Both call ``pay_page_intent_settle``,
   which retrieves the intent from Stripe and records the payment only if Stripe says it
   succeeded, for the amount and currency we asked, once per intent (row lock, plus the unique
   PaymentIntent id on Payment).

Live Stripe's Checkout Sessions would be an alternative to steps 1-2; localstripe lacks them, and
this flow works against both.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

import stripe
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.services import audit_record
from integrations import stripe_gateway
from invoicing.choices import InvoiceStatus
from invoicing.models import Invoice
from rating import round_money

from .choices import PaymentMethod, PayPageIntentStatus
from .exceptions import PaymentNotAllowed
from .models import PayPageIntent
from .services import payment_record

logger = logging.getLogger(__name__)

ZERO = Decimal(0)
RULE = "receivables.pay_page"
# Intents Stripe may still confirm: reused as they are.
REUSABLE = frozenset({"requires_payment_method", "requires_confirmation", "requires_action", "processing"})


@dataclass(frozen=True)
class PayPageIntentView:
    """What the page's script needs: the intent to confirm, and its client secret."""

    payment_intent_id: str
    client_secret: str
    status: str
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class SettleOutcome:
    status: str  # "succeeded" | "processing" | "failed" | "pending" | "unapplied"
    message: str
    payment_id: int | None = None


def _payable(invoice: Invoice) -> None:
    if invoice.status != InvoiceStatus.OPEN or invoice.amount_due <= ZERO:
        raise PaymentNotAllowed("Nothing is due on this invoice.")
    if not stripe_gateway.card_form_is_configured():
        raise PaymentNotAllowed("Card payments are not available; please pay by bank transfer.")


def pay_page_intent_for(*, invoice_id: int) -> PayPageIntentView:
    """The PaymentIntent for the invoice's amount due, made on first use and reused after.

    Intents made for an earlier amount due (a partial payment or credit note came in since) are
    canceled, so a page left open since then cannot pay the old amount. Raises PaymentNotAllowed
    when nothing is due or card payments are off; Stripe errors propagate.
    """
    invoice = Invoice.objects.select_related("customer").get(pk=invoice_id)
    _payable(invoice)
    amount, currency = invoice.amount_due, invoice.currency
    try:
        row, _ = PayPageIntent.objects.get_or_create(invoice=invoice, amount=amount, currency=currency)
    except IntegrityError:  # a concurrent first click made it
        row = PayPageIntent.objects.get(invoice=invoice, amount=amount, currency=currency)
    _cancel_stale(invoice=invoice, keep=row)
    if row.status == PayPageIntentStatus.SUCCEEDED:
        raise PaymentNotAllowed("This invoice has been paid.")
    state = None
    if row.stripe_payment_intent_id:
        state = stripe_gateway.payment_intent_retrieve(row.stripe_payment_intent_id)
        if state.status == "canceled":
            state = None
            with transaction.atomic():
                row = PayPageIntent.objects.select_for_update().get(pk=row.pk)
                row.generation += 1
                row.stripe_payment_intent_id = ""
                row.status = PayPageIntentStatus.OPEN
                row.save()
    if state is None:
        state = stripe_gateway.payment_intent_create(
            amount=amount,
            currency=currency,
            stripe_customer_id=invoice.customer.stripe_customer_id,
            metadata={"invoice": invoice.number or "", "invoice_id": str(invoice.pk), "pay_page_intent": str(row.pk)},
            idempotency_key=row.idempotency_key,
        )
        with transaction.atomic():
            row = PayPageIntent.objects.select_for_update().get(pk=row.pk)
            if not row.stripe_payment_intent_id:
                row.stripe_payment_intent_id = state.id
                row.save()
                audit_record(
                    rule=RULE,
                    action="pay_page_intent_created",
                    obj=row,
                    inputs={"invoice": invoice.number, "amount": amount, "currency": currency},
                    outcome={"payment_intent": state.id, "generation": row.generation},
                )
            elif row.stripe_payment_intent_id != state.id:  # a concurrent request stored its own first
                state = stripe_gateway.payment_intent_retrieve(row.stripe_payment_intent_id)
    return PayPageIntentView(
        payment_intent_id=state.id,
        client_secret=state.client_secret,
        status=state.status,
        amount=round_money(amount, currency),
        currency=currency,
    )


def _cancel_stale(*, invoice: Invoice, keep: PayPageIntent) -> None:
    stale = PayPageIntent.objects.filter(invoice=invoice, status=PayPageIntentStatus.OPEN).exclude(pk=keep.pk)
    for row in stale.exclude(stripe_payment_intent_id=""):
        try:
            state = stripe_gateway.payment_intent_cancel(row.stripe_payment_intent_id)
        except stripe.StripeError as exc:
            # Succeeded (or processing) meanwhile: leave it open for settle to record it.
            logger.info("Pay page intent %s not canceled: %s", row.stripe_payment_intent_id, exc)
            continue
        if state.status == "canceled":
            row.status = PayPageIntentStatus.CANCELED
            row.save(update_fields=["status", "updated_at"])
            audit_record(
                rule=RULE,
                action="pay_page_intent_canceled",
                obj=row,
                inputs={"invoice": invoice.number, "amount": row.amount, "amount_due": invoice.amount_due},
                outcome={"payment_intent": row.stripe_payment_intent_id},
            )


def pay_page_intent_settle(*, invoice_id: int | None, payment_intent_id: str) -> SettleOutcome | None:
    """Record the payment of a pay page intent if Stripe says it succeeded, once.

    ``invoice_id`` is the invoice of the pay link the browser came back to (None from the webhook).
    Returns None when the intent is not one of ours for that invoice. Nothing the browser sends is
    trusted: the status, amount and currency come from Stripe and must match what we asked for.
    """
    rows = PayPageIntent.objects.filter(stripe_payment_intent_id=payment_intent_id)
    if invoice_id is not None:
        rows = rows.filter(invoice_id=invoice_id)
    row = rows.first() if payment_intent_id else None
    if row is None:
        return None
    if row.payment_id is not None:
        return SettleOutcome("succeeded", "Thank you: your payment has been received.", row.payment_id)
    state = stripe_gateway.payment_intent_retrieve(payment_intent_id)
    expected = stripe_gateway.to_minor_units(row.amount, row.currency)
    if state.amount != expected or state.currency != row.currency.upper():
        logger.error("Pay page intent %s does not match its row %s", payment_intent_id, row.pk)
        return SettleOutcome("failed", "This payment does not match the invoice; please contact us.")
    if state.status == "succeeded":
        return _record(row_id=row.pk, state=state)
    if state.status == "processing":
        return SettleOutcome("processing", "Your payment is processing; this page will show it once it clears.")
    if state.error_message:
        with transaction.atomic():
            locked = PayPageIntent.objects.select_for_update().get(pk=row.pk)
            locked.last_error = state.error_message[:500]
            locked.save(update_fields=["last_error", "updated_at"])
        return SettleOutcome("failed", f"The payment did not go through: {state.error_message}")
    return SettleOutcome("pending", "The payment has not been completed.")


def _record(*, row_id: int, state: stripe_gateway.IntentState) -> SettleOutcome:
    with transaction.atomic():
        row = PayPageIntent.objects.select_for_update().select_related("invoice").get(pk=row_id)
        if row.payment_id is not None:  # the webhook and the browser's return raced: one records
            return SettleOutcome("succeeded", "Thank you: your payment has been received.", row.payment_id)
        if row.status == PayPageIntentStatus.UNAPPLIED:
            return SettleOutcome("unapplied", _UNAPPLIED)
        try:
            payment = payment_record(
                invoice=row.invoice,
                amount=row.amount,
                method=PaymentMethod.CARD,
                received_at=timezone.now(),
                reference=state.charge_id or state.id,
                stripe_payment_intent_id=state.id,
                stripe_charge_id=state.charge_id,
            )
        except PaymentNotAllowed as exc:
            # Paid by card after the invoice was settled some other way (or voided): the money is
            # in Stripe, it cannot be applied here. AR refunds or credits it by hand.
            row.status = PayPageIntentStatus.UNAPPLIED
            row.last_error = str(exc)[:500]
            row.save()
            audit_record(
                rule=RULE,
                action="pay_page_payment_unapplied",
                obj=row,
                inputs={"invoice": row.invoice.number, "amount": row.amount, "payment_intent": state.id},
                outcome={"error": str(exc)},
            )
            logger.error("Pay page payment %s could not be applied: %s", state.id, exc)
            return SettleOutcome("unapplied", _UNAPPLIED)
        row.payment = payment
        row.status = PayPageIntentStatus.SUCCEEDED
        row.last_error = ""
        row.save()
        audit_record(
            rule=RULE,
            action="pay_page_payment_recorded",
            obj=row,
            inputs={"invoice": row.invoice.number, "amount": row.amount, "payment_intent": state.id},
            outcome={"payment": payment.pk, "charge": state.charge_id},
        )
    return SettleOutcome("succeeded", "Thank you: your payment has been received.", payment.pk)


_UNAPPLIED = "Your payment was received after this invoice was settled; we will refund or credit it."
