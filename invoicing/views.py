from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from .delivery import invoice_pdf_store
from .formatting import format_money
from .selectors import invoice_from_pay_token


def _invoice_for(token: str):  # type: ignore[no-untyped-def]
    try:
        return invoice_from_pay_token(token)
    except signing.SignatureExpired as exc:
        raise Http404("This payment link has expired; ask for a new one.") from exc
    except (signing.BadSignature, KeyError) as exc:
        raise Http404("Unknown payment link.") from exc


def invoice_pay(request: HttpRequest, token: str) -> HttpResponse:
    """The customer's page for one invoice, reached by the signed link in emails and PDFs."""
    invoice = _invoice_for(token)
    locale = invoice.customer_snapshot.get("locale") or "en_US"
    context = {
        "invoice": invoice,
        "token": token,
        "company_name": settings.COMPANY_NAME,
        "company_email": settings.COMPANY_EMAIL,
        "total": format_money(invoice.total, invoice.currency, locale),
        "amount_due": format_money(invoice.amount_due, invoice.currency, locale),
        "has_card": bool(invoice.customer.stripe_payment_method_id),
    }
    return render(request, "invoicing/pay.html", context)


def invoice_pay_pdf(request: HttpRequest, token: str) -> FileResponse:
    invoice = _invoice_for(token)
    if not invoice.number:
        raise Http404("Draft invoices have no PDF.")
    invoice_pdf_store(invoice=invoice)
    return FileResponse(invoice.pdf.open("rb"), content_type="application/pdf", filename=f"{invoice.number}.pdf")
