from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage

from contracts.models import Customer
from invoicing.documents.formatting import format_money
from invoicing.models import Invoice
from invoicing.selectors import invoice_payment_url


def billing_recipients(customer: Customer) -> list[str]:
    emails = [customer.email, *customer.contacts.values_list("email", flat=True)]
    return list(dict.fromkeys(e for e in emails if e))


def reminder_email_send(*, invoice: Invoice, customer: Customer, sequence: int) -> list[str]:
    recipients = billing_recipients(customer)
    amount = format_money(invoice.amount_due, invoice.currency, customer.locale)
    subject = (
        f"Payment failed for invoice {invoice.number}"
        if sequence == 1
        else f"Reminder: invoice {invoice.number} is unpaid ({amount})"
    )
    body = (
        f"Hello {customer.name},\n\n"
        f"We could not collect {amount} for invoice {invoice.number} (due {invoice.due_date}) from the card on file.\n"
        f"We will retry automatically. To pay now or update your card, use this secure link:\n"
        f"{invoice_payment_url(invoice)}\n\n"
        f"Questions? Reply to this email or write to {settings.COMPANY_EMAIL}.\n\n{settings.COMPANY_NAME}\n"
    )
    EmailMessage(subject=subject, body=body, to=recipients, reply_to=[settings.COMPANY_EMAIL]).send()
    return recipients
