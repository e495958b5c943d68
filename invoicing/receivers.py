"""Invoicing's reactions to other apps' domain events: each queues one task."""

from __future__ import annotations

from typing import Any

from billing_site.queue import task_enqueue


def on_amendment_applied(sender: Any, amendment_id: int, **kwargs: Any) -> None:
    # Sent after commit: the line versions are visible to the worker.
    task_enqueue("invoicing.tasks.amendment_proration_bill_task", amendment_id)
