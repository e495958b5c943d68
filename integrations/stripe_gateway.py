"""Stripe, behind one small module. Amounts cross this boundary as Decimal in major units and
are converted to integer minor units here, exactly (invoice amounts are already rounded)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import stripe
from django.conf import settings

from rating import currency_exponent

__all__ = ["currency_exponent"]  # re-exported for the webhook's minor-unit amounts


class StripeNotConfigured(RuntimeError):
    """No STRIPE_API_KEY: automatic card collection is off."""


# PaymentIntent statuses that are neither paid nor failed: the outcome is still to come (a bank
# debit clearing, a 3-D Secure challenge the customer may still complete). Retrying them with a
# new idempotency key could charge twice, so they are pending until Stripe says otherwise.
PENDING_STATUSES = frozenset({"processing", "requires_action", "requires_confirmation", "requires_capture"})


@dataclass(frozen=True)
class ChargeResult:
    succeeded: bool
    payment_intent_id: str = ""
    charge_id: str = ""
    failure_code: str = ""
    failure_message: str = ""
    pending: bool = False
    status: str = ""


def is_configured() -> bool:
    return bool(settings.STRIPE_API_KEY)


def _client() -> stripe.StripeClient:
    if not settings.STRIPE_API_KEY:
        raise StripeNotConfigured("Set STRIPE_API_KEY to collect by card.")
    kwargs = {}
    if settings.STRIPE_API_BASE:
        kwargs["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(settings.STRIPE_API_KEY, max_network_retries=2, **kwargs)


def to_minor_units(amount: Decimal, currency: str) -> int:
    minor = amount.scaleb(currency_exponent(currency))
    if minor != minor.to_integral_value():
        raise ValueError(f"{amount} {currency} is not a whole number of minor units")
    return int(minor)


def customer_create(*, name: str, email: str, reference: str) -> str:
    customer = _client().v1.customers.create(
        params={"name": name, "email": email, "metadata": {"autobill_id": reference}}
    )
    return customer.id


def card_attach(*, stripe_customer_id: str, card_number: str, exp_month: int = 12, exp_year: int = 2030) -> str:
    """Attach a card (test environments and the demo only: live cards are collected by Stripe.js)."""
    client = _client()
    payment_method = client.v1.payment_methods.create(
        params={
            "type": "card",
            "card": {"number": card_number, "exp_month": exp_month, "exp_year": exp_year, "cvc": "123"},
        }
    )
    client.v1.payment_methods.attach(payment_method.id, params={"customer": stripe_customer_id})
    return payment_method.id


def charge(
    *,
    stripe_customer_id: str,
    payment_method_id: str,
    amount: Decimal,
    currency: str,
    idempotency_key: str,
    metadata: dict[str, str],
) -> ChargeResult:
    """Charge a saved card off-session. A decline or a refused request is a result, not an
    exception; network errors and Stripe outages raise (the caller's task retries them with the
    same idempotency key, so Stripe charges at most once)."""
    try:
        intent = _client().v1.payment_intents.create(
            params={
                "amount": to_minor_units(amount, currency),
                "currency": currency.lower(),
                "customer": stripe_customer_id,
                "payment_method": payment_method_id,
                "off_session": True,
                "confirm": True,
                "metadata": metadata,
            },
            options={"idempotency_key": idempotency_key},
        )
    except stripe.InvalidRequestError as exc:
        return ChargeResult(
            succeeded=False, failure_code=exc.code or "invalid_request", failure_message=exc.user_message or str(exc)
        )
    except stripe.CardError as exc:
        error = exc.error
        intent_id = ""
        if error is not None and getattr(error, "payment_intent", None):
            intent_id = (
                error.payment_intent.get("id", "")
                if isinstance(error.payment_intent, dict)
                else getattr(error.payment_intent, "id", "")
            )
        return ChargeResult(
            succeeded=False,
            payment_intent_id=intent_id,
            # Stripe's decline_code (insufficient_funds, expired_card...) says more than its
            # error code (card_declined); the classification needs it.
            failure_code=(getattr(error, "decline_code", None) if error is not None else None)
            or exc.code
            or "card_declined",
            failure_message=exc.user_message or str(exc),
            status="failed",
        )
    if intent.status in PENDING_STATUSES:
        return ChargeResult(
            succeeded=False,
            pending=True,
            status=intent.status,
            payment_intent_id=intent.id,
            failure_message=f"Payment pending at Stripe ({intent.status}).",
        )
    if intent.status != "succeeded":
        return ChargeResult(
            succeeded=False,
            payment_intent_id=intent.id,
            failure_code=f"intent_{intent.status}",
            failure_message=f"Payment not completed ({intent.status}).",
            status="failed",
        )
    charge_id = (
        intent.latest_charge if isinstance(intent.latest_charge, str) else getattr(intent.latest_charge, "id", "")
    )
    return ChargeResult(succeeded=True, payment_intent_id=intent.id, charge_id=charge_id or "", status="succeeded")


@dataclass(frozen=True)
class RefundResult:
    succeeded: bool
    refund_id: str = ""
    status: str = ""
    failure_message: str = ""


def refund(
    *,
    payment_intent_id: str,
    charge_id: str = "",
    amount: Decimal,
    currency: str,
    idempotency_key: str,
    metadata: dict[str, str],
) -> RefundResult:
    """Refund part or all of a card payment (by its PaymentIntent, else its charge). A refusal
    (already refunded, amount too large, unknown payment) is a result, not an exception; network
    errors raise, and the retry reuses ``idempotency_key`` so Stripe refunds at most once.

    Stripe takes a refund out of the account balance when it is created, so ``pending`` (the card
    network has not confirmed yet) counts as refunded, as ``succeeded`` does."""
    params: dict[str, object] = {"amount": to_minor_units(amount, currency), "metadata": metadata}
    if payment_intent_id:
        params["payment_intent"] = payment_intent_id
    elif charge_id:
        params["charge"] = charge_id
    else:
        return RefundResult(succeeded=False, failure_message="The payment has no Stripe PaymentIntent or charge.")
    try:
        result = _client().v1.refunds.create(params=params, options={"idempotency_key": idempotency_key})
    except (stripe.InvalidRequestError, stripe.CardError) as exc:
        return RefundResult(succeeded=False, failure_message=exc.user_message or str(exc))
    status = str(result.status or "")
    return RefundResult(
        succeeded=status in ("succeeded", "pending"),
        refund_id=result.id,
        status=status,
        failure_message="" if status in ("succeeded", "pending") else f"Stripe refund {status}.",
    )


@dataclass(frozen=True)
class CardDetails:
    """What Stripe knows of a saved card: its brand, funding (credit, debit, prepaid) and issuing
    country. Empty strings when Stripe does not say or cannot be asked."""

    brand: str = ""
    funding: str = ""
    country: str = ""


def card_details(payment_method_id: str) -> CardDetails:
    """The card behind a saved PaymentMethod. A refused or failed lookup is no card details, never
    an error: the details only inform the dunning model, they never block a charge."""
    if not payment_method_id or not is_configured():
        return CardDetails()
    try:
        method = _client().v1.payment_methods.retrieve(payment_method_id)
    except stripe.StripeError:
        return CardDetails()
    card = getattr(method, "card", None)
    if card is None:
        return CardDetails()
    return CardDetails(
        brand=str(getattr(card, "brand", "") or "")[:30],
        funding=str(getattr(card, "funding", "") or "")[:10],
        country=str(getattr(card, "country", "") or "").upper()[:2],
    )


def customer_exists(stripe_customer_id: str) -> bool:
    try:
        _client().v1.customers.retrieve(stripe_customer_id)
    except stripe.InvalidRequestError:
        return False
    return True


# --- PaymentIntents confirmed by the customer in the browser (the pay page) -----------------------


@dataclass(frozen=True)
class IntentState:
    """What Stripe says about a PaymentIntent, as plain values (amount in minor units)."""

    id: str
    status: str  # requires_payment_method | requires_confirmation | requires_action | processing | succeeded | ...
    amount: int
    currency: str
    client_secret: str
    charge_id: str
    metadata: dict[str, str]
    error_code: str = ""
    error_message: str = ""
    decline_code: str = ""


def card_form_is_configured() -> bool:
    """Both keys are set: the secret one to make intents, the publishable one for Stripe.js."""
    return is_configured() and bool(settings.STRIPE_PUBLISHABLE_KEY)


def stripe_js_url() -> str:
    """Stripe.js; localstripe serves its stand-in at <base>/js.stripe.com/v3/."""
    if settings.STRIPE_API_BASE:
        return settings.STRIPE_API_BASE.rstrip("/") + "/js.stripe.com/v3/"
    return "https://js.stripe.com/v3/"


def _intent_state(intent: stripe.PaymentIntent) -> IntentState:
    error = getattr(intent, "last_payment_error", None)
    latest_charge = getattr(intent, "latest_charge", None)
    metadata = getattr(intent, "metadata", None)
    return IntentState(
        id=intent.id,
        status=intent.status,
        amount=int(intent.amount),
        currency=str(intent.currency).upper(),
        client_secret=intent.client_secret or "",
        charge_id=latest_charge if isinstance(latest_charge, str) else getattr(latest_charge, "id", "") or "",
        metadata={str(k): str(v) for k, v in (metadata.to_dict() if metadata else {}).items()},
        error_code=(getattr(error, "code", "") or "") if error else "",
        error_message=(getattr(error, "message", "") or "") if error else "",
        decline_code=(getattr(error, "decline_code", "") or "") if error else "",
    )


def payment_intent_create(
    *,
    amount: Decimal,
    currency: str,
    stripe_customer_id: str,
    metadata: dict[str, str],
    idempotency_key: str,
) -> IntentState:
    """An unconfirmed card PaymentIntent, for Stripe.js to confirm with the card typed in the page."""
    params: dict[str, object] = {
        "amount": to_minor_units(amount, currency),
        "currency": currency.lower(),
        "payment_method_types": ["card"],
        "metadata": metadata,
    }
    if stripe_customer_id:
        params["customer"] = stripe_customer_id
    intent = _client().v1.payment_intents.create(
        params=params,  # type: ignore[arg-type]
        options={"idempotency_key": idempotency_key},
    )
    return _intent_state(intent)


def payment_intent_retrieve(payment_intent_id: str) -> IntentState:
    return _intent_state(_client().v1.payment_intents.retrieve(payment_intent_id))


def payment_intent_cancel(payment_intent_id: str) -> IntentState:
    return _intent_state(_client().v1.payment_intents.cancel(payment_intent_id))


def webhook_event_construct(*, payload: bytes, signature: str) -> stripe.Event:
    """The event of a webhook delivery whose ``Stripe-Signature`` is valid for
    STRIPE_WEBHOOK_SECRET and recent; raises ``stripe.SignatureVerificationError`` or ValueError."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise StripeNotConfigured("Set STRIPE_WEBHOOK_SECRET to receive Stripe webhooks.")
    return stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
