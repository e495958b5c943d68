"""Our journal to a general ledger: plan the GL journals (per document or a daily summary) as
sync items, each linked to the entries it carries (unique per connection and entry: an entry is
in one GL journal only), then post the due ones. Nothing dated in a period closed on our side
(``Connection.closed_through``) or locked in the GL (its closing date) is posted."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from audit.services import audit_record
from ledger.selectors import journal_lines_list

from ..choices import (
    ACCOUNTS_RECEIVABLE,
    PAYABLE_GL_TYPES,
    RECEIVABLE_GL_TYPES,
    PostingMode,
    Provider,
    SyncItemStatus,
)
from ..exceptions import RejectedError
from ..models import Connection, GlAccount, GlAccountMapping, GlEntryLink, SyncItem, SyncRun
from ..sync import sync_item_ensure, sync_item_push, sync_items_due
from .customers import customers_refresh
from .documents import OBJECT_TYPES as DOCUMENT_TYPES
from .documents import carried_as_document, customer_external_id, gl_documents_sync
from .journal import GlJournal, GlLine, LedgerLine, daily_summary, per_document

OBJECT_TYPE = "journal"
# GLs whose journal lines on Accounts Receivable name the customer (upserted there first).
NAMED_RECEIVABLE_PROVIDERS = (Provider.QUICKBOOKS, Provider.NETSUITE)


def _provider(connection: Connection) -> Any:
    if connection.provider == Provider.QUICKBOOKS:
        from ..providers import quickbooks

        return quickbooks
    if connection.provider == Provider.XERO:
        from ..providers import xero

        return xero
    if connection.provider == Provider.NETSUITE:
        from ..providers import netsuite

        return netsuite
    raise RejectedError(f"{connection.provider} is not a general ledger.")


def gl_accounts_refresh(*, connection: Connection, actor: Any = None) -> int:
    """Fetch the GL's chart of accounts (the mapping is validated against it). Accounts gone from
    the GL are kept inactive, so an existing mapping to one shows up as invalid."""
    rows = _provider(connection).accounts_fetch(connection=connection)
    seen = set()
    with transaction.atomic():
        for row in rows:
            GlAccount.objects.update_or_create(
                connection=connection, external_id=row["external_id"],
                defaults={k: row[k] for k in ("number", "name", "account_type", "is_active")},
            )
            seen.add(row["external_id"])
        GlAccount.objects.filter(connection=connection).exclude(external_id__in=seen).update(is_active=False)
        audit_record(rule=f"integrations.{connection.provider}.accounts", action="gl_accounts_fetched",
                     obj=connection, actor=actor, outcome={"accounts": len(rows)})
    return len(rows)


def entity_account_codes(connection: Connection) -> frozenset[str]:
    """Our accounts whose GL lines carry the customer: our accounts receivable, and any of ours
    mapped to a receivable or payable control account of the GL (by the type fetched with the chart)."""
    mapped = GlAccountMapping.objects.filter(
        connection=connection, gl_account__account_type__in=RECEIVABLE_GL_TYPES | PAYABLE_GL_TYPES
    ).values_list("account_code", flat=True)
    return frozenset({ACCOUNTS_RECEIVABLE, *mapped})


def _ledger_lines(connection: Connection, *, before: date | None) -> list[LedgerLine]:
    linked = GlEntryLink.objects.filter(connection=connection).values("journal_entry_id")
    after = connection.closed_through
    lines = journal_lines_list(date_after=after, date_from=connection.gl_start_date, date_before=before,
                               exclude_entry_ids=linked)
    return [
        LedgerLine(
            entry_id=line.entry_id,
            entry_date=line.entry.entry_date,
            currency=line.entry.currency,
            source_key=line.entry.source_key,
            memo=line.entry.memo,
            account_code=line.account.code,
            debit=line.debit,
            credit=line.credit,
            customer_id=line.entry.customer_id,
        )
        for line in lines
        # A documents connection carries invoices, voids and payments as documents (gl/documents.py).
        if not carried_as_document(line.entry.source_key, connection)
    ]


def _payload(journal: GlJournal) -> dict[str, Any]:
    return {
        "entry_date": journal.entry_date.isoformat(),
        "currency": journal.currency,
        "memo": journal.memo,
        "doc_number": journal.doc_number,
        "entry_ids": journal.entry_ids,
        "lines": [
            {"account": line.account_code, "debit": str(line.debit), "credit": str(line.credit),
             "description": line.description, "customer": line.customer_id}
            for line in journal.lines
        ],
    }


def _journal_lines_replan(connection: Connection, item: SyncItem) -> None:
    """A journal planned before its lines carried customers (payload lines without "customer"):
    its lines are made again from the same ledger entries, now with a customer per receivable line
    (a day's summary per customer). Same entries, same totals; only unsent items get here."""
    from ledger.models import JournalLine

    rows = JournalLine.objects.filter(entry_id__in=item.payload["entry_ids"]).select_related("entry", "account")
    lines = [LedgerLine(entry_id=r.entry_id, entry_date=r.entry.entry_date, currency=r.entry.currency,
                        source_key=r.entry.source_key, memo=r.entry.memo, account_code=r.account.code,
                        debit=r.debit, credit=r.credit, customer_id=r.entry.customer_id)
                for r in rows.order_by("entry_id", "id")]
    entity_accounts = entity_account_codes(connection)
    if item.object_key.startswith("day:"):
        (journal,) = daily_summary([replace(line, entry_date=date.fromisoformat(item.payload["entry_date"]))
                                    for line in lines], entity_accounts=entity_accounts)
    else:
        (journal,) = per_document([replace(line, entry_id=0) for line in lines], entity_accounts=entity_accounts)
    item.payload = {**item.payload, "lines": _payload(journal)["lines"]}


def _journal(item: SyncItem) -> GlJournal:
    data = item.payload
    return GlJournal(
        key=item.object_key,
        entry_date=date.fromisoformat(data["entry_date"]),
        currency=data["currency"],
        memo=data["memo"],
        doc_number=data["doc_number"],
        entry_ids=list(data["entry_ids"]),
        lines=[GlLine(row["account"], Decimal(row["debit"]), Decimal(row["credit"]), row["description"],
                      row.get("customer"))
               for row in data["lines"]],
    )


def gl_journals_plan(*, connection: Connection, now: datetime | None = None) -> list[SyncItem]:
    """Make the sync items for journal entries not yet in a GL journal of this connection.

    A daily summary only takes days that are over (before today, UTC); per document takes every
    entry. Each journal and the links of its entries are written in one transaction: if another
    run linked one of the entries first, the unique link refuses and this journal is dropped
    (that run carries those entries)."""
    now = now or timezone.now()
    per_doc = connection.posting_mode == PostingMode.PER_DOCUMENT
    before = None if per_doc else now.date()
    lines = _ledger_lines(connection, before=before)
    entity_accounts = entity_account_codes(connection)
    alone: list[LedgerLine] = []
    if connection.provider == Provider.XERO:
        # Xero refuses receivable lines in manual journals: an entry touching one that is not a
        # document goes in a journal of its own (refused before sending, shown in the
        # reconciliation), never in a day's summary that it would block.
        touching = {line.entry_id for line in lines if line.account_code in entity_accounts}
        alone = [line for line in lines if line.entry_id in touching]
        lines = [line for line in lines if line.entry_id not in touching]
    if per_doc:
        journals = per_document(lines + alone, entity_accounts=entity_accounts)
    else:
        taken = SyncItem.objects.filter(connection=connection, object_type=OBJECT_TYPE,
                                        object_key__startswith="day:").values_list("object_key", flat=True)
        journals = daily_summary(lines, taken_keys=list(taken), entity_accounts=entity_accounts)
        journals += per_document(alone, entity_accounts=entity_accounts)
    created = []
    for journal in journals:
        try:
            with transaction.atomic():
                item, is_new = sync_item_ensure(
                    connection=connection, object_type=OBJECT_TYPE, object_key=journal.key,
                    payload=_payload(journal), entry_date=journal.entry_date,
                )
                if not is_new:
                    continue
                for entry_id in journal.entry_ids:
                    GlEntryLink.objects.create(connection=connection, journal_entry_id=entry_id, item=item)
                if not journal.lines:
                    # Entries of a day that net to zero on every account: nothing to post.
                    item.status = SyncItemStatus.SYNCED
                    item.last_error = "Nets to zero on every account: nothing posted."
                    item.synced_at = now
                    item.save()
                audit_record(rule=f"integrations.{connection.provider}.plan", action="gl_journal_planned", obj=item,
                             inputs={"mode": connection.posting_mode, "entries": journal.entry_ids},
                             outcome={"key": journal.key, "total": str(journal.total)})
                created.append(item)
        except IntegrityError:
            continue
    return created


def _check_postable(connection: Connection, journal: GlJournal, lock_date: date | None,
                    accounts: dict[str, str], gl_types: dict[str, str] | None = None) -> None:
    if connection.closed_through and journal.entry_date <= connection.closed_through:
        raise RejectedError(
            f"{journal.entry_date} is in a period closed on our side (through {connection.closed_through})."
        )
    if lock_date and journal.entry_date <= lock_date:
        raise RejectedError(f"{journal.entry_date} is on or before the GL's closing date {lock_date}.")
    missing = sorted({line.account_code for line in journal.lines} - set(accounts))
    if missing:
        raise RejectedError(f"No GL account mapped for our account(s) {', '.join(missing)}.")
    if not journal.is_balanced():
        raise RejectedError("The journal does not balance.")
    gl_types = gl_types or {}
    control = {line.account_code for line in journal.lines
               if line.account_code == ACCOUNTS_RECEIVABLE
               or gl_types.get(line.account_code) in RECEIVABLE_GL_TYPES | PAYABLE_GL_TYPES}
    if connection.provider == Provider.XERO and control:
        raise RejectedError(
            f"Xero does not take our account(s) {', '.join(sorted(control))} in a manual journal: Accounts "
            "Receivable and Payable are system accounts there. This entry has no Xero document: record it in "
            "Xero by hand (an invoice, credit note or payment of the customer), then mark the item."
        )
    payable = sorted({line.account_code for line in journal.lines if gl_types.get(line.account_code)
                      in PAYABLE_GL_TYPES})
    if payable:
        raise RejectedError(f"Our account(s) {', '.join(payable)} are mapped to an Accounts Payable account, "
                            "whose lines need a vendor: map them to another account.")
    if connection.provider in NAMED_RECEIVABLE_PROVIDERS:
        # QuickBooks refuses an A/R line without a customer; NetSuite takes it but books it to
        # "No Customer/Job" in its A/R aging, to be cleaned up by reopening the period. Neither
        # is sent: a person records the entry with its customer.
        nameless = sorted({line.account_code for line in journal.lines
                           if line.account_code in control and line.customer_id is None})
        if nameless:
            raise RejectedError(
                f"{connection.get_provider_display()} needs a customer on every Accounts Receivable line; the "
                f"line(s) on our {', '.join(nameless)} have none (an entry without a customer): record it by hand."
            )


def _gl_types(connection: Connection) -> dict[str, str]:
    """Our account code -> the type of the GL account it is mapped to (as last fetched)."""
    return dict(GlAccountMapping.objects.filter(connection=connection)
                .values_list("account_code", "gl_account__account_type"))


def gl_account_map(connection: Connection) -> dict[str, str]:
    return {
        m.account_code: m.gl_account.external_id
        for m in GlAccountMapping.objects.filter(connection=connection, gl_account__is_active=True)
        .select_related("gl_account")
    }


def gl_sync(*, connection: Connection, run: SyncRun | None, now: datetime | None = None) -> None:
    """Plan the new journals, then post every due one (pending, or failed with its backoff over).
    One journal's failure does not stop the others."""
    provider = _provider(connection)
    customers_refresh(connection=connection, run=run, now=now)
    gl_journals_plan(connection=connection, now=now)
    due = sync_items_due(connection=connection, object_type=OBJECT_TYPE, now=now)
    documents_due = connection.sends_documents and any(
        sync_items_due(connection=connection, object_type=object_type, now=now) for object_type in DOCUMENT_TYPES
    )
    if not due and not documents_due:
        return
    lock_date = provider.book_close_date(connection=connection)
    if documents_due:
        gl_documents_sync(connection=connection, run=run, now=now, lock_date=lock_date)
    accounts = gl_account_map(connection)
    gl_types = _gl_types(connection)

    def push(item: SyncItem) -> str:
        if any("customer" not in row for row in item.payload["lines"]):
            _journal_lines_replan(connection, item)
        journal = _journal(item)
        _check_postable(connection, journal, lock_date, accounts, gl_types)
        customers: dict[int, str] = {}
        if connection.provider in NAMED_RECEIVABLE_PROVIDERS:
            # The customer of each receivable line must exist in the GL first (its own item).
            for customer_id in sorted({line.customer_id for line in journal.lines if line.customer_id}):
                customers[customer_id] = customer_external_id(connection=connection, customer_id=customer_id,
                                                              run=run, now=now)
        return provider.journal_entry_create(
            connection=connection, journal=journal, accounts=accounts, request_id=item.request_id,
            customers=customers,
        )

    for item_id in due:
        sync_item_push(item_id=item_id, run=run, push=push, now=now)


@dataclass(frozen=True)
class Unsynced:
    entry_id: int
    entry_date: date
    source_key: str
    memo: str
    currency: str
    amount: Decimal
    state: str  # "not planned", "pending", "failed: ...", "rejected: ..."


def gl_unsynced_list(*, connection: Connection, limit: int = 500) -> list[Unsynced]:
    """The reconciliation: our journal entries (after the closed period and the start date) not
    yet in the GL, with why: not planned yet (today's entries under a daily summary), pending, or
    failed with the provider's error."""
    from ledger.models import JournalEntry

    entries = JournalEntry.objects.prefetch_related("lines").order_by("entry_date", "id")
    if connection.closed_through:
        entries = entries.filter(entry_date__gt=connection.closed_through)
    if connection.gl_start_date:
        entries = entries.filter(entry_date__gte=connection.gl_start_date)
    synced = GlEntryLink.objects.filter(connection=connection, item__status=SyncItemStatus.SYNCED)
    entries = entries.exclude(id__in=synced.values("journal_entry_id"))
    if connection.sends_documents:
        # Carried as documents (not as journals): documents_unsynced_list says where those are.
        entries = entries.exclude(
            Q(source_key__regex=connection.document_source_pattern)
            & ~Q(id__in=GlEntryLink.objects.filter(connection=connection).values("journal_entry_id"))
        )
    links = {
        link.journal_entry_id: link.item
        for link in GlEntryLink.objects.filter(connection=connection).select_related("item")
        .exclude(item__status=SyncItemStatus.SYNCED)
    }
    out = []
    for entry in entries[:limit]:
        item = links.get(entry.pk)
        if item is None:
            state = "not planned"
        elif item.status == SyncItemStatus.PENDING:
            state = "pending"
        else:
            state = f"{item.status}: {item.last_error}"
        amount = sum((line.debit for line in entry.lines.all()), Decimal(0))
        out.append(Unsynced(entry.pk, entry.entry_date, entry.source_key, entry.memo, entry.currency, amount, state))
    return out


def documents_unsynced_list(*, connection: Connection, limit: int = 500) -> list[SyncItem]:
    """The reconciliation of a documents connection's invoices, voids and payments: their items
    not yet in the GL (pending, failed with the provider's error, or refused)."""
    return list(
        SyncItem.objects.filter(connection=connection, object_type__in=DOCUMENT_TYPES)
        .exclude(status=SyncItemStatus.SYNCED)
        .order_by("entry_date", "id")[:limit]
    )
