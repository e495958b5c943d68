from __future__ import annotations

import stripe
from celery import shared_task
from django.utils import timezone

from .choices import DunningStatus
from .models import DunningCase
from .refunds import credit_note_settle
from .services import (
    dunning_cases_escalate_overdue,
    dunning_close_written_off,
    dunning_reminder_send,
    dunning_retry,
    invoice_collect,
)

BATCH = 500


# A Stripe outage or network error is retried with the same refund rows, hence the same Stripe
# idempotency keys: Stripe refunds at most once.
@shared_task(
    autoretry_for=(ConnectionError, OSError, stripe.APIConnectionError, stripe.RateLimitError),
    retry_backoff=30,
    max_retries=5,
)
def credit_note_settle_task(credit_note_id: int) -> None:
    credit_note_settle(credit_note_id=credit_note_id)


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=30, max_retries=5)
def invoice_collect_task(invoice_id: int) -> None:
    invoice_collect(invoice_id=invoice_id)


@shared_task
def dunning_close_written_off_task(invoice_id: int) -> None:
    dunning_close_written_off(invoice_id=invoice_id)


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=30, max_retries=5)
def dunning_retry_task(case_id: int) -> None:
    dunning_retry(case_id=case_id)


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=60, max_retries=5)
def dunning_reminder_send_task(case_id: int) -> None:
    dunning_reminder_send(case_id=case_id)


@shared_task
def payment_retries_due_task() -> int:
    """Finder (celery-beat, every 5 minutes): fan out one retry task per dunning case whose retry
    is due, and escalate the cases whose 14 days are over with no retry left to make."""
    dunning_cases_escalate_overdue()
    ids = list(
        DunningCase.objects.filter(status=DunningStatus.OPEN, next_retry_at__lte=timezone.now()).values_list(
            "pk", flat=True
        )[:BATCH]
    )
    for pk in ids:
        dunning_retry_task.delay(pk)
    return len(ids)


@shared_task
def dunning_reminders_due_task() -> int:
    ids = list(
        DunningCase.objects.filter(
            status__in=[DunningStatus.OPEN, DunningStatus.ESCALATED], next_reminder_at__lte=timezone.now()
        ).values_list("pk", flat=True)[:BATCH]
    )
    for pk in ids:
        dunning_reminder_send_task.delay(pk)
    return len(ids)


@shared_task
def dunning_model_fit_task(model_id: int) -> None:
    from .learning import dunning_model_fit

    dunning_model_fit(model_id=model_id)


@shared_task
def dunning_model_retrain_task() -> int:
    """Weekly (celery-beat): a new model version on all history, so the policy keeps learning."""
    from .learning import dunning_model_fit, dunning_model_train

    row = dunning_model_train(actor="rule:dunning.weekly_retrain")
    if row.status == "training":  # DUNNING_TRAIN_ASYNC: fit here, in the worker, not in another task
        row = dunning_model_fit(model_id=row.pk)
    return row.version
