from __future__ import annotations

from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from simple_history.models import HistoricalRecords

from .choices import (
    AttemptOutcome,
    AttemptStatus,
    DunningModelStatus,
    DunningStatus,
    HistorySource,
    PaymentMethod,
    PaymentStatus,
    PayPageIntentStatus,
    RefundStatus,
)

ZERO = Decimal(0)


class Payment(models.Model):
    customer = models.ForeignKey("contracts.Customer", on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(max_digits=20, decimal_places=4)
    currency = models.CharField(max_length=3)
    method = models.CharField(max_length=20, choices=PaymentMethod.choices)
    status = models.CharField(max_length=12, choices=PaymentStatus.choices, default=PaymentStatus.SUCCEEDED)
    received_at = models.DateTimeField()
    reference = models.CharField(max_length=200, blank=True)
    stripe_payment_intent_id = models.CharField(max_length=100, blank=True)
    stripe_charge_id = models.CharField(max_length=100, blank=True)
    dispute_status = models.CharField(
        max_length=30, blank=True, help_text="Stripe dispute status (needs_response, won, lost...), if disputed."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["stripe_payment_intent_id"],
                condition=~models.Q(stripe_payment_intent_id=""),
                name="uniq_payment_per_payment_intent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} from {self.customer} on {self.received_at:%Y-%m-%d}"


class PaymentAllocation(models.Model):
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="allocations")
    invoice = models.ForeignKey("invoicing.Invoice", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=20, decimal_places=4)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.amount} of payment #{self.payment_id} to invoice #{self.invoice_id}"


class PaymentAttempt(models.Model):
    """One try at charging an invoice. The row exists before Stripe is called, and its id is the
    Stripe idempotency key, so a retried task cannot charge twice."""

    invoice = models.ForeignKey("invoicing.Invoice", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=12, choices=AttemptStatus.choices, default=AttemptStatus.PENDING)
    amount = models.DecimalField(max_digits=20, decimal_places=4)
    currency = models.CharField(max_length=3)
    scheduled_for = models.DateTimeField()
    attempted_at = models.DateTimeField(null=True, blank=True)
    stripe_payment_intent_id = models.CharField(max_length=100, blank=True)
    failure_code = models.CharField(max_length=100, blank=True)
    failure_message = models.CharField(max_length=500, blank=True)
    decline_class = models.CharField(max_length=10, blank=True, help_text="hard, soft or transient.")
    card_brand = models.CharField(max_length=30, blank=True)
    card_funding = models.CharField(max_length=10, blank=True)
    card_country = models.CharField(max_length=2, blank=True, help_text="Issuing country of the card charged.")
    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["invoice", "number"]
        constraints = [models.UniqueConstraint(fields=["invoice", "number"], name="uniq_attempt_number_per_invoice")]

    def __str__(self) -> str:
        return f"Attempt {self.number} on invoice #{self.invoice_id}: {self.status}"

    @property
    def idempotency_key(self) -> str:
        return f"payment-attempt:{self.pk}"


class Refund(models.Model):
    """Money given back on one payment for one credit note. The row exists before Stripe is called,
    one per (credit note, payment), and the Stripe idempotency key is derived from that pair, so a
    retried task cannot refund twice. Card payments are refunded through Stripe; anything else is
    pending until someone pays it out by hand and marks it paid out."""

    credit_note = models.ForeignKey("invoicing.CreditNote", on_delete=models.PROTECT, related_name="+")
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    customer = models.ForeignKey("contracts.Customer", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=20, decimal_places=4)
    currency = models.CharField(max_length=3)
    method = models.CharField(max_length=20, choices=PaymentMethod.choices, help_text="The payment's method.")
    status = models.CharField(max_length=12, choices=RefundStatus.choices, default=RefundStatus.PENDING)
    reason = models.CharField(max_length=24, help_text="The credit note's reason.")
    stripe_refund_id = models.CharField(max_length=100, blank=True)
    failure_message = models.CharField(max_length=500, blank=True)
    reference = models.CharField(max_length=200, blank=True, help_text="Payout reference (e.g. the wire's).")
    created_at = models.DateTimeField(auto_now_add=True)
    refunded_at = models.DateTimeField(null=True, blank=True)
    refunded_by = models.CharField(max_length=150, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["credit_note", "payment"], name="uniq_refund_per_credit_note_payment"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="refund_amount_positive"),
        ]
        indexes = [models.Index(fields=["status", "method"])]

    def __str__(self) -> str:
        return f"Refund of {self.amount} {self.currency} on payment #{self.payment_id} ({self.status})"

    @property
    def stripe_idempotency_key(self) -> str:
        return f"refund:{self.credit_note_id}:{self.payment_id}"


class DunningCase(models.Model):
    invoice = models.OneToOneField("invoicing.Invoice", on_delete=models.PROTECT, related_name="+")
    customer = models.ForeignKey("contracts.Customer", on_delete=models.PROTECT, related_name="dunning_cases")
    status = models.CharField(max_length=12, choices=DunningStatus.choices, default=DunningStatus.OPEN)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    retries_done = models.PositiveIntegerField(default=0)
    next_retry_at = models.DateTimeField(null=True, blank=True)
    next_reminder_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveIntegerField(default=0)
    payment_score = models.DecimalField(
        max_digits=5, decimal_places=4, null=True, blank=True, help_text="Likelihood to pay, 0 to 1."
    )
    score_inputs = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    last_failure_code = models.CharField(max_length=100, blank=True)
    # The policy's latest decision (receivables/dunning/policy.py), for the AR queue.
    next_action = models.CharField(max_length=10, blank=True)
    next_action_probability = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    next_action_reason = models.CharField(max_length=500, blank=True)
    model_version = models.CharField(max_length=20, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalation_reason = models.CharField(max_length=500, blank=True)
    escalation_history = models.JSONField(
        default=dict, blank=True, encoder=DjangoJSONEncoder,
        help_text="The payment history attached when the case was escalated: this invoice's attempts and the "
        "customer's payment history.",
    )
    is_paused = models.BooleanField(default=False, help_text="An AR analyst paused automated retries.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"Dunning for invoice #{self.invoice_id} ({self.status})"


class CollectionNote(models.Model):
    """An AR analyst's note on a customer or dunning case (calls, promises to pay)."""

    customer = models.ForeignKey("contracts.Customer", on_delete=models.PROTECT, related_name="+")
    dunning_case = models.ForeignKey(DunningCase, on_delete=models.CASCADE, null=True, blank=True, related_name="notes")
    author = models.CharField(max_length=150)
    text = models.TextField()
    promise_to_pay_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Note by {self.author} on {self.created_at:%Y-%m-%d}"


class PayPageIntent(models.Model):
    """The Stripe PaymentIntent behind the card form of an invoice's pay page: one per invoice and
    amount due, made on the first "Pay" and reused on every reload, so paying twice in two tabs
    confirms one intent (the second confirmation fails) and cannot charge twice. Its payment is
    recorded once, from the intent as Stripe reports it, never from what the browser says."""

    invoice = models.ForeignKey("invoicing.Invoice", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=20, decimal_places=4)
    currency = models.CharField(max_length=3)
    stripe_payment_intent_id = models.CharField(max_length=100, blank=True)
    # Bumped when Stripe's intent was canceled and a new one is made: part of the idempotency key.
    generation = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=12, choices=PayPageIntentStatus.choices, default=PayPageIntentStatus.OPEN)
    last_error = models.CharField(max_length=500, blank=True)
    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "amount", "currency"], name="uniq_pay_page_intent_per_invoice_amount"
            ),
            models.UniqueConstraint(
                fields=["stripe_payment_intent_id"],
                condition=~models.Q(stripe_payment_intent_id=""),
                name="uniq_pay_page_intent_stripe_id",
            ),
        ]

    def __str__(self) -> str:
        return f"Pay page intent {self.stripe_payment_intent_id or '(new)'} for invoice #{self.invoice_id}"

    @property
    def idempotency_key(self) -> str:
        return f"pay-page-intent:{self.pk}:{self.generation}"


class PaymentHistoryRecord(models.Model):
    """One payment attempt the retry model learns from: imported (API, Stripe export) or our own.
    Stored once per ``external_id`` (the charge id)."""

    external_id = models.CharField(max_length=200, unique=True)
    customer = models.ForeignKey("contracts.Customer", on_delete=models.PROTECT, related_name="+")
    invoice_reference = models.CharField(max_length=200, help_text="The payer's invoice reference.")
    amount = models.DecimalField(max_digits=20, decimal_places=4)
    currency = models.CharField(max_length=3)
    attempted_at = models.DateTimeField()
    outcome = models.CharField(max_length=10, choices=AttemptOutcome.choices)
    decline_code = models.CharField(max_length=100, blank=True)
    decline_class = models.CharField(max_length=10, blank=True)
    payment_method_type = models.CharField(max_length=30, blank=True)
    card_brand = models.CharField(max_length=30, blank=True)
    card_funding = models.CharField(max_length=10, blank=True)
    card_country = models.CharField(max_length=2, blank=True)
    source = models.CharField(max_length=10, choices=HistorySource.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["customer", "invoice_reference", "attempted_at"]
        indexes = [models.Index(fields=["customer", "invoice_reference", "attempted_at"])]

    def __str__(self) -> str:
        return f"{self.external_id}: {self.outcome} {self.amount} {self.currency} at {self.attempted_at:%Y-%m-%d %H:%M}"


class DunningModel(models.Model):
    """A trained retry model: the serialized scorer (joblib), its holdout metrics, and whether it
    is the one the policy uses. Versions are kept; the newest ready one is active."""

    version = models.PositiveIntegerField(unique=True)
    status = models.CharField(max_length=10, choices=DunningModelStatus.choices, default=DunningModelStatus.TRAINING)
    is_active = models.BooleanField(default=False)
    requested_at = models.DateTimeField(auto_now_add=True)
    trained_at = models.DateTimeField(null=True, blank=True)
    trained_on = models.PositiveIntegerField(default=0, help_text="Attempts in the training history.")
    metrics = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    error = models.CharField(max_length=500, blank=True)
    artifact = models.BinaryField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["artifact"])

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=models.Q(is_active=True), name="one_active_dunning_model"
            )
        ]

    def __str__(self) -> str:
        return f"Dunning model v{self.version} ({self.status})"
