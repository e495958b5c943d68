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
