from __future__ import annotations

from celery import shared_task

from .services import invoice_write_off_post, payment_post, refund_post


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def payment_post_task(payment_id: int) -> None:
    payment_post(payment_id=payment_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def refund_post_task(refund_id: int) -> None:
    refund_post(refund_id=refund_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def invoice_write_off_post_task(invoice_id: int) -> None:
    invoice_write_off_post(invoice_id=invoice_id)
