"""A contract's recurring invoices, one contract at a time: the drafts of its due billing dates
with their usage, late usage, prepaid credit draws and commitment true-ups. The chunked billing run
(``billing_run``) drafts most contracts set-based and falls back on this path for the ones whose
drafting locks shared state."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from django.db import IntegrityError, transaction

from audit.services import audit_record
from billing_site.queue import task_enqueue_on_commit
from contracts.models import Contract
from invoicing.choices import InvoiceKind, InvoiceStatus
from invoicing.drafting.commitments import commitment_true_up_apply_to_draft, contract_commitment_true_ups_bill
from invoicing.drafting.completion import draft_complete
from invoicing.drafting.late_usage import late_usage_rows
from invoicing.drafting.periods import LinePeriod, due_line_periods, rate_line_periods
from invoicing.drafting.prepaid_credits import credit_apply_to_draft, credit_grant_for_invoice
from invoicing.drafting.snapshots import customer_snapshot, line_price_snapshot
from invoicing.models import BillingRun, Invoice, InvoiceLine
from metering.selectors import meters_by_code
from rating import RatedLine

ZERO = Decimal(0)


def invoice_build(
    *,
    contract: Contract,
    billing_date: date,
    line_periods: Sequence[LinePeriod],
    rated: Sequence[tuple[RatedLine, object]],
    run: BillingRun | None,
) -> tuple[Invoice, list[InvoiceLine]]:
    """A contract's recurring draft for one billing date and its lines, unsaved: one per rated row,
    in order, with the price it was rated at. Used one invoice at a time (``invoice_create``) and
    in bulk by the chunked billing run."""
    periods = [lp.period for lp in line_periods]
    lines = [
        InvoiceLine(
            position=position,
            contract_line_id=getattr(contract_line, "pk", None),
            line_code=row.line_code,
            kind=row.kind,
            description=row.description,
            tier=row.tier,
            quantity=row.quantity,
            unit_price=row.unit_price,
            precise_amount=row.precise_amount,
            amount=row.amount,
            period_start=row.period_start,
            period_end=row.period_end,
            price_snapshot=line_price_snapshot(contract_line),
        )
        for position, (row, contract_line) in enumerate(rated)
    ]
    subtotal = sum((line.amount for line in lines), ZERO)
    invoice = Invoice(
        customer=contract.customer,
        contract=contract,
        billing_run=run,
        kind=InvoiceKind.RECURRING,
        billing_date=billing_date,
        currency=contract.currency,
        period_start=min(p.start for p in periods),
        period_end=max(p.end for p in periods),
        auto_send=contract.auto_send,
        customer_snapshot=customer_snapshot(contract.customer),
        subtotal=subtotal,
        total=subtotal,
    )
    return invoice, lines


def invoice_create(
    *,
    contract: Contract,
    billing_date: date,
    line_periods: Sequence[LinePeriod],
    rated: Sequence[tuple[RatedLine, object]],
    run: BillingRun | None,
) -> Invoice:
    invoice, lines = invoice_build(
        contract=contract, billing_date=billing_date, line_periods=line_periods, rated=rated, run=run
    )
    invoice.save()
    for line in lines:
        line.invoice = invoice
        line.save()  # save(), not bulk_create: simple-history records each line
    return invoice


def contract_bill_due(
    *, contract: Contract, as_of: datetime, run: BillingRun | None = None
) -> tuple[list[Invoice], int]:
    """Draft one invoice per due billing date not yet invoiced. Returns (new invoices, dates that
    already had one). Safe to rerun: the unique constraint on (contract, billing_date) makes a
    second draft of the same date impossible, even for two runs at once."""
    _resume_auto_send(contract)
    lines = list(contract.lines.all())
    due = due_line_periods(contract, lines, as_of=as_of)
    if not due:
        return [], 0
    existing = set(
        Invoice.objects.filter(contract=contract, kind=InvoiceKind.RECURRING, billing_date__in=due).values_list(
            "billing_date", flat=True
        )
    )
    meters = meters_by_code()
    created: list[Invoice] = []
    for billing_date in sorted(set(due) - existing):
        line_periods = due[billing_date]
        rated = rate_line_periods(contract, line_periods, meters=meters)
        rated += late_usage_rows(contract, meters=meters, before=billing_date)
        try:
            with transaction.atomic():
                invoice = invoice_create(
                    contract=contract, billing_date=billing_date, line_periods=line_periods, rated=rated, run=run
                )
                credit_grant_for_invoice(invoice)
                credit_apply_to_draft(invoice)
                commitment_true_up_apply_to_draft(invoice)
                draft_complete(invoice)
                audit_record(
                    rule="billing.period_closed",
                    action="invoice_drafted",
                    obj=invoice,
                    inputs={
                        "contract": str(contract),
                        "billing_date": billing_date,
                        "as_of": as_of,
                        "line_periods": [
                            {"line": lp.line.code, "start": lp.period.start, "end": lp.period.end}
                            for lp in line_periods
                        ],
                        "usage": {r.line_code: r.quantity for r, _ in rated if r.kind == "usage"},
                    },
                    outcome={
                        "subtotal": invoice.subtotal,
                        "tax": invoice.tax,
                        "lines": len(rated),
                        "review_status": invoice.review_status,
                    },
                )
        except IntegrityError:
            existing.add(billing_date)  # a concurrent run drafted it first
            continue
        created.append(invoice)
    created += contract_commitment_true_ups_bill(contract=contract, as_of=as_of, run=run)
    return created, len(existing & set(due))


def _resume_auto_send(contract: Contract) -> None:
    """Auto-send drafts still in draft (their finalise task was lost, e.g. the broker was down)
    are enqueued again; finalising is idempotent, and drafts held for review have auto_send off."""
    for pk in Invoice.objects.filter(contract=contract, status=InvoiceStatus.DRAFT, auto_send=True).values_list(
        "pk", flat=True
    ):
        task_enqueue_on_commit("invoicing.tasks.invoice_finalize_task", pk)
