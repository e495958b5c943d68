"""Invoice and payment status written back onto the CRM deal a contract came from (the fields
are set per connection). Driven by invoicing's and receivables' signals; each status is one sync
item (unique per invoice, status and amount paid), so a signal delivered twice writes once."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Sum

from ..choices import ConnectionStatus, DealStatus, SyncItemStatus
from ..exceptions import AuthorizationError
from ..models import Connection, CrmDeal, SyncItem
from ..sync import connection_status_set, sync_item_ensure, sync_item_push

OBJECT_TYPE = "writeback"
CENT = Decimal("0.01")


def _values(connection: Connection, invoice: Any, paid_on_contract: Decimal) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if connection.writeback_invoice_status_field:
        values[connection.writeback_invoice_status_field] = invoice.status
    if connection.writeback_invoice_number_field and invoice.number:
        values[connection.writeback_invoice_number_field] = invoice.number
    if connection.writeback_amount_paid_field:
        # Paid amounts are whole cents already; the named mode only fixes the text to 2 places.
        values[connection.writeback_amount_paid_field] = str(paid_on_contract.quantize(CENT, rounding=ROUND_HALF_UP))
    return values


def crm_invoice_writeback(*, invoice_id: int) -> list[SyncItem]:
    """Plan and send the write-back of one invoice's status to every CRM deal behind its contract."""
    from invoicing.models import Invoice

    invoice = Invoice.objects.filter(pk=invoice_id).first()
    if invoice is None or invoice.contract_id is None:
        return []
    deals = CrmDeal.objects.filter(contract_id=invoice.contract_id, connection__is_active=True).exclude(
        status=DealStatus.REJECTED
    ).select_related("connection")
    paid = Invoice.objects.filter(contract_id=invoice.contract_id).aggregate(total=Sum("amount_paid"))["total"]
    items = []
    for deal in deals:
        connection = deal.connection
        values = _values(connection, invoice, paid or Decimal(0))
        if not values:
            continue
        key = f"invoice:{invoice.pk}:{invoice.status}:{values.get(connection.writeback_amount_paid_field, '')}"
        item, _ = sync_item_ensure(
            connection=connection, object_type=OBJECT_TYPE, object_key=key,
            payload={"deal": deal.crm_id, "values": values},
        )
        try:
            items.append(sync_item_push(item_id=item.pk, run=None, push=_push(connection)) or item)
        except AuthorizationError as exc:
            # The item stays pending; the connection's next sync (after a new authorization)
            # sends it. Other connections' write-backs go on.
            connection_status_set(connection, ConnectionStatus.AUTH_FAILED, str(exc))
            items.append(item)
    return items


def _push(connection: Connection) -> Any:
    def push(item: SyncItem) -> str:
        from .services import crm_provider

        crm_provider(connection).deal_update(
            connection=connection, deal_id=item.payload["deal"], values=item.payload["values"]
        )
        return item.payload["deal"]

    return push


def writeback_retry_due(*, connection: Connection) -> int:
    """Re-send failed write-backs whose backoff is over (called by the connection's sync)."""
    from ..sync import sync_items_due

    count = 0
    for item_id in sync_items_due(connection=connection, object_type=OBJECT_TYPE):
        item = sync_item_push(item_id=item_id, run=None, push=_push(connection))
        count += int(item is not None and item.status == SyncItemStatus.SYNCED)
    return count
