from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords


class RecognitionPattern(models.TextChoices):
    AS_CONSUMED = "as_consumed", "As consumed (usage)"
    RATABLE = "ratable", "Ratable by day"
    POINT_IN_TIME = "point_in_time", "Point in time"


class RevenueScheduleEntry(models.Model):
    """The revenue of one invoice line in one recognition period [period_start, period_end).

    Usage is recognised as consumed: its entry is recognised when the invoice is issued for the
    closed period. Fixed fees billed in advance are deferred and recognised by day."""

    invoice = models.ForeignKey("invoicing.Invoice", on_delete=models.PROTECT, related_name="+")
    invoice_line = models.ForeignKey("invoicing.InvoiceLine", on_delete=models.PROTECT, related_name="+")
    customer = models.ForeignKey("contracts.Customer", on_delete=models.PROTECT, related_name="+")
    pattern = models.CharField(max_length=16, choices=RecognitionPattern.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    amount = models.DecimalField(max_digits=20, decimal_places=4)
    currency = models.CharField(max_length=3)
    recognized_on = models.DateField(null=True, blank=True)
    journal_source_key = models.CharField(max_length=120, blank=True)
    is_cancelled = models.BooleanField(default=False, help_text="The invoice was voided before recognition.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["invoice", "period_start", "id"]
        verbose_name_plural = "revenue schedule entries"
        constraints = [
            models.UniqueConstraint(fields=["invoice_line", "period_start"], name="uniq_revenue_entry_per_line_period")
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} {self.period_start}..{self.period_end}"


class UsageAccrual(models.Model):
    """Usage earned in a calendar month before it is invoiced (ASC 606: revenue as consumed): at
    month end, Dr Unbilled receivable (1150) / Cr Revenue for the usage rated so far in the line's
    billing period; reversed (Dr Revenue / Cr 1150) when the invoice for that period is issued,
    which then books the whole period. ``through`` is exclusive (the first day of the next month)."""

    contract = models.ForeignKey("contracts.Contract", on_delete=models.PROTECT, related_name="+")
    contract_line_id = models.BigIntegerField()
    line_code = models.CharField(max_length=64)
    customer = models.ForeignKey("contracts.Customer", on_delete=models.PROTECT, related_name="+")
    currency = models.CharField(max_length=3)
    period_start = models.DateField(help_text="Start of the billing period the usage belongs to.")
    period_end = models.DateField(help_text="End (exclusive) of that billing period.")
    window_start = models.DateField(help_text="First day of usage accrued by this entry.")
    through = models.DateField(help_text="Usage accrued up to this day (exclusive): the month's end.")
    quantity = models.DecimalField(max_digits=30, decimal_places=12, default=0)
    amount = models.DecimalField(max_digits=20, decimal_places=4)
    accrued_on = models.DateField()
    journal_source_key = models.CharField(max_length=120, blank=True)
    invoice = models.ForeignKey("invoicing.Invoice", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reversed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["contract", "period_start", "through"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract_line_id", "period_start", "through"], name="uniq_usage_accrual_per_line_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.line_code} {self.window_start}..{self.through}: {self.amount} {self.currency}"
