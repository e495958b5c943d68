"""Enqueue a Celery task by its registered name once the current transaction commits.

Services queue their follow-up work through here instead of importing their app's ``tasks``
module: tasks import services (a task is a thin adapter around one), so a service importing
tasks back would close a cycle. Naming the task keeps the dependency one way; the name is checked
against Celery's registry when the work is queued, so a typo fails loudly in every test that
reaches it."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from billing_site.celery import app


def _registered(name: str) -> Any:
    if name not in app.tasks:
        # autodiscover_tasks() is lazy: outside a worker the apps' tasks modules are imported here,
        # once, by the same signal a worker start sends.
        app.loader.import_default_modules()
    return app.tasks[name]


def task_enqueue(name: str, *args: Any) -> None:
    """Queue ``name(*args)`` now (inline when tasks run eagerly, as in tests)."""
    _registered(name).delay(*args)


def task_enqueue_on_commit(name: str, *args: Any) -> None:
    """Queue ``name(*args)`` after the current transaction commits; nothing if it rolls back."""
    transaction.on_commit(lambda: task_enqueue(name, *args))


def tasks_run_inline() -> bool:
    """True when tasks run in the caller's process (tests, the demo loader)."""
    return bool(app.conf.task_always_eager)
