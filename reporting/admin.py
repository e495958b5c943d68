from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from audit.admin import HistoryAdmin, ReadOnlyAdminMixin, pretty_json

from .models import (
    ExchangeRate,
    FindingStatus,
    ReconciliationFinding,
    ReviewThreshold,
    StripeBalanceTransaction,
    StripePayout,
)


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


@admin.register(StripeBalanceTransaction)
class StripeBalanceTransactionAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    list_display = ("created", "stripe_id", "type", "amount", "fee", "net", "currency", "source", "payout",
                    "matched_to")
    list_filter = ("type", "currency")
    search_fields = ("=stripe_id", "=source", "=payout")
    date_hierarchy = "created"


@admin.register(StripePayout)
class StripePayoutAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    list_display = ("created", "stripe_id", "amount", "currency", "status", "arrival_date", "transactions_net",
                    "is_reconciled")
    list_filter = ("status", "is_reconciled", "currency")
    search_fields = ("=stripe_id",)


class FindingForm(forms.ModelForm):
    class Meta:
        model = ReconciliationFinding
        fields = ("status", "owner", "note")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("status") in (FindingStatus.EXPLAINED, FindingStatus.RESOLVED) and not cleaned.get("note"):
            self.add_error("note", "Say how it was explained or resolved.")
        return cleaned


@admin.register(ReconciliationFinding)
class ReconciliationFindingAdmin(HistoryAdmin):
    form = FindingForm
    list_display = ("created_at", "kind", "reference", "amount", "currency", "status", "owner", "message")
    list_filter = ("status", "kind", "currency")
    list_select_related = ("owner",)
    search_fields = ("=reference", "message")
    fields = ("kind", "reference", "message", "amount", "currency", "evidence_pretty", "status", "owner", "note",
              "created_at", "updated_at")
    readonly_fields = ("kind", "reference", "message", "amount", "currency", "evidence_pretty", "created_at",
                       "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the reconciliation finds them

    def has_delete_permission(self, request: HttpRequest, obj: ReconciliationFinding | None = None) -> bool:
        return False

    @admin.display(description="Evidence")
    def evidence_pretty(self, obj: ReconciliationFinding) -> str:
        return pretty_json(obj.evidence)
