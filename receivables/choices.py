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


class DunningStatus(models.TextChoices):
    OPEN = "open", "Open (automated)"
    ESCALATED = "escalated", "Escalated to AR"
    RECOVERED = "recovered", "Recovered"
    CLOSED = "closed", "Closed"
