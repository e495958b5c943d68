from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from contracts.signals import amendment_applied
from invoicing.signals import credit_note_issued, invoice_finalized, invoice_voided


@receiver(invoice_finalized, dispatch_uid="revrec.schedule_on_finalize")
def schedule_on_finalize(sender: Any, invoice_id: int, **kwargs: Any) -> None:
    from .tasks import revenue_schedule_build_task

    revenue_schedule_build_task.delay(invoice_id)


@receiver(invoice_voided, dispatch_uid="revrec.reverse_on_void")
def reverse_on_void(sender: Any, invoice_id: int, **kwargs: Any) -> None:
    from .tasks import revenue_invoice_voided_task

    revenue_invoice_voided_task.delay(invoice_id)


@receiver(credit_note_issued, dispatch_uid="revrec.reverse_on_credit_note")
def reverse_on_credit_note(sender: Any, credit_note_id: int, **kwargs: Any) -> None:
    from .tasks import revenue_credit_note_apply_task

    revenue_credit_note_apply_task.delay(credit_note_id)


@receiver(amendment_applied, dispatch_uid="revrec.modification_on_amendment")
def modification_on_amendment(sender: Any, amendment_id: int, **kwargs: Any) -> None:
    from .tasks import revenue_modification_record_task

    revenue_modification_record_task.delay(amendment_id)


@receiver(invoice_finalized, dispatch_uid="revrec.plan_on_first_invoice")
def plan_on_first_invoice(sender: Any, invoice_id: int, **kwargs: Any) -> None:
    from .tasks import revenue_contract_ensure_task

    revenue_contract_ensure_task.delay(invoice_id)
