from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
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


class StripeBalanceTransaction(models.Model):
    """A Stripe balance transaction as fetched (charge, refund, payout, fee, adjustment...) and what
    it was matched to on our side."""

    stripe_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=40)
    amount = models.DecimalField(max_digits=20, decimal_places=4)
    fee = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    net = models.DecimalField(max_digits=20, decimal_places=4)
    currency = models.CharField(max_length=3)
    created = models.DateTimeField(db_index=True)
    available_on = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=100, blank=True, db_index=True)
    reporting_category = models.CharField(max_length=40, blank=True)
    payout = models.CharField(max_length=100, blank=True, db_index=True)
    matched_to = models.CharField(max_length=100, blank=True, help_text="e.g. receivables.payment:12")
    raw = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    fetched_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.stripe_id} {self.type} {self.amount} {self.currency}"


class StripePayout(models.Model):
    stripe_id = models.CharField(max_length=100, unique=True)
    amount = models.DecimalField(max_digits=20, decimal_places=4)
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=20)
    created = models.DateTimeField()
    arrival_date = models.DateTimeField(null=True, blank=True)
    transactions_net = models.DecimalField(
        max_digits=20, decimal_places=4, null=True, blank=True,
        help_text="Sum of the net of the balance transactions it paid out.",
    )
    is_reconciled = models.BooleanField(default=False)
    raw = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"Payout {self.stripe_id} {self.amount} {self.currency} ({self.status})"


class FindingStatus(models.TextChoices):
    OPEN = "open", "Open"
    EXPLAINED = "explained", "Explained"
    RESOLVED = "resolved", "Resolved"


class ReconciliationFinding(models.Model):
    """Something the continuous reconciliation could not match, with the evidence behind it; a
    person owns it until it is explained or resolved."""

    kind = models.CharField(max_length=40, db_index=True)
    reference = models.CharField(max_length=120, help_text="The Stripe object or our record it is about.")
    message = models.CharField(max_length=500)
    amount = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    evidence = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    status = models.CharField(max_length=12, choices=FindingStatus.choices, default=FindingStatus.OPEN, db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True, help_text="The explanation, or how it was resolved.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["status", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["kind", "reference"], name="uniq_finding_per_kind_reference")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.reference}"

    def get_kind_display(self) -> str:
        return self.kind.replace("_", " ").capitalize()


class ClosePackStatus(models.TextChoices):
    PENDING = "pending", "Being generated"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class ClosePack(models.Model):
    """The month-end close pack of one period (YYYY-MM): reconciliation, AR aging, deferred revenue
    waterfall and journal summary, as one PDF and a CSV bundle (zip), generated by a task and kept."""

    period = models.CharField(max_length=7, unique=True, help_text="YYYY-MM")
    status = models.CharField(max_length=10, choices=ClosePackStatus.choices, default=ClosePackStatus.PENDING)
    requested_by = models.CharField(max_length=150, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    generated_at = models.DateTimeField(null=True, blank=True)
    pdf = models.FileField(upload_to="close_packs/", blank=True)
    csv_bundle = models.FileField(upload_to="close_packs/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    csv_bundle_sha256 = models.CharField(max_length=64, blank=True)
    summary = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    error = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period"]

    def __str__(self) -> str:
        return f"Close pack {self.period}"


class MonthlyRollup(models.Model):
    """One customer's month in one currency, as the CFO dashboard reads it (``reporting.rollup``):
    MRR and its movements against the month before, billings, credit notes, payments, refunds, and
    the net movement (debit - credit) of the ledger accounts the dashboard reads. Derived data,
    rebuilt from the owning apps' records at will, so it keeps no history table. ``customer`` is
    empty for ledger entries that name no customer."""

    customer = models.ForeignKey(
        "contracts.Customer", on_delete=models.CASCADE, null=True, blank=True, related_name="+", db_constraint=False
    )
    currency = models.CharField(max_length=3)
    month = models.DateField()
    mrr = models.DecimalField(max_digits=30, decimal_places=12, default=0)
    mrr_new = models.DecimalField(max_digits=30, decimal_places=12, default=0)
    mrr_expansion = models.DecimalField(max_digits=30, decimal_places=12, default=0)
    mrr_contraction = models.DecimalField(max_digits=30, decimal_places=12, default=0)
    mrr_churn = models.DecimalField(max_digits=30, decimal_places=12, default=0)
    invoices = models.PositiveIntegerField(default=0, help_text="Invoices issued in the month.")
    billings = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    credited = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    payments = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    refunds = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    cash = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    accounts_receivable = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    unbilled = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    deferred = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    revenue = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-month", "customer_id", "currency"]
        constraints = [
            models.UniqueConstraint(fields=["customer", "currency", "month"], name="uniq_rollup_customer_month"),
        ]
        indexes = [models.Index(fields=["month", "currency"], name="rollup_month_currency")]

    def __str__(self) -> str:
        return f"{self.customer_id or '-'} {self.currency} {self.month:%Y-%m}"


class RollupMark(models.Model):
    """A customer whose records changed since their rollup rows were computed (set by signals; the
    refresh deletes the marks it has processed). Append-only: no locks between writers."""

    customer_id = models.BigIntegerField(null=True, blank=True)
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.customer_id or '-'} at {self.marked_at}"


class RollupBuild(models.Model):
    """A full rebuild of the monthly rollup. Until one has finished, the dashboard builds it first."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    rows = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"rollup build {self.started_at:%Y-%m-%d %H:%M}"


class MonthlyRollupTotal(models.Model):
    """``MonthlyRollup`` summed per currency and month (kept by the same refresh), so the dashboard
    reads a few dozen rows. Derived data: no history table."""

    currency = models.CharField(max_length=3)
    month = models.DateField()
    mrr = models.DecimalField(max_digits=30, decimal_places=12, default=0)
    mrr_new = models.DecimalField(max_digits=30, decimal_places=12, default=0)
    mrr_expansion = models.DecimalField(max_digits=30, decimal_places=12, default=0)
    mrr_contraction = models.DecimalField(max_digits=30, decimal_places=12, default=0)
    mrr_churn = models.DecimalField(max_digits=30, decimal_places=12, default=0)
    invoices = models.PositiveIntegerField(default=0)
    billings = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    credited = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    payments = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    refunds = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    cash = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    accounts_receivable = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    unbilled = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    deferred = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    revenue = models.DecimalField(max_digits=20, decimal_places=4, default=0)

    class Meta:
        ordering = ["-month", "currency"]
        constraints = [models.UniqueConstraint(fields=["currency", "month"], name="uniq_rollup_total_month")]

    def __str__(self) -> str:
        return f"{self.currency} {self.month:%Y-%m}"
