from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.services import actor_label, audit_record
from integrations import stripe_gateway

from .amendments import AmendmentPlan, AmendmentStateError, amendment_plan
from .choices import AmendmentStatus
from .fields import LINE_FIELDS
from .models import Amendment, Contract, ContractLine, Customer, Milestone
from .signals import amendment_applied


def customer_create(*, actor: Any = None, **fields: Any) -> Customer:
    customer = Customer(**fields)
    customer.full_clean()
    customer.save()
    audit_record(
        rule="contracts.customer_create",
        action="customer_created",
        obj=customer,
        actor=actor,
        inputs={"external_id": customer.external_id},
        outcome={"id": customer.pk},
    )
    return customer


@transaction.atomic
def contract_create(
    *, customer: Customer, lines: Sequence[Mapping[str, Any]], actor: Any = None, **fields: Any
) -> Contract:
    """Create a contract with its lines (already validated by the caller's serializer/form)."""
    contract = Contract.objects.create(customer=customer, **fields)
    for position, data in enumerate(lines):
        milestones = data.get("milestones") or []
        line = ContractLine.objects.create(
            contract=contract, sort_order=position, **{k: v for k, v in data.items() if k in LINE_FIELDS}
        )
        for milestone in milestones:
            Milestone.objects.create(line=line, **milestone)
    audit_record(
        rule="contracts.contract_create",
        action="contract_created",
        obj=contract,
        actor=actor,
        inputs={"customer": customer.external_id, "lines": [dict(line) for line in lines]},
        outcome={"id": contract.pk},
    )
    return contract


def customer_card_attach(*, customer: Customer, card_number: str, actor: Any = None) -> Customer:
    """Create the Stripe customer if needed and save a card on it as the default for automatic
    collection (test environments and the demo; live cards are collected by Stripe.js)."""
    if not customer.stripe_customer_id:
        customer.stripe_customer_id = stripe_gateway.customer_create(
            name=customer.name, email=customer.email, reference=customer.external_id
        )
    customer.stripe_payment_method_id = stripe_gateway.card_attach(
        stripe_customer_id=customer.stripe_customer_id, card_number=card_number
    )
    customer.save(update_fields=["stripe_customer_id", "stripe_payment_method_id", "updated_at"])
    audit_record(
        rule="contracts.card_attach",
        action="card_attached",
        obj=customer,
        actor=actor,
        inputs={"card_last4": card_number[-4:]},
        outcome={"stripe_customer_id": customer.stripe_customer_id},
    )
    return customer


# --- amendments --------------------------------------------------------------------------------

AMENDMENT_LINE_FIELDS = [*LINE_FIELDS, "anchor_date", "sort_order"]


def _line_data(line: ContractLine) -> dict[str, Any]:
    return {"id": line.pk, **{name: getattr(line, name) for name in AMENDMENT_LINE_FIELDS}}


def _plan(contract: Contract, *, effective_date: date, changes: object, lines: Sequence[ContractLine]) -> AmendmentPlan:
    """Check the changes against the contract's lines as they are now (raises AmendmentError)."""
    from metering.models import Meter

    return amendment_plan(
        lines=[_line_data(line) for line in lines],
        changes=changes,
        effective_date=effective_date,
        contract_start=contract.start_date,
        contract_end=contract.end_date,
        meters=set(Meter.objects.values_list("code", flat=True)),
    )


def amendment_validate(*, contract: Contract, effective_date: date, changes: object) -> AmendmentPlan:
    """The plan of a proposed amendment, or AmendmentError with field paths ("changes[0].seats")."""
    return _plan(contract, effective_date=effective_date, changes=changes, lines=list(contract.lines.all()))


@transaction.atomic
def amendment_create(
    *,
    contract: Contract,
    effective_date: date,
    changes: list[Any],
    credit_on_downgrade: bool = True,
    reason: str = "",
    actor: Any = None,
) -> Amendment:
    """Record a draft amendment after checking its changes against the contract's current lines."""
    amendment_validate(contract=contract, effective_date=effective_date, changes=changes)
    amendment = Amendment(
        contract=contract,
        effective_date=effective_date,
        changes=changes,
        credit_on_downgrade=credit_on_downgrade,
        reason=reason,
        created_by=actor_label(actor) if actor is not None else "",
    )
    amendment.save()
    audit_record(
        rule="contracts.amendment_create",
        action="amendment_created",
        obj=amendment,
        actor=actor,
        inputs={"contract": str(contract), "effective_date": effective_date, "changes": changes},
        outcome={"id": amendment.pk, "status": amendment.status},
    )
    return amendment


def _enqueue_apply(amendment_id: int) -> None:
    from .tasks import amendment_apply_task

    amendment_apply_task.delay(amendment_id)


def amendment_approve(*, amendment_id: int, actor: Any) -> Amendment:
    """draft -> approved, by ``actor``; the changes are checked again against the lines as they are
    now. Applying (line versions and the proration invoice) follows in a Celery task enqueued when
    this commits."""
    with transaction.atomic():
        amendment = Amendment.objects.select_for_update().select_related("contract").get(pk=amendment_id)
        if amendment.status != AmendmentStatus.DRAFT:
            raise AmendmentStateError(f"Only a draft amendment can be approved; this one is {amendment.status}.")
        amendment_validate(
            contract=amendment.contract, effective_date=amendment.effective_date, changes=amendment.changes
        )
        amendment.status = AmendmentStatus.APPROVED
        amendment.approved_by = actor_label(actor)
        amendment.approved_at = timezone.now()
        amendment.save()
        audit_record(
            rule="contracts.amendment_approve",
            action="amendment_approved",
            obj=amendment,
            actor=actor,
            inputs={"effective_date": amendment.effective_date, "changes": amendment.changes},
            outcome={"status": amendment.status, "approved_by": amendment.approved_by},
        )
        transaction.on_commit(lambda: _enqueue_apply(amendment.pk))
    return amendment


def amendment_cancel(*, amendment_id: int, actor: Any) -> Amendment:
    """draft -> cancelled (an approved amendment is applied, not withdrawn)."""
    with transaction.atomic():
        amendment = Amendment.objects.select_for_update().get(pk=amendment_id)
        if amendment.status != AmendmentStatus.DRAFT:
            raise AmendmentStateError(f"Only a draft amendment can be cancelled; this one is {amendment.status}.")
        amendment.status = AmendmentStatus.CANCELLED
        amendment.save()
        audit_record(
            rule="contracts.amendment_cancel",
            action="amendment_cancelled",
            obj=amendment,
            actor=actor,
            outcome={"status": amendment.status},
        )
    return amendment


def amendment_apply(*, amendment_id: int) -> Amendment:
    """approved -> applied: end the changed lines on the effective date, create their new versions
    and the added lines, and bill the proration (``invoicing.proration``).

    Idempotent: the amendment is claimed under a row lock, an applied one is returned as is, and
    the proration invoice is unique per amendment. The contract row is locked too, so two
    amendments of one contract apply one after the other, each against the lines the other left.
    An amendment dated in the future is applied at once: the line versions carry the dates.
    """
    from invoicing.proration import invoice_create_for_amendment

    with transaction.atomic():
        amendment = Amendment.objects.select_for_update().get(pk=amendment_id)
        if amendment.status == AmendmentStatus.APPLIED:
            return amendment
        if amendment.status != AmendmentStatus.APPROVED:
            raise AmendmentStateError(f"Only an approved amendment can be applied; this one is {amendment.status}.")
        contract = Contract.objects.select_for_update().select_related("customer").get(pk=amendment.contract_id)
        lines = list(contract.lines.order_by("sort_order", "id"))
        plan = _plan(contract, effective_date=amendment.effective_date, changes=amendment.changes, lines=lines)
        old_lines, new_lines = _apply_plan(contract, plan, {line.pk: line for line in lines})
        invoice = invoice_create_for_amendment(
            amendment_id=amendment.pk,
            contract=contract,
            effective_date=amendment.effective_date,
            old_lines=old_lines,
            new_lines=new_lines,
            credit_on_downgrade=amendment.credit_on_downgrade,
            actor=amendment.approved_by or None,
        )
        amendment.status = AmendmentStatus.APPLIED
        amendment.applied_at = timezone.now()
        amendment.proration_invoice_id = invoice.pk if invoice is not None else None
        amendment.save()
        audit_record(
            rule="contracts.amendment_apply",
            action="amendment_applied",
            obj=amendment,
            inputs={
                "contract": str(contract),
                "effective_date": amendment.effective_date,
                "changes": amendment.changes,
                "credit_on_downgrade": amendment.credit_on_downgrade,
                "approved_by": amendment.approved_by,
                "lines_before": [{"code": line.code, "start": line.start_date, "end": line.end_date} for line in lines],
            },
            outcome={
                "ended": [old.code for old in old_lines if old is not None],
                "created": [new.code for new in new_lines if new is not None],
                "proration_invoice": amendment.proration_invoice_id,
                "proration_total": invoice.total if invoice is not None else None,
            },
        )
        transaction.on_commit(lambda: amendment_applied.send(sender=Amendment, amendment_id=amendment.pk))
    return amendment


def _apply_plan(
    contract: Contract, plan: AmendmentPlan, lines_by_id: Mapping[int, ContractLine]
) -> tuple[list[ContractLine | None], list[ContractLine | None]]:
    """Write the plan's line versions; returns (each old line as it was before, its new version)."""
    old_lines: list[ContractLine | None] = []
    new_lines: list[ContractLine | None] = []
    for version in plan.versions:
        before: ContractLine | None = None
        if version.old is not None:
            line = lines_by_id[version.old["id"]]
            before = copy.copy(line)
            line.end_date = plan.effective_date
            line.save()
        created: ContractLine | None = None
        if version.new is not None:
            data = dict(version.new)
            milestones = data.pop("milestones", None) or []
            created = ContractLine(contract=contract, **{k: v for k, v in data.items() if k in AMENDMENT_LINE_FIELDS})
            created.save()
            for milestone in milestones:
                Milestone.objects.create(line=created, **milestone)
        old_lines.append(before)
        new_lines.append(created)
    codes = plan.commitment_codes(contract.minimum_commitment_lines or [])
    if codes != list(contract.minimum_commitment_lines or []):
        contract.minimum_commitment_lines = codes
        contract.save(update_fields=["minimum_commitment_lines", "updated_at"])
    return old_lines, new_lines
