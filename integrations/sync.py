"""The integrations framework: connections, their beat schedules, sync runs and per-object sync
items with retries and backoff. Provider-specific work lives in crm/ and gl/; this module runs it.

Safety in layers (docs/style.md): a sync item is unique per (connection, object, key); it is
claimed under ``select_for_update(skip_locked=True)`` for the duration of its provider call, so
a concurrent run skips it instead of sending it twice; and the provider call carries a key made
from the item (QuickBooks requestid), so a retry after a timeout finds what the first call made.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from audit.services import audit_record

from .choices import CRM_PROVIDERS, GlContent, Provider, SyncItemStatus, SyncRunStatus
from .credentials import connection_credentials_update
from .exceptions import AuthorizationError, IntegrationError
from .models import Connection, SyncItem, SyncRun

BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=6)
SYNC_TASK = "integrations.tasks.connection_sync_task"


def backoff_delay(*, attempts: int, retry_after: float | None = None) -> timedelta:
    """1, 2, 4, ... minutes after the 1st, 2nd, 3rd failed attempt, at most 6 hours; a provider's
    Retry-After wins when it asks for longer."""
    delay = min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_MAX)
    if retry_after is not None:
        delay = max(delay, timedelta(seconds=retry_after))
    return delay


# --- connections ----------------------------------------------------------------------------


def connection_schedule_ensure(*, connection: Connection, every_minutes: int | None = None) -> PeriodicTask:
    """The connection's celery-beat entry (created once; edit its interval or disable it in the
    admin under Periodic tasks)."""
    if connection.schedule_id is not None:
        return connection.schedule  # type: ignore[return-value]
    minutes = every_minutes or (60 if connection.provider in CRM_PROVIDERS else 24 * 60)
    interval, _ = IntervalSchedule.objects.get_or_create(every=minutes, period=IntervalSchedule.MINUTES)
    task, _ = PeriodicTask.objects.get_or_create(
        name=f"integrations: sync {connection.name} (#{connection.pk})",
        defaults={"task": SYNC_TASK, "interval": interval, "args": json.dumps([connection.pk])},
    )
    connection.schedule = task
    connection.save(update_fields=["schedule"])
    return task


@transaction.atomic
def connection_create(
    *, name: str, provider: str, credentials: dict[str, Any] | None = None, actor: Any = None, **fields: Any
) -> Connection:
    if provider == Provider.XERO:
        # Xero takes what touches Accounts Receivable only as documents (Connection.clean).
        fields.setdefault("gl_content", GlContent.DOCUMENTS)
    connection = Connection(name=name, provider=provider, **fields)
    connection.full_clean()
    connection.save()
    if credentials:
        connection_credentials_update(connection=connection, values=credentials)
    connection_schedule_ensure(connection=connection)
    audit_record(
        rule="integrations.connection_create",
        action="connection_created",
        obj=connection,
        actor=actor,
        # Names of the secrets set, never their values.
        inputs={"provider": provider, "credentials_set": sorted((credentials or {}).keys())},
        outcome={"id": connection.pk},
    )
    return connection


def connection_status_set(connection: Connection, status: str, error: str = "") -> None:
    connection.status = status
    connection.last_error = error[:2000]
    connection.save(update_fields=["status", "last_error"])


# --- runs -------------------------------------------------------------------------------------


def sync_run_finish(*, run: SyncRun, error: str = "") -> SyncRun:
    run.finished_at = timezone.now()
    run.error = error[:2000]
    if error and not run.synced:
        run.status = SyncRunStatus.FAILED
    elif error or run.failed:
        run.status = SyncRunStatus.PARTIAL
    else:
        run.status = SyncRunStatus.SUCCEEDED
    run.save()
    return run


# --- items ------------------------------------------------------------------------------------


def sync_item_ensure(
    *, connection: Connection, object_type: str, object_key: str, payload: dict[str, Any] | None = None, **fields: Any
) -> tuple[SyncItem, bool]:
    """The item for this object, created pending if new (a concurrent creator loses the race on
    the unique constraint and gets the winner's row)."""
    try:
        with transaction.atomic():
            item = SyncItem.objects.create(
                connection=connection,
                object_type=object_type,
                object_key=object_key,
                payload=payload or {},
                request_id="",
                **fields,
            )
            # Derived from the durable row: the same on every retry, unique per object.
            item.request_id = f"autobill-{connection.pk}-{item.pk}"
            item.save(update_fields=["request_id"])
            return item, True
    except IntegrityError:
        return SyncItem.objects.get(connection=connection, object_type=object_type, object_key=object_key), False


def sync_item_push(
    *, item_id: int, run: SyncRun | None, push: Callable[[SyncItem], str], now: datetime | None = None,
    force: bool = False,
) -> SyncItem | None:
    """Send one item with ``push`` (returns the provider's id). The item is claimed under a row
    lock (skip_locked: a concurrent run leaves it to the holder); a synced item is never sent
    again, a failed one waits for its backoff (``force`` skips the wait, for "retry now").

    A retryable error sets the next attempt; a rejected one waits for a person. Returns the
    item, or None when another run holds it."""
    now = now or timezone.now()
    with transaction.atomic():
        item = SyncItem.objects.select_for_update(skip_locked=True).filter(pk=item_id).first()
        if item is None:
            return None
        if item.status == SyncItemStatus.SYNCED or (item.status == SyncItemStatus.REJECTED and not force):
            return item
        if not force and item.next_attempt_at is not None and item.next_attempt_at > now:
            if run is not None:
                run.skipped += 1
            return item
        item.attempts += 1
        item.last_run = run
        try:
            external_id = push(item)
        except AuthorizationError:
            # Not this object's fault: it stays as it was (the rollback undoes the attempt) and
            # the run stops with the connection marked for a new authorization.
            raise
        except IntegrationError as exc:
            item.last_error = str(exc)[:2000]
            if exc.retryable:
                item.status = SyncItemStatus.FAILED
                item.next_attempt_at = now + backoff_delay(attempts=item.attempts, retry_after=exc.retry_after)
            else:
                item.status = SyncItemStatus.REJECTED
                item.next_attempt_at = None
            item.save()
            if run is not None:
                run.failed += 1
            audit_record(
                rule=f"integrations.{item.connection.provider}.{item.object_type}",
                action="sync_item_failed",
                obj=item,
                inputs={"key": item.object_key, "attempt": item.attempts, "request_id": item.request_id},
                outcome={"status": item.status, "error": item.last_error, "http_status": exc.status,
                         "next_attempt_at": item.next_attempt_at},
            )
            return item
        item.status = SyncItemStatus.SYNCED
        item.external_id = external_id
        item.last_error = ""
        item.next_attempt_at = None
        item.synced_at = now
        item.save()
        if run is not None:
            run.synced += 1
        audit_record(
            rule=f"integrations.{item.connection.provider}.{item.object_type}",
            action="sync_item_synced",
            obj=item,
            inputs={"key": item.object_key, "attempt": item.attempts, "request_id": item.request_id},
            outcome={"external_id": external_id},
        )
    return item


def sync_items_due(*, connection: Connection, object_type: str, now: datetime | None = None) -> list[int]:
    """Ids of the items to send now: pending ones and failed ones whose backoff has passed."""
    from django.db.models import Q

    now = now or timezone.now()
    return list(
        SyncItem.objects.filter(connection=connection, object_type=object_type)
        .filter(
            Q(status=SyncItemStatus.PENDING)
            | Q(status=SyncItemStatus.FAILED, next_attempt_at__lte=now)
        )
        .order_by("entry_date", "id")
        .values_list("id", flat=True)
    )


def sync_item_retry(*, item_id: int, actor: Any) -> SyncItem:
    """A person fixed the cause (a mapping, a locked period): send the item at the next sync."""
    with transaction.atomic():
        item = SyncItem.objects.select_for_update().get(pk=item_id)
        if item.status in (SyncItemStatus.FAILED, SyncItemStatus.REJECTED):
            item.status = SyncItemStatus.PENDING
            item.next_attempt_at = None
            item.save()
            audit_record(rule="integrations.sync_item_retry", action="sync_item_requeued", obj=item, actor=actor,
                         inputs={"key": item.object_key}, outcome={"status": item.status})
    return item


def provider_label(provider: str) -> str:
    return Provider(provider).label
