"""Stripe webhooks: verified by signature, deduplicated by event id, handed to receivables.

Handled: ``payment_intent.succeeded`` / ``.payment_failed`` / ``.processing`` /
``.requires_action`` (the off-session attempt or the pay page intent is synced from Stripe's
record of the intent, never from the event body), ``charge.refunded`` and
``charge.dispute.created`` / ``.updated`` / ``.closed``. Anything else is acknowledged.

Deduplication: an event already handled answers its stored result and does nothing. Handling
comes before the event is stored, so a delivery that fails half way is handled again when
Stripe redelivers; the handlers are idempotent themselves (row locks, one payment per intent).
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from . import stripe_gateway
from .models import StripeWebhookEvent

logger = logging.getLogger(__name__)

INTENT_EVENTS = frozenset(
    {
        "payment_intent.succeeded",
        "payment_intent.payment_failed",
        "payment_intent.processing",
        "payment_intent.requires_action",
    }
)
DISPUTE_EVENTS = frozenset({"charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed"})


def _get(obj: Any, key: str, default: Any = "") -> Any:
    try:
        value = obj[key] if isinstance(obj, dict) else getattr(obj, key)
    except (KeyError, AttributeError):
        return default
    return default if value is None else value


def _handle(event_type: str, obj: Any) -> str:
    from receivables.pay_page import pay_page_intent_settle
    from receivables.services import payment_charge_refunded, payment_dispute_update, payment_intent_sync

    if event_type in INTENT_EVENTS:
        intent_id = str(_get(obj, "id"))
        status = payment_intent_sync(payment_intent_id=intent_id)
        if status:
            return status
        if event_type == "payment_intent.succeeded":
            outcome = pay_page_intent_settle(invoice_id=None, payment_intent_id=intent_id)
            return "ignored" if outcome is None else outcome.status
        return "ignored"
    if event_type == "charge.refunded":
        amount = _get(obj, "amount_refunded", None)
        currency = str(_get(obj, "currency", "usd")).upper()
        refunded_major = (
            Decimal(int(amount)).scaleb(-stripe_gateway.currency_exponent(currency)) if amount is not None else None
        )
        return payment_charge_refunded(
            charge_id=str(_get(obj, "id")), amount_refunded=refunded_major, refunded=bool(_get(obj, "refunded", False))
        )
    if event_type in DISPUTE_EVENTS:
        return payment_dispute_update(
            charge_id=str(_get(obj, "charge")),
            dispute_id=str(_get(obj, "id")),
            dispute_status=str(_get(obj, "status", "needs_response")),
            reason=str(_get(obj, "reason")),
        )
    return "ignored"


def stripe_webhook_receive(*, payload: bytes, signature: str) -> str:
    """Handle one signed delivery; returns what was done. Raises on a bad signature."""
    event = stripe_gateway.webhook_event_construct(payload=payload, signature=signature)
    event_id = str(event.id)
    seen = StripeWebhookEvent.objects.filter(event_id=event_id).values_list("result", flat=True).first()
    if seen is not None:
        return seen
    obj = event.data.object
    result = _handle(str(event.type), obj)
    try:
        with transaction.atomic():
            StripeWebhookEvent.objects.create(
                event_id=event_id, type=str(event.type), object_id=str(_get(obj, "id"))[:100], result=result[:200]
            )
    except IntegrityError:  # a concurrent delivery of the same event stored it first
        logger.info("Stripe event %s handled concurrently", event_id)
    return result
