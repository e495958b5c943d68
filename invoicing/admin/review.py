"""The review queue in the admin: drafts waiting for a person (auto-send off, or held as an
anomaly), what made them wait, corrections of their lines and notes, and "Approve and send".

Mixed into ``InvoiceAdmin``. Every change goes through a service: line and note edits through
``review.invoice_draft_lines_update`` (one audit record, tax and totals computed again), approval
through ``services.invoice_approve``. Approving needs the change permission on invoices (the
Billing admin role); AR analysts, the CFO and auditors see the queue and the reasons but get no
button, and a POST from them is refused (403)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from audit.admin import admin_changelist_link
from invoicing.choices import InvoiceStatus, LineKind, ReviewStatus
from invoicing.documents.formatting import format_money
from invoicing.drafting.review import (
    AWAITING_REVIEW,
    DraftEditError,
    LineEdit,
    NewLine,
    added_in_review,
    invoice_draft_lines_update,
    line_edit_errors,
    review_queue,
)
from invoicing.exceptions import InvalidInvoiceTransition
from invoicing.models import Invoice, InvoiceLine
from invoicing.services import invoice_approve
from rating import round_money

EMPTY = "-"
QUEUE_PAGE_SIZE = 100


def _money(amount: object, currency: str) -> str:
    """An amount stored in ``hold_details`` (a Decimal, or its string once read back from JSON)."""
    if amount in (None, ""):
        return EMPTY
    try:
        return format_money(Decimal(str(amount)), currency)
    except (ValueError, LookupError, InvalidOperation):
        return f"{amount} {currency}"


def _plain(value: Decimal | None) -> Decimal | None:
    """A decimal without trailing zeros or exponent, for form fields: 400.000000000000 -> 400."""
    return None if value is None else Decimal(format(value.normalize(), "f"))


def awaiting_review(invoice: Invoice) -> bool:
    return invoice.status == InvoiceStatus.DRAFT and invoice.review_status in AWAITING_REVIEW


class ReviewFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [
            ("awaiting", "Awaiting review (held or pending)"),
            (ReviewStatus.HELD, "Held: anomaly"),
            (ReviewStatus.PENDING, "Pending: auto-send off"),
            (ReviewStatus.APPROVED, "Approved by a reviewer"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Invoice]) -> QuerySet[Invoice]:
        value = self.value()
        if value == "awaiting":
            return queryset.filter(status=InvoiceStatus.DRAFT, review_status__in=AWAITING_REVIEW)
        if value in (ReviewStatus.HELD, ReviewStatus.PENDING):
            return queryset.filter(status=InvoiceStatus.DRAFT, review_status=value)
        if value == ReviewStatus.APPROVED:
            return queryset.filter(review_status=value)
        return queryset


# --- editable lines of a draft ------------------------------------------------------------------


class DraftLineForm(forms.ModelForm):
    """One line of a draft. Changing the quantity or unit price without touching the amount
    recomputes the amount (quantity x unit price, rounded once); an amount typed in is billed as
    is. Saved by the service, never by the formset."""

    description = forms.CharField(max_length=300, widget=forms.TextInput(attrs={"size": 36}))
    quantity = forms.DecimalField(max_digits=30, decimal_places=12, widget=forms.TextInput(attrs={"size": 10}))
    unit_price = forms.DecimalField(
        max_digits=28, decimal_places=12, required=False, widget=forms.TextInput(attrs={"size": 9})
    )
    amount = forms.DecimalField(
        max_digits=20, required=False, widget=forms.TextInput(attrs={"size": 10}),
        help_text="Blank, or unchanged after editing quantity or unit price: quantity x unit price.",
    )

    class Meta:
        model = InvoiceLine
        fields = ("description", "quantity", "unit_price", "amount")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        line = self.instance
        if line.pk is None:
            return
        self.initial["quantity"] = _plain(line.quantity)
        self.initial["unit_price"] = _plain(line.unit_price)
        self.initial["amount"] = round_money(line.amount, line.invoice.currency)
        if line.kind == LineKind.CREDIT:  # follows the prepaid credit ledger, not the reviewer
            for field in self.fields.values():
                field.disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        line = self.instance
        if data.get("DELETE"):  # checked by DraftLineFormSet: a form marked for deletion is not validated
            return data
        if self.errors or not self.has_changed():
            return data
        if (
            ({"quantity", "unit_price"} & set(self.changed_data))
            and "amount" not in self.changed_data
            and data.get("unit_price") is not None
        ):
            data["amount"] = None  # recompute from the new quantity or price
        for name, messages_ in line_edit_errors(
            kind=line.kind or LineKind.FIXED, description=data.get("description", ""), quantity=data["quantity"],
            unit_price=data.get("unit_price"), amount=data.get("amount"), currency=self.instance.invoice.currency,
        ).items():
            self.add_error(name if name in self.fields else None, messages_)
        return data

    def line_edit(self) -> LineEdit:
        data = self.cleaned_data
        return LineEdit(
            line_id=self.instance.pk, description=data["description"], quantity=data["quantity"],
            unit_price=data.get("unit_price"), amount=data.get("amount"),
        )

    def new_line(self) -> NewLine:
        data = self.cleaned_data
        return NewLine(
            description=data["description"], quantity=data["quantity"], unit_price=data.get("unit_price"),
            amount=data.get("amount"),
        )


class DraftLineFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        for form in self.forms:
            if self._should_delete_form(form) and form.instance.pk and not added_in_review(form.instance):
                raise ValidationError(
                    f"“{form.instance.description}”: only lines added in review can be removed; "
                    "set the amount to 0 instead."
                )


class DraftInvoiceLineInline(admin.TabularInline):
    """The lines of a draft, editable by whoever may change invoices; issued invoices use the
    read-only inline of ``admin.py``."""

    model = InvoiceLine
    form = DraftLineForm
    formset = DraftLineFormSet
    fields = ("position", "line_code", "kind", "tier", "description", "quantity", "unit_price", "amount",
              "tax_display", "period")
    readonly_fields = ("position", "line_code", "kind", "tier", "tax_display", "period")
    extra = 0
    can_delete = True
    verbose_name = "line"
    verbose_name_plural = (
        "Lines (editable while the invoice is a draft; added lines are one-off charges over the invoice's "
        "period, and only they can be removed)"
    )

    def has_add_permission(self, request: HttpRequest, obj: Invoice | None = None) -> bool:
        return self.has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Invoice | None = None) -> bool:
        return self.has_change_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Invoice | None = None) -> bool:
        if obj is not None and obj.status != InvoiceStatus.DRAFT:
            return False
        return request.user.has_perm("invoicing.change_invoice")

    def get_queryset(self, request: HttpRequest) -> QuerySet[InvoiceLine]:
        return super().get_queryset(request).select_related("invoice")

    @admin.display(description="Tax")
    def tax_display(self, line: InvoiceLine) -> str:
        if line.tax_percentage is None:
            return EMPTY
        return f"{line.tax_name} {line.tax_percentage.normalize():f}%: {_money(line.tax_amount, line.invoice.currency)}"

    @admin.display(description="Period [start, end)")
    def period(self, line: InvoiceLine) -> str:
        return f"{line.period_start} – {line.period_end}"


# --- the mixin -------------------------------------------------------------------------------------


def review_summary_html(invoice: Invoice) -> str:
    """The review state, the reason and the history behind the decision, as the reviewer reads it."""
    if invoice.review_status == ReviewStatus.NOT_REQUIRED:
        return "Not required: sent without review (auto-send on, total in line with the customer's history)."
    details = invoice.hold_details or {}
    currency = invoice.currency
    parts = [format_html("<p><strong>{}</strong>{}</p>", invoice.get_review_status_display(),
                         format_html(": {}", invoice.hold_reason) if invoice.hold_reason else "")]
    history = details.get("history") or []
    if history:
        rows = format_html_join(
            "", '<tr><td>{}</td><td>{}</td><td style="text-align:right">{}</td></tr>',
            ((admin_changelist_link(Invoice, h["number"], q=h["number"]) if h.get("number") else EMPTY,
              h.get("issue_date") or EMPTY, _money(h.get("total"), currency))
             for h in history),
        )
        median = details.get("median")
        footer = format_html(
            '<tr><th colspan="2">Median of the last {}</th><th style="text-align:right">{}</th></tr>',
            details.get("history_size", len(history)),
            _money(median, currency) if median is not None else "not enough history",
        )
        parts.append(format_html(
            '<table style="margin-top:6px"><thead><tr><th>Earlier invoice</th><th>Issued</th>'
            '<th style="text-align:right">Total</th></tr></thead><tbody>{}</tbody><tfoot>{}</tfoot></table>',
            rows, footer,
        ))
    elif details:
        parts.append(format_html("<p>No issued invoices of this customer to compare with.</p>"))
    if details:
        limit = details.get("hold_above")
        parts.append(format_html(
            "<p>This draft: <strong>{}</strong> · held above {}x or under 1/{} of the median · review limit {}</p>",
            _money(details.get("total", invoice.total), currency), details.get("factor", EMPTY),
            details.get("factor", EMPTY), _money(limit, currency) if limit is not None else "none",
        ))
    if invoice.reviewed_by:
        parts.append(format_html("<p>Approved by {} at {}.</p>", invoice.reviewed_by, invoice.reviewed_at))
    return format_html_join("", "{}", ((p,) for p in parts))


class InvoiceReviewAdminMixin:
    """Adds the review queue to an ``Invoice`` ModelAdmin (``admin.py``'s ``InvoiceAdmin``)."""

    change_list_template = "admin/invoicing/review_change_list.html"

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        extra_context = {
            "review_queue_url": reverse("admin:invoicing_invoice_review"),
            "review_queue_count": review_queue().count(),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)  # type: ignore[misc]

    # --- who may approve ------------------------------------------------------------------------

    def can_approve(self, request: HttpRequest, invoice: Invoice | None = None) -> bool:
        if not request.user.has_perm("invoicing.change_invoice"):
            return False
        return invoice is None or awaiting_review(invoice)

    # --- the change page --------------------------------------------------------------------------

    def get_fieldsets(self, request: HttpRequest, obj: Invoice | None = None) -> list[tuple[Any, dict[str, Any]]]:
        fieldsets = list(super().get_fieldsets(request, obj))  # type: ignore[misc]
        if obj is None:
            return fieldsets
        present = set(flatten_fieldsets(fieldsets))
        fields: list[str] = ["review_summary"]
        if self.can_approve(request, obj):
            fields.append("approve_button")
        if "notes" not in present:  # unless the invoice admin shows it already
            fields.append("notes")
        fieldsets.insert(1, ("Review", {"fields": fields}))
        return fieldsets

    def get_readonly_fields(self, request: HttpRequest, obj: Invoice | None = None) -> tuple[str, ...]:
        readonly = tuple(super().get_readonly_fields(request, obj))  # type: ignore[misc]
        if obj is not None and awaiting_review(obj):
            # Ticking auto-send on a held draft would send it without review: approving is the way.
            readonly += ("auto_send",)
        return (*readonly, "review_summary", "approve_button")

    def get_inlines(self, request: HttpRequest, obj: Invoice | None) -> list[type]:
        inlines = list(super().get_inlines(request, obj))  # type: ignore[misc]
        if obj is None or obj.status != InvoiceStatus.DRAFT:
            return inlines
        return [
            DraftInvoiceLineInline if getattr(inline, "model", None) is InvoiceLine else inline for inline in inlines
        ]

    @admin.display(description="Review")
    def review_summary(self, obj: Invoice) -> str:
        return review_summary_html(obj) if obj.pk else EMPTY

    @admin.display(description="Approve")
    def approve_button(self, obj: Invoice) -> str:
        return format_html(
            '<button type="submit" name="_approve" value="1" class="button default" '
            'style="float:none; margin:0">Approve and send</button>'
            '<div class="help" style="margin-left:0">Saves your changes to the lines and notes, then issues the '
            "invoice (number, issue and due date) and emails it to {}.</div>",
            obj.customer.email or "the customer's billing contacts",
        )

    def save_model(self, request: HttpRequest, obj: Invoice, form: forms.ModelForm, change: bool) -> None:
        if change and obj.status == InvoiceStatus.DRAFT and "notes" in form.changed_data:
            # Notes are saved with the line edits by the service (one audit record) in save_related.
            obj.notes = form.initial.get("notes", "")
        super().save_model(request, obj, form, change)  # type: ignore[misc]

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: list[Any], change: bool) -> None:
        edits = [fs for fs in formsets if isinstance(getattr(fs, "form", None), type) and
                 issubclass(fs.form, DraftLineForm)]
        super().save_related(request, form, [fs for fs in formsets if fs not in edits], change)  # type: ignore[misc]
        for formset in edits:
            formset.save(commit=False)  # saves nothing: notes what changed for the admin's change message
        invoice: Invoice = form.instance
        if invoice.status != InvoiceStatus.DRAFT:
            return
        forms_ = [f for fs in edits for f in fs.forms]
        deleted = [f for f in forms_ if f.cleaned_data.get("DELETE")]
        lines = [f.line_edit() for f in forms_ if f.instance.pk and f.has_changed() and f not in deleted]
        add = [f.new_line() for f in forms_ if f.instance.pk is None and f.has_changed() and f not in deleted]
        remove = [f.instance.pk for f in deleted if f.instance.pk]
        notes = form.cleaned_data.get("notes") if "notes" in form.changed_data else None
        if not lines and not add and not remove and notes is None:
            return
        try:
            updated = invoice_draft_lines_update(
                invoice_id=invoice.pk, lines=lines, notes=notes, add=add, remove=remove, actor=request.user
            )
        except (DraftEditError, InvalidInvoiceTransition) as exc:
            self.message_user(request, f"The lines were not changed: {exc}", messages.ERROR)  # type: ignore[attr-defined]
            return
        self.message_user(  # type: ignore[attr-defined]
            request,
            f"Draft updated: subtotal {_money(updated.subtotal, updated.currency)}, tax "
            f"{_money(updated.tax, updated.currency)}, total {_money(updated.total, updated.currency)}.",
            messages.SUCCESS,
        )

    def response_change(self, request: HttpRequest, obj: Invoice) -> HttpResponse:
        if "_approve" not in request.POST:
            return super().response_change(request, obj)  # type: ignore[misc]
        if not self.can_approve(request):
            raise PermissionDenied
        return self._approve_and_redirect(request, obj.pk, back=self._change_url(obj.pk))

    # --- the queue, the approve endpoint and the bulk action --------------------------------------

    def get_urls(self) -> list[Any]:
        admin_site = self.admin_site  # type: ignore[attr-defined]
        return [
            path("review/", admin_site.admin_view(self.review_queue_view), name="invoicing_invoice_review"),
            path("<int:object_id>/approve/", admin_site.admin_view(self.approve_view),
                 name="invoicing_invoice_approve"),
            *super().get_urls(),  # type: ignore[misc]
        ]

    def get_list_filter(self, request: HttpRequest) -> tuple[Any, ...]:
        return (ReviewFilter, *super().get_list_filter(request))  # type: ignore[misc]

    def get_list_display(self, request: HttpRequest) -> tuple[Any, ...]:
        return (*super().get_list_display(request), "review_state")  # type: ignore[misc]

    @admin.display(description="Review", ordering="review_status")
    def review_state(self, obj: Invoice) -> str:
        if not awaiting_review(obj):
            return ""
        label = "Held" if obj.review_status == ReviewStatus.HELD else "Pending"
        return format_html('<span title="{}">{}</span>', obj.hold_reason, label)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)  # type: ignore[misc]
        if IS_POPUP_VAR not in request.GET and self.can_approve(request):
            actions["approve_and_send"] = self.get_action("approve_and_send")  # type: ignore[attr-defined]
        return actions

    @admin.action(description="Approve and send selected drafts awaiting review")
    def approve_and_send(self, request: HttpRequest, queryset: QuerySet[Invoice]) -> None:
        if not self.can_approve(request):
            raise PermissionDenied
        self._each_invoice(  # type: ignore[attr-defined]
            request, queryset,
            skip=lambda i: None if awaiting_review(i) else "not a draft awaiting review",
            act=lambda i: invoice_approve(invoice_id=i.pk, actor=request.user),
            done_message="Approved and issued",
            describe=lambda i: f"{i.number} (due {i.due_date})",
        )

    def review_queue_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):  # type: ignore[attr-defined]
            raise PermissionDenied
        page = Paginator(review_queue(), QUEUE_PAGE_SIZE).get_page(request.GET.get("p"))
        rows = []
        for invoice in page.object_list:
            details = invoice.hold_details or {}
            median = details.get("median")
            rows.append({
                "invoice": invoice,
                "url": self._change_url(invoice.pk),
                "approve_url": reverse("admin:invoicing_invoice_approve", args=[invoice.pk]),
                "total": _money(invoice.total, invoice.currency),
                "history": [_money(h.get("total"), invoice.currency) for h in details.get("history") or []],
                "median": _money(median, invoice.currency) if median is not None else EMPTY,
            })
        changelist = reverse("admin:invoicing_invoice_changelist")
        context = {
            **self.admin_site.each_context(request),  # type: ignore[attr-defined]
            "title": "Invoices awaiting review",
            "opts": Invoice._meta,
            "rows": rows,
            "page": page,
            "can_approve": self.can_approve(request),
            "changelist_url": f"{changelist}?{urlencode({'review': 'awaiting'})}",
            "queue_url": reverse("admin:invoicing_invoice_review"),
        }
        return TemplateResponse(request, "admin/invoicing/review_queue.html", context)

    def approve_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.can_approve(request):
            raise PermissionDenied
        get_object_or_404(Invoice, pk=object_id)
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("admin:invoicing_invoice_review")
        return self._approve_and_redirect(request, object_id, back=back)

    def _approve_and_redirect(self, request: HttpRequest, invoice_id: int, *, back: str) -> HttpResponse:
        try:
            invoice = invoice_approve(invoice_id=invoice_id, actor=request.user)
        except InvalidInvoiceTransition as exc:
            self.message_user(request, str(exc), messages.ERROR)  # type: ignore[attr-defined]
            return HttpResponseRedirect(back)
        self.message_user(  # type: ignore[attr-defined]
            request,
            f"Approved and issued {invoice.number} ({_money(invoice.total, invoice.currency)}, due {invoice.due_date});"
            " it is being emailed to the customer.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:invoicing_invoice_review"))

    @staticmethod
    def _change_url(invoice_id: int) -> str:
        return reverse("admin:invoicing_invoice_change", args=[invoice_id])

