from django.db import models


class ChargeModel(models.TextChoices):
    FLAT = "flat", "Flat fee"
    PER_UNIT = "per_unit", "Per unit"
    GRADUATED = "graduated", "Graduated tiers"
    VOLUME = "volume", "Volume tiers"
    PACKAGE = "package", "Package"
    PERCENTAGE = "percentage", "Percentage (take rate)"
    PER_SEAT = "per_seat", "Per seat"
    MILESTONE = "milestone", "Milestone"
    ONE_TIME = "one_time", "One-time"
    PREPAID_CREDIT = "prepaid_credit", "Prepaid credit"


USAGE_CHARGE_MODELS = frozenset(
    {ChargeModel.PER_UNIT, ChargeModel.GRADUATED, ChargeModel.VOLUME, ChargeModel.PACKAGE, ChargeModel.PERCENTAGE}
)


class BillingInterval(models.TextChoices):
    DAY = "day", "Day"
    WEEK = "week", "Week"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class BillingTiming(models.TextChoices):
    IN_ADVANCE = "in_advance", "In advance"
    IN_ARREARS = "in_arrears", "In arrears"


class BillingAlignment(models.TextChoices):
    ANNIVERSARY = "anniversary", "Anniversary (contract start)"
    CALENDAR = "calendar", "Calendar (1st of the period)"


class TierBasis(models.TextChoices):
    PERIOD = "period", "Per period"
    CUMULATIVE = "cumulative", "Cumulative over the term"


class ContractStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"
    CANCELLED = "cancelled", "Cancelled"


class CommitmentPeriod(models.TextChoices):
    BILLING_PERIOD = "billing_period", "Each billing period"
    YEAR = "year", "Each contract year"


class AmendmentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    APPLIED = "applied", "Applied"
    CANCELLED = "cancelled", "Cancelled"
