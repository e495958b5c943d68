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


class ObligationKind(models.TextChoices):
    RATABLE = "ratable", "Ratable over the service term"
    POINT_IN_TIME = "point_in_time", "Point in time"
    MILESTONE = "milestone", "Milestones (on completion)"
    USAGE = "usage", "Usage as consumed (variable)"
    PREPAID_CREDIT = "prepaid_credit", "Prepaid credit (on draw-down, breakage at expiry)"


class ModificationTreatment(models.TextChoices):
    SEPARATE_CONTRACT = "separate_contract", "Separate contract"
    PROSPECTIVE = "prospective", "Prospective"
    CUMULATIVE_CATCH_UP = "cumulative_catch_up", "Cumulative catch-up"


class StandaloneSellingPrice(models.Model):
    """The price a product sells for on its own (ASC 606-10-32-32), per product and currency, from
    ``effective_from`` until ``effective_to`` (exclusive; open when empty). For a recurring line it is
    the price of one billing period; for a one-time, milestone or prepaid line, the whole price.
    A line without an SSP here is weighed at its own list price."""

    product_code = models.CharField(max_length=64, help_text="The contract line code it prices (e.g. 'platform').")
    currency = models.CharField(max_length=3)
    amount = models.DecimalField(max_digits=20, decimal_places=4)
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True, help_text="Exclusive; empty: until replaced.")
    note = models.CharField(max_length=300, blank=True, help_text="Evidence: price list, observable sales, ...")
    history = HistoricalRecords()

    class Meta:
        ordering = ["product_code", "currency", "-effective_from"]
        verbose_name = "standalone selling price"
        constraints = [
            models.UniqueConstraint(
                fields=["product_code", "currency", "effective_from"], name="uniq_ssp_per_product_currency_date"
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="ssp_amount_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.product_code} {self.amount} {self.currency} from {self.effective_from}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.effective_to is not None and self.effective_to <= self.effective_from:
            raise ValidationError({"effective_to": "Must be after the start (the end is exclusive)."})


class RevenueContract(models.Model):
    """A customer contract's ASC 606 revenue plan: what was promised at inception (as the input of
    the pure engine, ``revrec.asc606``) and the modifications since; obligations and their
    schedules are derived from both, exactly as the preview API computes them."""

    contract = models.OneToOneField("contracts.Contract", on_delete=models.PROTECT, related_name="+")
    currency = models.CharField(max_length=3)
    inception = models.JSONField(help_text="The engine's input at inception (obligations, SSP, price).")
    transaction_price = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    derived_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "revenue contract"

    def __str__(self) -> str:
        return f"Revenue plan of {self.contract}"


class PerformanceObligation(models.Model):
    revenue_contract = models.ForeignKey(RevenueContract, on_delete=models.CASCADE, related_name="obligations")
    code = models.CharField(max_length=64)
    description = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=16, choices=ObligationKind.choices)
    contract_line_ids = models.JSONField(default=list, blank=True)
    list_price = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    ssp = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    ssp_source = models.CharField(max_length=20, default="list_price", help_text="ssp_table or list_price.")
    discount_group = models.CharField(max_length=64, blank=True)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    allocated_amount = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    currency = models.CharField(max_length=3)
    is_active = models.BooleanField(default=True, help_text="False once removed by a modification.")
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["revenue_contract", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["revenue_contract", "code"], name="uniq_obligation_code_per_contract")
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.get_kind_display()})"


class ObligationScheduleEntry(models.Model):
    """Planned revenue of an obligation on a date inside its month (re-derived on modification)."""

    obligation = models.ForeignKey(PerformanceObligation, on_delete=models.CASCADE, related_name="schedule")
    period = models.CharField(max_length=7, help_text="YYYY-MM")
    on = models.DateField()
    amount = models.DecimalField(max_digits=20, decimal_places=4)
    history = HistoricalRecords()

    class Meta:
        ordering = ["obligation", "on"]
        verbose_name_plural = "obligation schedule entries"
        constraints = [models.UniqueConstraint(fields=["obligation", "on"], name="uniq_obligation_schedule_date")]

    def __str__(self) -> str:
        return f"{self.obligation.code} {self.on}: {self.amount}"


class RevenueModification(models.Model):
    """How an applied amendment is accounted for. ``default_treatment`` is the rule's answer
    (``rule_reason`` says why); a billing admin may set ``treatment`` otherwise, which re-derives
    the plan and is recorded in the audit log."""

    revenue_contract = models.ForeignKey(RevenueContract, on_delete=models.CASCADE, related_name="modifications")
    amendment_id = models.BigIntegerField(unique=True)
    effective_date = models.DateField()
    default_treatment = models.CharField(max_length=24, choices=ModificationTreatment.choices)
    treatment = models.CharField(max_length=24, choices=ModificationTreatment.choices)
    rule_reason = models.CharField(max_length=500)
    change = models.JSONField(help_text="The modification as the engine reads it (price change, added, removed).")
    overridden_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["revenue_contract", "effective_date", "id"]

    def __str__(self) -> str:
        return f"Amendment {self.amendment_id}: {self.get_treatment_display()}"


class AllocationPostingReason(models.TextChoices):
    MONTH_END = "month_end", "Month end: revenue brought to the allocated schedules"
    CATCH_UP = "catch_up", "Cumulative catch-up of a modification"


class RevenueAllocationPosting(models.Model):
    """A journal entry that brings a contract's recognised revenue from what its invoice lines
    recognise (billing-based schedules) to the allocated, relative-SSP schedules of its plan.

    ``amount`` is the revenue it adds (negative: takes away). The contract's position, the sum of
    its postings, is a contract asset (Dr 1150) when positive (revenue ahead of what billing-based
    schedules recognise) and a contract liability (Cr 2100 Deferred revenue) when negative; each
    posting moves the position and the two accounts by the change of each side. ``period`` is
    the month it belongs to; the entry is dated in it (or in the next open month if it is closed)."""

    revenue_contract = models.ForeignKey(
        RevenueContract, on_delete=models.PROTECT, related_name="allocation_postings"
    )
    period = models.DateField(help_text="First day of the month the posting belongs to.")
    entry_date = models.DateField()
    reason = models.CharField(max_length=16, choices=AllocationPostingReason.choices)
    modification = models.ForeignKey(
        RevenueModification, on_delete=models.PROTECT, null=True, blank=True, related_name="postings"
    )
    amount = models.DecimalField(max_digits=20, decimal_places=4, help_text="Revenue added (negative: removed).")
    contract_asset = models.DecimalField(max_digits=20, decimal_places=4, help_text="Change of Dr 1150.")
    contract_liability = models.DecimalField(max_digits=20, decimal_places=4, help_text="Change of Cr 2100.")
    position_after = models.DecimalField(max_digits=20, decimal_places=4)
    currency = models.CharField(max_length=3)
    detail = models.JSONField(default=dict, help_text="Per obligation: allocated and billing-based revenue to date.")
    journal_source_key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["revenue_contract", "period", "id"]
        verbose_name = "revenue allocation posting"

    def __str__(self) -> str:
        return f"{self.period:%Y-%m} {self.get_reason_display()}: {self.amount} {self.currency}"
