"""The pay page's card endpoints and the Stripe webhook: thin adapters around receivables.pay_page."""

from __future__ import annotations

import logging

import stripe
from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from access.errors import error_body
from integrations.stripe_gateway import StripeNotConfigured
from integrations.stripe_webhooks import stripe_webhook_receive
from invoicing.models import Invoice
from invoicing.views import pay_link_view

from .exceptions import PaymentNotAllowed
from .pay_page import pay_page_intent_for, pay_page_intent_settle

logger = logging.getLogger(__name__)


@require_POST
@pay_link_view
def invoice_pay_intent(request: HttpRequest, invoice: Invoice, token: str) -> HttpResponseBase:
    """``POST /pay/<token>/intent``: the PaymentIntent for the amount due, for Stripe.js to confirm
    (CSRF-protected: only our page posts here)."""
    try:
        intent = pay_page_intent_for(invoice_id=invoice.pk)
    except PaymentNotAllowed as exc:
        return JsonResponse(error_body(422, str(exc)), status=422)
    except stripe.StripeError as exc:
        logger.warning("Pay page intent for invoice %s failed: %s", invoice.pk, exc)
        return JsonResponse(error_body(503, "Card payments are unavailable right now; try again shortly."), status=503)
    return JsonResponse(
        {
            "payment_intent": intent.payment_intent_id,
            "client_secret": intent.client_secret,
            "status": intent.status,
            "amount": format(intent.amount, "f"),
            "currency": intent.currency,
        }
    )


@require_GET
@pay_link_view
def invoice_pay_return(request: HttpRequest, invoice: Invoice, token: str) -> HttpResponseBase:
    """``GET /pay/<token>/return?payment_intent=pi_...``: where Stripe.js sends the customer after
    confirming. Settles from Stripe's record of the intent, then shows the pay page."""
    page = reverse("invoice-pay", args=[token])
    intent_id = request.GET.get("payment_intent", "")
    try:
        outcome = pay_page_intent_settle(invoice_id=invoice.pk, payment_intent_id=intent_id)
    except stripe.StripeError as exc:
        logger.warning("Pay page return for invoice %s (%s) failed: %s", invoice.pk, intent_id, exc)
        messages.warning(request, "We could not confirm your payment just now; reload this page in a minute.")
        return HttpResponseRedirect(page)
    if outcome is None:
        messages.error(request, "Unknown payment for this invoice.")
    elif outcome.status == "succeeded":
        messages.success(request, outcome.message)
    elif outcome.status in ("processing", "pending"):
        messages.info(request, outcome.message)
    else:
        messages.error(request, outcome.message)
    return HttpResponseRedirect(page)


@csrf_exempt  # authenticated by Stripe's signature, not a session cookie
@require_POST
def stripe_webhook(request: HttpRequest) -> JsonResponse:
    """``POST /webhooks/stripe``: signed with STRIPE_WEBHOOK_SECRET (``Stripe-Signature``)."""
    try:
        result = stripe_webhook_receive(payload=request.body, signature=request.headers.get("Stripe-Signature", ""))
    except StripeNotConfigured:
        return JsonResponse(error_body(404, "Stripe webhooks are not enabled."), status=404)
    except (stripe.SignatureVerificationError, ValueError) as exc:
        logger.warning("Stripe webhook refused: %s", exc)
        return JsonResponse(error_body(400, "Invalid signature or payload."), status=400)
    return JsonResponse({"received": True, "result": result})
