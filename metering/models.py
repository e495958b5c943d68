from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from simple_history.models import HistoricalRecords

from .choices import Aggregation


class Meter(models.Model):
    code = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    aggregation = models.CharField(max_length=20, choices=Aggregation.choices, default=Aggregation.SUM)
    field = models.CharField(
        max_length=100,
        default="quantity",
        help_text="'quantity', or an event property name to aggregate (sum, max, unique_count, ...).",
    )
    filters = models.JSONField(default=dict, blank=True, help_text='e.g. {"region": "eu"}')
    group_by = models.CharField(
        max_length=100,
        blank=True,
        help_text="An event property whose values a contract line can price separately (e.g. 'model').",
    )
    unit_label = models.CharField(max_length=64, blank=True, help_text="Shown on invoices, e.g. 'API calls'.")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class UsageEvent(models.Model):
    """One usage event, stored once per idempotency key.

    Append-only and never edited, so it keeps no simple-history table: the row is its own
    history (``received_at`` says when it arrived), and a history copy would double the cost of
    the hottest write path.
    """

    # Every index is paid on each of millions of inserts, so there are only the two the queries
    # use: the unique key (a constraint, which spares the LIKE index Django adds for unique=True)
    # and (customer, meter, timestamp), whose prefixes serve the foreign keys.
    # No foreign-key constraints in the database (db_constraint=False): ingestion validates every
    # reference before the insert, and PROTECT still refuses, in the ORM, to delete a customer or
    # meter that has events. A constraint here means a row-level trigger per event (SELECT ... FOR
    # KEY SHARE on the customer and on the meter): measured 7 ms of PostgreSQL CPU per 1,000
    # events, a third of the insert (bench/README.md). The same choice as the event stores of
    # Lago and OpenMeter.
    idempotency_key = models.CharField(max_length=255)
    body_hash = models.CharField(max_length=64)
    customer = models.ForeignKey(
        "contracts.Customer", on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    meter = models.ForeignKey(
        Meter, on_delete=models.PROTECT, related_name="events", db_index=False, db_constraint=False
    )
    timestamp = models.DateTimeField()
    quantity = models.DecimalField(max_digits=30, decimal_places=12)
    properties = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["customer", "meter", "timestamp"], name="usage_cust_meter_ts")]
        constraints = [models.UniqueConstraint(fields=["idempotency_key"], name="uniq_usage_event_key")]

    def __str__(self) -> str:
        return self.idempotency_key


class UsageRollup(models.Model):
    """Hourly aggregates of one customer's events on one meter, for the events up to the meter's
    watermark. Derived data, rebuilt from the events at will, so it keeps no history table."""

    # Built from events, which carry no database constraint on the customer (see UsageEvent), so
    # neither does this: CASCADE still deletes a customer's rollups in the ORM.
    customer = models.ForeignKey(
        "contracts.Customer", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="rollups")
    bucket_start = models.DateTimeField(help_text="Start of the hour (UTC).")
    dimension = models.CharField(max_length=255, blank=True, help_text="The meter's group_by value.")
    event_count = models.BigIntegerField(default=0)
    value_sum = models.DecimalField(max_digits=34, decimal_places=12, default=0)
    value_max = models.DecimalField(max_digits=30, decimal_places=12, null=True)
    latest_timestamp = models.DateTimeField(null=True)
    latest_event_id = models.BigIntegerField(null=True)
    latest_value = models.DecimalField(max_digits=30, decimal_places=12, null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "meter", "bucket_start", "dimension"], name="uniq_rollup_bucket"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meter_id}/{self.customer_id} {self.bucket_start:%Y-%m-%d %H:00}"


class UsageRollupValue(models.Model):
    """The distinct values seen in an hour, so ``unique_count`` over any range of hours is exact."""

    customer = models.ForeignKey(
        "contracts.Customer", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="+")
    bucket_start = models.DateTimeField()
    dimension = models.CharField(max_length=255, blank=True)
    value = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "meter", "bucket_start", "dimension", "value"], name="uniq_rollup_distinct_value"
            )
        ]

    def __str__(self) -> str:
        return self.value


class RollupWatermark(models.Model):
    """Events of ``meter`` with id <= ``last_event_id`` are in its rollups, built under the meter
    definition named by ``definition_hash`` (a changed field or filter invalidates them)."""

    meter = models.OneToOneField(Meter, on_delete=models.CASCADE, related_name="watermark")
    last_event_id = models.BigIntegerField(default=0)
    definition_hash = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.meter_id} <= {self.last_event_id}"
