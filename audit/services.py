from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import models

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
