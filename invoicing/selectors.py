from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core import signing
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from contracts.models import Customer
from invoicing.choices import InvoiceStatus
from invoicing.models import Invoice

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


def customer_today(tz_name: str) -> date:
    """Today in the customer's time zone: an invoice is overdue when its due date has passed where the
    customer is (design: customer-facing dates live in the customer's time zone)."""
    try:
        return timezone.localdate(timezone=ZoneInfo(tz_name))
    except (ZoneInfoNotFoundError, ValueError):
        return timezone.localdate()


def days_overdue(invoice: Invoice) -> int:
    if invoice.status != InvoiceStatus.OPEN or invoice.due_date is None:
        return 0
    return max((customer_today(invoice.customer.timezone) - invoice.due_date).days, 0)


def overdue_q(least_days: int = 1, most_days: int | None = None) -> Q:
    """Open invoices between ``least_days`` and ``most_days`` days past due, each counted in its
    customer's time zone: one condition per time zone in use (a handful, not one per customer)."""
    condition = Q(pk__in=[])
    for tz_name in Customer.objects.order_by().values_list("timezone", flat=True).distinct():
        today = customer_today(tz_name)
        in_zone = Q(customer__timezone=tz_name, due_date__lte=today - timedelta(days=least_days))
        if most_days is not None:
            in_zone &= Q(due_date__gte=today - timedelta(days=most_days))
        condition |= in_zone
    return Q(status=InvoiceStatus.OPEN) & condition
