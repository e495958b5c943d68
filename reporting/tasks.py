from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from integrations.stripe_balance import StripeBalanceNotConfigured

from .stripe_reconciliation import stripe_reconcile


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def stripe_reconcile_task(days: int = 35) -> dict | None:  # type: ignore[type-arg]
    """Reconcile the last ``days`` days with Stripe (a payout arrives days after its charges)."""
    if not settings.STRIPE_API_KEY:
        return None
    end = timezone.now()
    try:
        return stripe_reconcile(start=end - timedelta(days=days), end=end).as_dict()
    except StripeBalanceNotConfigured:
        return None


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=3)
def close_pack_generate_task(pack_id: int) -> None:
    from .close_pack import close_pack_generate

    close_pack_generate(pack_id=pack_id)


@shared_task
def close_pack_previous_month_task() -> int | None:
    """On the first days of a month, the close pack of the month before (once: an existing pack is kept)."""
    from .close_pack import close_pack_request
    from .models import ClosePack

    period = (timezone.localdate().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    if ClosePack.objects.filter(period=period).exists():
        return None
    return close_pack_request(period=period, actor="rule:reporting.close_pack_monthly").pk


@shared_task
def rollup_refresh_task() -> int:
    """The CFO dashboard's monthly rollup: the customers whose records changed since (every minute)."""
    from .rollup import rollup_refresh

    return rollup_refresh()


@shared_task
def rollup_rebuild_task() -> int:
    """The whole rollup again (nightly): catches records written around the ORM's signals."""
    from .rollup import rollup_rebuild

    return rollup_rebuild()
