"""Our journal as the GL receives it: one journal per source entry, or one per day and currency
summarised by account. Pure (no ORM), so the grouping and the balance are tested alone.

Lines on a receivable (or payable) account carry the customer: a GL keeps a sub-ledger per
customer on its Accounts Receivable account and refuses a journal line there without one
(QuickBooks Online: a line on Accounts Receivable needs JournalEntryLineDetail.Entity of type
Customer). So such accounts (``entity_accounts``) are summarised per account *and* customer."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

ZERO = Decimal(0)


@dataclass(frozen=True)
class LedgerLine:
    entry_id: int
    entry_date: date
    currency: str
    source_key: str
    memo: str
    account_code: str
    debit: Decimal
    credit: Decimal
    customer_id: int | None = None


@dataclass(frozen=True)
class GlLine:
    account_code: str
    debit: Decimal
    credit: Decimal
    description: str
    customer_id: int | None = None  # set on lines of receivable accounts only


@dataclass
class GlJournal:
    key: str  # the sync item's object_key: "entry:42" or "day:2026-03-05:USD"
    entry_date: date
    currency: str
    memo: str
    doc_number: str
    lines: list[GlLine] = field(default_factory=list)
    entry_ids: list[int] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.debit for line in self.lines), ZERO)

    def is_balanced(self) -> bool:
        return sum((line.debit for line in self.lines), ZERO) == sum((line.credit for line in self.lines), ZERO)


def _customer(line: LedgerLine, entity_accounts: Collection[str]) -> int | None:
    return line.customer_id if line.account_code in entity_accounts else None


def per_document(lines: Iterable[LedgerLine], *, entity_accounts: Collection[str] = ()) -> list[GlJournal]:
    """One GL journal per ledger entry, lines as booked (the entry's customer on its receivable
    lines)."""
    journals: dict[int, GlJournal] = {}
    for line in lines:
        journal = journals.get(line.entry_id)
        if journal is None:
            journal = journals[line.entry_id] = GlJournal(
                key=f"entry:{line.entry_id}",
                entry_date=line.entry_date,
                currency=line.currency,
                memo=f"{line.memo} [{line.source_key}]",
                doc_number=f"AB-{line.entry_id}",
                entry_ids=[line.entry_id],
            )
        journal.lines.append(GlLine(line.account_code, line.debit, line.credit, line.memo,
                                    _customer(line, entity_accounts)))
    return [journals[k] for k in sorted(journals)]


def daily_summary(
    lines: Iterable[LedgerLine], *, taken_keys: Sequence[str] = (), entity_accounts: Collection[str] = ()
) -> list[GlJournal]:
    """One GL journal per (day, currency): each account's net movement on its side, a receivable
    account's per customer (one line per customer). Entries all balance, so the nets balance too.
    A day already posted (its key in ``taken_keys``) gets a follow-up journal
    ``day:<date>:<currency>:2`` for entries that arrived after it (an entry backdated into a
    posted day is never dropped, nor posted twice)."""
    by_day: dict[tuple[date, str], list[LedgerLine]] = defaultdict(list)
    for line in lines:
        by_day[(line.entry_date, line.currency)].append(line)
    taken = set(taken_keys)
    journals = []
    for (day, currency), day_lines in sorted(by_day.items()):
        base = f"day:{day.isoformat()}:{currency}"
        key, n = base, 1
        while key in taken:
            n += 1
            key = f"{base}:{n}"
        taken.add(key)
        net: dict[tuple[str, int | None], Decimal] = defaultdict(lambda: ZERO)
        for line in day_lines:
            net[(line.account_code, _customer(line, entity_accounts))] += line.debit - line.credit
        entry_ids = sorted({line.entry_id for line in day_lines})
        description = f"Autobill {day.isoformat()} {currency} summary ({len(entry_ids)} entries)"
        gl_lines = [
            GlLine(code, amount if amount > 0 else ZERO, -amount if amount < 0 else ZERO, description, customer)
            for (code, customer), amount in sorted(net.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0))
            if amount
        ]
        suffix = "" if n == 1 else f"-{n}"
        journals.append(
            GlJournal(
                key=key,
                entry_date=day,
                currency=currency,
                memo=description,
                doc_number=f"AB-{day:%Y%m%d}-{currency}{suffix}",
                lines=gl_lines,
                entry_ids=entry_ids,
            )
        )
    return journals
