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

from django.db.models import Q, QuerySet
from django.utils import timezone

from billing_site.queue import task_enqueue_on_commit
from rating.money import round_money

from ..choices import GlContent, Provider, SyncItemStatus
from ..exceptions import RejectedError, RetryableError
from ..models import Connection, GlAccountMapping, SyncItem, SyncRun
from ..sync import SYNC_TASK, sync_item_ensure, sync_item_push, sync_items_due

CUSTOMER, INVOICE, INVOICE_VOID, PAYMENT = "customer", "invoice", "invoice_void", "payment"
CREDIT_NOTE, WRITE_OFF, REFUND = "credit_note", "write_off", "refund"
# The order a sync sends them in: an invoice before its credit notes, void and payments; a credit
# note before its refunds.
OBJECT_TYPES = (INVOICE, CREDIT_NOTE, INVOICE_VOID, PAYMENT, WRITE_OFF, REFUND)
DOCUMENT_PROVIDERS = (Provider.QUICKBOOKS, Provider.XERO)
# Write-offs and refunds are documents on Xero only (its manual journals cannot touch Accounts
# Receivable); QuickBooks takes them as journal entries with the customer on the receivable line.
XERO_ONLY = (Provider.XERO,)
CASH_ACCOUNT, REVENUE, DEFERRED_REVENUE, SALES_TAX, BAD_DEBT = "1000", "4000", "2100", "2200", "6100"
ZERO = Decimal(0)


def carried_as_document(source_key: str, connection: Connection) -> bool:
    """Whether a ledger entry (by its source key) is sent as a document on this connection."""
    return connection.sends_documents and bool(re.match(connection.document_source_pattern, source_key))


def documents_connections(providers: tuple[str, ...] = DOCUMENT_PROVIDERS) -> QuerySet[Connection]:
    """Active connections sending documents: every Xero one, QuickBooks ones set to documents."""
    sends = Q(provider=Provider.XERO) | Q(provider=Provider.QUICKBOOKS, gl_content=GlContent.DOCUMENTS)
    return Connection.objects.filter(sends, is_active=True, provider__in=providers)


def _key(object_type: str, object_id: int) -> str:
    return f"invoice:{object_id}:void" if object_type == INVOICE_VOID else f"{object_type}:{object_id}"


def document_plan(
    *, object_type: str, object_id: int, on: date, after: str = "",
    providers: tuple[str, ...] = DOCUMENT_PROVIDERS, connections: list[Connection] | None = None,
) -> list[SyncItem]:
    """A sync item for the document on every active documents connection (of ``providers``, or
    the ``connections`` given) whose GL start date it is not before (and, with ``after``, that
    holds that item: a void only where the invoice went), and a sync of each queued after commit.
    Returns the items made now."""
    made = []
    targets = connections if connections is not None else list(documents_connections(providers))
    for connection in targets:
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


def write_off_document_plan(*, invoice_id: int) -> list[SyncItem]:
    """An invoice written off as uncollectible, where write-offs are documents (every Xero
    connection; QuickBooks with a bad debt item) and the invoice went as a document."""
    from invoicing.models import Invoice

    invoice = Invoice.objects.get(pk=invoice_id)
    if invoice.uncollectible_at is None or invoice.amount_written_off <= 0:
        return []
    targets = [c for c in documents_connections() if c.sends_write_offs]
    return document_plan(object_type=WRITE_OFF, object_id=invoice.pk, on=invoice.uncollectible_at.date(),
                         connections=targets, after=_key(INVOICE, invoice_id))


def refund_document_plan(*, refund_id: int) -> list[SyncItem]:
    """Money given back out of a credit note, on Xero connections."""
    from receivables.choices import RefundStatus
    from receivables.models import Refund

    refund = Refund.objects.get(pk=refund_id)
    if refund.status != RefundStatus.SUCCEEDED or refund.refunded_at is None:
        return []
    return document_plan(object_type=REFUND, object_id=refund.pk, on=refund.refunded_at.date(), providers=XERO_ONLY)


# --- what is sent (provider-neutral snapshots of our documents) ---------------------------------


def customer_document(customer_id: int) -> dict[str, Any]:
    from contracts.models import Customer

    return customer_snapshot(Customer.objects.get(pk=customer_id))


def customer_snapshot(customer: Any) -> dict[str, Any]:
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


def write_off_document(invoice_id: int) -> dict[str, Any]:
    """A write-off as a credit note of the customer on our bad debt account (6100), all of it
    taken off the invoice's balance: what our entry ``invoice:<id>:written_off`` books (Dr bad
    debt / Cr receivable), the way finance teams write off an invoice in Xero."""
    from invoicing.models import Invoice

    invoice = Invoice.objects.get(pk=invoice_id)
    currency = invoice.currency
    amount = str(round_money(invoice.amount_written_off, currency))
    on = invoice.uncollectible_at.date().isoformat() if invoice.uncollectible_at else ""
    return {
        "id": invoice.pk, "number": f"WO-{invoice.number}"[:255], "invoice_id": invoice.pk,
        "customer_id": invoice.customer_id, "currency": currency, "issue_date": on,
        "memo": f"Invoice {invoice.number} written off as uncollectible",
        "reference": f"Autobill write_off:{invoice.pk}",
        "lines": [{"description": f"Bad debt: invoice {invoice.number} written off", "quantity": "1",
                   "unit_price": "", "amount": amount, "account": BAD_DEBT, "period_start": on, "period_end": on}],
        "tax": "0", "tax_description": "Tax", "total": amount, "credited_to_balance": amount,
    }


def refund_document(refund_id: int) -> dict[str, Any]:
    """Money paid back to the customer out of a credit note's remaining credit (our entry
    ``refund:<id>``: Dr receivable / Cr cash)."""
    from receivables.models import Refund

    refund = Refund.objects.get(pk=refund_id)
    return {
        "id": refund.pk, "credit_note_id": refund.credit_note_id, "customer_id": refund.customer_id,
        "currency": refund.currency, "amount": str(round_money(refund.amount, refund.currency)),
        "date": refund.refunded_at.date().isoformat() if refund.refunded_at else "",
        "reference": (refund.reference or refund.stripe_refund_id or f"Autobill refund {refund.pk}"),
        "method": refund.method,
    }


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


def _customer_provider(connection: Connection) -> Any:
    """Where customers are upserted: the document GLs, and NetSuite (its journal lines on
    Accounts Receivable name the customer record)."""
    if connection.provider == Provider.NETSUITE:
        from ..providers import netsuite

        return netsuite
    return _provider(connection)


def _synced_id(connection: Connection, object_type: str, object_key: str) -> str | None:
    item = SyncItem.objects.filter(connection=connection, object_type=object_type, object_key=object_key).first()
    if item is None:
        return None
    if item.status != SyncItemStatus.SYNCED:
        raise RetryableError(f"Waiting for {object_key} to reach the GL first ({item.get_status_display()}).")
    return item.external_id


def customer_external_id(*, connection: Connection, customer_id: int, run: SyncRun | None,
                         now: datetime | None = None) -> str:
    """The GL's id of our customer (QuickBooks Customer Id, Xero ContactID, NetSuite customer
    internal id), upserted through its own sync item ``customer:<id>`` (found by our customer id,
    else created with the item's idempotency key; NetSuite upserts by an external id made of ours),
    so documents and journal lines on receivables name the same customer."""
    item, _ = sync_item_ensure(connection=connection, object_type=CUSTOMER, object_key=f"customer:{customer_id}")
    if item.status == SyncItemStatus.SYNCED:
        return item.external_id
    provider = _customer_provider(connection)

    def push(customer_item: SyncItem) -> str:
        document = customer_document(customer_id)
        customer_item.payload = document
        return provider.customer_upsert(connection=connection, customer=document, request_id=customer_item.request_id)

    # Forced: the backoff of the object that needs the customer decides when it is tried again.
    pushed = sync_item_push(item_id=item.pk, run=run, push=push, now=now, force=True)
    if pushed is None:
        raise RetryableError(f"customer:{customer_id} is being sent by another run.")
    if pushed.status != SyncItemStatus.SYNCED:
        error = RetryableError if pushed.status == SyncItemStatus.FAILED else RejectedError
        raise error(f"The customer could not be sent: {pushed.last_error}")
    return pushed.external_id


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
        return customer_external_id(connection=self.connection, customer_id=customer_id, run=self.run, now=self.now)

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
        if item.object_type == WRITE_OFF:
            document = write_off_document(object_id)
            item.payload = document
            self._check_date(document["issue_date"])
            invoice_ref = _synced_id(self.connection, INVOICE, _key(INVOICE, object_id))
            if invoice_ref is None:
                raise RejectedError("The written-off invoice is not in this GL as a document (issued before "
                                    "documents were switched on): write it off in the GL by hand.")
            customer_ref = self.customer_ref(document["customer_id"])
            return self.provider.credit_note_create(
                connection=self.connection, credit_note=document, invoice_ref=invoice_ref,
                customer_ref=customer_ref, request_id=item.request_id, accounts=self._accounts(),
            )
        if item.object_type == REFUND:
            document = refund_document(object_id)
            item.payload = document
            self._check_date(document["date"])
            credit_note_ref = _synced_id(self.connection, CREDIT_NOTE, _key(CREDIT_NOTE, document["credit_note_id"]))
            if credit_note_ref is None:
                raise RejectedError("The refunded credit note is not in this GL as a document: record this refund "
                                    "in the GL by hand.")
            return self.provider.refund_create(
                connection=self.connection, refund=document, credit_note_ref=credit_note_ref,
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
