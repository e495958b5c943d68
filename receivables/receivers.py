from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from invoicing.signals import credit_note_issued, invoice_finalized


@receiver(invoice_finalized, dispatch_uid="receivables.collect_on_finalize")
def collect_on_finalize(sender: Any, invoice_id: int, **kwargs: Any) -> None:
    from .tasks import invoice_collect_task

    invoice_collect_task.delay(invoice_id)


@receiver(credit_note_issued, dispatch_uid="receivables.settle_credit_note")
def settle_credit_note(sender: Any, credit_note_id: int, **kwargs: Any) -> None:
    from .tasks import credit_note_settle_task

    credit_note_settle_task.delay(credit_note_id)
