from __future__ import annotations

from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from djmoney.money import Money
from simple_history.models import HistoricalRecords

from .choices import BillingRunStatus, InvoiceKind, InvoiceStatus, LineKind

ZERO = Decimal(0)


def money_field(**kwargs: object) -> models.DecimalField:
    return models.DecimalField(max_digits=20, decimal_places=4, default=ZERO, **kwargs)


class BillingRun(models.Model):
    as_of = models.DateTimeField()
    status = models.CharField(max_length=12, choices=BillingRunStatus.choices, default=BillingRunStatus.RUNNING)
    triggered_by = models.CharField(max_length=150)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    contracts_total = models.PositiveIntegerField(default=0)
    contracts_done = models.PositiveIntegerField(default=0)
    invoices_created = models.PositiveIntegerField(default=0)
    invoices_existing = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Billing run #{self.pk} as of {self.as_of:%Y-%m-%d %H:%M}"


class InvoiceNumberSequence(models.Model):
    """The next number of a series, taken under a row lock so numbers are gapless."""

    series = models.CharField(max_length=20)
    year = models.PositiveIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="uniq_invoice_series_year")]

    def __str__(self) -> str:
        return f"{self.series}-{self.year}: {self.last_value}"


class Invoice(models.Model):
    customer = models.ForeignKey("contracts.Customer", on_delete=models.PROTECT, related_name="invoices")
    contract = models.ForeignKey(
        "contracts.Contract", on_delete=models.PROTECT, related_name="invoices", null=True, blank=True
    )
    billing_run = models.ForeignKey(BillingRun, on_delete=models.SET_NULL, null=True, blank=True)
    kind = models.CharField(max_length=12, choices=InvoiceKind.choices, default=InvoiceKind.RECURRING)
    source_key = models.CharField(
        max_length=120, unique=True, null=True, blank=True,
        help_text="What caused a non-recurring invoice (e.g. 'amendment:12', 'milestone:5'): billed once.",
    )
    billing_date = models.DateField(help_text="The date the billed periods closed or began.")
    number = models.CharField(max_length=40, unique=True, null=True, blank=True)
    status = models.CharField(max_length=16, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT)
    currency = models.CharField(max_length=3)
    period_start = models.DateField()
    period_end = models.DateField(help_text="Exclusive.")
    issue_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    subtotal = money_field()
    tax = money_field()
    total = money_field()
    amount_paid = money_field()
    auto_send = models.BooleanField(default=True)
    customer_snapshot = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    finalized_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    pdf = models.FileField(upload_to="invoices/%Y/%m/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-billing_date", "-id"]
        constraints = [
            # One recurring invoice per contract and billing date: reruns and crashed runs
            # cannot bill a period twice.
            models.UniqueConstraint(
                fields=["contract", "billing_date"],
                condition=models.Q(kind="recurring"),
                name="uniq_recurring_invoice_per_contract_date",
            )
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.number or f"Draft #{self.pk}"

    @property
    def amount_due(self) -> Decimal:
        if self.status in (InvoiceStatus.VOID, InvoiceStatus.UNCOLLECTIBLE):
            return ZERO
        return self.total - self.amount_paid

    def money(self, amount: Decimal) -> Money:
        return Money(amount, self.currency)


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField(default=0)
    contract_line_id = models.BigIntegerField(null=True, blank=True)
    line_code = models.CharField(max_length=64)
    kind = models.CharField(max_length=12, choices=LineKind.choices)
    description = models.CharField(max_length=300)
    tier = models.PositiveIntegerField(null=True, blank=True)
    quantity = models.DecimalField(max_digits=30, decimal_places=12)
    unit_price = models.DecimalField(max_digits=28, decimal_places=12, null=True, blank=True)
    precise_amount = models.DecimalField(max_digits=30, decimal_places=12)
    amount = money_field()
    period_start = models.DateField()
    period_end = models.DateField()
    price_snapshot = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    history = HistoricalRecords()

    class Meta:
        ordering = ["invoice", "position", "id"]

    def __str__(self) -> str:
        return self.description
