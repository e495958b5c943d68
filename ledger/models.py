from __future__ import annotations

from decimal import Decimal

from django.db import models
from simple_history.models import HistoricalRecords

from .choices import AccountType

ZERO = Decimal(0)


class Account(models.Model):
    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=200)
    type = models.CharField(max_length=12, choices=AccountType.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class JournalEntry(models.Model):
    """A posted, balanced entry. Append-only: corrections are new entries.

    ``source_key`` names what caused it (e.g. ``invoice:42:issued``) and is unique, so a
    retried posting cannot book twice."""

    entry_date = models.DateField()
    memo = models.CharField(max_length=300)
    source_key = models.CharField(max_length=120, unique=True)
    currency = models.CharField(max_length=3)
    customer = models.ForeignKey(
        "contracts.Customer", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    posted_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-entry_date", "-id"]
        verbose_name_plural = "journal entries"

    def __str__(self) -> str:
        return f"{self.entry_date} {self.memo}"


class JournalLine(models.Model):
    entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="lines")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="lines")
    debit = models.DecimalField(max_digits=20, decimal_places=4, default=ZERO)
    credit = models.DecimalField(max_digits=20, decimal_places=4, default=ZERO)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(debit__gte=0) & models.Q(credit__gte=0)) & (models.Q(debit=0) | models.Q(credit=0)),
                name="journal_line_one_sided_non_negative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.account.code} Dr {self.debit} Cr {self.credit}"


class ClosedPeriod(models.Model):
    """A closed accounting month. Nothing is posted into it afterwards: an entry dated in it is
    booked on the first day of the next open month, with a note saying so (ledger.services)."""

    month = models.DateField(unique=True, help_text="The first day of the closed month.")
    closed_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.CharField(max_length=150)
    note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-month"]
        permissions = [
            ("close_period", "Can close an accounting period"),
            ("reopen_period", "Can reopen a closed accounting period (CFO)"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} closed"
