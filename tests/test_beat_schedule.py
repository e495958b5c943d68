"""The clock: every beat entry is installed in the database scheduler (editable in the admin) and
runs, as a real task, on an empty database without error."""

from __future__ import annotations

import pytest
from celery.schedules import crontab
from django.conf import settings
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

from billing_site.celery import app

pytestmark = pytest.mark.django_db


# The scheduler tidies the connection as beat does (close_old_connections), which ends a test's
# wrapping transaction: this test commits for real.
@pytest.mark.django_db(transaction=True)
def test_the_database_scheduler_installs_every_entry_with_its_schedule():
    DatabaseScheduler(app=app)  # what `celery beat` does when it starts

    installed = {task.name: task for task in PeriodicTask.objects.all()}
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        task = installed[name]
        assert task.task == entry["task"]
        assert task.enabled
        schedule = entry["schedule"]
        if isinstance(schedule, crontab):
            assert task.crontab is not None
            assert (task.crontab.minute, task.crontab.hour) == (str(schedule._orig_minute), str(schedule._orig_hour))
        else:
            assert task.interval is not None
            assert (task.interval.every, task.interval.period) == (int(schedule), "seconds")


@pytest.mark.parametrize("entry", sorted(settings.CELERY_BEAT_SCHEDULE))
def test_every_beat_task_runs_on_an_empty_database(entry):
    app.loader.import_default_modules()
    task = app.tasks[settings.CELERY_BEAT_SCHEDULE[entry]["task"]]

    result = task.apply()

    assert result.successful(), result.traceback
    assert result.result in (None, 0) or (isinstance(result.result, int) and result.result >= 0)
