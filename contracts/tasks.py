from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from .choices import AmendmentStatus
from .models import Amendment
from .services import amendment_apply
from .signals import amendment_applied


@shared_task(autoretry_for=(OperationalError,), retry_backoff=5, retry_backoff_max=60, max_retries=6)
def amendment_apply_task(amendment_id: int) -> None:
    amendment_apply(amendment_id=amendment_id)


@shared_task
def amendments_apply_pending_task() -> int:
    """Beat (every minute): approved amendments still waiting after a minute (their task was lost,
    e.g. the broker was down) are enqueued again; applying is idempotent."""
    cutoff = timezone.now() - timedelta(minutes=1)
    pending = list(
        Amendment.objects.filter(status=AmendmentStatus.APPROVED, approved_at__lte=cutoff).values_list("pk", flat=True)
    )
    for amendment_id in pending:
        amendment_apply_task.delay(amendment_id)
    # Applied, but the change was never billed (the event's task was lost): announce it again; the
    # proration invoice is unique per amendment.
    unbilled = list(
        Amendment.objects.filter(
            status=AmendmentStatus.APPLIED, proration_settled_at__isnull=True, applied_at__lte=cutoff
        ).values_list("pk", flat=True)
    )
    for amendment_id in unbilled:
        amendment_applied.send(sender=Amendment, amendment_id=amendment_id)
    return len(pending) + len(unbilled)
