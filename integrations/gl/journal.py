"""Our journal as the GL receives it: one journal per source entry, or one per day and currency
summarised by account. Pure (no ORM), so the grouping and the balance are tested alone."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
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


@dataclass(frozen=True)
class GlLine:
    account_code: str
    debit: Decimal
    credit: Decimal
    description: str


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


def per_document(lines: Iterable[LedgerLine]) -> list[GlJournal]:
    """One GL journal per ledger entry, lines as booked."""
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
        journal.lines.append(GlLine(line.account_code, line.debit, line.credit, line.memo))
    return [journals[k] for k in sorted(journals)]


def daily_summary(lines: Iterable[LedgerLine], *, taken_keys: Sequence[str] = ()) -> list[GlJournal]:
    """One GL journal per (day, currency): each account's net movement on its side. Entries all
    balance, so the nets balance too. A day already posted (its key in ``taken_keys``) gets a
    follow-up journal ``day:<date>:<currency>:2`` for entries that arrived after it (an entry
    backdated into a posted day is never dropped, nor posted twice)."""
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
        net: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for line in day_lines:
            net[line.account_code] += line.debit - line.credit
        entry_ids = sorted({line.entry_id for line in day_lines})
        description = f"Autobill {day.isoformat()} {currency} summary ({len(entry_ids)} entries)"
        gl_lines = [
            GlLine(code, amount if amount > 0 else ZERO, -amount if amount < 0 else ZERO, description)
            for code, amount in sorted(net.items())
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
