from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from invoicing.signals import invoice_finalized


@receiver(invoice_finalized, dispatch_uid="receivables.collect_on_finalize")
def collect_on_finalize(sender: Any, invoice_id: int, **kwargs: Any) -> None:
    from .tasks import invoice_collect_task

    invoice_collect_task.delay(invoice_id)
