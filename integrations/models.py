from __future__ import annotations

import secrets

from django.db import models
from simple_history.models import HistoricalRecords

SECRET_PREFIX = "whsec_"


def webhook_secret_generate() -> str:
    """32 random bytes, URL-safe base64. The prefix lets secret scanners recognise a leaked one."""
    return f"{SECRET_PREFIX}{secrets.token_urlsafe(32)}"


class UsageWebhookSource(models.Model):
    """A system that pushes usage events to ``POST /webhooks/usage``, signing each body with its
    own secret (integrations/webhooks.py).

    The secret is kept in clear, unlike API keys (hashed): checking an HMAC needs the key itself.
    The history table leaves it out, so a rotated secret does not live on in old versions, and
    leaves out ``last_received_at``, which changes with traffic, not with decisions."""

    name = models.SlugField(
        max_length=100, unique=True, help_text="Sent by the source in the Autobill-Source header."
    )
    secret = models.CharField(max_length=100, default=webhook_secret_generate, editable=False)
    is_active = models.BooleanField(default=True, help_text="Untick to refuse this source's requests (401).")
    created_at = models.DateTimeField(auto_now_add=True)
    secret_rotated_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_received_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["secret", "last_received_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = "usage webhook source"

    def __str__(self) -> str:
        return self.name


class StripeWebhookEvent(models.Model):
    """A Stripe event we have handled, by its id: Stripe delivers at least once (and retries
    for days), so a redelivered event is acknowledged and not handled twice."""

    event_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=100, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    result = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"
