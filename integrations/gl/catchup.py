"""Catch-up for lost signals: what should be on its way to a GL and is not.

Documents are planned from invoicing's and receivables' signals (receivers.py). A worker that dies
between the commit and the receiver (or a receiver that failed) leaves a finalized invoice, a
payment, a credit note, a void, a write-off or a refund without a sync item, so it would never
reach the GL and the reconciliation (which lists items) would not show it. This periodic pass
finds them per active GL connection and plans them with the same functions the signals use, so a
document is planned once whatever runs first (the item is unique per connection and object).
Journal entries not yet in a GL journal are planned too (gl_journals_plan: every entry without
a link on the connection).

What a documents connection would never have sent is left alone: documents dated in our closed
period or before the GL start date, and documents whose ledger entry already went to this GL as a
journal (before documents were switched on: sending it again would book it twice)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from audit.services import audit_record
from billing_site.queue import task_enqueue_on_commit

from ..choices import GL_PROVIDERS, Provider
from ..models import Connection, GlEntryLink, SyncItem
from ..sync import SYNC_TASK
from .documents import CREDIT_NOTE, INVOICE, INVOICE_VOID, PAYMENT, REFUND, WRITE_OFF, _key, document_plan
from .services import gl_journals_plan


def _ids(connection: Connection, object_type: str) -> set[int]:
    """Our ids of the objects of this type that already have an item on the connection."""
    keys = SyncItem.objects.filter(connection=connection, object_type=object_type).values_list("object_key", flat=True)
    return {int(key.split(":")[1]) for key in keys}


def _journal_linked(connection: Connection, prefix: str) -> set[int]:
    """Ids in the source keys ``<prefix>:<id>...`` of entries already in a GL journal of the connection."""
    keys = GlEntryLink.objects.filter(connection=connection, journal_entry__source_key__startswith=f"{prefix}:") \
        .values_list("journal_entry__source_key", flat=True)
    return {int(key.split(":")[1]) for key in keys}


def _dated(rows: QuerySet[Any], field: str, since: date | None) -> QuerySet[Any]:
    return rows.filter(**{f"{field}__gte": since}) if since else rows


def _documents_catch_up(connection: Connection) -> list[SyncItem]:
    from invoicing.choices import InvoiceStatus
    from invoicing.models import CreditNote, Invoice
    from receivables.models import Payment

    floor = [d for d in (connection.gl_start_date,
                         connection.closed_through + timedelta(days=1) if connection.closed_through else None) if d]
    since = max(floor) if floor else None
    made: list[SyncItem] = []

    def plan(object_type: str, object_id: int, on: date, after: str = "") -> None:
        made.extend(document_plan(object_type=object_type, object_id=object_id, on=on, after=after,
                                  connections=[connection]))

    invoices = _dated(Invoice.objects.exclude(status=InvoiceStatus.DRAFT).exclude(number="")
                      .filter(issue_date__isnull=False), "issue_date", since)
    planned, as_journal = _ids(connection, INVOICE), _journal_linked(connection, "invoice")
    for invoice_id, issue_date in invoices.values_list("pk", "issue_date").order_by("issue_date", "pk"):
        if invoice_id not in planned and invoice_id not in as_journal:
            plan(INVOICE, invoice_id, issue_date)
    planned_invoices = _ids(connection, INVOICE)

    notes = _dated(CreditNote.objects.all(), "issue_date", since)
    planned, as_journal = _ids(connection, CREDIT_NOTE), _journal_linked(connection, "credit_note")
    for note_id, issue_date in notes.values_list("pk", "issue_date").order_by("issue_date", "pk"):
        if note_id not in planned and note_id not in as_journal:
            plan(CREDIT_NOTE, note_id, issue_date)

    planned = _ids(connection, INVOICE_VOID)
    voided = Invoice.objects.filter(voided_at__isnull=False, pk__in=planned_invoices).exclude(pk__in=planned)
    for invoice_id, voided_at in voided.values_list("pk", "voided_at").order_by("voided_at", "pk"):
        plan(INVOICE_VOID, invoice_id, timezone.localdate(voided_at), after=_key(INVOICE, invoice_id))

    payments = Payment.objects.all()
    if since:
        payments = payments.filter(received_at__date__gte=since)
    planned, as_journal = _ids(connection, PAYMENT), _journal_linked(connection, "payment")
    for payment_id, received_at in payments.values_list("pk", "received_at").order_by("received_at", "pk"):
        if payment_id not in planned and payment_id not in as_journal:
            plan(PAYMENT, payment_id, received_at.date())

    _write_offs_and_refunds_catch_up(connection, since, planned_invoices, plan)
    return made


def _write_offs_and_refunds_catch_up(connection: Connection, since: date | None, planned_invoices: set[int],
                                     plan: Callable[..., None]) -> None:
    """Write-offs where they are documents (Xero; QuickBooks with a bad debt item), refunds on Xero."""
    from invoicing.models import Invoice
    from receivables.choices import RefundStatus
    from receivables.models import Refund

    if connection.sends_write_offs:
        planned = _ids(connection, WRITE_OFF)
        written_off = Invoice.objects.filter(uncollectible_at__isnull=False, amount_written_off__gt=0,
                                             pk__in=planned_invoices).exclude(pk__in=planned)
        for invoice_id, at in written_off.values_list("pk", "uncollectible_at").order_by("uncollectible_at", "pk"):
            if since is None or at.date() >= since:
                plan(WRITE_OFF, invoice_id, at.date(), after=_key(INVOICE, invoice_id))
    if connection.provider == Provider.XERO:
        planned, as_journal = _ids(connection, REFUND), _journal_linked(connection, "refund")
        refunds = Refund.objects.filter(status=RefundStatus.SUCCEEDED, refunded_at__isnull=False)
        for refund_id, at in refunds.values_list("pk", "refunded_at").order_by("refunded_at", "pk"):
            if refund_id not in planned and refund_id not in as_journal and (since is None or at.date() >= since):
                plan(REFUND, refund_id, at.date())


def connection_catch_up(*, connection: Connection, now: datetime | None = None) -> int:
    """Plan what this GL connection is missing; queue a sync if anything was. Returns the count."""
    made = _documents_catch_up(connection) if connection.sends_documents else []
    journals = gl_journals_plan(connection=connection, now=now)
    if journals:
        task_enqueue_on_commit(SYNC_TASK, connection.pk, "catch_up")
    if made or journals:
        audit_record(rule=f"integrations.{connection.provider}.catch_up", action="gl_catch_up_planned",
                     obj=connection, inputs={"connection": connection.name},
                     outcome={"documents": [item.object_key for item in made],
                              "journals": [item.object_key for item in journals]})
    return len(made) + len(journals)


def gl_catch_up(*, now: datetime | None = None) -> int:
    """Every active GL connection's catch-up (the beat task ``integrations-gl-catch-up``)."""
    return sum(connection_catch_up(connection=connection, now=now)
               for connection in Connection.objects.filter(is_active=True, provider__in=GL_PROVIDERS))
