"""Thin Celery adapters around the integrations services."""

from __future__ import annotations

from celery import shared_task


@shared_task
def connection_sync_task(connection_id: int, trigger: str = "schedule") -> int | None:
    from .runs import connection_sync

    run = connection_sync(connection_id=connection_id, trigger=trigger)
    return run.pk if run is not None else None


@shared_task(bind=True, max_retries=5)
def crm_invoice_writeback_task(self, invoice_id: int) -> None:  # type: ignore[no-untyped-def]
    from .crm.writeback import crm_invoice_writeback

    crm_invoice_writeback(invoice_id=invoice_id)


@shared_task
def gl_catch_up_task() -> int:
    """Plan the documents and journal entries a lost signal left without a sync item."""
    from .gl.catchup import gl_catch_up

    return gl_catch_up()
