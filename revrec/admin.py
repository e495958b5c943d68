"""Revenue schedules: built and recognised by ``revrec`` services, read-only here."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from audit.admin import ReadOnlyHistoryAdmin
from invoicing.admin.common import money

from .models import RevenueScheduleEntry


class RecognizedFilter(admin.SimpleListFilter):
    title = "recognized"
    parameter_name = "recognized"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("yes", "Recognized"), ("no", "Not yet recognized (deferred)")]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[RevenueScheduleEntry]
    ) -> QuerySet[RevenueScheduleEntry]:
        if self.value() == "yes":
            return queryset.filter(recognized_on__isnull=False)
        if self.value() == "no":
            return queryset.filter(recognized_on__isnull=True, is_cancelled=False)
        return queryset


@admin.register(RevenueScheduleEntry)
class RevenueScheduleEntryAdmin(ReadOnlyHistoryAdmin):
    list_display = (
        "invoice", "customer", "invoice_line", "pattern", "period_start", "period_end", "amount_display",
        "recognized_on", "is_cancelled",
    )
    list_filter = ("pattern", RecognizedFilter, "is_cancelled", "currency")
    list_select_related = ("invoice", "customer", "invoice_line")
    search_fields = ("=invoice__number", "customer__name", "=customer__external_id", "=journal_source_key")
    search_help_text = "Invoice number, customer external id or journal source key (exact), or customer name."
    date_hierarchy = "period_start"
    show_full_result_count = False
    fields = (
        "invoice", "invoice_line", "customer", "pattern", "period_start", "period_end", "amount_display",
        "recognized_on", "journal_source_key", "is_cancelled",
    )
    readonly_fields = fields

    @admin.display(description="Amount", ordering="amount")
    def amount_display(self, obj: RevenueScheduleEntry) -> str:
        return money(obj.amount, obj.currency)
