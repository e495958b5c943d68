"""Invoice and payment events -> the CRM write-back of their status."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import receiver

from invoicing.signals import (
    credit_note_issued,
    invoice_finalized,
    invoice_marked_uncollectible,
    invoice_paid,
    invoice_voided,
)
from receivables.signals import payment_succeeded, refund_succeeded


def _enqueue(invoice_id: int | None) -> None:
    if invoice_id is None:
        return
    from .models import CrmDeal

    # Only invoices of contracts that came from a CRM deal with write-back fields set.
    if not CrmDeal.objects.filter(contract__invoices__pk=invoice_id).exists():
        return
    from .tasks import crm_invoice_writeback_task

    transaction.on_commit(lambda: crm_invoice_writeback_task.delay(invoice_id))


@receiver(invoice_finalized, dispatch_uid="integrations.writeback_finalized")
@receiver(invoice_paid, dispatch_uid="integrations.writeback_paid")
@receiver(invoice_voided, dispatch_uid="integrations.writeback_voided")
@receiver(invoice_marked_uncollectible, dispatch_uid="integrations.writeback_uncollectible")
def invoice_status_changed(sender: Any, invoice_id: int, **kwargs: Any) -> None:
    _enqueue(invoice_id)


@receiver(payment_succeeded, dispatch_uid="integrations.writeback_payment")
def payment_received(sender: Any, invoice_id: int | None = None, **kwargs: Any) -> None:
    _enqueue(invoice_id)


# --- invoices, voids and payments as GL documents (integrations/gl/documents.py) ---------------


@receiver(invoice_finalized, dispatch_uid="integrations.document_invoice")
def invoice_document(sender: Any, invoice_id: int, **kwargs: Any) -> None:
    from .gl.documents import invoice_document_plan

    invoice_document_plan(invoice_id=invoice_id)


@receiver(invoice_voided, dispatch_uid="integrations.document_invoice_void")
def invoice_void_document(sender: Any, invoice_id: int, **kwargs: Any) -> None:
    from .gl.documents import invoice_void_document_plan

    invoice_void_document_plan(invoice_id=invoice_id)


@receiver(payment_succeeded, dispatch_uid="integrations.document_payment")
def payment_document(sender: Any, payment_id: int, **kwargs: Any) -> None:
    from .gl.documents import payment_document_plan

    payment_document_plan(payment_id=payment_id)


@receiver(credit_note_issued, dispatch_uid="integrations.document_credit_note")
def credit_note_document(sender: Any, credit_note_id: int, **kwargs: Any) -> None:
    from .gl.documents import credit_note_document_plan

    credit_note_document_plan(credit_note_id=credit_note_id)


@receiver(invoice_marked_uncollectible, dispatch_uid="integrations.document_write_off")
def write_off_document(sender: Any, invoice_id: int, **kwargs: Any) -> None:
    from .gl.documents import write_off_document_plan

    write_off_document_plan(invoice_id=invoice_id)


@receiver(refund_succeeded, dispatch_uid="integrations.document_refund")
def refund_document(sender: Any, refund_id: int, **kwargs: Any) -> None:
    from .gl.documents import refund_document_plan

    refund_document_plan(refund_id=refund_id)
