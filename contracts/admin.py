"""Customers, contracts and prices: what billing admins set up.

New customers and contracts go through ``contracts.services`` (``customer_create``,
``contract_create`` with the lines entered inline), so an admin-made contract gets the same
validation and decision-log record as one made by the API. Later edits are ordinary saves, recorded
by simple-history with the user who made them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.options import InlineModelAdmin
from django.db import models
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from audit.admin import (
    HistoryAdmin,
    JsonDefaultsForm,
    ReadOnlyInlineMixin,
    admin_change_link,
    admin_changelist_link,
    adopt_saved,
    audit_trail_link,
    join_links,
    pretty_json,
)
from invoicing.drafting.milestones import milestone_complete_and_invoice
from invoicing.models import Invoice
from invoicing.tax import tax_rates_for

from .amendments import AmendmentError, AmendmentStateError
from .choices import AmendmentStatus
from .fields import LINE_FIELDS
from .forms import ContractLineForm
from .models import Amendment, BillingContact, Contract, ContractLine, Customer, Milestone
from .services import (
    amendment_approve,
    amendment_create,
    amendment_validate,
    contract_create,
    customer_create,
)

# The pricing fields of a contract line, grouped as the charge models use them.
LINE_MAIN_FIELDS = ("code", "description", "charge_model", "metric", "sort_order")
LINE_CADENCE_FIELDS = ("billing_interval", "billing_interval_count", "billing_timing", "start_date", "end_date")
LINE_PRICE_FIELDS = ("amount", "unit_price", "included_units", "tiers", "tier_basis", "minimum_amount")
LINE_OTHER_FIELDS = (
    "package_size",
    "package_price",
    "free_units",
    "rate",
    "fixed_fee",
    "free_events",
    "free_amount",
    "per_event_min",
    "per_event_max",
    "seats",
    "charge_date",
    "price",
    "top_up_threshold",
    "top_up_amount",
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


class CustomerForm(ModelForm):
    """The admin's customer form (its fields come from the fieldsets)."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # An exemption is only good with the certificate behind it (an auditor asks for it).
        if cleaned.get("tax_exempt") and not (cleaned.get("tax_exemption_certificate") or "").strip():
            self.add_error(
                "tax_exemption_certificate", "Enter the exemption certificate number of a tax-exempt customer."
            )
        return cleaned


@admin.register(Customer)
class CustomerAdmin(HistoryAdmin):
    form = CustomerForm
    list_display = ("name", "external_id", "email", "currency", "timezone", "payment_terms", "tax_exempt")
    list_filter = ("currency", "payment_terms_days", "country", "tax_exempt")
    search_fields = ("name", "=external_id", "email", "tax_id")
    search_help_text = "Name, external id (exact), billing email or tax id."
    inlines = (BillingContactInline,)
    readonly_fields = (
        "stripe_customer_id",
        "stripe_payment_method_id",
        "created_at",
        "updated_at",
        "related",
        "current_usage",
        "tax_rate_now",
    )
    fieldsets = (
        (None, {"fields": ("name", "external_id", "email")}),
        ("Billing", {"fields": ("currency", "payment_terms_days", "timezone", "locale")}),
        ("Address", {"fields": ("address_line1", "address_line2", ("postal_code", "city"), "region", "country")}),
        ("Tax", {"fields": ("tax_id", "tax_exempt", "tax_exemption_certificate", "tax_rate_now")}),
        ("Card collection (set by the card service)", {"fields": ("stripe_customer_id", "stripe_payment_method_id")}),
        ("Current period usage and estimated charges", {"fields": ("current_usage",)}),
        ("Records", {"fields": ("related", "created_at", "updated_at")}),
    )

    @admin.display(description="Usage so far")
    def current_usage(self, obj: Customer) -> str:
        """What the customer has used this period and what it would cost now (the API's usage view)."""
        if obj.pk is None:
            return "-"
        from invoicing.drafting.preview import customer_current_usage

        contracts = customer_current_usage(customer=obj)["contracts"]
        if not contracts:
            return "No usage lines in an active period."
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{} – {}</td><td style='text-align:right'>{}</td></tr>",
            (
                (c["contract"], u["line"], u["period_start"], u["period_end"], u["quantity"])
                for c in contracts
                for u in c["usage"]
            ),
        )
        totals = format_html_join(
            ", ", "{} {} ({})", ((c["estimated_subtotal"], c["currency"], c["contract"]) for c in contracts)
        )
        return format_html(
            "<table><thead><tr><th>Contract</th><th>Line</th><th>Period</th><th>Quantity</th></tr></thead>"
            "<tbody>{}</tbody></table><p>Estimated charges if the period closed now: <strong>{}</strong></p>",
            rows,
            totals,
        )

    @admin.display(description="Tax on new invoices")
    def tax_rate_now(self, obj: Customer) -> str:
        """The rate the next invoice will carry, from the saved address (region, else country)."""
        if obj.pk is None:
            return "-"
        if obj.tax_exempt:
            return "None: tax exempt"
        rate = tax_rates_for([obj])[obj.pk]
        if rate is None:
            return "None: no active tax rate for this country and region"
        return f"{rate.name} {rate.percentage.normalize():f}%"

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
    form = ContractLineForm
    fieldsets = LINE_FIELDSETS
    extra = 0
    show_change_link = True  # milestones are edited on the line's own page


class AmendmentInline(ReadOnlyInlineMixin, admin.TabularInline):
    """The contract's amendments, read here; each is drafted, approved and read on its own page."""

    model = Amendment
    fields = ("effective_date", "status", "reason", "created_by", "approved_by", "applied_at")
    readonly_fields = fields
    show_change_link = True
    ordering = ("-effective_date", "-id")


class ContractForm(JsonDefaultsForm):
    class Meta:
        model = Contract
        fields = (
            "customer",
            "external_id",
            "start_date",
            "end_date",
            "currency",
            "billing_alignment",
            "status",
            "auto_send",
            "minimum_commitment_amount",
            "minimum_commitment_period",
            "minimum_commitment_lines",
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
    inlines = (ContractLineInline, AmendmentInline)
    readonly_fields = ("created_at", "updated_at", "related")
    fieldsets = (
        (None, {"fields": ("customer", "external_id", ("start_date", "end_date"), "currency", "status")}),
        ("Billing", {"fields": ("billing_alignment", "auto_send")}),
        (
            "Minimum commitment",
            {
                "fields": ("minimum_commitment_amount", "minimum_commitment_period", "minimum_commitment_lines"),
                "classes": ("collapse",),
            },
        ),
        ("Records", {"fields": ("related", "created_at", "updated_at")}),
    )

    def get_inlines(self, request: HttpRequest, obj: Contract | None) -> tuple[type[InlineModelAdmin], ...]:
        # No amendments on the add page: a new contract has none (its lines are entered inline).
        return tuple(self.inlines) if obj is not None else (ContractLineInline,)

    @admin.display(description="Related")
    def related(self, obj: Contract) -> str:
        if obj.pk is None:
            return "-"
        return join_links(
            format_html('<a href="{}">Preview next invoice</a>', reverse("contract-invoice-preview", args=[obj.pk])),
            admin_changelist_link(Invoice, "Invoices", contract__id__exact=obj.pk),
            admin_changelist_link(Amendment, "Amendments", contract__id__exact=obj.pk),
            audit_trail_link(obj),
        )

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


class ContractLineAdminForm(ContractLineForm):
    """The rating engine's own checks (contracts/forms.py), on the admin's field set."""

    class Meta(ContractLineForm.Meta):
        fields = ("contract", *LINE_MAIN_FIELDS, *LINE_CADENCE_FIELDS, *LINE_PRICE_FIELDS, *LINE_OTHER_FIELDS)


@admin.register(ContractLine)
class ContractLineAdmin(HistoryAdmin):
    form = ContractLineAdminForm
    list_display = (
        "contract",
        "contract__customer",
        "code",
        "charge_model",
        "metric",
        "billing_interval",
        "billing_timing",
        "unit_price",
        "amount",
        "minimum_amount",
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
    # Completion invoices the milestone: it goes through the action, never a hand-set date.
    readonly_fields = ("completed_on",)
    actions = ("complete_and_invoice",)

    @admin.action(description="Mark complete and invoice", permissions=["change"])
    def complete_and_invoice(self, request: HttpRequest, queryset: QuerySet[Milestone]) -> None:
        for milestone in queryset:
            try:
                invoice, created = milestone_complete_and_invoice(milestone_id=milestone.pk, actor=request.user)
            except Exception as exc:  # one bad milestone must not hide the others' outcome
                self.message_user(request, f"{milestone}: {exc}", messages.ERROR)
                continue
            verb = "invoiced" if created else "was already invoiced"
            self.message_user(request, f"{milestone} {verb}: invoice #{invoice.pk} for {invoice.total}.")


class AmendmentForm(JsonDefaultsForm):
    """Checks the changes against the contract's lines, as the API does (errors name the change)."""

    class Meta:
        model = Amendment
        fields = ("contract", "effective_date", "changes", "credit_on_downgrade", "reason")
        help_texts = {
            "changes": 'A JSON list, e.g. [{"type": "add_seats", "line": "seats", "seats": "20"}]; '
            "types: set_seats, add_seats, change_price, add_line, end_line.",
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        contract = cleaned.get("contract") or getattr(self.instance, "contract", None)
        day, changes = cleaned.get("effective_date"), cleaned.get("changes")
        if contract is None or day is None or changes is None:
            return cleaned
        try:
            amendment_validate(contract=contract, effective_date=day, changes=changes)
        except AmendmentError as exc:
            for path, messages in exc.fields.items():
                field = "effective_date" if path == "effective_date" else "changes"
                self.add_error(field, [f"{path}: {message}" for message in messages])
        return cleaned


AMENDMENT_EDITABLE = ("contract", "effective_date", "changes", "credit_on_downgrade", "reason")
AMENDMENT_RECORD = (
    "status",
    "created_by",
    "approved_by",
    "approved_at",
    "applied_at",
    "proration_invoice",
    "related",
    "created_at",
    "updated_at",
)


@admin.register(Amendment)
class AmendmentAdmin(HistoryAdmin):
    """Drafts are created through ``amendment_create`` and edited until approved; the Approve action
    calls ``amendment_approve`` (a task then applies it and bills the proration). Once approved an
    amendment is read-only."""

    form = AmendmentForm
    list_display = ("__str__", "contract", "effective_date", "status", "created_by", "approved_by", "applied_at")
    list_filter = ("status", "credit_on_downgrade", "effective_date")
    list_select_related = ("contract",)
    search_fields = ("=contract__external_id", "contract__customer__name", "reason", "approved_by")
    search_help_text = "Contract external id (exact), customer name, reason or approver."
    date_hierarchy = "effective_date"
    autocomplete_fields = ("contract",)
    actions = ("approve",)

    def get_fields(self, request: HttpRequest, obj: Amendment | None = None) -> tuple[str, ...]:
        if obj is None:
            return AMENDMENT_EDITABLE
        if obj.status == AmendmentStatus.DRAFT:
            return (*AMENDMENT_EDITABLE, "changes_pretty", *AMENDMENT_RECORD)
        return ("contract", "effective_date", "changes_pretty", "credit_on_downgrade", "reason", *AMENDMENT_RECORD)

    def get_readonly_fields(self, request: HttpRequest, obj: Amendment | None = None) -> tuple[str, ...]:
        if obj is None:
            return ()
        if obj.status == AmendmentStatus.DRAFT:
            return ("contract", "changes_pretty", *AMENDMENT_RECORD)
        return self.get_fields(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Amendment | None = None) -> bool:
        if obj is not None and obj.status != AmendmentStatus.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Amendment | None = None) -> bool:
        return False  # a draft no longer wanted is cancelled; the record stays

    @admin.display(description="Changes")
    def changes_pretty(self, obj: Amendment) -> str:
        return pretty_json(obj.changes)

    @admin.display(description="Proration invoice")
    def proration_invoice(self, obj: Amendment) -> str:
        if obj.proration_invoice_id is None:
            return "-"
        return admin_change_link(Invoice.objects.filter(pk=obj.proration_invoice_id).first())

    @admin.display(description="Related")
    def related(self, obj: Amendment) -> str:
        return join_links(admin_change_link(obj.contract), audit_trail_link(obj))

    def save_model(self, request: HttpRequest, obj: Amendment, form: ModelForm, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = amendment_create(
            contract=obj.contract,
            effective_date=obj.effective_date,
            changes=obj.changes,
            credit_on_downgrade=obj.credit_on_downgrade,
            reason=obj.reason,
            actor=request.user,
        )
        adopt_saved(obj, created)

    @admin.action(description="Approve the selected draft amendments", permissions=["change"])
    def approve(self, request: HttpRequest, queryset: QuerySet[Amendment]) -> None:
        approved = 0
        for amendment in queryset.order_by("pk"):
            try:
                amendment_approve(amendment_id=amendment.pk, actor=request.user)
            except AmendmentStateError as exc:
                self.message_user(request, f"{amendment}: {exc}", messages.WARNING)
            except AmendmentError as exc:
                self.message_user(request, f"{amendment}: no longer fits the contract ({exc}).", messages.ERROR)
            else:
                approved += 1
        if approved:
            message = f"Approved {approved} amendment(s); they are applied and prorated in a moment."
            self.message_user(request, message, messages.SUCCESS)


# Contract documents: upload, side-by-side review and approval.
from . import document_admin  # noqa: E402, F401
