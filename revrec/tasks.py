from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from .services import (
    revenue_credit_note_apply,
    revenue_invoice_voided,
    revenue_recognize_due,
    revenue_schedule_build,
)


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def revenue_schedule_build_task(invoice_id: int) -> None:
    revenue_schedule_build(invoice_id=invoice_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def revenue_invoice_voided_task(invoice_id: int) -> None:
    revenue_invoice_voided(invoice_id=invoice_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def revenue_credit_note_apply_task(credit_note_id: int) -> None:
    revenue_credit_note_apply(credit_note_id=credit_note_id)


@shared_task
def revenue_recognize_due_task() -> int:
    return revenue_recognize_due(as_of=timezone.now().date())


@shared_task
def revenue_usage_accrue_task(month: str | None = None) -> int:
    """Accrue last month's unbilled usage (or ``month``, "YYYY-MM"), then bring each fixed-term
    contract's revenue for that month to its allocated schedules. Scheduled on the 1st at 13:00
    UTC, when the month has ended in every time zone; idempotent, so it can be run again. Returns
    the number of accruals."""
    import datetime as dt

    from .accruals import revenue_usage_accrue
    from .allocation_postings import revenue_allocation_post_month

    if month:
        first = dt.date.fromisoformat(f"{month}-01")
    else:
        first = (timezone.now().date().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    accrued = len(revenue_usage_accrue(month=first))
    revenue_allocation_post_month(month=first)
    return accrued


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def revenue_modification_record_task(amendment_id: int) -> None:
    from .obligations import revenue_modification_record

    revenue_modification_record(amendment_id=amendment_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def revenue_contract_ensure_task(invoice_id: int) -> None:
    """The contract's revenue plan exists once it is first invoiced (from its lines then)."""
    from invoicing.models import Invoice

    from .obligations import revenue_contract_ensure

    contract_id = Invoice.objects.filter(pk=invoice_id).values_list("contract_id", flat=True).first()
    if contract_id is not None:
        revenue_contract_ensure(contract_id=contract_id)
