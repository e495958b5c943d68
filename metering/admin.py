"""Meters (billing admins define them) and the usage event stream (read-only).

Usage events are append-only and the table is the largest in the system: the changelist avoids
full counts and N+1 queries, and searches use exact matches so they can use the indexes.
"""

from __future__ import annotations

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from audit.admin import HistoryAdmin, JsonDefaultsForm, ReadOnlyAdminMixin, adopt_saved, pretty_json

from .models import Meter, UsageEvent
from .services import meter_create


class MeterForm(JsonDefaultsForm):
    class Meta:
        model = Meter
        fields = ("code", "name", "aggregation", "field", "filters", "group_by", "unit_label")


@admin.register(Meter)
class MeterAdmin(HistoryAdmin):
    form = MeterForm
    list_display = ("code", "name", "aggregation", "field", "unit_label", "created_at")
    list_filter = ("aggregation",)
    search_fields = ("code", "name")

    def get_readonly_fields(self, request: HttpRequest, obj: Meter | None = None) -> tuple[str, ...]:
        # Contract lines and events refer to a meter by its code: renaming it would orphan them.
        return ("code", "created_at") if obj is not None else ("created_at",)

    def save_model(self, request: HttpRequest, obj: Meter, form: ModelForm, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        created = meter_create(
            code=data["code"],
            name=data["name"],
            aggregation=data["aggregation"],
            field=data["field"],
            filters=data["filters"],
            group_by=data["group_by"],
            unit_label=data["unit_label"],
        )
        adopt_saved(obj, created)


@admin.register(UsageEvent)
class UsageEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("timestamp", "customer", "meter", "quantity", "idempotency_key", "received_at")
    list_filter = ("meter",)
    list_select_related = ("customer", "meter")
    search_fields = ("=idempotency_key", "=customer__external_id")
    search_help_text = "Idempotency key or customer external id (exact match)."
    date_hierarchy = "timestamp"
    show_full_result_count = False  # COUNT(*) over every event is the slow part of this page
    ordering = ("-id",)  # newest received first, on the primary key: no sort of the whole table
    fields = (
        "idempotency_key",
        "customer",
        "meter",
        "timestamp",
        "quantity",
        "properties_pretty",
        "received_at",
        "body_hash",
    )
    readonly_fields = fields

    @admin.display(description="Properties")
    def properties_pretty(self, obj: UsageEvent) -> str:
        return pretty_json(obj.properties)
