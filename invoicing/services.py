from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.services import actor_label, audit_record
from contracts.models import Contract, Customer
from metering.selectors import meters_by_code

from . import drafting
from .billing import LinePeriod, due_line_periods, rate_line_periods
from .choices import InvoiceKind, InvoiceStatus
from .commitments import commitment_true_up_apply_to_draft, contract_commitment_true_ups_bill
from .credits import credit_apply_to_draft, credit_grant_for_invoice
from .drafting import draft_complete
from .exceptions import InvalidInvoiceTransition
from .late_usage import late_usage_rows
from .models import BillingRun, Invoice, InvoiceLine
from .numbering import invoice_number_next
from .rating import RatedLine
from .review import AWAITING_REVIEW, ReviewStatus
from .signals import invoice_finalized, invoice_marked_uncollectible, invoice_paid, invoice_voided

ZERO = Decimal(0)
Actor = AbstractBaseUser | str | None


def customer_snapshot(customer: Customer) -> dict[str, object]:
    """The billing details as they were when the invoice was drafted (an issued invoice must not
    change when the customer record does)."""
    return {
        "name": customer.name,
        "external_id": customer.external_id,
        "email": customer.email,
        "address_lines": customer.address_lines,
        "tax_id": customer.tax_id,
        "timezone": customer.timezone,
        "locale": customer.locale,
        "payment_terms_days": customer.payment_terms_days,
        "country": customer.country,
        "region": customer.region,
        "tax_exempt": customer.tax_exempt,
        "tax_exemption_certificate": customer.tax_exemption_certificate,
    }


def invoice_build(
    *,
    contract: Contract,
    billing_date: date,
    line_periods: Sequence[LinePeriod],
    rated: Sequence[tuple[RatedLine, object]],
    run: BillingRun | None,
) -> tuple[Invoice, list[InvoiceLine]]:
    """A contract's recurring draft for one billing date and its lines, unsaved: one per rated row,
    in order, with the price it was rated at. Used one invoice at a time (``_create_invoice``) and
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
            price_snapshot=_snapshot(contract_line),
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


def _create_invoice(
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


def _snapshot(contract_line: object) -> dict[str, object]:
    fields = [
        "charge_model",
        "unit_price",
        "amount",
        "included_units",
        "tiers",
        "minimum_amount",
        "seats",
        "package_size",
        "package_price",
        "rate",
        "fixed_fee",
        "billing_interval",
        "billing_interval_count",
        "billing_timing",
    ]
    return {f: getattr(contract_line, f, None) for f in fields}


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
                invoice = _create_invoice(
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
        transaction.on_commit(lambda pk=pk: drafting._enqueue_finalize(pk))


def billing_run_execute(*, as_of: datetime, actor: Actor = None) -> BillingRun:
    """Bill every period that has closed by ``as_of`` for every active contract: a run in chunks of
    contracts, one Celery task each, drafted set-based (``invoicing.billing_run``). In eager mode
    (tests, the demo loader) the chunks run inline and the run is returned completed or failed;
    with a worker it is returned ``running`` and its progress counters move as chunks commit."""
    from .billing_run import billing_run_start

    return billing_run_start(as_of=as_of, actor=actor)


def _send_after_commit(signal, invoice_id: int) -> None:  # type: ignore[no-untyped-def]
    transaction.on_commit(lambda: signal.send(sender=Invoice, invoice_id=invoice_id))


def invoice_finalize(*, invoice_id: int, actor: Actor = None) -> Invoice:
    """Issue a draft: gapless number, issue date (today in the customer's time zone), due date from
    payment terms. Finalising an already-issued invoice returns it unchanged (safe retry). A draft
    held as an anomaly is only issued through ``invoice_approve``; one awaiting review because
    auto-send is off is issued by a person (``actor``), which counts as its review."""
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().select_related("customer").get(pk=invoice_id)
        if invoice.status in (InvoiceStatus.OPEN, InvoiceStatus.PAID) and invoice.number:
            return invoice
        if invoice.status != InvoiceStatus.DRAFT:
            raise InvalidInvoiceTransition(f"Cannot finalise a {invoice.status} invoice.")
        if invoice.review_status == ReviewStatus.HELD:
            raise InvalidInvoiceTransition(
                f"Held for review: {invoice.hold_reason} Approve it (review queue, or POST /approve) to issue it."
            )
        if invoice.review_status == ReviewStatus.PENDING:
            if actor is None or isinstance(actor, str) and actor.startswith("rule:"):  # automated: never
                raise InvalidInvoiceTransition("Awaiting review (auto-send is off): a person has to finalise it.")
            # A person finalising a draft from the queue reviews it; it is not emailed (auto_send off).
            invoice.review_status = ReviewStatus.APPROVED
            invoice.reviewed_by = actor_label(actor)
            invoice.reviewed_at = timezone.now()
        issue_date = timezone.now().astimezone(ZoneInfo(invoice.customer.timezone)).date()
        invoice.number = invoice_number_next(series=settings.INVOICE_NUMBER_PREFIX, year=issue_date.year)
        invoice.issue_date = issue_date
        invoice.due_date = issue_date + timedelta(days=invoice.customer.payment_terms_days)
        invoice.finalized_at = timezone.now()
        invoice.status = InvoiceStatus.OPEN
        if invoice.total <= ZERO:
            invoice.status = InvoiceStatus.PAID
            invoice.paid_at = invoice.finalized_at
        invoice.save()
        audit_record(
            rule="invoicing.auto_send" if actor is None else "invoicing.manual_finalize",
            action="invoice_finalized",
            obj=invoice,
            actor=actor,
            inputs={"total": invoice.total, "payment_terms_days": invoice.customer.payment_terms_days},
            outcome={
                "number": invoice.number,
                "issue_date": invoice.issue_date,
                "due_date": invoice.due_date,
                "status": invoice.status,
            },
        )
        _send_after_commit(invoice_finalized, invoice.pk)
        if invoice.auto_send:
            transaction.on_commit(lambda: _enqueue_delivery(invoice.pk))
    return invoice


def _enqueue_delivery(invoice_id: int) -> None:
    from .tasks import invoice_deliver_task

    invoice_deliver_task.delay(invoice_id)


def invoice_approve(*, invoice_id: int, actor: Actor) -> Invoice:
    """Approve a draft waiting in the review queue (auto-send off, or held as an anomaly) and issue
    it: number, dates, and the email after commit (it is marked ``auto_send``). Approving again an
    invoice already approved returns it (finalising it if a first attempt stopped half way).
    Raises InvalidInvoiceTransition for anything else (an issued, void or unreviewed invoice)."""
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
        if invoice.review_status == ReviewStatus.APPROVED:  # a retry
            if invoice.status == InvoiceStatus.DRAFT:
                return invoice_finalize(invoice_id=invoice.pk, actor=actor)
            return invoice
        if invoice.status != InvoiceStatus.DRAFT or invoice.review_status not in AWAITING_REVIEW:
            raise InvalidInvoiceTransition(
                f"Only a draft awaiting review can be approved; this invoice is {invoice.get_status_display().lower()}"
                f" (review: {invoice.get_review_status_display().lower()})."
            )
        was = invoice.review_status
        invoice.review_status = ReviewStatus.APPROVED
        invoice.auto_send = True
        invoice.reviewed_by = actor_label(actor)
        invoice.reviewed_at = timezone.now()
        invoice.save(update_fields=["review_status", "auto_send", "reviewed_by", "reviewed_at"])
        audit_record(
            rule="invoicing.review",
            action="invoice_approved",
            obj=invoice,
            actor=actor,
            inputs={"review_status": was, "hold_reason": invoice.hold_reason, "total": invoice.total},
            outcome={"review_status": invoice.review_status, "auto_send": True},
        )
        return invoice_finalize(invoice_id=invoice.pk, actor=actor)


def invoice_apply_payment(*, invoice_id: int, amount: Decimal, paid_at: datetime, actor: Actor = None) -> Invoice:
    """Add a payment allocation to the invoice's paid amount; fully paid invoices become ``paid``.
    Called by receivables inside the transaction that records the payment."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
    if invoice.status != InvoiceStatus.OPEN:
        raise InvalidInvoiceTransition(f"Cannot apply a payment to a {invoice.status} invoice.")
    if amount <= ZERO or amount > invoice.amount_due:
        raise InvalidInvoiceTransition(f"Payment {amount} does not fit the amount due {invoice.amount_due}.")
    invoice.amount_paid += amount
    if invoice.amount_due == ZERO:
        invoice.status = InvoiceStatus.PAID
        invoice.paid_at = paid_at
        _send_after_commit(invoice_paid, invoice.pk)
    invoice.save()
    return invoice


def invoice_mark_uncollectible(*, invoice_id: int, actor: Actor, reason: str = "") -> Invoice:
    """Write an open invoice off as bad debt: ``open -> uncollectible``. What is still due is kept
    as ``amount_written_off`` (the ledger books it Dr Bad debt expense / Cr Accounts receivable, and
    receivables closes the dunning case, both after commit). Revenue already recognised stays: a
    customer who does not pay is an expense, not less revenue. Marking it again returns it (a
    retry); anything but an open invoice with something due raises InvalidInvoiceTransition."""
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
        if invoice.status == InvoiceStatus.UNCOLLECTIBLE:
            return invoice
        if invoice.status != InvoiceStatus.OPEN or invoice.amount_due <= ZERO:
            raise InvalidInvoiceTransition(
                f"Only an open invoice with an amount due can be written off; this one is "
                f"{invoice.get_status_display().lower()}."
            )
        written_off = invoice.amount_due
        invoice.amount_written_off = written_off
        invoice.status = InvoiceStatus.UNCOLLECTIBLE
        invoice.uncollectible_at = timezone.now()
        invoice.uncollectible_reason = reason.strip()
        invoice.save()
        audit_record(
            rule="invoicing.write_off",
            action="invoice_marked_uncollectible",
            obj=invoice,
            actor=actor,
            inputs={
                "reason": invoice.uncollectible_reason,
                "total": invoice.total,
                "amount_paid": invoice.amount_paid,
                "amount_credited": invoice.amount_credited,
                "due_date": invoice.due_date,
            },
            outcome={"status": invoice.status, "amount_written_off": written_off},
        )
        _send_after_commit(invoice_marked_uncollectible, invoice.pk)
    return invoice


def invoice_void(*, invoice_id: int, actor: Actor = None, reason: str = "") -> Invoice:
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
        if invoice.status == InvoiceStatus.VOID:
            return invoice
        if invoice.status not in (InvoiceStatus.DRAFT, InvoiceStatus.OPEN) or invoice.amount_paid:
            raise InvalidInvoiceTransition(
                f"Cannot void a {invoice.status} invoice with payments; issue a credit note."
            )
        was_open = invoice.status == InvoiceStatus.OPEN
        invoice.status = InvoiceStatus.VOID
        invoice.voided_at = timezone.now()
        invoice.save()
        audit_record(
            rule="invoicing.void",
            action="invoice_voided",
            obj=invoice,
            actor=actor,
            inputs={"reason": reason},
            outcome={"status": invoice.status},
        )
        if was_open:
            _send_after_commit(invoice_voided, invoice.pk)
    return invoice
