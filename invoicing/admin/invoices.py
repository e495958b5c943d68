"""Billing runs, invoices and their numbering.

Invoices are made by billing runs and changed only by ``invoicing`` services: the admin's actions
call ``invoice_finalize``, ``invoice_void`` and ``invoice_deliver`` one invoice at a time and report
each outcome. An issued invoice (anything but a draft) is read-only; on a draft only ``auto_send``
(whether it is emailed once issued) can be changed by hand, and lines and notes through the review
service. The review queue (held and pending drafts, approve and send) is ``invoicing.admin.review``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from decimal import Decimal

from babel import Locale
from django import forms
from django.contrib import admin, messages
from django.db.models import Case, DecimalField, F, QuerySet, Value, When
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
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
from invoicing.admin.common import money
from invoicing.admin.review import InvoiceReviewAdminMixin
from invoicing.choices import InvoiceStatus
from invoicing.documents.delivery import invoice_deliver
from invoicing.documents.formatting import format_quantity, format_unit_price
from invoicing.models import (
    BillingRun,
    CreditGrant,
    CreditLedgerEntry,
    CreditNote,
    Invoice,
    InvoiceDeliveryAttempt,
    InvoiceLine,
    InvoiceNumberSequence,
    TaxRate,
)
from invoicing.selectors import days_overdue, invoice_pay_token, invoice_payment_url, overdue_q
from invoicing.services import invoice_finalize, invoice_mark_uncollectible, invoice_void
from invoicing.tax import tax_rate_deactivate

logger = logging.getLogger(__name__)

ZERO = Decimal(0)
NO_AMOUNT_DUE = (InvoiceStatus.VOID, InvoiceStatus.UNCOLLECTIBLE)
MAX_LISTED = 20  # invoice numbers named in one admin message


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
              "amount_display", "tax_rate_display", "tax_amount_display", "period")
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

    @admin.display(description="Tax rate")
    def tax_rate_display(self, line: InvoiceLine) -> str:
        # The rate as it was when the line was priced (a snapshot), not the rate's current record.
        if line.tax_percentage is None:
            return "No tax"
        return f"{line.tax_name} {line.tax_percentage.normalize():f}%"

    @admin.display(description="Tax")
    def tax_amount_display(self, line: InvoiceLine) -> str:
        return money(line.tax_amount, line.invoice.currency)

    @admin.display(description="Period [start, end)")
    def period(self, line: InvoiceLine) -> str:
        return f"{line.period_start} – {line.period_end}"

    def get_queryset(self, request: HttpRequest) -> QuerySet[InvoiceLine]:
        return super().get_queryset(request).select_related("invoice")


class InvoiceDeliveryAttemptInline(ReadOnlyInlineMixin, admin.TabularInline):
    """Every try at emailing the invoice, newest first: recipients, and what the mail server said."""

    model = InvoiceDeliveryAttempt
    verbose_name = "email delivery attempt"
    fields = ("attempted_at", "outcome", "recipients_display", "resend", "actor", "error")
    readonly_fields = fields

    @admin.display(description="Recipients")
    def recipients_display(self, attempt: InvoiceDeliveryAttempt) -> str:
        return ", ".join(attempt.recipients) or EMPTY


INVOICE_READONLY_FIELDS = (
    "number", "status", "kind", "customer", "contract", "billing_run", "currency",
    "billing_date", "period_start", "period_end", "issue_date", "due_date", "overdue",
    "finalized_at", "sent_at", "paid_at", "voided_at",
    "subtotal_display", "tax_display", "total_display", "amount_paid_display", "amount_due_display",
    "amount_credited_display", "written_off_display", "documents", "records", "customer_snapshot_pretty",
)


@admin.register(Invoice)
class InvoiceAdmin(InvoiceReviewAdminMixin, HistoryAdmin):
    # Fits 1440 px with the nav sidebar and the filters open: the due date as YYYY-MM-DD with the days
    # overdue under it; kind, paid and the issue date are on the invoice's page (kind is also a
    # filter, the billing date the date drill-down).
    list_display = ("invoice", "customer", "status", "total_display", "amount_due_display", "due")
    list_filter = (
        OverdueFilter, "status", "kind", "currency", "auto_send", ("sent_at", admin.EmptyFieldListFilter),
    )
    list_select_related = ("customer",)
    search_fields = ("=number", "customer__name", "=customer__external_id")
    search_help_text = "Invoice number (exact), customer name, or customer external id (exact)."
    date_hierarchy = "billing_date"
    inlines = (InvoiceLineInline, InvoiceDeliveryAttemptInline)
    readonly_fields = INVOICE_READONLY_FIELDS
    fieldsets = (
        (None, {"fields": ("number", "status", "kind", "customer", "contract", "billing_run", "currency")}),
        ("Dates", {"fields": (
            ("billing_date", "period_start", "period_end"),
            ("issue_date", "due_date", "overdue"),
            ("finalized_at", "sent_at", "paid_at", "voided_at"),
        )}),
        ("Amounts", {"fields": (
            "subtotal_display", "tax_display", "total_display", "amount_paid_display", "amount_credited_display",
            "written_off_display", "amount_due_display",
        )}),
        ("Customer documents", {"fields": ("auto_send", "documents")}),
        ("Records", {"fields": ("records", "customer_snapshot_pretty"), "classes": ("collapse",)}),
    )
    actions = ("finalize_drafts", "void_invoices", "mark_uncollectible", "resend_email")

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
                default=F("total") - F("amount_paid") - F("amount_credited"),
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

    @admin.display(description="Written off", ordering="amount_written_off")
    def written_off_display(self, obj: Invoice) -> str:
        if obj.uncollectible_at is None:
            return "-"
        return format_html(
            "{} as bad debt on {} by the write-off recorded in the history: {}",
            money(obj.amount_written_off, obj.currency),
            timezone.localtime(obj.uncollectible_at).date().isoformat(),
            obj.uncollectible_reason or "no reason given",
        )

    @admin.display(description="Credit notes", ordering="amount_credited")
    def amount_credited_display(self, obj: Invoice) -> str:
        """What the amount due leaves out, and each note with where its money went: a note on a paid
        invoice is refunded, not taken off the balance, so the balance figure alone reads 0."""
        notes = list(obj.credit_notes.order_by("issue_date", "id")) if obj.pk else []
        issue = ""
        if obj.pk and obj.status in (InvoiceStatus.OPEN, InvoiceStatus.PAID):
            url = reverse("admin:invoicing_creditnote_issue", args=[obj.pk])
            issue = format_html(' · <a href="{}">Issue a credit note</a>', url)
        if not notes:
            return format_html("None{}", issue)
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({}): {}, of which {} off the amount due and {} refunded</li>',
            (
                (
                    reverse("admin:invoicing_creditnote_change", args=[note.pk]),
                    note.number,
                    note.get_reason_display(),
                    money(note.total, note.currency),
                    money(note.credited_to_balance, note.currency),
                    money(note.refund_amount, note.currency),
                )
                for note in notes
            ),
        )
        return format_html(
            "{} off the amount due; {} refunded{}<ul style=\"margin:4px 0 0 0\">{}</ul>",
            money(obj.amount_credited, obj.currency),
            money(sum((n.refund_amount for n in notes), Decimal(0)), obj.currency),
            issue,
            rows,
        )

    @admin.display(description="Amount due", ordering="amount_due_value")
    def amount_due_display(self, obj: Invoice) -> str:
        return money(obj.amount_due, obj.currency)

    @admin.display(description="Due", ordering="due_date")
    def due(self, obj: Invoice) -> str:
        if not obj.due_date:
            return "-"
        days = days_overdue(obj)
        if not days:
            return obj.due_date.isoformat()
        return format_html(
            '{}<br><strong style="color:#ba2121" title="{} days overdue">{} d overdue</strong>',
            obj.due_date.isoformat(), days, days,
        )

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
        if obj.status in (InvoiceStatus.OPEN, InvoiceStatus.PAID):
            url = reverse("admin:invoicing_creditnote_issue", args=[obj.pk])
            links.append(format_html('<a href="{}">Issue a credit note</a>', url))
        links.append(admin_changelist_link(CreditNote, "Credit notes", invoice__id__exact=obj.pk))
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

    def has_mark_uncollectible_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("invoicing.mark_uncollectible")

    @admin.action(description="Write off as uncollectible (bad debt)", permissions=["mark_uncollectible"])
    def mark_uncollectible(self, request: HttpRequest, queryset: QuerySet[Invoice]) -> TemplateResponse | None:
        """Asks for the reason on a confirmation page listing what would be written off, then writes
        each open invoice off (``invoice_mark_uncollectible``)."""
        invoices = list(queryset.select_related("customer").order_by("pk"))
        reason = request.POST.get("write_off_reason", "").strip()
        if request.POST.get("confirm") == "yes":
            if not reason:
                self.message_user(request, "Give the reason for the write-off: it is kept with the invoice.",
                                  messages.ERROR)
            else:
                self._each_invoice(
                    request, queryset,
                    skip=lambda i: None if i.status == InvoiceStatus.OPEN and i.amount_due > ZERO
                    else f"{i.get_status_display().lower()}: only open invoices with an amount due",
                    act=lambda i: invoice_mark_uncollectible(invoice_id=i.pk, actor=request.user, reason=reason),
                    done_message="Wrote off",
                    describe=lambda i: f"{i.number} ({money(i.amount_written_off, i.currency)})",
                )
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Write off invoices as uncollectible",
            "opts": self.model._meta,
            "invoices": [
                {
                    "invoice": i,
                    "amount_due": money(i.amount_due, i.currency),
                    "overdue": days_overdue(i),
                    "eligible": i.status == InvoiceStatus.OPEN and i.amount_due > ZERO,
                }
                for i in invoices
            ],
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "reason": reason,
        }
        return TemplateResponse(request, "admin/invoicing/invoice_write_off.html", context)

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
    """A run's progress as its chunks commit: contracts and chunks done, invoices drafted, and the
    contracts that failed, each linked to its page."""

    list_display = (
        "__str__", "status", "triggered_by", "started_at", "finished_at", "progress", "chunks", "invoices_created",
        "invoices_existing", "error_count",
    )
    list_filter = ("status",)
    search_fields = ("triggered_by",)
    date_hierarchy = "started_at"
    fields = (
        "as_of", "status", "triggered_by", "started_at", "finished_at", "progress", "chunks", "invoices_created",
        "invoices_existing", "invoices", "error_count", "failed_contracts", "errors_pretty",
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

    @admin.display(description="Chunks")
    def chunks(self, obj: BillingRun) -> str:
        return f"{obj.chunks_done}/{obj.chunks_total} chunks of {obj.chunk_size}"

    @admin.display(description="Errors")
    def error_count(self, obj: BillingRun) -> int:
        return len(obj.errors or [])

    @admin.display(description="Invoices")
    def invoices(self, obj: BillingRun) -> str:
        return admin_changelist_link(Invoice, "Invoices drafted by this run", billing_run__id__exact=obj.pk)

    @admin.display(description="Failed contracts")
    def failed_contracts(self, obj: BillingRun) -> str:
        rows = []
        for error in obj.errors or []:
            label = error.get("contract") or error.get("contract_id") or "?"
            try:
                url = reverse("admin:contracts_contract_change", args=[error["contract_id"]])
            except (KeyError, NoReverseMatch):
                link = format_html("{}", label)
            else:
                link = format_html('<a href="{}">{}</a>', url, label)
            rows.append((link, error.get("error", "")))
        if not rows:
            return EMPTY
        return format_html(
            '<ul style="margin:0">{}</ul>', format_html_join("", "<li>{}: <code>{}</code></li>", rows)
        )

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


# --- tax rates ---------------------------------------------------------------------------------

# CLDR's two-letter territories, less its groupings and private-use codes (EU, UN, ZZ, ...).
NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})
ISO_COUNTRIES = frozenset(
    code for code in Locale("en").territories if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
)


class TaxRateForm(forms.ModelForm):
    """Place codes are stored upper-case (customers' codes are matched case-insensitively), and one
    place has at most one active rate: a new rate for a place replaces the old one, which is
    deactivated first, so the day the change takes effect is the day it is made."""

    class Meta:
        model = TaxRate
        fields = ("name", "country", "region", "percentage", "active")

    def clean_country(self) -> str:
        country = (self.cleaned_data.get("country") or "").strip().upper()
        if country not in ISO_COUNTRIES:
            raise forms.ValidationError("Enter an ISO 3166-1 alpha-2 country code, e.g. US or DE.")
        return country

    def clean_region(self) -> str:
        return (self.cleaned_data.get("region") or "").strip().upper()

    def clean_percentage(self) -> Decimal:
        percentage = self.cleaned_data["percentage"]
        if not ZERO <= percentage <= 100:
            raise forms.ValidationError("A percentage from 0 to 100, e.g. 7.25.")
        return percentage

    def clean(self) -> dict[str, object]:
        cleaned = super().clean()
        country, region = cleaned.get("country"), cleaned.get("region", "")
        if cleaned.get("active") and country:
            other = (
                TaxRate.objects.filter(active=True, country=country, region=region)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if other is not None:
                place = f"{country}-{region}" if region else f"{country} (whole country)"
                # On the place field: the model's own check of the same constraint is then skipped,
                # so the user reads this message once, not Django's generic one as well.
                self.add_error(
                    "region" if region else "country",
                    f"{place} already has an active rate: {other}. Deactivate it first; issued invoices "
                    "keep the rate they were priced with.",
                )
        return cleaned


@admin.register(TaxRate)
class TaxRateAdmin(HistoryAdmin):
    """Sales tax and VAT rates by country, or region of a country. A rate is never deleted (invoice
    lines refer to it); it is deactivated, and once it has been charged its place and percentage
    are fixed: a new percentage is a new rate."""

    form = TaxRateForm
    list_display = ("name", "place", "percentage_display", "active", "created_at")
    list_filter = ("active", "country")
    search_fields = ("name", "=country", "region")
    search_help_text = "Name, country code (exact) or region."
    ordering = ("country", "region", "-active", "name")
    actions = ("deactivate_rates",)
    readonly_fields = ("used_on", "created_at", "records")
    fields = ("name", "country", "region", "percentage", "active", "used_on", "created_at", "records")

    @admin.display(description="Place", ordering="country")
    def place(self, obj: TaxRate) -> str:
        return f"{obj.country}-{obj.region}" if obj.region else f"{obj.country} (whole country)"

    @admin.display(description="Rate", ordering="percentage")
    def percentage_display(self, obj: TaxRate) -> str:
        return f"{obj.percentage.normalize():f}%"

    @admin.display(description="Charged on")
    def used_on(self, obj: TaxRate) -> str:
        if obj.pk is None:
            return EMPTY
        lines = InvoiceLine.objects.filter(tax_rate=obj)
        count = lines.count()
        if not count:
            return "No invoice yet"
        invoices = lines.values("invoice").distinct().count()
        return f"{count} invoice line(s) on {invoices} invoice(s)"

    @admin.display(description="Records")
    def records(self, obj: TaxRate) -> str:
        return audit_trail_link(obj) if obj.pk else EMPTY

    def get_readonly_fields(self, request: HttpRequest, obj: TaxRate | None = None) -> tuple[str, ...]:
        fixed: tuple[str, ...] = ()
        if obj is not None and InvoiceLine.objects.filter(tax_rate=obj).exists():
            fixed = ("country", "region", "percentage")
        return (*fixed, *self.readonly_fields)

    def has_delete_permission(self, request: HttpRequest, obj: TaxRate | None = None) -> bool:
        return False

    @admin.action(description="Deactivate selected tax rates", permissions=["change"])
    def deactivate_rates(self, request: HttpRequest, queryset: QuerySet[TaxRate]) -> None:
        done = [
            str(tax_rate_deactivate(rate_id=rate.pk, actor=request.user))
            for rate in queryset.filter(active=True).order_by("country", "region")
        ]
        if done:
            self.message_user(request, f"Deactivated {len(done)} tax rate(s): {_listed(done)}.", messages.SUCCESS)
        else:
            self.message_user(request, "The selected tax rates were already inactive.", messages.WARNING)

