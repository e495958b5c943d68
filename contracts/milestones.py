"""Milestones: marking one complete. Invoicing it is the invoicing app's job
(``invoicing.drafting.milestones``); this module only owns the milestone's own state."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from audit.services import audit_record

from .models import Milestone

Actor = AbstractBaseUser | str | None


def milestone_complete(*, milestone: Milestone, completed_on: date, actor: Actor = None) -> Milestone:
    """Set ``completed_on`` once. Completing an already-completed milestone returns it unchanged
    (the first completion date stands: it is what was invoiced), so retries are safe."""
    with transaction.atomic():
        locked = Milestone.objects.select_for_update().select_related("line__contract").get(pk=milestone.pk)
        if locked.completed_on is not None:
            return locked
        locked.completed_on = completed_on
        locked.save()  # save(), not update(): simple-history records the completion
        audit_record(
            rule="contracts.milestone_complete",
            action="milestone_completed",
            obj=locked,
            actor=actor,
            inputs={
                "contract": str(locked.line.contract),
                "line": locked.line.code,
                "milestone": locked.name,
                "amount": locked.amount,
            },
            outcome={"completed_on": completed_on},
        )
    return locked
