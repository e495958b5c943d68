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

    idempotency_key = models.CharField(max_length=255, unique=True)
    body_hash = models.CharField(max_length=64)
    customer = models.ForeignKey("contracts.Customer", on_delete=models.PROTECT, related_name="+")
    meter = models.ForeignKey(Meter, on_delete=models.PROTECT, related_name="events")
    timestamp = models.DateTimeField()
    quantity = models.DecimalField(max_digits=30, decimal_places=12)
    properties = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["customer", "meter", "timestamp"], name="usage_cust_meter_ts")]

    def __str__(self) -> str:
        return self.idempotency_key
