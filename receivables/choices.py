from django.db import models


class PaymentStatus(models.TextChoices):
    SUCCEEDED = "succeeded", "Succeeded"
    REFUNDED = "refunded", "Refunded"


class PaymentMethod(models.TextChoices):
    CARD = "card", "Card (Stripe)"
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    CHECK = "check", "Check"
    OTHER = "other", "Other"


class AttemptStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class RefundStatus(models.TextChoices):
    PENDING = "pending", "Pending (to be paid out)"
    SUCCEEDED = "succeeded", "Refunded"
    FAILED = "failed", "Failed"


class DunningStatus(models.TextChoices):
    OPEN = "open", "Open (automated)"
    ESCALATED = "escalated", "Escalated to AR"
    RECOVERED = "recovered", "Recovered"
    CLOSED = "closed", "Closed"


class PayPageIntentStatus(models.TextChoices):
    OPEN = "open", "Open (awaiting the customer)"
    SUCCEEDED = "succeeded", "Paid and recorded"
    CANCELED = "canceled", "Canceled (amount due changed)"
    UNAPPLIED = "unapplied", "Paid, not applied: reconcile by hand"
