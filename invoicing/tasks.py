from __future__ import annotations

from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from invoicing.documents.delivery import invoice_deliver
from invoicing.drafting.amendment_proration import amendment_proration_bill
from invoicing.drafting.billing_run import billing_run_execute
from invoicing.services import invoice_finalize


@shared_task
def invoice_finalize_task(invoice_id: int) -> None:
    invoice_finalize(invoice_id=invoice_id)


@shared_task(
    autoretry_for=(SMTPException, ConnectionError, OSError), retry_backoff=30, retry_backoff_max=3600, max_retries=8
)
def invoice_deliver_task(invoice_id: int) -> None:
    invoice_deliver(invoice_id=invoice_id)


@shared_task
def billing_run_scheduled_task() -> int:
    """Beat: bill every period that has closed by now. Skipped while the previous scheduled run's
    chunks are still being drafted (less than an hour ago): it would only find their dates taken."""
    from invoicing.choices import BillingRunStatus
    from invoicing.models import BillingRun

    busy = BillingRun.objects.filter(
        status=BillingRunStatus.RUNNING,
        triggered_by="rule:billing.schedule",
        started_at__gte=timezone.now() - timedelta(hours=1),
    )
    if busy.exists():
        return 0
    run = billing_run_execute(as_of=timezone.now(), actor="rule:billing.schedule")
    return run.invoices_created


@shared_task(acks_late=True, reject_on_worker_lost=True)
def billing_run_chunk_task(run_id: int, contract_ids: list[int], chunk_index: int | None = None) -> None:
    """One chunk of a billing run: its drafts and its counts, in one transaction, once. Acknowledged
    after it ran and given back to the queue if its worker process dies (a redelivery of a chunk
    that had committed is skipped)."""
    from invoicing.drafting.billing_run import billing_run_chunk_execute

    billing_run_chunk_execute(run_id=run_id, contract_ids=contract_ids, chunk_index=chunk_index)


@shared_task
def billing_run_watchdog_task() -> int:
    """Beat: queue again the chunks of running runs that no worker finished (billing_run_watchdog)."""
    from invoicing.drafting.billing_run import billing_run_watchdog

    return len(billing_run_watchdog())


@shared_task
def credit_grants_expire_due_task() -> int:
    """Beat, daily: breakage of expired prepaid pools of contracts that no longer bill."""
    from invoicing.drafting.prepaid_credits import credit_grants_expire_due

    return credit_grants_expire_due(today=timezone.localdate())


@shared_task(autoretry_for=(OperationalError,), retry_backoff=5, retry_backoff_max=60, max_retries=6)
def amendment_proration_bill_task(amendment_id: int) -> None:
    """An applied amendment's proration invoice (idempotent: unique per amendment)."""
    amendment_proration_bill(amendment_id=amendment_id)
