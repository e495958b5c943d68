"""The last step of every draft, whichever flow made it (billing run, amendment, milestone,
true-up): totals, tax per line, and whether it may be sent without a person looking at it."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from audit.services import audit_record
from billing_site.bulk_writes import bulk_update_with_history  # simple-history's, by COPY on PostgreSQL
from billing_site.queue import task_enqueue_on_commit
from invoicing.choices import ReviewStatus
from invoicing.drafting.review import recent_totals, review_decide
from invoicing.models import Invoice, InvoiceLine
from invoicing.tax import lines_tax_apply, tax_rates_for

ZERO = Decimal(0)
INVOICE_FIELDS = ["subtotal", "tax", "total", "auto_send", "review_status", "hold_reason", "hold_details"]
LINE_FIELDS = ["tax_rate", "tax_name", "tax_percentage", "tax_amount"]


def drafts_complete(
    invoices: Sequence[Invoice],
    *,
    lines_by_invoice: dict[int, list[InvoiceLine]] | None = None,
    auto_send: dict[int, bool] | None = None,
    save: bool = True,
) -> list[Invoice]:
    """Price tax, total and decide review for freshly drafted invoices (their lines saved), in a
    constant number of queries for any number of invoices. ``auto_send`` (invoice id -> wish)
    defaults to customer and contract both on. Returns the invoices to finalise and send now;
    their finalise task is enqueued after commit. ``save=False``: the invoices and lines (given,
    with their ids) are not written yet; the caller inserts them with these values in the same
    transaction (a billing run's chunk writes each row once)."""
    if not invoices:
        return []
    if lines_by_invoice is None:
        lines_by_invoice = {}
        for line in InvoiceLine.objects.filter(invoice__in=invoices).order_by("invoice_id", "position", "id"):
            lines_by_invoice.setdefault(line.invoice_id, []).append(line)
    customers = {invoice.customer_id: invoice.customer for invoice in invoices}
    rates = tax_rates_for(list(customers.values()))
    history = recent_totals(list(customers))
    changed_lines: list[InvoiceLine] = []
    to_send: list[Invoice] = []
    for invoice in invoices:
        lines = lines_by_invoice.get(invoice.pk, [])
        invoice.tax = lines_tax_apply(lines, rates[invoice.customer_id], invoice.currency)
        changed_lines += lines
        invoice.subtotal = sum((line.amount for line in lines), ZERO)
        invoice.total = invoice.subtotal + invoice.tax
        wish = auto_send[invoice.pk] if auto_send is not None else _auto_send_wish(invoice)
        review_decide(invoice, history=history.get((invoice.customer_id, invoice.currency), []), auto_send=wish)
        if invoice.review_status == ReviewStatus.HELD:
            audit_record(
                rule="invoicing.anomaly_hold",
                action="invoice_held",
                obj=invoice,
                inputs=invoice.hold_details,
                outcome={"reason": invoice.hold_reason},
            )
        if invoice.auto_send:
            to_send.append(invoice)
    if not save:
        pass
    elif len(invoices) == 1:
        for line in changed_lines:
            line.save(update_fields=LINE_FIELDS)
        invoices[0].save(update_fields=INVOICE_FIELDS)
    else:
        bulk_update_with_history(changed_lines, InvoiceLine, LINE_FIELDS, batch_size=1000)
        bulk_update_with_history(invoices, Invoice, INVOICE_FIELDS, batch_size=1000)
    for invoice in to_send:
        task_enqueue_on_commit("invoicing.tasks.invoice_finalize_task", invoice.pk)
    return to_send


def draft_complete(invoice: Invoice) -> bool:
    """``drafts_complete`` for one invoice; True when it goes out without review."""
    return bool(drafts_complete([invoice]))


def _auto_send_wish(invoice: Invoice) -> bool:
    contract_wish = invoice.contract.auto_send if invoice.contract_id else True
    return bool(invoice.customer.auto_send and contract_wish)
