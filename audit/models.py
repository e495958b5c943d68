from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class AuditEvent(models.Model):
    """One automated (or manual) decision: which rule acted, on which inputs, with what outcome.

    Append-only: the admin offers no change or delete, and the service only ever inserts.
    """

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.CharField(max_length=200, help_text="User name, or 'rule:<name>' for automation.")
    rule = models.CharField(max_length=120, db_index=True)
    action = models.CharField(max_length=120)
    object_type = models.CharField(max_length=80, db_index=True)
    object_id = models.CharField(max_length=64, db_index=True)
    inputs = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    outcome = models.JSONField(default=dict, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.rule} {self.object_type}#{self.object_id}"
