from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from invoicing.signals import credit_note_issued, invoice_finalized, invoice_marked_uncollectible


@receiver(invoice_finalized, dispatch_uid="receivables.collect_on_finalize")
def collect_on_finalize(sender: Any, invoice_id: int, **kwargs: Any) -> None:
    from .tasks import invoice_collect_task

    invoice_collect_task.delay(invoice_id)


@receiver(credit_note_issued, dispatch_uid="receivables.settle_credit_note")
def settle_credit_note(sender: Any, credit_note_id: int, **kwargs: Any) -> None:
    from .tasks import credit_note_settle_task

    credit_note_settle_task.delay(credit_note_id)


@receiver(invoice_marked_uncollectible, dispatch_uid="receivables.close_dunning_on_write_off")
def close_dunning_on_write_off(sender: Any, invoice_id: int, **kwargs: Any) -> None:
    from .tasks import dunning_close_written_off_task

    dunning_close_written_off_task.delay(invoice_id)
