"""The customer's pages for one invoice, reached by the signed, expiring link in emails and PDFs.

No login: the signature is the credential. A tampered link is a 404 and an expired one a 403,
both with a page that says what to do. The card form's endpoints (make the PaymentIntent, come
back from Stripe.js) belong to receivables (receivables/views.py), which owns payments; this page
only links to them by URL name.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse

from integrations import stripe_gateway
from invoicing.choices import InvoiceStatus
from invoicing.documents.delivery import invoice_pdf_store
from invoicing.documents.formatting import format_money
from invoicing.models import Invoice
from invoicing.selectors import invoice_from_pay_token


class PayLinkInvalid(Exception):
    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.title = title
        self.message = message


def invoice_for_pay_link(token: str) -> Invoice:
    try:
        return invoice_from_pay_token(token)
    except signing.SignatureExpired as exc:
        raise PayLinkInvalid(
            403, "This payment link has expired", "Ask us for a new link, or use the one in our latest email."
        ) from exc
    except (signing.BadSignature, KeyError, ValueError, TypeError, Invoice.DoesNotExist) as exc:
        raise PayLinkInvalid(404, "Unknown payment link", "Check that the whole link was copied.") from exc


def pay_link_view(
    view: Callable[..., HttpResponseBase],
) -> Callable[..., HttpResponseBase]:
    """Decode the signed token of ``/pay/<token>/...`` and call ``view(request, invoice, token)``;
    a bad or expired token gets the explanation page instead."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, token: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            invoice = invoice_for_pay_link(token)
        except PayLinkInvalid as exc:
            context = {"title": exc.title, "message": exc.message, **company_details()}
            return render(request, "invoicing/pay_link_invalid.html", context, status=exc.status)
        return view(request, invoice, token, *args, **kwargs)

    return wrapper


def company_details() -> dict[str, str]:
    return {"company_name": settings.COMPANY_NAME, "company_email": settings.COMPANY_EMAIL}


@pay_link_view
def invoice_pay(request: HttpRequest, invoice: Invoice, token: str) -> HttpResponse:
    """The invoice, its PDF, and (when something is due and Stripe is set up) a card form."""
    locale = invoice.customer_snapshot.get("locale") or "en_US"
    card_form = (
        invoice.status == InvoiceStatus.OPEN and invoice.amount_due > 0 and stripe_gateway.card_form_is_configured()
    )
    context = {
        "invoice": invoice,
        "token": token,
        **company_details(),
        "total": format_money(invoice.total, invoice.currency, locale),
        "amount_due": format_money(invoice.amount_due, invoice.currency, locale),
        "has_card": bool(invoice.customer.stripe_payment_method_id),
        "card_form": card_form,
    }
    if card_form:
        context["stripe"] = {
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "js_url": stripe_gateway.stripe_js_url(),
            "intent_url": reverse("invoice-pay-intent", args=[token]),
            "return_url": request.build_absolute_uri(reverse("invoice-pay-return", args=[token])),
        }
    return render(request, "invoicing/pay.html", context)


@pay_link_view
def invoice_pay_pdf(request: HttpRequest, invoice: Invoice, token: str) -> FileResponse:
    if not invoice.number:
        raise Http404("Draft invoices have no PDF.")
    invoice_pdf_store(invoice=invoice)
    return FileResponse(invoice.pdf.open("rb"), content_type="application/pdf", filename=f"{invoice.number}.pdf")
