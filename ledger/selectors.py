"""Reads of the journal for other apps (the GL sync in integrations)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet

from .models import JournalLine


def journal_lines_list(
    *,
    date_after: date | None = None,
    date_from: date | None = None,
    date_before: date | None = None,
    exclude_entry_ids: QuerySet[Any] | list[int] | None = None,
) -> QuerySet[JournalLine]:
    """Journal lines with their entry's date, currency, memo and source key, by entry then line.
    ``date_after`` is exclusive, ``date_from`` inclusive, ``date_before`` exclusive."""
    lines = JournalLine.objects.all()
    if date_after is not None:
        lines = lines.filter(entry__entry_date__gt=date_after)
    if date_from is not None:
        lines = lines.filter(entry__entry_date__gte=date_from)
    if date_before is not None:
        lines = lines.filter(entry__entry_date__lt=date_before)
    if exclude_entry_ids is not None:
        lines = lines.exclude(entry_id__in=exclude_entry_ids)
    return lines.select_related("entry", "account").order_by("entry_id", "id")
