from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from audit.services import audit_record

from .choices import InvoiceStatus
from .formatting import format_money
from .models import Invoice
from .selectors import invoice_payment_url


def invoice_recipients(invoice: Invoice) -> list[str]:
    customer = invoice.customer
    emails = [
        invoice.customer_snapshot.get("email") or customer.email,
        *customer.contacts.values_list("email", flat=True),
    ]
    return list(dict.fromkeys(e for e in emails if e))


def invoice_pdf_store(*, invoice: Invoice) -> Invoice:
    """Render the issued invoice once and keep the file: an issued invoice's PDF never changes."""
    if invoice.pdf:
        return invoice
    from .pdf import invoice_pdf_render  # xhtml2pdf is heavy: load it only where PDFs are made

    pdf_bytes = invoice_pdf_render(invoice)
    invoice.pdf.save(f"{invoice.number or invoice.pk}.pdf", ContentFile(pdf_bytes), save=False)
    invoice.save(update_fields=["pdf"])
    return invoice


def invoice_deliver(*, invoice_id: int, actor: object = None, force: bool = False) -> Invoice:
    """Email the issued invoice with its PDF and payment link to the billing contacts, once
    (``force`` resends). The ``sent_at`` claim is taken under a row lock; the PDF is rendered
    before it (seconds for a long invoice), so the lock is held only to send and record."""
    invoice = Invoice.objects.get(pk=invoice_id)
    if invoice.status not in (InvoiceStatus.DRAFT, InvoiceStatus.VOID) and not (invoice.sent_at and not force):
        invoice_pdf_store(invoice=invoice)
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().select_related("customer").get(pk=invoice_id)
        if invoice.status == InvoiceStatus.DRAFT or invoice.status == InvoiceStatus.VOID:
            return invoice
        if invoice.sent_at and not force:
            return invoice
        invoice_pdf_store(invoice=invoice)
        locale = invoice.customer_snapshot.get("locale") or "en_US"
        total = format_money(invoice.total, invoice.currency, locale)
        recipients = invoice_recipients(invoice)
        body = (
            f"Hello {invoice.customer_snapshot.get('name') or invoice.customer.name},\n\n"
            f"Please find attached invoice {invoice.number} for {total}, due {invoice.due_date}.\n"
        )
        if invoice.amount_due > 0:
            body += f"\nPay online: {invoice_payment_url(invoice)}\n"
        else:
            body += f"\nIt has been paid in full. Thank you.\nView it online: {invoice_payment_url(invoice)}\n"
        body += f"\nThank you,\n{settings.COMPANY_NAME}\n"
        message = EmailMessage(
            subject=f"Invoice {invoice.number} from {settings.COMPANY_NAME} ({total})",
            body=body,
            to=recipients,
            reply_to=[settings.COMPANY_EMAIL],
        )
        invoice.pdf.open("rb")
        try:
            message.attach(f"{invoice.number}.pdf", invoice.pdf.read(), "application/pdf")
        finally:
            invoice.pdf.close()
        message.send()
        invoice.sent_at = timezone.now()
        invoice.save(update_fields=["sent_at"])
        audit_record(
            rule="invoicing.delivery",
            action="invoice_sent",
            obj=invoice,
            actor=actor,
            inputs={"number": invoice.number, "resend": force},
            outcome={"to": recipients},
        )
    return invoice
