"""Credit notes in the back office: read-only notes (lines inline, PDF), and the "Issue credit note"
form reached from an open or paid invoice, which calls ``credit_note_issue`` and shows its field
errors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html

from audit.admin import (
    EMPTY,
    ReadOnlyHistoryAdmin,
    ReadOnlyInlineMixin,
    admin_change_link,
    audit_trail_link,
    join_links,
)
from invoicing.admin.common import money
from invoicing.choices import CreditNoteReason
from invoicing.credit_notes.pdf import credit_note_pdf_store
from invoicing.credit_notes.services import (
    CREDITABLE_STATUSES,
    CreditableLine,
    CreditNoteInvalid,
    credit_note_issue,
    invoice_credit_room,
    invoice_creditable_lines,
)
from invoicing.documents.formatting import format_period
from invoicing.exceptions import InvalidInvoiceTransition
from invoicing.models import CreditNote, CreditNoteLine, Invoice

ISSUE_PERMISSION = "invoicing.add_creditnote"


class CreditNoteLineInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = CreditNoteLine
    fields = ("position", "description", "invoice_line", "amount_display", "tax_rate", "tax_display")
    readonly_fields = fields

    @admin.display(description="Amount (before tax)")
    def amount_display(self, line: CreditNoteLine) -> str:
        return money(line.amount, line.credit_note.currency)

    @admin.display(description="Tax rate")
    def tax_rate(self, line: CreditNoteLine) -> str:
        if line.tax_percentage is None:
            return EMPTY
        return f"{line.tax_name} {line.tax_percentage.normalize():f}%".strip()

    @admin.display(description="Tax")
    def tax_display(self, line: CreditNoteLine) -> str:
        return money(line.tax_amount, line.credit_note.currency)

    def get_queryset(self, request: HttpRequest) -> QuerySet[CreditNoteLine]:
        return super().get_queryset(request).select_related("credit_note", "invoice_line")


@admin.register(CreditNote)
class CreditNoteAdmin(ReadOnlyHistoryAdmin):
    """Issued from an invoice's page ("Issue a credit note"); never edited, never deleted."""

    list_display = (
        "number", "invoice", "customer", "issue_date", "reason", "total_display", "credited_display",
        "refund_display",
    )
    list_filter = ("reason", "currency")
    list_select_related = ("invoice", "customer")
    search_fields = ("=number", "=invoice__number", "customer__name", "=customer__external_id")
    search_help_text = "Credit note or invoice number, customer external id (exact), or customer name."
    date_hierarchy = "issue_date"
    inlines = (CreditNoteLineInline,)
    fields = (
        "number", "invoice_link", "customer", "issue_date", "reason", "memo", "subtotal_display", "tax_display",
        "total_display", "credited_display", "refund_display", "created_by", "created_at", "documents", "records",
    )
    readonly_fields = fields

    @admin.display(description="Invoice")
    def invoice_link(self, obj: CreditNote) -> str:
        return admin_change_link(obj.invoice)

    @admin.display(description="Subtotal")
    def subtotal_display(self, obj: CreditNote) -> str:
        return money(obj.subtotal, obj.currency)

    @admin.display(description="Tax")
    def tax_display(self, obj: CreditNote) -> str:
        return money(obj.tax, obj.currency)

    @admin.display(description="Total", ordering="total")
    def total_display(self, obj: CreditNote) -> str:
        return money(obj.total, obj.currency)

    @admin.display(description="Off the amount due", ordering="credited_to_balance")
    def credited_display(self, obj: CreditNote) -> str:
        return money(obj.credited_to_balance, obj.currency)

    @admin.display(description="To refund", ordering="refund_amount")
    def refund_display(self, obj: CreditNote) -> str:
        return money(obj.refund_amount, obj.currency)

    @admin.display(description="PDF")
    def documents(self, obj: CreditNote) -> str:
        url = reverse("admin:invoicing_creditnote_pdf", args=[obj.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">PDF</a>', url)

    @admin.display(description="Related")
    def records(self, obj: CreditNote) -> str:
        links = [audit_trail_link(obj)]
        if obj.refund_amount:
            try:  # receivables makes the refunds; link to them without importing its models
                url = reverse("admin:receivables_refund_changelist")
            except NoReverseMatch:
                pass
            else:
                links.append(format_html('<a href="{}?q={}">Refunds</a>', url, obj.number))
        return join_links(*links)

    # --- extra views -------------------------------------------------------------------------

    def get_urls(self) -> list[Any]:
        extra = [
            path(
                "<int:credit_note_id>/pdf/", self.admin_site.admin_view(self.pdf_view), name="invoicing_creditnote_pdf"
            ),
            path(
                "issue/<int:invoice_id>/",
                self.admin_site.admin_view(self.issue_view),
                name="invoicing_creditnote_issue",
            ),
        ]
        return extra + super().get_urls()

    def pdf_view(self, request: HttpRequest, credit_note_id: int) -> FileResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        note = get_object_or_404(CreditNote.objects.select_related("invoice"), pk=credit_note_id)
        credit_note_pdf_store(credit_note=note)
        return FileResponse(note.pdf.open("rb"), content_type="application/pdf", filename=f"{note.number}.pdf")

    def issue_view(self, request: HttpRequest, invoice_id: int) -> HttpResponse:
        if not request.user.has_perm(ISSUE_PERMISSION):
            raise PermissionDenied
        invoice = get_object_or_404(Invoice.objects.select_related("customer"), pk=invoice_id)
        invoice_url = reverse("admin:invoicing_invoice_change", args=[invoice.pk])
        if invoice.status not in CREDITABLE_STATUSES:
            self.message_user(
                request, f"{invoice} is {invoice.get_status_display().lower()}: only open or paid invoices take "
                "credit notes.", messages.ERROR,
            )
            return HttpResponseRedirect(invoice_url)
        creditable = [c for c in invoice_creditable_lines(invoice) if c.amount > 0]
        form = CreditNoteIssueForm(request.POST or None, creditable=creditable, currency=invoice.currency)
        if request.method == "POST" and form.is_valid():
            try:
                note = credit_note_issue(
                    invoice_id=invoice.pk,
                    amount=form.cleaned_data["amount"],
                    lines=form.requested_lines(),
                    reason=form.cleaned_data["reason"],
                    memo=form.cleaned_data["memo"],
                    actor=request.user,
                )
            except CreditNoteInvalid as exc:
                form.add_service_errors(exc.fields)
            except InvalidInvoiceTransition as exc:
                form.add_error(None, str(exc))
            else:
                self.message_user(
                    request,
                    f"Issued credit note {note.number} for {money(note.total, note.currency)}: "
                    f"{money(note.credited_to_balance, note.currency)} off the amount due, "
                    f"{money(note.refund_amount, note.currency)} to refund.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:invoicing_creditnote_change", args=[note.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Issue a credit note on {invoice}",
            "opts": self.model._meta,
            "invoice": invoice,
            "invoice_url": invoice_url,
            "form": form,
            "rows": form.line_rows(),
            "figures": [
                ("Total (tax included)", money(invoice.total, invoice.currency)),
                ("Paid", money(invoice.amount_paid, invoice.currency)),
                ("Credited so far", money(invoice.total - invoice_credit_room(invoice), invoice.currency)),
                ("Amount due", money(invoice.amount_due, invoice.currency)),
                ("Left to credit (tax included)", money(invoice_credit_room(invoice), invoice.currency)),
            ],
        }
        return render(request, "admin/invoicing/credit_note_issue.html", context)


class CreditNoteIssueForm(forms.Form):
    """An amount spread over the lines, or an amount per line (pre-tax); tax is added per line."""

    amount = forms.DecimalField(
        required=False, min_value=Decimal("0.01"), max_digits=20, decimal_places=4,
        help_text="Before tax, spread over the lines in proportion to what is left on each. Leave empty to credit "
        "by line below.",
    )
    reason = forms.ChoiceField(choices=CreditNoteReason.choices)
    memo = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
                           help_text="Printed on the credit note.")

    def __init__(self, *args: Any, creditable: list[CreditableLine], currency: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.creditable = creditable
        self.currency = currency
        for entry in creditable:
            self.fields[self._name(entry)] = forms.DecimalField(
                required=False, min_value=Decimal("0.01"), max_digits=20, decimal_places=4,
                label=entry.line.description,
            )

    @staticmethod
    def _name(entry: CreditableLine) -> str:
        return f"line_{entry.line.pk}"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        by_line = any(cleaned.get(self._name(entry)) is not None for entry in self.creditable)
        if cleaned.get("amount") is not None and by_line:
            self.add_error("amount", "Give an amount or amounts per line, not both.")
        elif cleaned.get("amount") is None and not by_line and not self.errors:
            self.add_error("amount", "Give an amount, or an amount on at least one line.")
        return cleaned

    def requested_lines(self) -> list[dict[str, object]] | None:
        if self.cleaned_data.get("amount") is not None:
            return None
        return [
            {"invoice_line_id": entry.line.pk, "amount": self.cleaned_data[self._name(entry)]}
            for entry in self.creditable
            if self.cleaned_data.get(self._name(entry)) is not None
        ]

    def add_service_errors(self, fields: dict[str, list[str]]) -> None:
        """Put the service's field errors (``amount``, ``lines[1].amount``) on this form's fields."""
        requested = self.requested_lines() or []
        names = {f"lines[{i}]": f"line_{item['invoice_line_id']}" for i, item in enumerate(requested)}
        for key, messages_ in fields.items():
            base = key.split(".")[0]
            field = names.get(base) or (key if key in ("amount", "reason", "memo") else None)
            for message in messages_:
                self.add_error(field, message)

    def line_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "description": entry.line.description,
                "period": format_period(entry.line.period_start, entry.line.period_end, compact=True),
                "amount": money(entry.line.amount, self.currency),
                "left": money(entry.amount, self.currency),
                "tax": f"{entry.line.tax_percentage.normalize():f}%" if entry.line.tax_percentage is not None else "",
                "field": self[self._name(entry)],
            }
            for entry in self.creditable
        ]
