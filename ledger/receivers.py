from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from receivables.signals import payment_succeeded, refund_succeeded


@receiver(payment_succeeded, dispatch_uid="ledger.post_payment")
def post_payment(sender: Any, payment_id: int, **kwargs: Any) -> None:
    from .tasks import payment_post_task

    payment_post_task.delay(payment_id)


@receiver(refund_succeeded, dispatch_uid="ledger.post_refund")
def post_refund(sender: Any, refund_id: int, **kwargs: Any) -> None:
    from .tasks import refund_post_task

    refund_post_task.delay(refund_id)
