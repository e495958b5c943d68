"""Reads for the admin: where an invoice came from (the CRM deal) and where it went (GL ids)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .models import CrmDeal, GlEntryLink, SyncItem


@dataclass
class InvoiceTrail:
    deals: list[CrmDeal] = field(default_factory=list)
    gl: list[dict[str, Any]] = field(default_factory=list)
    writebacks: list[SyncItem] = field(default_factory=list)


def invoice_trail(*, invoice_id: int, contract_id: int | None) -> InvoiceTrail:
    """The CRM deals behind the invoice's contract, the GL journals carrying the invoice's ledger
    entries (source keys ``invoice:<id>:...``), and the status write-backs."""
    trail = InvoiceTrail()
    if contract_id is not None:
        trail.deals = list(CrmDeal.objects.filter(contract_id=contract_id).select_related("connection"))
    links = (
        GlEntryLink.objects.filter(journal_entry__source_key__startswith=f"invoice:{invoice_id}:")
        .select_related("connection", "item", "journal_entry")
        .order_by("journal_entry_id")
    )
    trail.gl = [
        {"connection": link.connection.name, "entry": link.journal_entry.source_key, "gl_journal": link.item.object_key,
         "status": link.item.status, "gl_id": link.item.external_id, "item": link.item}
        for link in links
    ]
    trail.writebacks = list(SyncItem.objects.filter(object_type="writeback",
                                                    object_key__startswith=f"invoice:{invoice_id}:"))
    return trail
