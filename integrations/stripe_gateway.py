"""Stripe, behind one small module. Amounts cross this boundary as Decimal in major units and
are converted to integer minor units here, exactly (invoice amounts are already rounded)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import stripe
from django.conf import settings

from invoicing.rating import currency_exponent


class StripeNotConfigured(RuntimeError):
    """No STRIPE_API_KEY: automatic card collection is off."""


@dataclass(frozen=True)
class ChargeResult:
    succeeded: bool
    payment_intent_id: str = ""
    charge_id: str = ""
    failure_code: str = ""
    failure_message: str = ""


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
            failure_code=exc.code or "card_declined",
            failure_message=exc.user_message or str(exc),
        )
    if intent.status != "succeeded":
        return ChargeResult(
            succeeded=False,
            payment_intent_id=intent.id,
            failure_code=f"intent_{intent.status}",
            failure_message=f"Payment requires action ({intent.status}).",
        )
    charge_id = (
        intent.latest_charge if isinstance(intent.latest_charge, str) else getattr(intent.latest_charge, "id", "")
    )
    return ChargeResult(succeeded=True, payment_intent_id=intent.id, charge_id=charge_id or "")


def customer_exists(stripe_customer_id: str) -> bool:
    try:
        _client().v1.customers.retrieve(stripe_customer_id)
    except stripe.InvalidRequestError:
        return False
    return True
