"""Revenue schedules: built and recognised by ``revrec`` services, read-only here."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.http import urlencode

from audit.admin import HistoryAdmin, ReadOnlyHistoryAdmin, ReadOnlyInlineMixin, audit_trail_link
from invoicing.admin.common import money
from ledger.models import ClosedPeriod
from ledger.services import PeriodCloseError, period_reopen, trial_balance

from .models import (
    ObligationScheduleEntry,
    PerformanceObligation,
    RevenueAllocationPosting,
    RevenueContract,
    RevenueModification,
    RevenueScheduleEntry,
    StandaloneSellingPrice,
    UsageAccrual,
)
from .obligations import (
    performance_obligation_group_set,
    performance_obligation_unbundle,
    performance_obligations_bundle,
    revenue_contract_derive,
    revenue_modification_treatment_set,
)
from .selectors import deferred_revenue_waterfall, obligation_roll_forward
from .services import revenue_period_close


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
    # Fits 1440 px with the sidebars open; the customer (searchable), the invoice line and whether
    # the entry was cancelled (a filter) are on the entry's page.
    list_display = ("invoice", "pattern", "period_start", "period_end", "amount_display", "recognized_on")
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


@admin.register(StandaloneSellingPrice)
class StandaloneSellingPriceAdmin(HistoryAdmin):
    """Billing admins keep the SSP table; a line without an entry is weighed at its list price."""

    list_display = ("product_code", "currency", "amount", "effective_from", "effective_to", "note")
    list_filter = ("currency",)
    search_fields = ("product_code", "note")
    date_hierarchy = "effective_from"


class ObligationInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = PerformanceObligation
    fields = ("code", "kind", "start", "end", "list_price", "ssp", "ssp_source", "discount_group",
              "allocated_amount", "is_active")
    readonly_fields = fields
    extra = 0


class ModificationInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = RevenueModification
    fields = ("amendment_id", "effective_date", "default_treatment", "treatment", "overridden_by")
    readonly_fields = fields
    extra = 0


class AllocationPostingInline(ReadOnlyInlineMixin, admin.TabularInline):
    """The journal entries that bring the contract's revenue to its allocated schedules."""

    model = RevenueAllocationPosting
    fields = ("period", "entry_date", "reason", "modification", "amount", "contract_asset", "contract_liability",
              "position_after", "journal_source_key")
    readonly_fields = fields
    extra = 0


@admin.register(RevenueContract)
class RevenueContractAdmin(ReadOnlyHistoryAdmin):
    list_display = ("contract", "currency", "transaction_price", "derived_at")
    search_fields = ("contract__external_id", "contract__customer__name")
    fields = ("contract", "currency", "transaction_price", "derived_at", "records")
    readonly_fields = fields
    inlines = (ObligationInline, ModificationInline, AllocationPostingInline)
    actions = ("rederive",)

    @admin.display(description="Related")
    def records(self, obj: RevenueContract) -> str:
        return audit_trail_link(obj)

    @admin.action(description="Re-derive the revenue plan (allocation and schedules)")
    def rederive(self, request: HttpRequest, queryset: QuerySet[RevenueContract]) -> None:
        for plan in queryset:
            revenue_contract_derive(revenue_contract_id=plan.pk, rule="revrec.derive_by_admin")
        self.message_user(request, f"{queryset.count()} revenue plan(s) re-derived.")


class ScheduleInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = ObligationScheduleEntry
    fields = ("period", "on", "amount")
    readonly_fields = fields
    extra = 0


class ObligationForm(forms.ModelForm):
    class Meta:
        model = PerformanceObligation
        fields = ("discount_group",)


@admin.register(PerformanceObligation)
class PerformanceObligationAdmin(HistoryAdmin):
    """Derived from the contract; a billing admin may put obligations in a discount group (at least
    two: a bundle sold at a discount), which re-derives the allocation and is audited."""

    form = ObligationForm
    # Fits a 1366-1440 px laptop with the sidebars open; kind and active (both filters) are on the page.
    list_display = ("code", "revenue_contract", "ssp", "allocated_amount", "currency")
    list_filter = ("kind", "is_active", "currency")
    search_fields = ("code", "revenue_contract__contract__external_id")
    fields = ("revenue_contract", "code", "description", "kind", "start", "end", "list_price", "ssp", "ssp_source",
              "discount_group", "allocated_amount", "currency", "is_active")
    readonly_fields = tuple(f for f in fields if f != "discount_group")
    inlines = (ScheduleInline,)
    actions = ("bundle", "unbundle")

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        if not request.user.has_perm("revrec.change_performanceobligation"):
            actions.pop("bundle", None)
            actions.pop("unbundle", None)
        return actions

    @admin.action(description="Bundle the selected obligations of one contract into one obligation")
    def bundle(self, request: HttpRequest, queryset: QuerySet[PerformanceObligation]) -> None:
        plans = set(queryset.values_list("revenue_contract_id", flat=True))
        if len(plans) != 1:
            self.message_user(request, "Pick obligations of one contract.", messages.ERROR)
            return
        try:
            bundled = performance_obligations_bundle(
                revenue_contract_id=plans.pop(), codes=list(queryset.values_list("code", flat=True)),
                actor=request.user.get_username(),
            )
        except ValueError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(request, f"Bundled into {bundled.code}: allocated {bundled.allocated_amount}.")

    @admin.action(description="Split the selected bundles back into their lines' obligations")
    def unbundle(self, request: HttpRequest, queryset: QuerySet[PerformanceObligation]) -> None:
        for obligation in queryset:
            try:
                performance_obligation_unbundle(obligation_id=obligation.pk, actor=request.user.get_username())
            except ValueError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return
        self.message_user(request, f"{queryset.count()} bundle(s) split.")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: PerformanceObligation, form: Any, change: bool) -> None:
        performance_obligation_group_set(
            obligation_id=obj.pk, discount_group=obj.discount_group, actor=request.user.get_username()
        )


class ModificationForm(forms.ModelForm):
    class Meta:
        model = RevenueModification
        fields = ("treatment",)


@admin.register(RevenueModification)
class RevenueModificationAdmin(HistoryAdmin):
    """The rule's treatment is the default; a billing admin may choose another, which re-derives the
    plan and is written to the audit log."""

    form = ModificationForm
    list_display = ("amendment_id", "revenue_contract", "effective_date", "default_treatment", "treatment",
                    "overridden_by")
    list_filter = ("treatment", "default_treatment")
    fields = ("revenue_contract", "amendment_id", "effective_date", "default_treatment", "rule_reason", "treatment",
              "overridden_by")
    readonly_fields = ("revenue_contract", "amendment_id", "effective_date", "default_treatment", "rule_reason",
                       "overridden_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: RevenueModification, form: Any, change: bool) -> None:
        # Through the service: the plan is re-derived and the override audited.
        revenue_modification_treatment_set(
            modification_id=obj.pk, treatment=obj.treatment, actor=request.user.get_username()
        )


@admin.register(UsageAccrual)
class UsageAccrualAdmin(ReadOnlyHistoryAdmin):
    list_display = ("line_code", "customer", "window_start", "through", "amount", "currency", "accrued_on",
                    "reversed_on", "invoice")
    list_filter = ("currency", "accrued_on")
    search_fields = ("line_code", "customer__name", "=customer__external_id")


class ClosedPeriodForm(forms.ModelForm):
    class Meta:
        model = ClosedPeriod
        fields = ("month", "note")
        help_texts = {"month": "Any day of the month to close (YYYY-MM-DD)."}

    def clean_month(self) -> dt.date:
        month = self.cleaned_data["month"].replace(day=1)
        if ClosedPeriod.objects.filter(month=month).exists():
            raise ValidationError(f"{month:%Y-%m} is already closed.")
        return month


class ReopenPeriodForm(forms.Form):
    reason = forms.CharField(max_length=300, widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
                             help_text="Why the month is reopened (kept in the audit log).")


@admin.register(ClosedPeriod)
class ClosedPeriodAdmin(HistoryAdmin):
    """Close a month (CFO or billing admin: ``ledger.close_period``): revenue due is recognised and
    usage accrued first; later postings dated in it land in the next open month with a note. The CFO
    (``ledger.reopen_period``) can reopen the latest closed month, with a reason."""

    form = ClosedPeriodForm
    list_display = ("month", "closed_by", "closed_at", "note", "reopen_link")

    @admin.display(description="Reopen")
    def reopen_link(self, obj: ClosedPeriod) -> str:
        from django.utils.html import format_html

        return format_html('<a href="{}/reopen/">Reopen…</a>', obj.pk)

    def reopen_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if not request.user.has_perm("ledger.reopen_period"):
            raise PermissionDenied
        period = ClosedPeriod.objects.filter(pk=object_id).first()
        if period is None:
            messages.error(request, "That month is not closed.")
            return HttpResponseRedirect("../../")
        form = ReopenPeriodForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                period_reopen(month=period.month, actor=request.user.get_username(),
                              reason=form.cleaned_data["reason"])
            except PeriodCloseError as exc:
                messages.error(request, str(exc))
                return HttpResponseRedirect("../../")
            messages.success(request, f"{period.month:%Y-%m} reopened.")
            return HttpResponseRedirect("../../")
        context = {**self.admin_site.each_context(request), "title": f"Reopen {period.month:%Y-%m}",
                   "form": form, "period": period, "opts": self.model._meta}
        return TemplateResponse(request, "admin/revrec/reopen_period.html", context)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("ledger.close_period")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context: Any = None) -> HttpResponse:
        if request.method == "POST":
            form = ClosedPeriodForm(request.POST)
            if form.is_valid():
                if not self.has_add_permission(request):
                    raise PermissionDenied
                try:
                    revenue_period_close(
                        month=form.cleaned_data["month"], actor=request.user.get_username(),
                        note=form.cleaned_data["note"],
                    )
                except PeriodCloseError as exc:
                    messages.error(request, str(exc))
                    return HttpResponseRedirect(request.path)
                messages.success(request, f"{form.cleaned_data['month']:%Y-%m} closed.")
                return HttpResponseRedirect("../")
        return super().add_view(request, form_url, extra_context)

    def get_urls(self) -> list[Any]:
        return [
            path("trial-balance/", self.admin_site.admin_view(self.trial_balance_view),
                 name="ledger_closedperiod_trial_balance"),
            path("waterfall/", self.admin_site.admin_view(self.waterfall_view), name="revrec_waterfall"),
            path("<path:object_id>/reopen/", self.admin_site.admin_view(self.reopen_view),
                 name="ledger_closedperiod_reopen"),
            *super().get_urls(),
        ]

    def _month_param(self, request: HttpRequest, name: str, default: dt.date) -> dt.date:
        value = request.GET.get(name) or default.strftime("%Y-%m")
        return dt.date.fromisoformat(f"{value}-01")

    def _report(
        self, request: HttpRequest, *, title: str, intro: str, headers: list[str], rows: list[list[Any]],
        params: list[tuple[str, str]], error: str = "",
    ) -> HttpResponse:
        if request.GET.get("format") == "csv":
            response = HttpResponse(content_type="text/csv")
            response["Content-Disposition"] = f'attachment; filename="{title.lower().replace(" ", "-")}.csv"'
            writer = csv.writer(response)
            writer.writerow(headers)
            writer.writerows(rows)
            return response
        context = {
            **self.admin_site.each_context(request), "title": title, "intro": intro, "headers": headers,
            "rows": rows, "params": params, "error": error, "opts": self.model._meta,
            "csv_query": urlencode({**dict(params), "format": "csv"}),
        }
        return TemplateResponse(request, "admin/revrec/table_report.html", context)

    def trial_balance_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("ledger.view_journalentry"):
            raise PermissionDenied
        today = timezone.localdate()
        error = ""
        try:
            month = self._month_param(request, "period", today)
        except ValueError:
            month, error = today.replace(day=1), "Period must be YYYY-MM."
        balances = trial_balance(month=month, currency=request.GET.get("currency") or None)
        rows = [
            [currency, r["account"], r["name"], r["debit"], r["credit"], r["balance"]]
            for currency, accounts in balances.items() for r in accounts
        ]
        for currency, accounts in balances.items():
            rows.append([currency, "", "Total", sum(a["debit"] for a in accounts),
                         sum(a["credit"] for a in accounts), sum(a["balance"] for a in accounts)])
        return self._report(
            request, title="Trial balance",
            intro=f"Balances per currency and account at the end of {month:%Y-%m} (every entry dated up to then).",
            headers=["currency", "account", "name", "debit", "credit", "balance"], rows=rows,
            params=[("period", month.strftime("%Y-%m")), ("currency", request.GET.get("currency", ""))], error=error,
        )

    def waterfall_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("revrec.view_revenuescheduleentry"):
            raise PermissionDenied
        today = timezone.localdate()
        error = ""
        try:
            start = self._month_param(request, "from", today.replace(day=1) - dt.timedelta(days=150))
            end = self._month_param(request, "to", today)
        except ValueError:
            start = end = today.replace(day=1)
            error = "Months must be YYYY-MM."
        if request.GET.get("by") == "obligation":
            roll = [list(r.as_dict().values()) for r in obligation_roll_forward(start=start, end=end)]
            return self._report(
                request, title="Roll-forward by performance obligation",
                intro="Per obligation and month: opening, billed, credited, recognised (the allocated schedule "
                      "of a fixed-term contract) and closing; a positive closing is a contract liability "
                      "(deferred revenue), a negative one a contract asset.",
                headers=["month", "currency", "customer", "contract", "obligation", "opening", "billed", "credited",
                         "recognised", "closing"],
                rows=roll,
                params=[("from", start.strftime("%Y-%m")), ("to", end.strftime("%Y-%m")), ("by", "obligation")],
                error=error,
            )
        by_customer = request.GET.get("by", "customer") == "customer"
        rows = [list(r.as_dict().values()) for r in deferred_revenue_waterfall(start=start, end=end,
                                                                               by_customer=by_customer)]
        return self._report(
            request, title="Deferred revenue waterfall",
            intro="Per month: opening, billed in advance, recognised, credited (credit notes, voids) and closing "
                  "deferred revenue, from the ledger (account 2100). by=customer, total or obligation.",
            headers=["month", "currency", "customer", "opening", "billed", "recognised", "credited", "closing"],
            rows=rows,
            params=[("from", start.strftime("%Y-%m")), ("to", end.strftime("%Y-%m")),
                    ("by", request.GET.get("by", "customer"))],
            error=error,
        )
