from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from audit.admin import HistoryAdmin, ReadOnlyAdminMixin, adopt_saved, pretty_json
from audit.services import actor_label

from .close_pack import close_pack_request
from .models import (
    ClosePack,
    ClosePackStatus,
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


class ClosePackForm(forms.ModelForm):
    period = forms.RegexField(regex=r"^\d{4}-(0[1-9]|1[0-2])$", help_text="YYYY-MM",
                              error_messages={"invalid": "Expected a month YYYY-MM."})

    class Meta:
        model = ClosePack
        fields = ("period",)


@admin.register(ClosePack)
class ClosePackAdmin(HistoryAdmin):
    form = ClosePackForm
    list_display = ("period", "status", "generated_at", "requested_by", "downloads", "pdf_sha256")
    list_filter = ("status",)
    actions = ("regenerate",)
    readonly_fields = ("status", "requested_by", "requested_at", "generated_at", "downloads", "pdf_sha256",
                       "csv_bundle_sha256", "summary", "error")

    def get_fields(self, request: HttpRequest, obj: ClosePack | None = None) -> tuple[str, ...]:
        return ("period",) if obj is None else ("period", *self.readonly_fields)

    def get_readonly_fields(self, request: HttpRequest, obj: ClosePack | None = None) -> tuple[str, ...]:
        return self.readonly_fields if obj is None else ("period", *self.readonly_fields)

    def has_delete_permission(self, request: HttpRequest, obj: ClosePack | None = None) -> bool:
        return False  # kept

    def save_model(self, request: HttpRequest, obj: ClosePack, form: forms.ModelForm, change: bool) -> None:
        adopt_saved(obj, close_pack_request(period=obj.period, actor=actor_label(request.user)))

    @admin.display(description="Files")
    def downloads(self, obj: ClosePack) -> str:
        if obj.status != ClosePackStatus.READY:
            return obj.get_status_display()
        return format_html(
            '<a href="{}">PDF</a> · <a href="{}">CSV bundle</a>',
            reverse("reporting-close-pack-file", args=[obj.pk, "pdf"]),
            reverse("reporting-close-pack-file", args=[obj.pk, "csv"]),
        )

    @admin.action(description="Generate again")
    def regenerate(self, request: HttpRequest, queryset: QuerySet[ClosePack]) -> None:
        for pack in queryset:
            close_pack_request(period=pack.period, actor=actor_label(request.user))
        self.message_user(request, f"{queryset.count()} close pack(s) queued.")
