"""Invoices, their voids and payments sent to a GL as documents (QuickBooks Online invoices and
payments, Xero invoices and payments), for connections whose ``gl_content`` is ``documents``.

Driven by invoicing's and receivables' signals (integrations/receivers.py): each event makes a
sync item per documents connection (unique per connection and object, so a signal delivered twice
plans once) and queues a sync of the connection. A sync then pushes the due items in order:
invoices, voids, payments; the customer is upserted on the way (its own sync item, keyed by our
customer id). Every push carries the item's durable ``request_id`` as the provider's idempotency
key, and the provider's id is stored on the item, so a retry after a lost answer, a second run or
a concurrent one makes nothing twice. The journal entries these documents stand for are not
posted as journals on such a connection (gl/services.py), the rest of our journal still is."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from billing_site.queue import task_enqueue_on_commit
from rating.money import round_money

from ..choices import DOCUMENT_SOURCE_PATTERN, GlContent, Provider, SyncItemStatus
from ..exceptions import RejectedError, RetryableError
from ..models import Connection, GlAccountMapping, SyncItem, SyncRun
from ..sync import SYNC_TASK, sync_item_ensure, sync_item_push, sync_items_due

CUSTOMER, INVOICE, INVOICE_VOID, PAYMENT = "customer", "invoice", "invoice_void", "payment"
CREDIT_NOTE = "credit_note"
# The order a sync sends them in: an invoice before its credit notes, void and payments.
OBJECT_TYPES = (INVOICE, CREDIT_NOTE, INVOICE_VOID, PAYMENT)
DOCUMENT_PROVIDERS = (Provider.QUICKBOOKS, Provider.XERO)
CASH_ACCOUNT, REVENUE, DEFERRED_REVENUE, SALES_TAX = "1000", "4000", "2100", "2200"
ZERO = Decimal(0)
_SOURCE = re.compile(DOCUMENT_SOURCE_PATTERN)


def carried_as_document(source_key: str) -> bool:
    """Whether a ledger entry (by its source key) is sent as a document on a documents connection."""
    return bool(_SOURCE.match(source_key))


def documents_connections() -> QuerySet[Connection]:
    return Connection.objects.filter(is_active=True, gl_content=GlContent.DOCUMENTS, provider__in=DOCUMENT_PROVIDERS)


def _key(object_type: str, object_id: int) -> str:
    return f"invoice:{object_id}:void" if object_type == INVOICE_VOID else f"{object_type}:{object_id}"


def document_plan(*, object_type: str, object_id: int, on: date, after: str = "") -> list[SyncItem]:
    """A sync item for the document on every active documents connection whose GL start date it
    is not before (and, with ``after``, that holds that item: a void only where the invoice went),
    and a sync of each queued after commit. Returns the items made now."""
    made = []
    for connection in documents_connections():
        if connection.gl_start_date and on < connection.gl_start_date:
            continue
        if after and not SyncItem.objects.filter(connection=connection, object_key=after).exists():
            continue
        item, is_new = sync_item_ensure(connection=connection, object_type=object_type,
                                        object_key=_key(object_type, object_id), entry_date=on)
        if is_new:
            made.append(item)
            task_enqueue_on_commit(SYNC_TASK, connection.pk, "document")
    return made


def invoice_document_plan(*, invoice_id: int) -> list[SyncItem]:
    from invoicing.models import Invoice

    invoice = Invoice.objects.get(pk=invoice_id)
    if not invoice.number or invoice.issue_date is None:
        return []
    return document_plan(object_type=INVOICE, object_id=invoice.pk, on=invoice.issue_date)


def invoice_void_document_plan(*, invoice_id: int) -> list[SyncItem]:
    """Only where the invoice itself was planned: a draft voided before issue has nothing to void."""
    from invoicing.models import Invoice

    invoice = Invoice.objects.get(pk=invoice_id)
    on = timezone.localdate(invoice.voided_at) if invoice.voided_at else timezone.localdate()
    return document_plan(object_type=INVOICE_VOID, object_id=invoice.pk, on=on, after=_key(INVOICE, invoice_id))


def payment_document_plan(*, payment_id: int) -> list[SyncItem]:
    from receivables.models import Payment

    payment = Payment.objects.get(pk=payment_id)
    return document_plan(object_type=PAYMENT, object_id=payment.pk, on=payment.received_at.date())


def credit_note_document_plan(*, credit_note_id: int) -> list[SyncItem]:
    from invoicing.models import CreditNote

    note = CreditNote.objects.get(pk=credit_note_id)
    return document_plan(object_type=CREDIT_NOTE, object_id=note.pk, on=note.issue_date)


# --- what is sent (provider-neutral snapshots of our documents) ---------------------------------


def customer_document(customer_id: int) -> dict[str, Any]:
    from contracts.models import Customer

    customer = Customer.objects.get(pk=customer_id)
    return {
        "id": customer.pk, "external_id": customer.external_id, "name": customer.name, "email": customer.email,
        "currency": customer.currency,
        "address": {"line1": customer.address_line1, "line2": customer.address_line2, "city": customer.city,
                    "region": customer.region, "postal_code": customer.postal_code, "country": customer.country},
    }


def invoice_document(invoice_id: int) -> dict[str, Any]:
    from invoicing.models import Invoice

    invoice = Invoice.objects.select_related("customer").prefetch_related("lines").get(pk=invoice_id)
    currency = invoice.currency

    def money(amount: Decimal) -> str:
        return str(round_money(amount, currency))

    taxes = sorted({f"{line.tax_name} {line.tax_percentage.normalize()}%" for line in invoice.lines.all()
                    if line.tax_name and line.tax_percentage is not None})
    split = _revenue_split(invoice)
    lines: list[dict[str, Any]] = []
    for line in invoice.lines.all():
        base = {"description": line.description, "quantity": str(line.quantity),
                "unit_price": str(line.unit_price) if line.unit_price is not None else "",
                "period_start": line.period_start.isoformat(), "period_end": line.period_end.isoformat()}
        earned, deferred = split.get(line.pk, (line.amount, ZERO))
        parts = [(account, amount) for account, amount in ((REVENUE, earned), (DEFERRED_REVENUE, deferred)) if amount]
        if len(parts) == 2:
            # Partly earned at issue: one document line per account, as our issue entry books it.
            for account, amount in parts:
                label = "earned" if account == REVENUE else "deferred"
                lines.append({**base, "description": f"{line.description} ({label})", "quantity": "1",
                              "unit_price": "", "amount": money(amount), "account": account})
        else:
            account = parts[0][0] if parts else REVENUE
            lines.append({**base, "amount": money(line.amount), "account": account})
    return {
        "id": invoice.pk, "number": invoice.number, "customer_id": invoice.customer_id, "currency": currency,
        "issue_date": invoice.issue_date.isoformat(),
        "due_date": invoice.due_date.isoformat() if invoice.due_date else "",
        "email": invoice.customer.email,
        "lines": lines,
        "subtotal": money(invoice.subtotal), "tax": money(invoice.tax), "total": money(invoice.total),
        "tax_description": ", ".join(taxes) or "Tax",
    }


def credit_note_document(credit_note_id: int) -> dict[str, Any]:
    """A credit note as our ledger booked it (revrec's entry ``credit_note:<id>``): a line per
    revenue account it debits (earned revenue and deferred revenue, pro rata per credited line),
    the tax, and the part taken off the invoice's balance (the rest is refunded)."""
    from invoicing.models import CreditNote
    from ledger.models import JournalLine

    note = CreditNote.objects.get(pk=credit_note_id)
    currency = note.currency
    booked = list(JournalLine.objects.filter(entry__source_key=f"credit_note:{note.pk}")
                  .values_list("account__code", "debit", "credit"))
    if not booked:
        raise RetryableError(f"Waiting for revenue recognition to book credit note {note.number}.")
    net: dict[str, Decimal] = {}
    for code, debit, credit in booked:
        net[code] = net.get(code, ZERO) + debit - credit
    about = "; ".join(line.description for line in note.lines.all())[:300] or note.get_reason_display()
    lines = [
        {"description": f"{about} ({label})", "quantity": "1", "unit_price": "",
         "amount": str(round_money(net[account], currency)), "account": account,
         "period_start": note.issue_date.isoformat(), "period_end": note.issue_date.isoformat()}
        for account, label in ((REVENUE, "earned revenue"), (DEFERRED_REVENUE, "deferred revenue"))
        if net.get(account)
    ]
    return {
        "id": note.pk, "number": note.number, "invoice_id": note.invoice_id, "customer_id": note.customer_id,
        "currency": currency, "issue_date": note.issue_date.isoformat(), "memo": note.memo, "lines": lines,
        "tax": str(round_money(net.get(SALES_TAX, ZERO), currency)), "tax_description": "Tax",
        "total": str(round_money(note.total, currency)),
        "credited_to_balance": str(round_money(note.credited_to_balance, currency)),
    }


def _revenue_split(invoice: Any) -> dict[int, tuple[Decimal, Decimal]]:
    """Per invoice line, the part earned at issue (our revenue, 4000) and the part deferred (2100),
    as revenue recognition scheduled it and our issue entry booked it. Waits (retryable) while the
    schedule is not made yet: it is built on the same signal, possibly by another worker."""
    from revrec.models import RevenueScheduleEntry

    entries = list(RevenueScheduleEntry.objects.filter(invoice=invoice).values_list(
        "invoice_line_id", "amount", "recognized_on"))
    if not entries and any(line.amount for line in invoice.lines.all()):
        raise RetryableError(f"Waiting for revenue recognition to schedule invoice {invoice.number}.")
    split: dict[int, tuple[Decimal, Decimal]] = {}
    for line_id, amount, recognized_on in entries:
        earned, deferred = split.get(line_id, (ZERO, ZERO))
        split[line_id] = (earned + amount, deferred) if recognized_on else (earned, deferred + amount)
    return split


def payment_document(payment_id: int) -> dict[str, Any]:
    from receivables.models import Payment, PaymentAllocation

    payment = Payment.objects.get(pk=payment_id)
    allocation = PaymentAllocation.objects.filter(payment=payment).order_by("id").first()
    return {
        "id": payment.pk, "customer_id": payment.customer_id, "currency": payment.currency,
        "amount": str(round_money(payment.amount, payment.currency)), "date": payment.received_at.date().isoformat(),
        "reference": payment.reference, "method": payment.method,
        "invoice_id": allocation.invoice_id if allocation else None,
    }


# --- sending --------------------------------------------------------------------------------------


def _provider(connection: Connection) -> Any:
    if connection.provider == Provider.QUICKBOOKS:
        from ..providers import quickbooks

        return quickbooks
    if connection.provider == Provider.XERO:
        from ..providers import xero

        return xero
    raise RejectedError(f"{connection.get_provider_display()} does not take invoices and payments as documents.")


def _synced_id(connection: Connection, object_type: str, object_key: str) -> str | None:
    item = SyncItem.objects.filter(connection=connection, object_type=object_type, object_key=object_key).first()
    if item is None:
        return None
    if item.status != SyncItemStatus.SYNCED:
        raise RetryableError(f"Waiting for {object_key} to reach the GL first ({item.get_status_display()}).")
    return item.external_id


class DocumentPusher:
    """Pushes one connection's document items; the customer is upserted through its own item."""

    def __init__(self, connection: Connection, run: SyncRun | None, now: datetime | None,
                 lock_date: date | None) -> None:
        self.connection = connection
        self.run = run
        self.now = now
        self.lock_date = lock_date
        self.provider = _provider(connection)

    def _check_date(self, day: str) -> None:
        on = date.fromisoformat(day)
        closed = self.connection.closed_through
        if closed and on <= closed:
            raise RejectedError(f"{on} is in a period closed on our side (through {closed}).")
        if self.lock_date and on <= self.lock_date:
            raise RejectedError(f"{on} is on or before the GL's closing date {self.lock_date}.")

    def customer_ref(self, customer_id: int) -> str:
        item, _ = sync_item_ensure(connection=self.connection, object_type=CUSTOMER,
                                   object_key=f"customer:{customer_id}")
        if item.status == SyncItemStatus.SYNCED:
            return item.external_id

        def push(customer_item: SyncItem) -> str:
            document = customer_document(customer_id)
            customer_item.payload = document
            return self.provider.customer_upsert(connection=self.connection, customer=document,
                                                 request_id=customer_item.request_id)

        # Forced: the invoice's own backoff decides when the customer is tried again.
        pushed = sync_item_push(item_id=item.pk, run=self.run, push=push, now=self.now, force=True)
        if pushed is None:
            raise RetryableError(f"customer:{customer_id} is being sent by another run.")
        if pushed.status != SyncItemStatus.SYNCED:
            error = RetryableError if pushed.status == SyncItemStatus.FAILED else RejectedError
            raise error(f"The customer could not be sent: {pushed.last_error}")
        return pushed.external_id

    def push(self, item: SyncItem) -> str:
        object_id = int(item.object_key.split(":")[1])
        if item.object_type == INVOICE:
            document = invoice_document(object_id)
            item.payload = document
            self._check_date(document["issue_date"])
            customer_ref = self.customer_ref(document["customer_id"])
            return self.provider.invoice_create(connection=self.connection, invoice=document,
                                                customer_ref=customer_ref, request_id=item.request_id,
                                                accounts=self._accounts())
        if item.object_type == CREDIT_NOTE:
            document = credit_note_document(object_id)
            item.payload = document
            self._check_date(document["issue_date"])
            invoice_ref = _synced_id(self.connection, INVOICE, _key(INVOICE, document["invoice_id"]))
            if invoice_ref is None:
                raise RejectedError("The credited invoice is not in this GL as a document (issued before documents "
                                    "were switched on): record this credit note in the GL by hand.")
            customer_ref = self.customer_ref(document["customer_id"])
            return self.provider.credit_note_create(
                connection=self.connection, credit_note=document, invoice_ref=invoice_ref,
                customer_ref=customer_ref, request_id=item.request_id, accounts=self._accounts(),
            )
        if item.object_type == INVOICE_VOID:
            external_id = _synced_id(self.connection, INVOICE, _key(INVOICE, object_id))
            if external_id is None:
                raise RejectedError("The invoice was never sent to this GL: nothing to void.")
            item.payload = {"invoice_id": object_id, "external_id": external_id}
            return self.provider.invoice_void(connection=self.connection, external_id=external_id,
                                              request_id=item.request_id)
        if item.object_type == PAYMENT:
            document = payment_document(object_id)
            item.payload = document
            self._check_date(document["date"])
            invoice_id = document["invoice_id"]
            invoice_ref = _synced_id(self.connection, INVOICE, _key(INVOICE, invoice_id)) if invoice_id else None
            if invoice_ref is None:
                raise RejectedError(
                    "The paid invoice is not in this GL as a document (issued before documents were switched on): "
                    "record this payment in the GL by hand, then mark the item."
                )
            customer_ref = self.customer_ref(document["customer_id"])
            return self.provider.payment_create(
                connection=self.connection, payment=document, invoice_ref=invoice_ref, customer_ref=customer_ref,
                deposit_account=self._deposit_account(), request_id=item.request_id,
            )
        raise RejectedError(f"Unknown document type {item.object_type}.")

    def _accounts(self) -> dict[str, str]:
        """Our account code -> how the GL's documents name the mapped account (Xero: its code;
        QuickBooks: its Id)."""
        xero = self.connection.provider == Provider.XERO
        return {
            m.account_code: (m.gl_account.number if xero else m.gl_account.external_id)
            for m in GlAccountMapping.objects.filter(connection=self.connection, gl_account__is_active=True)
            .select_related("gl_account")
        }

    def _deposit_account(self) -> str | None:
        """Where payments land: the GL account mapped to our cash account (1000), if any
        (QuickBooks: else Undeposited Funds; Xero requires one)."""
        return self._accounts().get(CASH_ACCOUNT)


def gl_documents_sync(*, connection: Connection, run: SyncRun | None, now: datetime | None = None,
                      lock_date: date | None = None) -> None:
    """Send the due document items of a documents connection: invoices, then voids, then payments.
    One document's failure does not stop the others."""
    if not connection.sends_documents:
        return
    due = {object_type: sync_items_due(connection=connection, object_type=object_type, now=now)
           for object_type in OBJECT_TYPES}
    if not any(due.values()):
        return
    pusher = DocumentPusher(connection, run, now, lock_date)
    for object_type in OBJECT_TYPES:
        for item_id in due[object_type]:
            sync_item_push(item_id=item_id, run=run, push=pusher.push, now=now)
