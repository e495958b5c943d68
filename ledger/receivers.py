from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from invoicing.signals import invoice_marked_uncollectible
from receivables.signals import payment_succeeded, refund_succeeded


@receiver(payment_succeeded, dispatch_uid="ledger.post_payment")
def post_payment(sender: Any, payment_id: int, **kwargs: Any) -> None:
    from .tasks import payment_post_task

    payment_post_task.delay(payment_id)


@receiver(refund_succeeded, dispatch_uid="ledger.post_refund")
def post_refund(sender: Any, refund_id: int, **kwargs: Any) -> None:
    from .tasks import refund_post_task

    refund_post_task.delay(refund_id)


@receiver(invoice_marked_uncollectible, dispatch_uid="ledger.post_write_off")
def post_write_off(sender: Any, invoice_id: int, **kwargs: Any) -> None:
    from .tasks import invoice_write_off_post_task

    invoice_write_off_post_task.delay(invoice_id)
