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
    # Stripe has the PaymentIntent in processing or requires_action: neither failed nor paid; the
    # outcome comes by webhook (or the next sync), and no new attempt is made meanwhile.
    PROCESSING = "processing", "Processing at Stripe"
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


class AttemptOutcome(models.TextChoices):
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class HistorySource(models.TextChoices):
    API = "api", "API (payment history)"
    IMPORT = "import", "Stripe payments export"
    OWN = "own", "Our own attempt"


class DunningModelStatus(models.TextChoices):
    TRAINING = "training", "Training"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"
