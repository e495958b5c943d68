"""Customers, contracts and prices: what billing admins set up.

New customers and contracts go through ``contracts.services`` (``customer_create``,
``contract_create`` with the lines entered inline), so an admin-made contract gets the same
validation and decision-log record as one made by the API. Later edits are ordinary saves, recorded
by simple-history with the user who made them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from audit.admin import (
    HistoryAdmin,
    JsonDefaultsForm,
    admin_changelist_link,
    adopt_saved,
    audit_trail_link,
    join_links,
)
from invoicing.models import Invoice

from .models import BillingContact, Contract, ContractLine, Customer, Milestone
from .services import LINE_FIELDS, contract_create, customer_create

# The pricing fields of a contract line, grouped as the charge models use them.
LINE_MAIN_FIELDS = ("code", "description", "charge_model", "metric", "sort_order")
LINE_CADENCE_FIELDS = ("billing_interval", "billing_interval_count", "billing_timing", "start_date", "end_date")
LINE_PRICE_FIELDS = ("amount", "unit_price", "included_units", "tiers", "tier_basis", "minimum_amount")
LINE_OTHER_FIELDS = (
    "package_size", "package_price", "free_units", "rate", "fixed_fee", "free_events", "free_amount",
    "per_event_min", "per_event_max", "seats", "charge_date", "price", "top_up_threshold", "top_up_amount",
    "expires_on",
)
LINE_FIELDSETS = (
    (None, {"fields": (LINE_MAIN_FIELDS, LINE_CADENCE_FIELDS)}),
    ("Prices", {"fields": LINE_PRICE_FIELDS}),
    ("Other charge-model parameters", {"fields": LINE_OTHER_FIELDS, "classes": ("collapse",)}),
)


def _field_values(obj: models.Model, *, exclude: set[str]) -> dict[str, Any]:
    """The instance's editable field values, as keyword arguments for a create service."""
    return {
        f.name: getattr(obj, f.name)
        for f in obj._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in exclude
    }


class BillingContactInline(admin.TabularInline):
    model = BillingContact
    fields = ("name", "email")
    extra = 0


@admin.register(Customer)
class CustomerAdmin(HistoryAdmin):
    list_display = ("name", "external_id", "email", "currency", "timezone", "payment_terms")
    list_filter = ("currency", "payment_terms_days", "country")
    search_fields = ("name", "=external_id", "email", "tax_id")
    search_help_text = "Name, external id (exact), billing email or tax id."
    inlines = (BillingContactInline,)
    readonly_fields = ("stripe_customer_id", "stripe_payment_method_id", "created_at", "updated_at", "related")
    fieldsets = (
        (None, {"fields": ("name", "external_id", "email")}),
        ("Billing", {"fields": ("currency", "payment_terms_days", "timezone", "locale", "tax_id")}),
        ("Address", {"fields": ("address_line1", "address_line2", ("postal_code", "city"), "region", "country")}),
        ("Card collection (set by the card service)", {"fields": ("stripe_customer_id", "stripe_payment_method_id")}),
        ("Records", {"fields": ("related", "created_at", "updated_at")}),
    )

    @admin.display(description="Payment terms", ordering="payment_terms_days")
    def payment_terms(self, obj: Customer) -> str:
        return "Due on receipt" if obj.payment_terms_days == 0 else f"Net {obj.payment_terms_days}"

    @admin.display(description="Related")
    def related(self, obj: Customer) -> str:
        if obj.pk is None:
            return "-"
        return join_links(
            admin_changelist_link(Contract, "Contracts", customer__id__exact=obj.pk),
            admin_changelist_link(Invoice, "Invoices", customer__id__exact=obj.pk),
            audit_trail_link(obj),
        )

    def save_model(self, request: HttpRequest, obj: Customer, form: ModelForm, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        values = _field_values(obj, exclude={"created_at", "updated_at"})
        adopt_saved(obj, customer_create(actor=request.user, **values))


class ContractLineInline(admin.StackedInline):
    model = ContractLine
    form = JsonDefaultsForm
    fieldsets = LINE_FIELDSETS
    extra = 0
    show_change_link = True  # milestones are edited on the line's own page


class ContractForm(JsonDefaultsForm):
    class Meta:
        model = Contract
        fields = (
            "customer", "external_id", "start_date", "end_date", "currency", "billing_alignment", "status",
            "auto_send", "minimum_commitment_amount", "minimum_commitment_period", "minimum_commitment_lines",
        )


@admin.register(Contract)
class ContractAdmin(HistoryAdmin):
    form = ContractForm
    list_display = ("__str__", "customer", "start_date", "end_date", "currency", "status", "auto_send")
    list_filter = ("status", "auto_send", "currency", "billing_alignment")
    list_select_related = ("customer",)
    search_fields = ("=external_id", "customer__name", "=customer__external_id")
    search_help_text = "Contract external id (exact), customer name, or customer external id (exact)."
    date_hierarchy = "start_date"
    autocomplete_fields = ("customer",)
    inlines = (ContractLineInline,)
    readonly_fields = ("created_at", "updated_at", "related")
    fieldsets = (
        (None, {"fields": ("customer", "external_id", ("start_date", "end_date"), "currency", "status")}),
        ("Billing", {"fields": ("billing_alignment", "auto_send")}),
        (
            "Minimum commitment",
            {"fields": ("minimum_commitment_amount", "minimum_commitment_period", "minimum_commitment_lines"),
             "classes": ("collapse",)},
        ),
        ("Records", {"fields": ("related", "created_at", "updated_at")}),
    )

    @admin.display(description="Related")
    def related(self, obj: Contract) -> str:
        if obj.pk is None:
            return "-"
        return join_links(admin_changelist_link(Invoice, "Invoices", contract__id__exact=obj.pk), audit_trail_link(obj))

    def save_model(self, request: HttpRequest, obj: Contract, form: ModelForm, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
        # A new contract is created in save_related, together with its lines, by contract_create.

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: list[BaseInlineFormSet], change: bool
    ) -> None:
        if change:
            super().save_related(request, form, formsets, change)
            return
        contract: Contract = form.instance
        line_formsets = [fs for fs in formsets if fs.model is ContractLine]
        line_data = [
            f.cleaned_data
            for fs in line_formsets
            for f in fs.forms
            if f.has_changed() and not fs._should_delete_form(f)
        ]
        line_data.sort(key=lambda data: data.get("sort_order") or 0)
        values = _field_values(contract, exclude={"customer", "created_at", "updated_at"})
        created = contract_create(
            customer=contract.customer,
            lines=[{k: v for k, v in data.items() if k in LINE_FIELDS} for data in line_data],
            actor=request.user,
            **values,
        )
        adopt_saved(contract, created)
        form.save_m2m()
        new_lines = list(created.lines.all())
        for fs in line_formsets:  # what the admin's change message reads from a saved formset
            fs.new_objects, fs.changed_objects, fs.deleted_objects = new_lines, [], []
            new_lines = []


class MilestoneInline(admin.TabularInline):
    model = Milestone
    fields = ("name", "amount", "due_date", "completed_on")
    extra = 0


class ContractLineForm(JsonDefaultsForm):
    class Meta:
        model = ContractLine
        fields = ("contract", *LINE_MAIN_FIELDS, *LINE_CADENCE_FIELDS, *LINE_PRICE_FIELDS, *LINE_OTHER_FIELDS)


@admin.register(ContractLine)
class ContractLineAdmin(HistoryAdmin):
    form = ContractLineForm
    list_display = (
        "contract", "contract__customer", "code", "charge_model", "metric", "billing_interval", "billing_timing",
        "unit_price", "amount", "minimum_amount",
    )
    list_filter = ("charge_model", "billing_interval", "billing_timing")
    list_select_related = ("contract", "contract__customer")
    search_fields = ("code", "description", "metric", "=contract__external_id", "contract__customer__name")
    autocomplete_fields = ("contract",)
    inlines = (MilestoneInline,)
    fieldsets = ((None, {"fields": ("contract",)}), *LINE_FIELDSETS)


@admin.register(Milestone)
class MilestoneAdmin(HistoryAdmin):
    list_display = ("name", "line", "amount", "due_date", "completed_on")
    list_filter = ("due_date", "completed_on")
    list_select_related = ("line", "line__contract")
    search_fields = ("name", "line__code", "=line__contract__external_id")
    autocomplete_fields = ("line",)
    fields = ("line", "name", "amount", "due_date", "completed_on")
