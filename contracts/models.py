from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from .choices import (
    AmendmentStatus,
    BillingAlignment,
    BillingInterval,
    BillingTiming,
    ChargeModel,
    CommitmentPeriod,
    ContractStatus,
    TierBasis,
)
from .validators import validate_currency, validate_timezone

ZERO = Decimal(0)


def price_field(**kwargs: object) -> models.DecimalField:
    """Unit prices keep up to 12 decimal places (e.g. 0.004 per API call)."""
    return models.DecimalField(max_digits=28, decimal_places=12, null=True, blank=True, **kwargs)


class Customer(models.Model):
    external_id = models.CharField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    email = models.EmailField("billing email")
    currency = models.CharField(max_length=3, default="USD", validators=[validate_currency])
    timezone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])
    payment_terms_days = models.PositiveIntegerField(default=0, help_text="Net days: 0, 15, 30, ...")
    locale = models.CharField(max_length=16, default="en_US", help_text="For invoice formatting.")
    address_line1 = models.CharField(max_length=200, blank=True)
    address_line2 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2")
    tax_id = models.CharField(max_length=50, blank=True)
    tax_exempt = models.BooleanField(
        default=False, help_text="No tax is charged (reseller or exempt organisation); keep its certificate number."
    )
    tax_exemption_certificate = models.CharField(max_length=100, blank=True)
    auto_send = models.BooleanField(
        default=True, help_text="Off: every invoice of this customer waits in the review queue before it is sent."
    )
    invoice_hold_above = models.DecimalField(
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Hold any invoice above this total for review (blank: the default for its currency).",
    )
    stripe_customer_id = models.CharField(max_length=100, blank=True)
    stripe_payment_method_id = models.CharField(
        max_length=100, blank=True, help_text="The saved card charged automatically."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.external_id})"

    @property
    def address_lines(self) -> list[str]:
        city_line = " ".join(p for p in [self.postal_code, self.city] if p)
        if self.region:
            city_line = f"{city_line}, {self.region}" if city_line else self.region
        return [p for p in [self.address_line1, self.address_line2, city_line, self.country] if p]


class BillingContact(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField()
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


class Contract(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="contracts")
    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Exclusive: service ends before it.")
    currency = models.CharField(max_length=3, validators=[validate_currency])
    billing_alignment = models.CharField(
        max_length=20, choices=BillingAlignment.choices, default=BillingAlignment.ANNIVERSARY
    )
    auto_send = models.BooleanField(default=True, help_text="Finalise and send invoices without review.")
    status = models.CharField(max_length=20, choices=ContractStatus.choices, default=ContractStatus.ACTIVE)
    minimum_commitment_amount = models.DecimalField(
        max_digits=20, decimal_places=4, null=True, blank=True, validators=[MinValueValidator(ZERO)]
    )
    minimum_commitment_period = models.CharField(
        max_length=20, choices=CommitmentPeriod.choices, default=CommitmentPeriod.BILLING_PERIOD
    )
    minimum_commitment_lines = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "id"]

    def __str__(self) -> str:
        return self.external_id or f"Contract #{self.pk}"


class ContractLine(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="lines")
    code = models.SlugField(max_length=64)
    description = models.CharField(max_length=200, blank=True)
    charge_model = models.CharField(max_length=20, choices=ChargeModel.choices)
    metric = models.CharField(max_length=64, blank=True, help_text="Meter code, for usage lines.")
    dimension_value = models.CharField(
        max_length=255,
        blank=True,
        help_text="Price only the events whose meter group_by property has this value (e.g. 'large').",
    )
    billing_interval = models.CharField(max_length=10, choices=BillingInterval.choices, default=BillingInterval.MONTH)
    billing_interval_count = models.PositiveIntegerField(default=1, validators=[MinValueValidator(1)])
    billing_timing = models.CharField(max_length=12, choices=BillingTiming.choices)
    start_date = models.DateField(null=True, blank=True, help_text="Default: the contract start.")
    end_date = models.DateField(null=True, blank=True, help_text="Exclusive. Default: the contract end.")
    anchor_date = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "Billing periods are counted as if the line started on this date (default: its start). "
            "A line version made by an amendment keeps the cycle of the line it replaces."
        ),
    )
    # Prices and parameters; which apply depends on the charge model (see the API docs).
    amount = price_field()
    unit_price = price_field()
    included_units = models.DecimalField(max_digits=28, decimal_places=12, default=ZERO)
    tiers = models.JSONField(default=list, blank=True)
    tier_basis = models.CharField(max_length=12, choices=TierBasis.choices, default=TierBasis.PERIOD)
    package_size = price_field()
    package_price = price_field()
    free_units = models.DecimalField(max_digits=28, decimal_places=12, default=ZERO)
    rate = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    fixed_fee = models.DecimalField(max_digits=28, decimal_places=12, default=ZERO)
    free_events = models.PositiveIntegerField(null=True, blank=True)
    free_amount = price_field()
    per_event_min = price_field()
    per_event_max = price_field()
    seats = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    charge_date = models.DateField(null=True, blank=True)
    price = price_field()
    top_up_threshold = price_field()
    top_up_amount = price_field()
    expires_on = models.DateField(null=True, blank=True)
    minimum_amount = price_field()
    sort_order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["contract", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["contract", "code"], name="uniq_line_code_per_contract")]

    def __str__(self) -> str:
        return f"{self.contract} / {self.code}"

    @property
    def effective_start(self):  # type: ignore[no-untyped-def]
        return self.start_date or self.contract.start_date

    @property
    def effective_end(self):  # type: ignore[no-untyped-def]
        return self.end_date or self.contract.end_date


class Milestone(models.Model):
    line = models.ForeignKey(ContractLine, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=20, decimal_places=4)
    due_date = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["line", "due_date", "id"]
        constraints = [models.UniqueConstraint(fields=["line", "name"], name="uniq_milestone_name")]

    def __str__(self) -> str:
        return self.name


class Amendment(models.Model):
    """A dated change to a contract's lines (seats, prices, added or ended lines).

    draft -> approved (who and when) -> applied (the line versions exist and the proration is
    billed); a draft may be cancelled. ``changes`` is the list of change objects as the API takes
    them (see contracts/amendments.py); once approved it is never edited.
    """

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="amendments")
    effective_date = models.DateField(help_text="The first day of the new terms (the old ones end the day before).")
    status = models.CharField(max_length=12, choices=AmendmentStatus.choices, default=AmendmentStatus.DRAFT)
    changes = models.JSONField(default=list, blank=True)
    credit_on_downgrade = models.BooleanField(
        default=True, help_text="Credit the unused days of the old terms when a line gets cheaper or ends."
    )
    reason = models.TextField(blank=True)
    created_by = models.CharField(max_length=150, blank=True)
    approved_by = models.CharField(max_length=150, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    # The invoice's id, not a foreign key: contracts does not depend on invoicing's tables (the
    # invoice is also found by its source_key "amendment:<id>").
    proration_invoice_id = models.BigIntegerField(null=True, blank=True)
    # What applying wrote, for whoever bills the change (``amendment_applied`` listeners): per changed
    # line, the old version's id and its end date before the amendment ended it, and the new
    # version's id. Billing the proration is settled when invoicing has drafted it (or found nothing
    # to prorate); until then a beat task sends ``amendment_applied`` again.
    line_versions = models.JSONField(default=list, blank=True)
    proration_settled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_date", "-id"]
        indexes = [models.Index(fields=["status", "approved_at"])]

    def __str__(self) -> str:
        return f"Amendment #{self.pk} of {self.contract} from {self.effective_date:%Y-%m-%d}"


class ContractDocumentStatus(models.TextChoices):
    EXTRACTED = "extracted", "Extracted: waiting for review"
    FAILED = "failed", "Failed"
    APPROVED = "approved", "Approved: contract created"


def _document_path(instance: ContractDocument, filename: str) -> str:
    return f"contract-documents/{instance.sha256[:2]}/{instance.sha256}/{filename}"


class ContractDocument(models.Model):
    """An uploaded order form, SOW or pricing schedule and the contract drafted from it.

    Nothing is billed from it: a person reviews the draft (``extraction``, with ``evidence``,
    ``confidence`` and ``warnings`` per field path such as "lines[0].unit_price") and approves it,
    which creates or matches the customer and creates the contract it stays linked to.
    """

    file = models.FileField(upload_to=_document_path, max_length=300)
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, db_index=True)
    kind = models.CharField(max_length=10, blank=True, help_text="pdf, docx or text")
    idempotency_key = models.CharField(max_length=255, null=True, blank=True, unique=True)
    status = models.CharField(max_length=12, choices=ContractDocumentStatus.choices)
    failure_reason = models.CharField(
        max_length=30, blank=True, help_text="no_text_found (a scan without a text layer), unreadable, ..."
    )
    error = models.TextField(blank=True)
    page_count = models.PositiveIntegerField(default=0)
    pages = models.JSONField(default=list, blank=True, help_text="[{page, text}] as read, for the review page.")
    extractor = models.CharField(max_length=50, blank=True)
    extraction = models.JSONField(null=True, blank=True)
    evidence = models.JSONField(default=dict, blank=True)
    confidence = models.JSONField(default=dict, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    model_name = models.CharField(max_length=100, blank=True, help_text="The optional language model run beside.")
    model_extraction = models.JSONField(null=True, blank=True)
    model_disagreements = models.JSONField(default=list, blank=True)
    uploaded_by = models.CharField(max_length=150, blank=True)
    approved_by = models.CharField(max_length=150, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_extraction = models.JSONField(null=True, blank=True)
    changed_fields = models.JSONField(default=list, blank=True, help_text="What the reviewer changed before approving.")
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, null=True, blank=True, related_name="documents")
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, null=True, blank=True, related_name="documents")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} (#{self.pk})"
