from __future__ import annotations

from django.contrib import admin

from audit.admin import HistoryAdmin

from .models import ExchangeRate, ReviewThreshold


@admin.register(ReviewThreshold)
class ReviewThresholdAdmin(HistoryAdmin):
    list_display = ("name", "min_amount", "currency", "min_days_overdue", "customer", "is_active")
    list_filter = ("is_active", "currency")
    list_select_related = ("customer",)
    autocomplete_fields = ("customer",)


@admin.register(ExchangeRate)
class ExchangeRateAdmin(HistoryAdmin):
    list_display = ("rate_date", "currency", "base_currency", "rate", "source")
    list_filter = ("base_currency", "currency")
    date_hierarchy = "rate_date"
