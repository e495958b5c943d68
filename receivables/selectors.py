"""Reads of receivables for reports and the admin."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Exists, OuterRef

from .choices import AttemptStatus, DunningStatus
from .models import DunningCase, PaymentAttempt

BUCKETS = ("recovered_by_retry", "recovered_after_reminder", "escalated", "written_off", "in_progress")


def dunning_recovery_by_cohort() -> dict[str, Any]:
    """Dunning cases by the month their first failure opened them (UTC), each counted once in the
    outcome it has now: recovered by an automatic retry, recovered otherwise (the customer paid
    after the reminders: pay page, transfer), escalated to AR and still open, written off, or
    still in the automated sequence. ``recovery_rate`` = recovered / failed."""
    retried = PaymentAttempt.objects.filter(invoice_id=OuterRef("invoice_id"), number__gt=1,
                                            status=AttemptStatus.SUCCEEDED)  # fmt: skip
    cases = DunningCase.objects.annotate(paid_by_retry=Exists(retried)).values_list(
        "opened_at", "status", "paid_by_retry"
    )
    cohorts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(("failed", *BUCKETS), 0))
    for opened_at, status, paid_by_retry in cases:
        row = cohorts[f"{opened_at:%Y-%m}"]
        row["failed"] += 1
        if status == DunningStatus.RECOVERED:
            row["recovered_by_retry" if paid_by_retry else "recovered_after_reminder"] += 1
        elif status == DunningStatus.ESCALATED:
            row["escalated"] += 1
        elif status == DunningStatus.CLOSED:
            row["written_off"] += 1
        else:
            row["in_progress"] += 1
    rows = []
    total = dict.fromkeys(("failed", *BUCKETS), 0)
    for cohort in sorted(cohorts):
        counts = cohorts[cohort]
        for key, value in counts.items():
            total[key] += value
        rows.append({"cohort": cohort, **counts, "recovery_rate": _rate(counts)})
    return {"cohorts": rows, "total": {**total, "recovery_rate": _rate(total)}}


def _rate(counts: dict[str, int]) -> str | None:
    if not counts["failed"]:
        return None
    recovered = counts["recovered_by_retry"] + counts["recovered_after_reminder"]
    return f"{recovered / counts['failed']:.4f}"
