"""Customers already in a GL (QuickBooks Customer, Xero contact, NetSuite customer) kept as ours: a name, email or
address changed on our side after the customer was sent is sent again as an update.

The customer's sync item keeps what was last sent (its payload); each sync compares it with the
customer now and sends the difference once: the item is locked while it is sent (a concurrent
run skips it), the provider call carries an idempotency key made of the item's and the new
content's (a retry of the same change after a lost answer gets the first result), and the payload
is replaced only once the GL took it. A failed update leaves the item synced (the customer does
exist there, documents keep using it) with the provider's error, and is tried again next sync."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record

from ..choices import Provider, SyncItemStatus
from ..exceptions import AuthorizationError, IntegrationError
from ..models import Connection, SyncItem, SyncRun
from .documents import CUSTOMER, customer_document, customer_snapshot

PROVIDERS = (Provider.QUICKBOOKS, Provider.XERO, Provider.NETSUITE)


def _provider(connection: Connection) -> Any:
    if connection.provider == Provider.QUICKBOOKS:
        from ..providers import quickbooks

        return quickbooks
    if connection.provider == Provider.NETSUITE:
        from ..providers import netsuite

        return netsuite
    from ..providers import xero

    return xero


def change_request_id(item: SyncItem, document: dict[str, Any]) -> str:
    """The idempotency key of one change of one customer (at most 50 characters, QuickBooks' limit)."""
    digest = hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()[:12]
    return f"{item.request_id}-u{digest}"[:50]


def customers_refresh(*, connection: Connection, run: SyncRun | None, now: datetime | None = None) -> int:
    """Send the changes of the connection's synced customers; returns how many were updated."""
    if connection.provider not in PROVIDERS:
        return 0
    from contracts.models import Customer

    items = {int(key.split(":")[1]): (pk, payload) for pk, key, payload in SyncItem.objects.filter(
        connection=connection, object_type=CUSTOMER, status=SyncItemStatus.SYNCED).values_list("pk", "object_key",
                                                                                              "payload")}
    changed = [items[customer.pk][0] for customer in Customer.objects.filter(pk__in=items)
               if customer_snapshot(customer) != items[customer.pk][1]]
    updated = 0
    for item_id in changed:
        updated += _update(connection, item_id, run, now or timezone.now())
    return updated


def _update(connection: Connection, item_id: int, run: SyncRun | None, now: datetime) -> int:
    with transaction.atomic():
        item = SyncItem.objects.select_for_update(skip_locked=True).filter(pk=item_id).first()
        if item is None or item.status != SyncItemStatus.SYNCED:
            return 0
        document = customer_document(int(item.object_key.split(":")[1]))
        if document == item.payload:
            return 0  # another run sent it
        before = item.payload
        request_id = change_request_id(item, document)
        try:
            _provider(connection).customer_update(connection=connection, external_id=item.external_id,
                                                  customer=document, request_id=request_id)
        except AuthorizationError:
            raise
        except IntegrationError as exc:
            item.last_error = f"Update not sent: {exc}"[:2000]
            item.save(update_fields=["last_error"])
            if run is not None:
                run.failed += 1
            audit_record(rule=f"integrations.{connection.provider}.customer_update", action="sync_item_failed",
                         obj=item, inputs={"key": item.object_key, "request_id": request_id},
                         outcome={"error": item.last_error, "http_status": exc.status})
            return 0
        item.payload = document
        item.last_error = ""
        item.synced_at = now
        item.save(update_fields=["payload", "last_error", "synced_at"])
        if run is not None:
            run.synced += 1
        changes = sorted(k for k in document if document.get(k) != (before or {}).get(k))
        audit_record(rule=f"integrations.{connection.provider}.customer_update", action="gl_customer_updated",
                     obj=item, inputs={"key": item.object_key, "request_id": request_id, "fields": changes},
                     outcome={"external_id": item.external_id})
    return 1
