from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from simple_history.models import HistoricalRecords


class ApiKeyScope(models.TextChoices):
    """What a key may do (access/permissions.py): ``read`` holds every view permission,
    ``ingest`` only sends usage events, ``full`` holds every permission."""

    READ = "read", "Read-only"
    INGEST = "ingest", "Ingest-only (usage events)"
    FULL = "full", "Full access"


class ApiKey(models.Model):
    """A bearer key for the public API. Only a SHA-256 hash of the secret is stored."""

    name = models.CharField(max_length=100)
    # A service account: API writes are attributed to it in history and audit records.
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_key")
    prefix = models.CharField(max_length=16, unique=True, help_text="Public part, to find the key.")
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    scope = models.CharField(max_length=10, choices=ApiKeyScope.choices, default=ApiKeyScope.FULL)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "API key"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class IdempotencyRecord(models.Model):
    """The first response to a write sent with an ``Idempotency-Key`` header, replayed on retry."""

    api_key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, null=True, blank=True)
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response_body = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["api_key", "key"], name="uniq_idempotency_key_per_api_key")]

    def __str__(self) -> str:
        return f"{self.method} {self.path} [{self.key}]"
