"""Milestone invoices: a milestone's amount is invoiced once, when it is marked complete."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from contracts.milestones import milestone_complete
from contracts.models import Milestone
from invoicing.choices import InvoiceKind, LineKind
from invoicing.drafting.completion import draft_complete
from invoicing.drafting.snapshots import customer_snapshot, line_price_snapshot
from invoicing.exceptions import InvoicingError
from invoicing.models import Invoice, InvoiceLine
from rating import round_money

Actor = AbstractBaseUser | str | None


class MilestoneNotCompleted(InvoicingError):
    """Only a completed milestone can be invoiced."""


def milestone_source_key(milestone_id: int) -> str:
    return f"milestone:{milestone_id}"


def invoice_create_for_milestone(*, milestone_id: int, actor: Actor = None) -> Invoice:
    """Draft the invoice of a completed milestone: one line with the milestone amount, billed on
    its completion date. Invoicing a milestone again returns the first invoice: the milestone row
    lock serialises concurrent calls and the unique ``source_key`` makes a second invoice
    impossible. Auto-send contracts get it finalised after commit."""
    return _milestone_invoice(milestone_id=milestone_id, actor=actor)[0]


def _milestone_invoice(*, milestone_id: int, actor: Actor) -> tuple[Invoice, bool]:
    with transaction.atomic():
        milestone = (
            Milestone.objects.select_for_update()
            .select_related("line__contract__customer")
            .get(pk=milestone_id)
        )
        existing = Invoice.objects.filter(source_key=milestone_source_key(milestone.pk)).first()
        if existing is not None:
            return existing, False
        if milestone.completed_on is None:
            raise MilestoneNotCompleted(f"Milestone '{milestone.name}' is not completed.")
        line = milestone.line
        contract = line.contract
        completed_on = milestone.completed_on
        amount = round_money(milestone.amount, contract.currency)
        invoice = Invoice.objects.create(
            customer=contract.customer,
            contract=contract,
            kind=InvoiceKind.MILESTONE,
            source_key=milestone_source_key(milestone.pk),
            billing_date=completed_on,
            currency=contract.currency,
            period_start=completed_on,
            period_end=completed_on + timedelta(days=1),
            auto_send=contract.auto_send,
            customer_snapshot=customer_snapshot(contract.customer),
            subtotal=amount,
            total=amount,
        )
        InvoiceLine(
            invoice=invoice,
            position=0,
            contract_line_id=line.pk,
            line_code=line.code,
            kind=LineKind.FIXED,
            description=f"{line.description or line.code}: {milestone.name}",
            quantity=1,
            unit_price=milestone.amount,
            precise_amount=milestone.amount,
            amount=amount,
            period_start=completed_on,
            period_end=completed_on + timedelta(days=1),
            price_snapshot={
                **line_price_snapshot(line),
                "milestone": milestone.name,
                "milestone_amount": milestone.amount,
            },
        ).save()
        draft_complete(invoice)
        audit_record(
            rule="invoicing.milestone_completed",
            action="invoice_drafted",
            obj=invoice,
            actor=actor,
            inputs={
                "contract": str(contract),
                "milestone_id": milestone.pk,
                "milestone": milestone.name,
                "completed_on": completed_on,
                "amount": milestone.amount,
            },
            outcome={"subtotal": invoice.subtotal, "source_key": invoice.source_key},
        )
    return invoice, True


def milestone_complete_and_invoice(
    *, milestone_id: int, completed_on: date | None = None, actor: Actor = None
) -> tuple[Invoice, bool]:
    """Mark a milestone complete (default: today in the customer's time zone) and invoice it at
    once, in one transaction. Idempotent: an already-completed milestone keeps its date and
    returns its invoice (drafting it if it was completed without one). Returns (invoice, created)."""
    with transaction.atomic():
        milestone = Milestone.objects.select_related("line__contract__customer").get(pk=milestone_id)
        if completed_on is None:
            tz = ZoneInfo(milestone.line.contract.customer.timezone)
            completed_on = timezone.now().astimezone(tz).date()
        milestone_complete(milestone=milestone, completed_on=completed_on, actor=actor)
        return _milestone_invoice(milestone_id=milestone.pk, actor=actor)
