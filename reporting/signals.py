"""Marks a customer's monthly rollup stale when a record it is derived from changes
(``reporting.rollup``). The mark is written in the same transaction as the change, so a rolled-back
change leaves none and a committed one is never missed."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from invoicing.choices import InvoiceStatus
from invoicing.models import CreditNote, Invoice, InvoiceLine
from ledger.models import JournalEntry
from receivables.models import Payment, Refund

from .rollup import rollup_mark


def _invoice_of(line: InvoiceLine) -> tuple[str, int] | None:
    if InvoiceLine.invoice.is_cached(line):
        return line.invoice.status, line.invoice.customer_id
    return Invoice.objects.filter(pk=line.invoice_id).values_list("status", "customer_id").first()


def _mark(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """A draft invoice (and its lines) counts nowhere on the dashboard, and an issued invoice never
    returns to draft: editing drafts marks nothing."""
    if raw:  # loaddata: rebuild the rollup afterwards (rollup_rebuild)
        return
    if isinstance(instance, Invoice):
        if instance.status == InvoiceStatus.DRAFT:
            return
        customer_id = instance.customer_id
    elif isinstance(instance, InvoiceLine):
        found = _invoice_of(instance)
        if found is None or found[0] == InvoiceStatus.DRAFT:
            return
        customer_id = found[1]
    else:
        customer_id = instance.customer_id
    rollup_mark([customer_id])


# Journal lines are written only with their entry, in one transaction (ledger.journal_entry_post), and
# never changed: the entry's own mark covers them (one mark per entry, not one more per line).
SOURCES = (Invoice, InvoiceLine, CreditNote, Payment, Refund, JournalEntry)


def connect() -> None:
    for model in SOURCES:
        post_save.connect(_mark, sender=model, dispatch_uid=f"reporting-rollup-save-{model._meta.label}")
        post_delete.connect(_mark, sender=model, dispatch_uid=f"reporting-rollup-delete-{model._meta.label}")
