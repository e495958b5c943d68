"""Running a connection's sync: CRM deals in (then due write-backs), or our journal out to the
GL. Kept apart from the framework (sync.py) that the CRM and GL modules build on, so the module
graph stays one-way: runs -> crm / gl -> sync."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from audit.services import audit_record
from billing_site.queue import task_enqueue_on_commit

from .choices import CRM_PROVIDERS, ConnectionStatus
from .crm.services import crm_sync
from .crm.writeback import writeback_retry_due
from .exceptions import AuthorizationError, IntegrationError
from .gl.services import gl_sync
from .models import Connection, SyncRun
from .sync import SYNC_TASK, connection_status_set, sync_run_finish


def connection_sync(*, connection_id: int, trigger: str = "schedule", actor: Any = None) -> SyncRun | None:
    """One sync of a connection: CRM deals in, or our journal out to the GL; then the failed items
    whose backoff has passed are retried. Returns the run (None for an inactive connection)."""
    connection = Connection.objects.get(pk=connection_id)
    if not connection.is_active:
        return None
    run = SyncRun.objects.create(connection=connection, trigger=trigger)
    error = ""
    try:
        if connection.provider in CRM_PROVIDERS:
            crm_sync(connection=connection, run=run)
            writeback_retry_due(connection=connection)
        else:
            gl_sync(connection=connection, run=run)
    except AuthorizationError as exc:
        error = str(exc)
        connection_status_set(connection, ConnectionStatus.AUTH_FAILED, error)
    except IntegrationError as exc:
        error = str(exc)
        connection_status_set(connection, ConnectionStatus.ERROR, error)
    else:
        connection_status_set(
            connection, ConnectionStatus.ERROR if run.failed else ConnectionStatus.CONNECTED,
            f"{run.failed} object(s) failed: see the sync items." if run.failed else "",
        )
    connection.last_sync_at = timezone.now()
    connection.save(update_fields=["last_sync_at"])
    sync_run_finish(run=run, error=error)
    audit_record(
        rule=f"integrations.{connection.provider}.sync",
        action="sync_run_finished",
        obj=run,
        actor=actor,
        inputs={"connection": connection.name, "trigger": trigger},
        outcome={"status": run.status, "synced": run.synced, "failed": run.failed, "skipped": run.skipped,
                 "error": error},
    )
    return run


def connection_sync_enqueue(*, connection_id: int, trigger: str = "manual") -> None:
    """Queue a run once the current transaction commits (the task by name: tasks import this
    module, so importing tasks here would close a cycle)."""
    task_enqueue_on_commit(SYNC_TASK, connection_id, trigger)


