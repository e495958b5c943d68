from django.db import models


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    PAID = "paid", "Paid"
    VOID = "void", "Void"
    UNCOLLECTIBLE = "uncollectible", "Uncollectible"


class InvoiceKind(models.TextChoices):
    RECURRING = "recurring", "Recurring (billing run)"
    PRORATION = "proration", "Proration (amendment)"
    MILESTONE = "milestone", "Milestone"


class LineKind(models.TextChoices):
    FIXED = "fixed", "Fixed fee"
    USAGE = "usage", "Usage"
    MINIMUM = "minimum", "Minimum commitment"
    LATE_USAGE = "late_usage", "Late usage"
    CREDIT = "credit", "Prepaid credit applied"


class BillingRunStatus(models.TextChoices):
    RUNNING = "running", "Running"
    COMPLETED = "completed", "Completed"
    FAILED = "failed", "Failed"


class ReviewStatus(models.TextChoices):
    NOT_REQUIRED = "not_required", "Not required"
    PENDING = "pending", "Awaiting review (auto-send off)"
    HELD = "held", "Held: anomaly"
    APPROVED = "approved", "Approved"


class DeliveryOutcome(models.TextChoices):
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class CreditNoteReason(models.TextChoices):
    BILLING_ERROR = "billing_error", "Billing error"
    DUPLICATE = "duplicate", "Duplicate charge"
    SERVICE_ISSUE = "service_issue", "Service issue (SLA credit)"
    PRICE_CHANGE = "price_change", "Price correction"
    GOODWILL = "goodwill", "Goodwill"
    OTHER = "other", "Other"
