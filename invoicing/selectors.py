from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db.models import QuerySet
from django.urls import reverse

from .models import Invoice

PAY_LINK_SALT = "invoicing.pay-link"


def invoice_list(
    *, customer_external_id: str | None = None, status: str | None = None, review_status: str | None = None
) -> QuerySet[Invoice]:
    qs = Invoice.objects.select_related("customer", "contract").prefetch_related(
        "lines", "delivery_attempts", "credit_notes"
    )
    if customer_external_id:
        qs = qs.filter(customer__external_id=customer_external_id)
    if status:
        qs = qs.filter(status=status)
    if review_status:
        qs = qs.filter(review_status=review_status)
    return qs


def invoice_pay_token(invoice: Invoice) -> str:
    return signing.dumps({"invoice": invoice.pk}, salt=PAY_LINK_SALT)


def invoice_from_pay_token(token: str) -> Invoice:
    """The invoice a signed pay link names; raises signing.BadSignature (or SignatureExpired)."""
    data = signing.loads(token, salt=PAY_LINK_SALT, max_age=settings.PAYMENT_LINK_MAX_AGE_DAYS * 86400)
    return Invoice.objects.select_related("customer").get(pk=data["invoice"])


def invoice_payment_url(invoice: Invoice) -> str:
    """A signed, expiring link to the invoice's pay page (no login needed, nothing guessable)."""
    return settings.SITE_URL.rstrip("/") + reverse("invoice-pay", args=[invoice_pay_token(invoice)])
