from __future__ import annotations

from celery import shared_task

from .sealing import audit_chain_seal


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def audit_chain_seal_task() -> int:
    return audit_chain_seal()
