from __future__ import annotations

from django.db import models


class Dashboard(models.Model):
    """No table: carries the permission to see the CFO dashboards and reports."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_dashboard", "Can view CFO dashboards and reports")]

    def __str__(self) -> str:
        return "CFO dashboards"
