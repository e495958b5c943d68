from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import models

from billing_site.bulk_writes import bulk_create

from .models import AuditEvent


def actor_label(actor: AbstractBaseUser | str | None) -> str:
    """A stable text for who acted: a user's username, a rule name, or 'system'."""
    if actor is None:
        return "system"
    if isinstance(actor, str):
        return actor
    return str(actor.get_username())


def audit_record(
    *,
    rule: str,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    inputs: dict[str, Any] | None = None,
    outcome: dict[str, Any] | None = None,
    actor: AbstractBaseUser | str | None = None,
) -> AuditEvent:
    """Write one audit record. Called inside the acting service's transaction, so a rolled-back
    action leaves no record of an outcome that did not happen."""
    if obj is not None:
        object_type = f"{obj._meta.app_label}.{obj._meta.model_name}"
        object_id = obj.pk
    return AuditEvent.objects.create(
        actor=actor_label(actor) if actor is not None else f"rule:{rule}",
        rule=rule,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        inputs=inputs or {},
        outcome=outcome or {},
    )


def audit_records(records: list[dict[str, Any]]) -> list[AuditEvent]:
    """``audit_record`` for many decisions at once (a billing run's chunk): each dict holds the
    keyword arguments of one ``audit_record`` call; inserted in bulk (COPY on PostgreSQL)."""
    events = []
    for record in records:
        obj = record.get("obj")
        actor = record.get("actor")
        rule = record["rule"]
        events.append(
            AuditEvent(
                actor=actor_label(actor) if actor is not None else f"rule:{rule}",
                rule=rule,
                action=record["action"],
                object_type=f"{obj._meta.app_label}.{obj._meta.model_name}" if obj is not None
                else record.get("object_type", ""),
                object_id=str(obj.pk if obj is not None else record.get("object_id", "")),
                inputs=record.get("inputs") or {},
                outcome=record.get("outcome") or {},
            )
        )
    return bulk_create(events, AuditEvent)
