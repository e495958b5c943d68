from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from simple_history.models import HistoricalRecords


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


class ChainLink(models.Model):
    """One sealed record in the tamper-evident chain: an audit event or a history row, by its table
    (``source``) and primary key, with a hash of its content and of the previous link.

    ``hash = sha256(previous hash | position | source | row id | row hash)``: editing a sealed row
    changes its row hash, deleting it leaves a link without a row, and editing, removing or
    reordering links breaks the hashes after it. Written only by ``audit_chain_seal``."""

    position = models.BigIntegerField(unique=True)
    source = models.CharField(max_length=100)
    row_id = models.BigIntegerField()
    row_hash = models.CharField(max_length=64)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    sealed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["source", "row_id"], name="uniq_chain_link_per_row")]

    def __str__(self) -> str:
        return f"#{self.position} {self.source}:{self.row_id}"


class ChainHead(models.Model):
    """The chain's single head row: locked while sealing so links are appended one writer at a time."""

    position = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Chain head #{self.position} {self.hash[:12]}…"


class AuditExport(models.Model):
    """An auditor's export as it was handed out: its range, format, size and SHA-256, and the chain
    head it was made against, so the file can be re-verified later (``audit_export_verify``)."""

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=150)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    format = models.CharField(max_length=8)
    rows = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, db_index=True)
    chain_position = models.BigIntegerField(default=0)
    chain_hash = models.CharField(max_length=64, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Audit export {self.created_at:%Y-%m-%d %H:%M} ({self.format}, {self.sha256[:12]}…)"
