from __future__ import annotations

from celery import shared_task

from .models import Meter
from .rollups import usage_rollups_advance


@shared_task
def usage_rollups_advance_task() -> int:
    """Beat, every few seconds: fold settled events into the hourly rollups, meter by meter."""
    return sum(usage_rollups_advance(meter=meter) for meter in Meter.objects.all())
