from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from audit.services import actor_label, audit_record
from invoicing.choices import DeliveryOutcome, InvoiceStatus
from invoicing.documents.formatting import format_money
from invoicing.models import Invoice, InvoiceDeliveryAttempt
from invoicing.selectors import invoice_payment_url

logger = logging.getLogger(__name__)

Actor = AbstractBaseUser | str | None
NOT_DELIVERABLE = (InvoiceStatus.DRAFT, InvoiceStatus.VOID)
MAX_ERROR_CHARS = 2000


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
    from invoicing.documents.pdf import invoice_pdf_render  # xhtml2pdf is heavy: load it only where PDFs are made

    pdf_bytes = invoice_pdf_render(invoice)
    invoice.pdf.save(f"{invoice.number or invoice.pk}.pdf", ContentFile(pdf_bytes), save=False)
    invoice.save(update_fields=["pdf"])
    return invoice


def invoice_email_build(invoice: Invoice, recipients: list[str]) -> EmailMessage:
    """The invoice email: amount, due date, the signed pay link, the PDF attached."""
    locale = invoice.customer_snapshot.get("locale") or "en_US"
    total = format_money(invoice.total, invoice.currency, locale)
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
    return message


def _is_due(invoice: Invoice, *, force: bool) -> bool:
    return invoice.status not in NOT_DELIVERABLE and (force or invoice.sent_at is None)


def invoice_deliver(*, invoice_id: int, actor: Actor = None, force: bool = False) -> Invoice:
    """Email the issued invoice with its PDF and payment link to the billing contacts, once
    (``force`` resends). Drafts and void invoices are skipped, as is an invoice already sent
    unless ``force``.

    Every try leaves an ``InvoiceDeliveryAttempt``: a sent one inside the transaction that sets
    ``sent_at`` (the first successful send only; resends add attempts), a failed one in a
    transaction of its own after the first rolled back, so the failure stays recorded while the
    exception goes on to the caller (the task retries SMTP and network errors with backoff).
    A customer without any email address is a failed attempt too, returned without raising:
    retrying cannot help until someone adds an address (then resend from the admin).

    The claim is taken under a row lock so duplicate tasks send once; the PDF is rendered before
    it (seconds for a long invoice), so the lock is held only to send and record. Sending inside
    the transaction means a crash between the SMTP "250" and the commit sends twice, never zero
    times: at-least-once, as email is.
    """
    invoice = Invoice.objects.select_related("customer").get(pk=invoice_id)
    if not _is_due(invoice, force=force):
        return invoice
    recipients = invoice_recipients(invoice)
    try:
        invoice_pdf_store(invoice=invoice)
        with transaction.atomic():
            invoice = Invoice.objects.select_for_update().select_related("customer").get(pk=invoice_id)
            if not _is_due(invoice, force=force):
                return invoice
            recipients = invoice_recipients(invoice)
            if not recipients:
                _record_failure(
                    invoice=invoice,
                    recipients=[],
                    error=f"{invoice.customer} has no email address: add one or a billing contact.",
                    force=force,
                    actor=actor,
                )
                return invoice
            invoice_pdf_store(invoice=invoice)
            invoice_email_build(invoice, recipients).send()
            first_send = invoice.sent_at is None
            if first_send:
                invoice.sent_at = timezone.now()
                invoice.save(update_fields=["sent_at"])  # save(): history records it
            InvoiceDeliveryAttempt.objects.create(
                invoice=invoice,
                recipients=recipients,
                outcome=DeliveryOutcome.SENT,
                resend=force and not first_send,
                actor=actor_label(actor),
            )
            audit_record(
                rule="invoicing.delivery",
                action="invoice_sent",
                obj=invoice,
                actor=actor,
                inputs={"number": invoice.number, "resend": force},
                outcome={"to": recipients, "sent_at": invoice.sent_at},
            )
    except Exception as exc:
        try:
            _record_failure(
                invoice=invoice, recipients=recipients, error=f"{type(exc).__name__}: {exc}", force=force, actor=actor
            )
        except Exception:  # the database is down too: keep the delivery's own error for the retry
            logger.exception("Could not record the failed delivery of invoice %s", invoice_id)
        raise
    return invoice


def _record_failure(
    *, invoice: Invoice, recipients: list[str], error: str, force: bool, actor: Actor
) -> InvoiceDeliveryAttempt:
    # Its own transaction (a savepoint when nested): after an exception the delivery's
    # transaction has rolled back, and this row must stay.
    with transaction.atomic():
        attempt = InvoiceDeliveryAttempt.objects.create(
            invoice=invoice,
            recipients=recipients,
            outcome=DeliveryOutcome.FAILED,
            error=error[:MAX_ERROR_CHARS],
            resend=force and invoice.sent_at is not None,
            actor=actor_label(actor),
        )
        audit_record(
            rule="invoicing.delivery",
            action="invoice_send_failed",
            obj=invoice,
            actor=actor,
            inputs={"number": invoice.number, "resend": force, "to": recipients},
            outcome={"error": attempt.error},
        )
    return attempt
