from __future__ import annotations

from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from djmoney.money import Money
from simple_history.models import HistoricalRecords

from invoicing.choices import (
    BillingRunStatus,
    CreditNoteReason,
    DeliveryOutcome,
    InvoiceKind,
    InvoiceStatus,
    LineKind,
    ReviewStatus,
)

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
    chunk_size = models.PositiveIntegerField(default=500)
    chunks_total = models.PositiveIntegerField(default=0)
    chunks_done = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Billing run #{self.pk} as of {self.as_of:%Y-%m-%d %H:%M}"


class BillingRunChunk(models.Model):
    """One chunk of a run's contracts. Its task may be delivered more than once (a worker died and
    the broker redelivered it, or the watchdog queued it again): the chunk is claimed under a row
    lock and marked done in the transaction that drafts it, so it is drafted and counted once."""

    run = models.ForeignKey(BillingRun, on_delete=models.CASCADE, related_name="chunks")
    index = models.PositiveIntegerField()
    contract_ids = models.JSONField(default=list)
    is_done = models.BooleanField(default=False)
    queued_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=0)  # times a worker started it
    last_started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["run", "index"]
        constraints = [models.UniqueConstraint(fields=["run", "index"], name="uniq_billing_run_chunk")]

    def __str__(self) -> str:
        return f"{self.run} chunk {self.index}"


class InvoiceNumberSequence(models.Model):
    """The next number of a series, taken under a row lock so numbers are gapless."""

    series = models.CharField(max_length=20)
    year = models.PositiveIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="uniq_invoice_series_year")]

    def __str__(self) -> str:
        return f"{self.series}-{self.year}: {self.last_value}"


class TaxRate(models.Model):
    """Exclusive sales tax / VAT for customers billed to a country, or to one region of it.
    A region's rate wins over the country-wide rate (region left blank)."""

    name = models.CharField(max_length=100, help_text="Shown on the invoice, e.g. 'CA sales tax' or 'VAT'.")
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2, e.g. US, DE.")
    region = models.CharField(max_length=100, blank=True, help_text="State or province code; blank: whole country.")
    percentage = models.DecimalField(max_digits=7, decimal_places=4, help_text="e.g. 7.2500 for 7.25%.")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["country", "region", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "region"], condition=models.Q(active=True), name="uniq_active_tax_rate_per_place"
            ),
            models.CheckConstraint(
                condition=models.Q(percentage__gte=0, percentage__lte=100), name="tax_rate_percentage_range"
            ),
        ]

    def __str__(self) -> str:
        place = f"{self.country}-{self.region}" if self.region else self.country
        return f"{self.name} {self.percentage.normalize():f}% ({place})"


class Invoice(models.Model):
    customer = models.ForeignKey("contracts.Customer", on_delete=models.PROTECT, related_name="invoices")
    contract = models.ForeignKey(
        "contracts.Contract", on_delete=models.PROTECT, related_name="invoices", null=True, blank=True
    )
    billing_run = models.ForeignKey(BillingRun, on_delete=models.SET_NULL, null=True, blank=True)
    kind = models.CharField(max_length=12, choices=InvoiceKind.choices, default=InvoiceKind.RECURRING)
    source_key = models.CharField(
        max_length=120,
        unique=True,
        null=True,
        blank=True,
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
    amount_credited = money_field(help_text="Credit notes against this invoice (tax included).")
    auto_send = models.BooleanField(default=True)
    review_status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.NOT_REQUIRED, db_index=True
    )
    hold_reason = models.TextField(blank=True)
    hold_details = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    reviewed_by = models.CharField(max_length=150, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True, help_text="Printed on the invoice.")
    customer_snapshot = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    finalized_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    amount_written_off = money_field(help_text="What was still due when the invoice was written off as uncollectible.")
    uncollectible_at = models.DateTimeField(null=True, blank=True)
    uncollectible_reason = models.TextField(blank=True)
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
        permissions = [("mark_uncollectible", "Can write invoices off as uncollectible (bad debt)")]

    def __str__(self) -> str:
        return self.number or f"Draft #{self.pk}"

    @property
    def amount_due(self) -> Decimal:
        if self.status in (InvoiceStatus.VOID, InvoiceStatus.UNCOLLECTIBLE):
            return ZERO
        return self.total - self.amount_paid - self.amount_credited

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
    tax_rate = models.ForeignKey(TaxRate, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    tax_name = models.CharField(max_length=100, blank=True)
    tax_percentage = models.DecimalField(max_digits=7, decimal_places=4, null=True, blank=True)
    tax_amount = money_field()
    history = HistoricalRecords()

    class Meta:
        ordering = ["invoice", "position", "id"]

    def __str__(self) -> str:
        return self.description


class CreditGrantKind(models.TextChoices):
    PURCHASE = "purchase", "Purchase (prepaid credit line)"
    TOP_UP = "top_up", "Automatic top-up"


class CreditLedgerKind(models.TextChoices):
    GRANT = "grant", "Grant"
    DRAWDOWN = "drawdown", "Drawdown"
    TOP_UP = "top_up", "Top-up"
    EXPIRY = "expiry", "Expiry (breakage)"


class CreditGrant(models.Model):
    """A prepaid credit pool: bought on an invoice, drawn down by usage charges of the contract.

    ``balance`` is the ledger's running balance, kept on the grant so that one row lock
    (``select_for_update``) serialises every drawdown of the pool; the ledger entries are the
    record of how it moved."""

    contract = models.ForeignKey("contracts.Contract", on_delete=models.PROTECT, related_name="credit_grants")
    line_code = models.CharField(max_length=64, help_text="The prepaid_credit contract line.")
    kind = models.CharField(max_length=12, choices=CreditGrantKind.choices, default=CreditGrantKind.PURCHASE)
    amount = money_field(help_text="Credit granted.")
    price = money_field(help_text="What the customer paid for it (revenue deferred until drawn).")
    balance = money_field()
    currency = models.CharField(max_length=3)
    granted_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True, help_text="Exclusive: unusable from this date.")
    source_invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="credit_grants")
    source_invoice_line = models.ForeignKey(
        InvoiceLine, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["contract", "granted_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_invoice", "line_code", "kind"], name="uniq_credit_grant_per_invoice_line"
            ),
            models.CheckConstraint(condition=models.Q(balance__gte=0), name="credit_grant_balance_not_negative"),
            models.CheckConstraint(
                condition=models.Q(balance__lte=models.F("amount")), name="credit_grant_balance_within_amount"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract} / {self.line_code}: {self.balance} of {self.amount} {self.currency}"


class CreditLedgerEntry(models.Model):
    grant = models.ForeignKey(CreditGrant, on_delete=models.PROTECT, related_name="entries")
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, null=True, blank=True, related_name="credit_entries")
    kind = models.CharField(max_length=12, choices=CreditLedgerKind.choices)
    amount = money_field(help_text="Signed: grants and top-ups add, drawdowns and expiry take away.")
    balance_after = money_field()
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["grant", "created_at", "id"]
        verbose_name_plural = "credit ledger entries"
        constraints = [
            # A retried draft cannot draw the same grant twice for one invoice.
            models.UniqueConstraint(fields=["grant", "invoice", "kind"], name="uniq_credit_entry_per_invoice"),
            # invoice is NULL for expiry, and NULLs are distinct in a unique index: one expiry per grant.
            models.UniqueConstraint(
                fields=["grant"], condition=models.Q(kind="expiry"), name="uniq_credit_expiry_per_grant"
            ),
            models.CheckConstraint(condition=models.Q(balance_after__gte=0), name="credit_entry_balance_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} -> {self.balance_after}"


class InvoiceDeliveryAttempt(models.Model):
    """One try at emailing an invoice: who it went to, and what the mail server said."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="delivery_attempts")
    attempted_at = models.DateTimeField(auto_now_add=True)
    recipients = models.JSONField(default=list)
    outcome = models.CharField(max_length=12, choices=DeliveryOutcome.choices)
    error = models.TextField(blank=True)
    resend = models.BooleanField(default=False)
    actor = models.CharField(max_length=150, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-attempted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.invoice} {self.outcome} at {self.attempted_at:%Y-%m-%d %H:%M}"


class CreditNote(models.Model):
    """A correction of an issued invoice: reduces what is owed and reverses the revenue (and tax)
    it credits; the part already paid is refunded."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="credit_notes")
    customer = models.ForeignKey("contracts.Customer", on_delete=models.PROTECT, related_name="credit_notes")
    number = models.CharField(max_length=40, unique=True)
    currency = models.CharField(max_length=3)
    issue_date = models.DateField()
    reason = models.CharField(max_length=24, choices=CreditNoteReason.choices)
    memo = models.TextField(blank=True)
    subtotal = money_field()
    tax = money_field()
    total = money_field()
    credited_to_balance = money_field(help_text="Taken off the invoice's amount due.")
    refund_amount = money_field(help_text="Of the amount already paid, to be given back.")
    idempotency_key = models.CharField(max_length=255, unique=True, null=True, blank=True)
    created_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    pdf = models.FileField(upload_to="credit_notes/%Y/%m/", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-issue_date", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(total__gt=0), name="credit_note_total_positive")]

    def __str__(self) -> str:
        return self.number


class CreditNoteLine(models.Model):
    credit_note = models.ForeignKey(CreditNote, on_delete=models.CASCADE, related_name="lines")
    invoice_line = models.ForeignKey(InvoiceLine, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    position = models.PositiveIntegerField(default=0)
    description = models.CharField(max_length=300)
    amount = money_field(help_text="Before tax, positive: the amount credited.")
    tax_percentage = models.DecimalField(max_digits=7, decimal_places=4, null=True, blank=True)
    tax_name = models.CharField(max_length=100, blank=True)
    tax_amount = money_field()
    history = HistoricalRecords()

    class Meta:
        ordering = ["credit_note", "position", "id"]

    def __str__(self) -> str:
        return self.description
