"""Billing runs, invoices and their numbering.

Invoices are made by billing runs and changed only by ``invoicing`` services: the admin's actions
call ``invoice_finalize``, ``invoice_void`` and ``invoice_deliver`` one invoice at a time and report
each outcome. An issued invoice (anything but a draft) is read-only; on a draft only ``auto_send``
(whether it is emailed once issued) can be changed by hand.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib import admin, messages
from django.db.models import Case, DecimalField, F, Q, QuerySet, Value, When
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode

from audit.admin import (
    EMPTY,
    HistoryAdmin,
    ReadOnlyAdminMixin,
    ReadOnlyHistoryAdmin,
    ReadOnlyInlineMixin,
    admin_changelist_link,
    audit_trail_link,
    join_links,
    pretty_json,
)
from contracts.models import Customer

from .choices import InvoiceStatus
from .delivery import invoice_deliver
from .formatting import format_money, format_quantity, format_unit_price
from .models import BillingRun, CreditGrant, CreditLedgerEntry, Invoice, InvoiceLine, InvoiceNumberSequence
from .selectors import invoice_pay_token, invoice_payment_url
from .services import invoice_finalize, invoice_void

logger = logging.getLogger(__name__)

ZERO = Decimal(0)
NO_AMOUNT_DUE = (InvoiceStatus.VOID, InvoiceStatus.UNCOLLECTIBLE)
MAX_LISTED = 20  # invoice numbers named in one admin message


def money(amount: Decimal | None, currency: str) -> str:
    """An amount for the back office ("$1,234.50"); the plain decimal and code if babel cannot
    format the currency (a bad code must not break a list page)."""
    if amount is None:
        return EMPTY
    try:
        return format_money(amount, currency)
    except (ValueError, LookupError):
        return f"{amount} {currency}"


def customer_today(tz_name: str) -> date:
    """Today in the customer's time zone: an invoice is overdue when its due date has passed where the
    customer is (design: customer-facing dates live in the customer's time zone)."""
    try:
        return timezone.localdate(timezone=ZoneInfo(tz_name))
    except (ZoneInfoNotFoundError, ValueError):
        return timezone.localdate()


def days_overdue(invoice: Invoice) -> int:
    if invoice.status != InvoiceStatus.OPEN or invoice.due_date is None:
        return 0
    return max((customer_today(invoice.customer.timezone) - invoice.due_date).days, 0)


def overdue_q(least_days: int = 1, most_days: int | None = None) -> Q:
    """Open invoices between ``least_days`` and ``most_days`` days past due, each counted in its
    customer's time zone: one condition per time zone in use (a handful, not one per customer)."""
    condition = Q(pk__in=[])
    for tz_name in Customer.objects.order_by().values_list("timezone", flat=True).distinct():
        today = customer_today(tz_name)
        in_zone = Q(customer__timezone=tz_name, due_date__lte=today - timedelta(days=least_days))
        if most_days is not None:
            in_zone &= Q(due_date__gte=today - timedelta(days=most_days))
        condition |= in_zone
    return Q(status=InvoiceStatus.OPEN) & condition


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:MAX_LISTED])
    return shown + (f" and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else "")


class OverdueFilter(admin.SimpleListFilter):
    """Open invoices past their due date (in the customer's time zone), with the usual aging buckets."""

    title = "overdue"
    parameter_name = "overdue"
    BUCKETS: dict[str, tuple[int, int | None]] = {
        "1-30": (1, 30),
        "31-60": (31, 60),
        "61-90": (61, 90),
        "90+": (91, None),
    }

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [
            ("yes", "Overdue"),
            ("1-30", "1–30 days overdue"),
            ("31-60", "31–60 days overdue"),
            ("61-90", "61–90 days overdue"),
            ("90+", "More than 90 days overdue"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Invoice]) -> QuerySet[Invoice]:
        value = self.value()
        if not value:
            return queryset
        if value in self.BUCKETS:
            return queryset.filter(overdue_q(*self.BUCKETS[value]))
        return queryset.filter(overdue_q())


class InvoiceLineInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = InvoiceLine
    fields = ("position", "line_code", "kind", "description", "tier", "quantity_display", "unit_price_display",
              "amount_display", "period")
    readonly_fields = fields

    @admin.display(description="Quantity")
    def quantity_display(self, line: InvoiceLine) -> str:
        return format_quantity(line.quantity)

    @admin.display(description="Unit price")
    def unit_price_display(self, line: InvoiceLine) -> str:
        if line.unit_price is None:
            return EMPTY
        try:
            return format_unit_price(line.unit_price, line.invoice.currency)
        except (ValueError, LookupError):
            return f"{line.unit_price.normalize()} {line.invoice.currency}"

    @admin.display(description="Amount")
    def amount_display(self, line: InvoiceLine) -> str:
        return money(line.amount, line.invoice.currency)

    @admin.display(description="Period [start, end)")
    def period(self, line: InvoiceLine) -> str:
        return f"{line.period_start} – {line.period_end}"

    def get_queryset(self, request: HttpRequest) -> QuerySet[InvoiceLine]:
        return super().get_queryset(request).select_related("invoice")


INVOICE_READONLY_FIELDS = (
    "number", "status", "kind", "customer", "contract", "billing_run", "currency",
    "billing_date", "period_start", "period_end", "issue_date", "due_date", "overdue",
    "finalized_at", "sent_at", "paid_at", "voided_at",
    "subtotal_display", "tax_display", "total_display", "amount_paid_display", "amount_due_display",
    "documents", "records", "customer_snapshot_pretty",
)


@admin.register(Invoice)
class InvoiceAdmin(HistoryAdmin):
    list_display = (
        "invoice", "customer", "status", "kind", "total_display", "amount_paid_display", "amount_due_display",
        "issue_date", "due_date", "overdue",
    )
    list_filter = (
        OverdueFilter, "status", "kind", "currency", "auto_send", ("sent_at", admin.EmptyFieldListFilter),
    )
    list_select_related = ("customer",)
    search_fields = ("=number", "customer__name", "=customer__external_id")
    search_help_text = "Invoice number (exact), customer name, or customer external id (exact)."
    date_hierarchy = "billing_date"
    inlines = (InvoiceLineInline,)
    readonly_fields = INVOICE_READONLY_FIELDS
    fieldsets = (
        (None, {"fields": ("number", "status", "kind", "customer", "contract", "billing_run", "currency")}),
        ("Dates", {"fields": (
            ("billing_date", "period_start", "period_end"),
            ("issue_date", "due_date", "overdue"),
            ("finalized_at", "sent_at", "paid_at", "voided_at"),
        )}),
        ("Amounts", {"fields": (
            "subtotal_display", "tax_display", "total_display", "amount_paid_display", "amount_due_display",
        )}),
        ("Customer documents", {"fields": ("auto_send", "documents")}),
        ("Records", {"fields": ("records", "customer_snapshot_pretty"), "classes": ("collapse",)}),
    )
    actions = ("finalize_drafts", "void_invoices", "resend_email")

    # --- permissions: invoices are made by services and, once issued, never edited -------------

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Invoice | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Invoice | None = None) -> bool:
        if obj is not None and obj.status != InvoiceStatus.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Invoice]:
        # The amount due as a column, so the list can sort by it (mirrors Invoice.amount_due).
        return super().get_queryset(request).annotate(
            amount_due_value=Case(
                When(status__in=NO_AMOUNT_DUE, then=Value(ZERO)),
                default=F("total") - F("amount_paid"),
                output_field=DecimalField(max_digits=20, decimal_places=4),
            )
        )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Invoice], search_term: str
    ) -> tuple[QuerySet[Invoice], bool]:
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("app_label") == "receivables" and request.GET.get("field_name") == "invoice":
            # The invoice picker of the payment form (an autocomplete): only open invoices take payments.
            queryset = queryset.filter(status=InvoiceStatus.OPEN)
        return queryset, may_have_duplicates

    # --- columns --------------------------------------------------------------------------------

    @admin.display(description="Invoice", ordering="number")
    def invoice(self, obj: Invoice) -> str:
        return str(obj)

    @admin.display(description="Subtotal", ordering="subtotal")
    def subtotal_display(self, obj: Invoice) -> str:
        return money(obj.subtotal, obj.currency)

    @admin.display(description="Tax", ordering="tax")
    def tax_display(self, obj: Invoice) -> str:
        return money(obj.tax, obj.currency)

    @admin.display(description="Total", ordering="total")
    def total_display(self, obj: Invoice) -> str:
        return money(obj.total, obj.currency)

    @admin.display(description="Paid", ordering="amount_paid")
    def amount_paid_display(self, obj: Invoice) -> str:
        return money(obj.amount_paid, obj.currency)

    @admin.display(description="Amount due", ordering="amount_due_value")
    def amount_due_display(self, obj: Invoice) -> str:
        return money(obj.amount_due, obj.currency)

    @admin.display(description="Overdue", ordering="due_date")
    def overdue(self, obj: Invoice) -> str:
        days = days_overdue(obj)
        if not days:
            return ""
        return format_html('<strong style="color:#ba2121">{} day{}</strong>', days, "" if days == 1 else "s")

    @admin.display(description="Pay page and PDF")
    def documents(self, obj: Invoice) -> str:
        if obj.pk is None or not obj.number:
            return "A draft has no pay page or PDF: finalise it first."
        pdf_url = reverse("invoice-pay-pdf", args=[invoice_pay_token(obj)])
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Pay page (the signed link customers get)</a> · '
            '<a href="{}" target="_blank" rel="noopener">PDF</a>',
            invoice_payment_url(obj), pdf_url,
        )

    @admin.display(description="Related")
    def records(self, obj: Invoice) -> str:
        if obj.pk is None:
            return EMPTY
        links = [
            admin_changelist_link(Invoice, "Other invoices of this customer", customer__id__exact=obj.customer_id),
            audit_trail_link(obj),
        ]
        if obj.status == InvoiceStatus.OPEN and obj.amount_due > ZERO:
            try:  # receivables records payments; the admin only links to its form, prefilled
                url = reverse("admin:receivables_payment_add")
            except NoReverseMatch:
                pass
            else:
                query = urlencode({"invoice": obj.pk, "amount": obj.amount_due})
                links.append(format_html('<a href="{}?{}">Record a payment</a>', url, query))
        return join_links(*links)

    @admin.display(description="Customer as invoiced")
    def customer_snapshot_pretty(self, obj: Invoice) -> str:
        return pretty_json(obj.customer_snapshot)

    # --- actions: each calls one service per invoice and reports every outcome ------------------

    def _each_invoice(
        self,
        request: HttpRequest,
        queryset: QuerySet[Invoice],
        *,
        skip: Callable[[Invoice], str | None],
        act: Callable[[Invoice], Invoice],
        done_message: str,
        describe: Callable[[Invoice], str] = str,
    ) -> None:
        done: list[str] = []
        skipped: list[str] = []
        for invoice in queryset.order_by("pk"):
            reason = skip(invoice)
            if reason:
                skipped.append(f"{invoice} ({reason})")
                continue
            try:
                result = act(invoice)
            except Exception as exc:  # report each failure and carry on with the others
                logger.exception("Admin action on invoice %s failed", invoice.pk)
                self.message_user(request, f"{invoice}: {exc}", messages.ERROR)
                continue
            done.append(describe(result))
        if done:
            self.message_user(request, f"{done_message} {len(done)} invoice(s): {_listed(done)}.", messages.SUCCESS)
        if skipped:
            self.message_user(request, f"Skipped {len(skipped)} invoice(s): {_listed(skipped)}.", messages.WARNING)

    @admin.action(description="Finalise selected drafts", permissions=["change"])
    def finalize_drafts(self, request: HttpRequest, queryset: QuerySet[Invoice]) -> None:
        self._each_invoice(
            request, queryset,
            skip=lambda i: None if i.status == InvoiceStatus.DRAFT else f"not a draft: {i.get_status_display()}",
            act=lambda i: invoice_finalize(invoice_id=i.pk, actor=request.user),
            done_message="Finalised",
            describe=lambda i: f"{i.number} (due {i.due_date})",
        )

    @admin.action(description="Void selected", permissions=["change"])
    def void_invoices(self, request: HttpRequest, queryset: QuerySet[Invoice]) -> None:
        reason = f"Voided in the admin by {request.user.get_username()}"
        self._each_invoice(
            request, queryset,
            skip=lambda i: "already void" if i.status == InvoiceStatus.VOID else None,
            act=lambda i: invoice_void(invoice_id=i.pk, actor=request.user, reason=reason),
            done_message="Voided",
        )

    @admin.action(description="Resend email", permissions=["change"])
    def resend_email(self, request: HttpRequest, queryset: QuerySet[Invoice]) -> None:
        def skip(invoice: Invoice) -> str | None:
            if invoice.status == InvoiceStatus.DRAFT:
                return "a draft: finalise it first"
            if invoice.status == InvoiceStatus.VOID:
                return "void"
            return None

        self._each_invoice(
            request, queryset,
            skip=skip,
            act=lambda i: invoice_deliver(invoice_id=i.pk, actor=request.user, force=True),
            done_message="Emailed",
        )


@admin.register(BillingRun)
class BillingRunAdmin(ReadOnlyHistoryAdmin):
    list_display = (
        "__str__", "status", "triggered_by", "started_at", "finished_at", "progress", "invoices_created",
        "invoices_existing", "error_count",
    )
    list_filter = ("status",)
    search_fields = ("triggered_by",)
    date_hierarchy = "started_at"
    fields = (
        "as_of", "status", "triggered_by", "started_at", "finished_at", "progress", "invoices_created",
        "invoices_existing", "invoices", "errors_pretty",
    )
    readonly_fields = fields

    @admin.display(description="Progress")
    def progress(self, obj: BillingRun) -> str:
        total = obj.contracts_total
        percent = round(100 * obj.contracts_done / total) if total else 100
        return format_html(
            '<progress value="{}" max="{}" style="width:6em"></progress> {}/{} contracts ({}%)',
            obj.contracts_done, total or 1, obj.contracts_done, total, percent,
        )

    @admin.display(description="Errors")
    def error_count(self, obj: BillingRun) -> int:
        return len(obj.errors or [])

    @admin.display(description="Invoices")
    def invoices(self, obj: BillingRun) -> str:
        return admin_changelist_link(Invoice, "Invoices drafted by this run", billing_run__id__exact=obj.pk)

    @admin.display(description="Error details")
    def errors_pretty(self, obj: BillingRun) -> str:
        return pretty_json(obj.errors) if obj.errors else EMPTY


@admin.register(InvoiceNumberSequence)
class InvoiceNumberSequenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("series", "year", "last_value")
    list_filter = ("series", "year")
    ordering = ("-year", "series")


class CreditLedgerEntryInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = CreditLedgerEntry
    fields = ("created_at", "kind", "invoice", "amount", "balance_after")
    readonly_fields = fields
    extra = 0


@admin.register(CreditGrant)
class CreditGrantAdmin(ReadOnlyHistoryAdmin):
    """Prepaid credit pools: granted by invoices, drawn down by billing runs (never by hand)."""

    list_display = ("contract", "line_code", "kind", "amount", "balance", "currency", "granted_on", "expires_on")
    list_filter = ("kind", "currency")
    list_select_related = ("contract",)
    search_fields = ("contract__external_id", "line_code")
    inlines = (CreditLedgerEntryInline,)


@admin.register(CreditLedgerEntry)
class CreditLedgerEntryAdmin(ReadOnlyHistoryAdmin):
    list_display = ("created_at", "grant", "kind", "invoice", "amount", "balance_after")
    list_filter = ("kind",)
    list_select_related = ("grant__contract", "invoice")

