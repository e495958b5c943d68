from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords


class Dashboard(models.Model):
    """No table: carries the permissions to see the dashboards and reports."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_dashboard", "Can view CFO dashboards and reports"),
            ("view_ar_dashboard", "Can view the AR aging dashboard"),
        ]

    def __str__(self) -> str:
        return "CFO dashboards"


class ReviewThreshold(models.Model):
    """Flags open invoices for manual review on the AR dashboard. Every condition that is set must
    hold; leave a condition empty to ignore it."""

    name = models.CharField(max_length=100, unique=True)
    min_amount = models.DecimalField(
        "amount due at least", max_digits=20, decimal_places=4, null=True, blank=True,
        help_text="In the currency below (or in any currency when that is empty).",
    )
    currency = models.CharField(max_length=3, blank=True, help_text="ISO 4217; empty: any currency.")
    min_days_overdue = models.PositiveIntegerField("days overdue at least", null=True, blank=True)
    customer = models.ForeignKey(
        "contracts.Customer", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="Only this customer's invoices (empty: every customer).",
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ExchangeRate(models.Model):
    """A dated rate: one unit of ``currency`` is worth ``rate`` units of ``base_currency`` from
    ``rate_date`` on (until a later rate). Reports convert a month's amounts with the rate in force
    on its last day, so a closed month's figures never move when today's rates change."""

    base_currency = models.CharField(max_length=3)
    currency = models.CharField(max_length=3)
    rate_date = models.DateField()
    rate = models.DecimalField(max_digits=24, decimal_places=10)
    source = models.CharField(max_length=100, blank=True, help_text="Where the rate came from (e.g. ECB).")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-rate_date", "base_currency", "currency"]
        constraints = [
            models.UniqueConstraint(fields=["base_currency", "currency", "rate_date"], name="uniq_rate_per_day"),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="exchange_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"1 {self.currency} = {self.rate.normalize():f} {self.base_currency} on {self.rate_date}"
